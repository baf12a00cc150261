import StocktakeModel

/// What ingesting one file saw: provenance (hash, size, format, dialect) and the row counts.
///
/// Invariant: `rowsRead == rowsAccepted + rowsRejected`. Rows are data records (the header and lines before it
/// excluded, empty lines excluded). An accepted row may give zero records (a labour row whose value is missing,
/// a respondent who answered no skill) or several (a wide survey row, a Eurostat TSV row): see `recordsEmitted`.
public struct IngestReport: Sendable, Hashable, Codable {
    /// Path as given to the ingestor.
    public var file: String
    /// Format actually read (`auto` resolved).
    public var format: InputFormat
    /// Encoding the bytes were decoded with (the declared one, or the UTF-8 default).
    public var encoding: TextEncoding
    /// Encoding the first bytes read as (`EncodingDetector`); nil when they are plain ASCII (every encoding reads
    /// them alike).
    public var detectedEncoding: TextEncoding?
    /// Problems that reject nothing (`encoding-mismatch`), in file order.
    public var warnings: [IngestWarning]
    /// Whether the file started with a UTF-8 byte-order mark.
    public var bom: Bool
    /// Whether the file was gzip-compressed.
    public var gzip: Bool
    /// Delimiter name: `,` `;` `tab` `|`.
    public var delimiter: String
    /// Decimal separator used for numbers.
    public var decimal: String
    /// Data records read.
    public var rowsRead: Int
    /// Rows that passed validation.
    public var rowsAccepted: Int
    /// Rows rejected (one reject per row: the first problem found).
    public var rowsRejected: Int
    /// Rejected rows per error code.
    public var rejectsByCode: [String: Int]
    /// Accepted rows that gave no record, per reason (`missing-value`, `other-country`, `aggregate-area`,
    /// `breakdown`, `no-answers`).
    public var skippedByReason: [String: Int]
    /// Records handed to `onRecord`.
    public var recordsEmitted: Int
    /// Header names as written.
    public var columns: [String]
    /// Lowercase hex SHA-256 of the file's bytes as stored (compressed, when gzip).
    public var sha256: String
    /// File size in bytes as stored.
    public var sizeBytes: Int
    /// Eurostat `LAST UPDATE` (the latest seen), when the file has that column.
    public var lastUpdate: String?
    /// Eurostat dataset / ILOSTAT indicator codes seen (sorted, at most 20).
    public var datasets: [String]
    /// Physical lines in the (decompressed) file.
    public var physicalLines: Int
    /// Empty lines skipped (not counted as rows).
    public var blankLines: Int
    /// Source note from the pipeline YAML.
    public var source: String?
    /// Licence from the pipeline YAML.
    public var licence: String?

    public init(file: String, format: InputFormat) {
        self.file = file
        self.format = format
        encoding = .utf8
        detectedEncoding = nil
        warnings = []
        bom = false
        gzip = false
        delimiter = ","
        decimal = "."
        rowsRead = 0
        rowsAccepted = 0
        rowsRejected = 0
        rejectsByCode = [:]
        skippedByReason = [:]
        recordsEmitted = 0
        columns = []
        sha256 = ""
        sizeBytes = 0
        lastUpdate = nil
        datasets = []
        physicalLines = 0
        blankLines = 0
        source = nil
        licence = nil
    }

    /// Accepted rows that gave no record (missing values, breakdowns, aggregates, other series, ...).
    public var rowsSkipped: Int { skippedByReason.values.reduce(0, +) }
    /// Accepted rows that were used: rows read = used + skipped + rejected.
    public var rowsUsed: Int { rowsAccepted - rowsSkipped }

    /// Share of rows rejected, 0 when no row was read.
    public var rejectRatio: Double { rowsRead == 0 ? 0 : Double(rowsRejected) / Double(rowsRead) }
}

/// A file-level ingest failure: the whole file is unusable. Carries a `Reject` with the location and code.
///
/// The runner maps `status` to the exit code: 66 for a missing or unreadable file, 65 for everything else.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reject: Reject
    public var status: ExitStatus

    public init(_ reject: Reject, status: ExitStatus = .dataError) {
        self.reject = reject
        self.status = status
    }

    public init(file: String, line: Int = 0, column: Int = 0, code: ErrorCode, _ message: String, columnName: String? = nil) {
        self.init(Reject(location: SourceLocation(file: file, line: line, column: column), code: code,
                         message: message, columnName: columnName))
    }

    public var code: ErrorCode { reject.code }
    public var description: String { reject.description }
}
