/// The catalogue of data-quality error codes, modelled on the Frictionless error reference.
///
/// File-level codes stop the file (it is rejected whole, exit 65 or 66); row-level codes reject one row, which is
/// kept in the rejects table. The raw values are stable identifiers used in `rejects.csv` and the store.
public enum ErrorCode: String, Sendable, Codable, CaseIterable, Comparable {
    // File level
    case fileError = "file-error"                 // cannot open or read
    case emptyFile = "empty-file"                 // zero bytes or no records
    case formatError = "format-error"             // binary garbage, not a delimited text file, unknown format
    case encodingError = "encoding-error"         // bytes invalid in the configured encoding
    case compressionError = "compression-error"   // broken gzip stream
    case blankHeader = "blank-header"             // header row is empty
    case blankLabel = "blank-label"               // one header cell is empty
    case duplicateHeader = "duplicate-header"     // two header cells with the same (folded) name
    case missingColumn = "missing-column"         // a required column is absent
    case tooManyRejects = "too-many-rejects"      // reject ratio above max_reject_ratio
    // Row level
    case blankRow = "blank-row"
    case extraCell = "extra-cell"
    case missingCell = "missing-cell"
    case typeError = "type-error"
    case constraintError = "constraint-error"
    case requiredValue = "required-value"
    case uniqueError = "unique-error"
    case unclosedQuote = "unclosed-quote"
    case malformedQuote = "malformed-quote"
    case lineTooLong = "line-too-long"
    case unknownCountry = "unknown-country"
    case unknownClassification = "unknown-classification"   // a breakdown code (ILOSTAT classif) that is no known classification

    public static func < (lhs: ErrorCode, rhs: ErrorCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
