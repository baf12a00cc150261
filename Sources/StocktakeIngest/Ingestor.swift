import StocktakeModel

/// Reads input files into validated survey and labour records, streaming (memory bounded by the chunk size,
/// the longest record and the distinct values of the file, never by its row count).
///
/// Every data row ends up either accepted (zero or more records) or rejected (one `Reject`, the first problem
/// found, with the physical line where the record starts and the 1-based field number). File-level problems throw:
/// `StocktakeError` with status `.noInput` for a missing or unreadable file, `IngestError` for everything else.
public enum Ingestor {
    /// Reads a survey file (`stocktake-survey`, `limesurvey`, `kobo`, or `auto`).
    ///
    /// - Parameters:
    ///   - spec: The input entry; `spec.path` must already be resolved against the pipeline file.
    ///   - defaultCountry: ISO alpha-2 code of the country block the input belongs to (nil for multi-country files).
    ///     `spec.country` wins over it.
    ///   - onRecord: Called for every accepted record, in file order.
    ///   - onReject: Called for every rejected row, in file order.
    /// - Returns: The counts and provenance of the file.
    /// - Throws: `StocktakeError` (`.noInput`), `IngestError` (file-level problem), or what the callbacks throw.
    public static func readSurvey(
        _ spec: InputSpec, defaultCountry: String?,
        onRecord: (SurveyRecord) throws -> Void, onReject: (Reject) throws -> Void
    ) throws -> IngestReport {
        let input = try PreparedInput(spec: spec, kind: .survey, defaultCountry: defaultCountry)
        return try readSurvey(input, onRecord: onRecord, onReject: onReject)
    }

    static func readSurvey(
        _ input: PreparedInput, onRecord: (SurveyRecord) throws -> Void, onReject: (Reject) throws -> Void
    ) throws -> IngestReport {
        let spec = input.spec
        switch input.format {
        case .stocktakeSurvey:
            return try NativeSurveyReader(input: input).run(onRecord: onRecord, onReject: onReject)
        case .limesurvey, .kobo:
            guard let mapping = spec.mapping else {
                throw IngestError(file: spec.path, line: input.headerRow, code: .missingColumn,
                                  "a \(input.format.rawValue) export needs a `mapping:` in the pipeline input (see docs/input-formats.md)")
            }
            return try WideSurveyReader(input: input, mapping: mapping).run(onRecord: onRecord, onReject: onReject)
        default:
            throw IngestError(file: spec.path, line: input.headerRow, code: .formatError,
                              "this is a \(input.format.rawValue) file (labour statistics), but the input says kind: survey")
        }
    }

    /// Reads a survey file straight into an aggregate by the texts as written (country × sector × skill, and
    /// distinct respondents per country × sector): the fast path for large native files (integer keys, no record
    /// objects kept). Other survey formats go through `readSurvey` and are aggregated by text.
    ///
    /// - Parameter keyer: computes each respondent's record key for the cell keys of the cell key perturbation
    ///   (`SurveyCellStats.cellKey`); nil leaves every key 0.
    /// - Returns: The ingest report (same counts as `readSurvey`) and the aggregate.
    /// - Throws: as `readSurvey`.
    public static func aggregateSurvey(
        _ spec: InputSpec, defaultCountry: String?, skillCell: @escaping SkillCell = labelCell,
        keyer: RecordKeyer? = nil, onReject: (Reject) throws -> Void
    ) throws -> (report: IngestReport, aggregate: SurveyRawAggregate) {
        let input = try PreparedInput(spec: spec, kind: .survey, defaultCountry: defaultCountry)
        if input.format == .stocktakeSurvey {
            let (report, aggregate) = try NativeSurveyReader(input: input, skillCell: skillCell, keyer: keyer)
                .runAggregating(onReject: onReject)
            return (report, aggregate)
        }
        var builder = SurveyAggregateBuilder(keyer: keyer)
        let report = try readSurvey(input, onRecord: { builder.add($0, skillCell: skillCell) }, onReject: onReject)
        return (report, builder.build())
    }

    /// The cell a survey skill label belongs to: labels with the same key are one cell, in which each respondent
    /// counts once (their answers to those labels are averaged). The runner passes the taxonomy's normalized skill,
    /// so that answers to "apply HACCP" and "apply health and safety standards" (both ESCO S3.3.1) combine.
    public typealias SkillCell = @Sendable (String) -> String

    /// Each label its own cell (no taxonomy).
    public static let labelCell: SkillCell = { $0 }

    /// Reads a labour-statistics file (`stocktake-labour`, `eurostat-sdmx`, `eurostat-tsv`, `ilostat`, `ddf`, `auto`).
    ///
    /// Missing values (`:`, `..`, empty, `dialect.missing` tokens) are accepted and skipped (counted under
    /// `skippedByReason["missing-value"]`); rows of another country than the input's are skipped too.
    ///
    /// - Parameters: as `readSurvey`.
    /// - Throws: `StocktakeError` (`.noInput`), `IngestError` (file-level problem), or what the callbacks throw.
    public static func readLabour(
        _ spec: InputSpec, defaultCountry: String?,
        onRecord: (LabourRecord) throws -> Void, onReject: (Reject) throws -> Void
    ) throws -> IngestReport {
        let input = try PreparedInput(spec: spec, kind: .labour, defaultCountry: defaultCountry)
        return try readLabour(input, onRecord: onRecord, onReject: onReject)
    }

    static func readLabour(
        _ input: PreparedInput, onRecord: (LabourRecord) throws -> Void, onReject: (Reject) throws -> Void
    ) throws -> IngestReport {
        let spec = input.spec
        switch input.format {
        case .stocktakeLabour, .eurostatSDMX, .ilostat, .ddf:
            return try LabourReader(input: input).run(onRecord: onRecord, onReject: onReject)
        case .eurostatTSV:
            return try EurostatTSVReader(input: input).run(onRecord: onRecord, onReject: onReject)
        default:
            throw IngestError(file: spec.path, line: input.headerRow, code: .formatError,
                              "this is a \(input.format.rawValue) file (survey answers), but the input says kind: labour")
        }
    }

    /// A labour file read into series, as `run` and `inspect` both count it.
    public struct LabourFile: Sendable {
        public var report: IngestReport
        public var collector: LabourCollector
        /// Records of countries outside `countries` (not collected; counted as used rows of the file).
        public var outOfScope: Int
    }

    /// Reads a labour file into series (`readLabour`), rejecting a value that repeats a (series, period) of the same
    /// file (`unique-error`, the first value kept) so that the ledger says what the series hold.
    ///
    /// - Parameter countries: the countries to collect; nil collects every country (`inspect`).
    public static func collectLabour(
        _ spec: InputSpec, defaultCountry: String?, countries: Set<String>?, onReject: (Reject) throws -> Void
    ) throws -> LabourFile {
        let input = try PreparedInput(spec: spec, kind: .labour, defaultCountry: defaultCountry)
        return try collectLabour(input, countries: countries, onReject: onReject)
    }

    /// - Parameter keepValues: false keeps only which (series, period) pairs were given (`LabourKeySet`, for
    ///   `inspect`): the same rejects, in memory that grows with series and distinct periods, not with values.
    static func collectLabour(
        _ input: PreparedInput, countries: Set<String>?, keepValues: Bool = true, onReject: (Reject) throws -> Void
    ) throws -> LabourFile {
        var collector = LabourCollector()
        var given = LabourKeySet()
        var duplicates = 0
        var outOfScope = 0
        // Rows come country by country: the last country's verdict saves a hash per record.
        var lastCountry = "", lastInScope = false
        var report = try readLabour(
            input,
            onRecord: { record in
                if record.country != lastCountry {
                    lastCountry = record.country
                    lastInScope = countries?.contains(record.country) ?? true
                }
                guard lastInScope else {
                    outOfScope += 1
                    return
                }
                if !(keepValues ? collector.add(record) : given.insert(record)) {
                    duplicates += 1
                    try onReject(Reject(
                        location: SourceLocation(file: input.file, line: record.line, column: 0), code: .uniqueError,
                        message: "\(record.country) \(record.sector) \(record.indicator.rawValue) \(record.period) (\(record.unit)) is given twice; the first value is kept"))
                }
            },
            onReject: onReject)
        report.rowsAccepted -= duplicates
        report.rowsRejected += duplicates
        report.recordsEmitted -= duplicates
        if duplicates > 0 { report.rejectsByCode[ErrorCode.uniqueError.rawValue, default: 0] += duplicates }
        return LabourFile(report: report, collector: collector, outOfScope: outOfScope)
    }

    /// Detects the format of a header (folded names as in `HeaderName.fold`), or nil when unknown.
    /// The SHA-256 of a file's bytes as stored (compressed or not), lower-case hex — the hash `IngestReport.sha256`
    /// records for an input.
    public static func sha256(path: String) throws -> String {
        try FileProbe.hash(path: path)
    }

    public static func detectFormat(header: [String]) -> InputFormat? {
        FormatDetector.detect(header: header)
    }
}

/// A probed input with its dialect, header and format settled; shared by the readers.
struct PreparedInput {
    var spec: InputSpec
    var probe: FileProbe
    var dialect: CSVDialect
    var numbers: NumberParser
    var missingTokens: Set<String>
    var headerRow: Int
    var header: [String]
    var format: InputFormat
    /// Effective country of the input (spec.country, else the country block's), ISO alpha-2.
    var country: String?
    /// Whether a native survey may lack the country column even with no country given (inspect only).
    var allowMissingCountry = false
    /// Unnamed columns after the last named one (a delimiter at the end of every line): not in `header`, ignored;
    /// a row with a value in one of them is rejected (`extra-cell`).
    var ignoredTrailingColumns = 0
    /// Problems that reject nothing (`encoding-mismatch`, `empty-trailing-columns`); copied into every report.
    var warnings: [IngestWarning] = []

    var file: String { spec.path }

    /// - Parameter unknownFormat: the format to read the file as when `spec.format` is `auto` and the header
    ///   matches no known format (`inspect` passes `.auto`); nil: that is a `format-error`.
    init(
        spec: InputSpec, kind: InputKind, defaultCountry: String?, allowMissingCountry: Bool = false,
        probe existing: FileProbe? = nil, unknownFormat: InputFormat? = nil
    ) throws {
        self.spec = spec
        self.allowMissingCountry = allowMissingCountry
        probe = try existing ?? FileProbe(path: spec.path)
        // The same encoding check for `run`, `validate` and `inspect`: bytes no supported encoding reads plausibly
        // stop the file; a declared encoding (or the UTF-8 default) the bytes disagree with is read as declared,
        // with a warning.
        if let refusal = probe.encoding.refusal(file: spec.path) { throw refusal }
        let encoding = spec.dialect.encoding ?? .utf8
        if let warning = probe.encoding.mismatchWarning(file: spec.path, declared: encoding,
                                                         isDefault: spec.dialect.encoding == nil) {
            warnings.append(warning)
        }
        var delimiter = spec.dialect.delimiterByte
        if delimiter == nil {
            if spec.format == .eurostatTSV || FormatDetector.looksLikeEurostatTSV(probe.firstLine) {
                delimiter = 9
            } else {
                delimiter = probe.sniffDelimiter()
            }
        }
        dialect = CSVDialect(delimiter: delimiter!, quote: spec.dialect.quoteByte, encoding: encoding)
        numbers = NumberParser(dialect: spec.dialect)
        missingTokens = Set([":", "..", "-", "", "n/a", "N/A"] + (spec.dialect.missing ?? []))
        headerRow = max(1, spec.dialect.headerRow ?? 1)
        if let code = spec.country ?? defaultCountry {
            guard let resolved = Countries.resolve(code) else {
                throw IngestError(file: spec.path, code: .unknownCountry,
                                  "the input's country `\(code)` is not an ISO 3166 code or country name")
            }
            country = resolved
        } else {
            country = nil
        }
        (header, ignoredTrailingColumns) = try PreparedInput.readHeader(path: spec.path, dialect: dialect, headerRow: headerRow)
        if ignoredTrailingColumns > 0 {
            let first = header.count + 1, last = header.count + ignoredTrailingColumns
            warnings.append(IngestWarning(
                location: SourceLocation(file: spec.path, line: headerRow, column: first), code: .emptyTrailingColumns,
                message: (first == last ? "column \(first) has" : "columns \(first)–\(last) have")
                    + " no name (a delimiter at the end of the line): ignored; a row with a value there is rejected (extra-cell)"))
        }
        if spec.format == .auto {
            guard let detected = FormatDetector.detect(header: header) ?? unknownFormat else {
                throw IngestError(file: spec.path, line: headerRow, code: .formatError,
                                  "the header matches no known format: set `format:` in the pipeline input (see docs/input-formats.md)")
            }
            format = detected
        } else {
            format = spec.format
        }
        _ = kind
    }

    /// A fresh report with the provenance filled in.
    func makeReport(summary: CSVReadSummary? = nil) -> IngestReport {
        var report = IngestReport(file: spec.path, format: format)
        report.encoding = dialect.encoding
        report.detectedEncoding = probe.encoding.detected
        report.warnings = warnings
        report.bom = probe.hasBOM
        report.gzip = probe.isGzip
        report.delimiter = dialect.delimiterName
        report.decimal = spec.dialect.decimal == "," ? "," : "."
        report.columns = header
        report.sha256 = probe.gzipSHA256 ?? ""
        report.sizeBytes = probe.sizeBytes
        report.source = spec.source
        report.licence = spec.licence
        return report
    }

    /// Fills the counts that only the finished read knows.
    func finish(_ report: inout IngestReport, summary: CSVReadSummary) {
        report.physicalLines = summary.physicalLines
        report.blankLines = summary.blankLines
        report.bom = summary.hadBOM
        report.gzip = summary.wasGzip
        if let sha256 = summary.sha256 { report.sha256 = sha256 }
    }

    /// Reads the header record (validated: no blank or undecodable names) and counts the unnamed cells at its end
    /// (a delimiter at the end of the line), which are left out of the names. Duplicate names are checked by the
    /// readers, for the columns they use (`checkUnique`).
    static func readHeader(path: String, dialect: CSVDialect, headerRow: Int) throws -> (names: [String], trailingBlank: Int) {
        struct Stop: Error {}
        var header: CSVRecord?
        do {
            try CSVReader.forEachRecord(path: path, dialect: dialect) { record in
                if record.line < headerRow { return }
                header = record
                throw Stop()
            }
        } catch is Stop {
        } catch let error as CSVReadError {
            throw FileProbe.map(error, path: path)
        }
        guard let header else {
            throw IngestError(file: path, code: .emptyFile, "the file has no header row (no records at or after line \(headerRow))")
        }
        let line = header.line
        if header.isUnclosedQuote {
            throw IngestError(file: path, line: line, code: .unclosedQuote,
                              "a quote opened in the header is never closed, so the header swallowed the whole file: close the quote")
        }
        if let bad = header.invalidFields.first {
            throw IngestError(file: path, line: line, column: bad + 1, code: .encodingError,
                              "header cell \(bad + 1) is not valid \(dialect.encoding.rawValue): set `dialect: { encoding: ... }`")
        }
        let names = header.fields.map { String($0.trimmedCell) }
        if names.allSatisfy(\.isEmpty) {
            throw IngestError(file: path, line: line, code: .blankHeader, "the header row is empty: the first line must name the columns")
        }
        let named = names.lastIndex { !$0.isEmpty }! + 1
        for (i, name) in names[..<named].enumerated() where name.isEmpty {
            throw IngestError(file: path, line: line, column: i + 1, code: .blankLabel,
                              "header cell \(i + 1) is empty: every column needs a name")
        }
        return (Array(names[..<named]), names.count - named)
    }

    /// Throws `duplicate-header` when a column the reader uses shares its name (by `key`: folded by default, as
    /// the native and labour formats match names) with another column. Repeated names of unused columns are fine.
    func checkUnique(_ used: [Int?], key: (String) -> String = HeaderName.fold) throws {
        let keys = header.map(key)
        for index in Set(used.compactMap { $0 }).sorted() {
            let twins = keys.indices.filter { keys[$0] == keys[index] }
            if twins.count > 1 { throw duplicateHeader(twins) }
        }
    }

    /// The `duplicate-header` error for columns `twins` (0-based, ascending), at the second one.
    func duplicateHeader(_ twins: [Int]) -> IngestError {
        let name = header[twins[1]]
        return IngestError(file: file, line: headerRow, column: twins[1] + 1, code: .duplicateHeader,
                           "column `\(name)` appears \(twins.count) times (columns \(twins.map { String($0 + 1) }.joined(separator: ", "))) and is used: rename or delete the others",
                           columnName: name)
    }

    /// The index of a required column, or a `missing-column` error.
    func require(_ index: Int?, _ name: String) throws -> Int {
        guard let index else {
            throw IngestError(file: file, line: headerRow, code: .missingColumn,
                              "required column `\(name)` is missing from the header", columnName: name)
        }
        return index
    }

    func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    func reject(_ line: Int, _ column: Int, _ code: ErrorCode, _ message: String) -> Reject {
        Reject(location: location(line, column), code: code, message: message,
               columnName: column >= 1 && column <= header.count ? header[column - 1] : nil)
    }

    /// Structural problems of a decoded record: unclosed quote, stray quote, bad encoding, blank row, cell count.
    func structural(_ record: CSVRecord) -> Reject? {
        if record.isUnclosedQuote {
            return unclosedQuote(record.line, column: (record.fields.firstIndex { $0.contains("\n") || $0.contains("\r") } ?? 0) + 1)
        }
        if let field = record.malformedQuoteField { return malformedQuote(record.line, column: field + 1) }
        if let bad = record.invalidFields.first { return invalidBytes(record.line, column: bad + 1) }
        if record.fields.allSatisfy({ $0.trimmedCell.isEmpty }) { return blankRow(record.line) }
        let extra = record.fields.indices.dropFirst(header.count).first { !record.fields[$0].isEmpty }
        return cellCount(record.line, record.fields.count, trailingValue: extra)
    }

    /// `structural` for a raw record, in the same order; `invalidField` is the 0-based index of the first field
    /// whose bytes do not decode in the dialect's encoding (the caller knows it from decoding what it uses).
    func structural(_ record: RawCSVRecord, invalidField: Int?) -> Reject? {
        if record.isUnclosedQuote {
            let column = (0..<record.count).first { record[$0].contains(0x0A) || record[$0].contains(0x0D) } ?? 0
            return unclosedQuote(record.line, column: column + 1)
        }
        if let field = record.malformedQuoteField { return malformedQuote(record.line, column: field + 1) }
        if let bad = invalidField { return invalidBytes(record.line, column: bad + 1) }
        if (0..<record.count).allSatisfy({ isBlank(record[$0]) }) { return blankRow(record.line) }
        let extra = (min(header.count, record.count)..<record.count).first { record[$0].count > 0 }
        return cellCount(record.line, record.count, trailingValue: extra)
    }

    /// Whether a (decodable) field is empty once trimmed of spaces, tabs and no-break spaces.
    private func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        LabourNumber.isBlank(bytes, encoding: dialect.encoding)
    }

    func invalidBytes(_ line: Int, column: Int) -> Reject {
        reject(line, column, .encodingError,
               "bytes that are not valid \(dialect.encoding.rawValue): fix the text or set `dialect: { encoding: ... }`")
    }

    /// The record starting on `line` never closed its quote (`column`: the first field holding a line break).
    func unclosedQuote(_ line: Int, column: Int) -> Reject {
        reject(line, column, .unclosedQuote,
               "a quote opened in this record is never closed, so it swallowed the rest of the file: close the quote")
    }

    /// A quote inside an unquoted value (`ab"c`) or text after a closing quote (`"ab"c`) in field `column`.
    func malformedQuote(_ line: Int, column: Int) -> Reject {
        reject(line, column, .malformedQuote,
               "a quote inside a value that is not quoted, or text after a closing quote: quote the whole value and double the quotes inside it (\"5\"\" screen\")")
    }

    func blankRow(_ line: Int) -> Reject {
        reject(line, 0, .blankRow, "the row has no values: delete it")
    }

    /// A record of `count` cells against the header's; nil when they agree. With unnamed trailing header cells, a
    /// row may have up to that many more cells, empty; `trailingValue` is the 0-based index of the first non-empty
    /// cell past the named ones, if any.
    func cellCount(_ line: Int, _ count: Int, trailingValue: Int? = nil) -> Reject? {
        let limit = header.count + ignoredTrailingColumns
        if let extra = trailingValue, extra < limit {
            return reject(line, extra + 1, .extraCell,
                          "cell \(extra + 1) has a value, but its column has no name (a delimiter at the end of the header): name the column or remove the value")
        }
        if count > limit {
            return reject(line, limit + 1, .extraCell,
                          "the row has \(count) cells, the header \(limit): remove the extra cells or quote a value that contains the delimiter")
        }
        if count > header.count { return nil }
        if count < header.count {
            return reject(line, count + 1, .missingCell, "the row has \(count) cells, the header \(header.count): add the missing cells")
        }
        return nil
    }

    /// Index of the column whose folded name is one of `names`.
    func column(_ names: String...) -> Int? {
        let folded = header.map(HeaderName.fold)
        for name in names { if let i = folded.firstIndex(of: name) { return i } }
        return nil
    }

    /// Streams decoded records after the header, mapping reader errors to file-level errors.
    func forEachRow(_ body: (CSVRecord) throws -> Void) throws -> CSVReadSummary {
        try forEachRawRow { try body($0.decoded(encoding: dialect.encoding)) }
    }

    /// Streams raw records after the header (valid only during the call), mapping reader errors to file-level errors.
    func forEachRawRow(_ body: (RawCSVRecord) throws -> Void) throws -> CSVReadSummary {
        var seenHeader = false
        do {
            return try CSVReader.forEachRawRecord(path: file, dialect: dialect) { record in
                if record.line < headerRow { return }
                if !seenHeader { seenHeader = true; return }
                try body(record)
            }
        } catch let error as CSVReadError {
            throw FileProbe.map(error, path: file)
        }
    }
}
