import Foundation
import StocktakeModel

/// What `stocktake inspect` found in one file. Encoded as JSON with sorted, snake_case keys.
public struct InspectReport: Sendable, Hashable, Codable {
    /// One rejected row (or the file-level problem).
    public struct RejectEntry: Sendable, Hashable, Codable {
        public var line: Int
        public var column: Int
        public var code: String
        public var message: String
        public var columnName: String?

        enum CodingKeys: String, CodingKey {
            case line, column, code, message
            case columnName = "column_name"
        }
    }

    /// A problem that rejects nothing (`encoding-mismatch`).
    public struct WarningEntry: Sendable, Hashable, Codable {
        public var line: Int
        public var column: Int
        public var code: String
        public var message: String
    }

    /// The dialect to put in the pipeline input to read this file.
    public struct SuggestedDialect: Sendable, Hashable, Codable {
        public var delimiter: String
        public var encoding: String
        public var decimal: String
        /// `.` when numbers such as `1.234,5` group thousands with a dot (spaces are always accepted).
        public var thousands: String?
    }

    public var file: String
    /// Detected format (`stocktake-survey`, `ilostat`, ...), `csv` when the header matches no known format, or
    /// `unknown` when the file could not be read.
    public var format: String
    /// Encoding the file was read with: the one given to `inspect`, else the detected one (UTF-8 when valid, else
    /// the Windows code page the text reads plausibly in; see `EncodingDetector`).
    public var encoding: String
    /// Whether the bytes were valid UTF-8 in the sniffed sample.
    public var validUTF8: Bool
    /// Warnings of the read (`encoding-mismatch` when the encoding given disagrees with the bytes).
    public var warnings: [WarningEntry]
    public var bom: Bool
    public var gzip: Bool
    /// Delimiter name: `,` `;` `tab` `|`.
    public var delimiter: String
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var rowsRejected: Int
    /// The file's ledger: rows read = used + skipped (`skipped_by_reason`) + rejected (`rejects_by_code`), as
    /// `IngestReport.rowsUsed` / `rowsSkipped` count them for `run` (filled from the counts when encoded).
    public var rowsUsed = 0
    public var rowsSkipped = 0
    /// Records the rows gave (survey answers, labour observations); equals accepted rows minus skipped rows for
    /// one-record-per-row formats.
    public var records: Int
    public var columns: [String]
    /// The first `maxRejects` rejects, in file order.
    public var rejects: [RejectEntry]
    /// Whether more rejects exist than listed.
    public var rejectsTruncated: Bool
    public var rejectsByCode: [String: Int]
    public var skippedByReason: [String: Int]
    /// A file-level problem stopped the read.
    public var fileError: Bool
    public var physicalLines: Int
    public var sha256: String
    public var sizeBytes: Int
    public var lastUpdate: String?
    public var suggestedDialect: SuggestedDialect
    /// What "accepted" means for this file.
    public var note: String

    enum CodingKeys: String, CodingKey {
        case file, format, encoding, bom, gzip, delimiter, columns, rejects, records, note, sha256, warnings
        case validUTF8 = "valid_utf8"
        case rowsRead = "rows_read"
        case rowsAccepted = "rows_accepted"
        case rowsUsed = "rows_used"
        case rowsSkipped = "rows_skipped"
        case rowsRejected = "rows_rejected"
        case rejectsTruncated = "rejects_truncated"
        case rejectsByCode = "rejects_by_code"
        case skippedByReason = "skipped_by_reason"
        case fileError = "file_error"
        case physicalLines = "physical_lines"
        case sizeBytes = "size_bytes"
        case lastUpdate = "last_update"
        case suggestedDialect = "suggested_dialect"
    }

    /// Pretty-printed JSON with sorted keys (deterministic).
    public func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var ledger = self
        ledger.rowsSkipped = skippedByReason.values.reduce(0, +)
        ledger.rowsUsed = rowsAccepted - ledger.rowsSkipped
        return String(decoding: try encoder.encode(ledger), as: UTF8.self)
    }

    /// A short human-readable table.
    public var table: String {
        var lines: [String] = []
        func row(_ key: String, _ value: String) { lines.append(key.padding(toLength: 16, withPad: " ", startingAt: 0) + value) }
        row("file", file)
        row("format", format)
        row("encoding", encoding + (validUTF8 ? "" : " (not valid UTF-8)") + (bom ? ", BOM" : "") + (gzip ? ", gzip" : ""))
        row("delimiter", delimiter)
        if suggestedDialect.decimal != "." {
            row("numbers", "decimal comma" + (suggestedDialect.thousands.map { ", thousands `\($0)`" } ?? "")
                + ": pin it with `dialect: { decimal: \"\(suggestedDialect.decimal)\"\(suggestedDialect.thousands.map { ", thousands: \"\($0)\"" } ?? "") }`")
        }
        row("columns", "\(columns.count): " + columns.prefix(12).map { String($0.prefix(30)) }.joined(separator: ", ")
            + (columns.count > 12 ? ", ..." : ""))
        let skipped = skippedByReason.values.reduce(0, +)
        row("rows read", String(rowsRead) + " = used \(rowsAccepted - skipped) + skipped \(skipped) + rejected \(rowsRejected)")
        row("accepted", String(rowsAccepted) + (skippedByReason.isEmpty ? "" : " (skipped: "
            + skippedByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"))
        row("rejected", String(rowsRejected) + (rejectsByCode.isEmpty ? "" : " ("
            + rejectsByCode.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"))
        row("records", String(records))
        row("sha256", sha256)
        if let lastUpdate { row("last update", lastUpdate) }
        row("note", note)
        for warning in warnings {
            lines.append("  \(file):\(warning.line):\(warning.column): warning: [\(warning.code)] \(warning.message)")
        }
        for reject in rejects.prefix(20) {
            lines.append("  \(file):\(reject.line):\(reject.column): [\(reject.code)] \(reject.message)")
        }
        if rejects.count > 20 || rejectsTruncated { lines.append("  ... (use --json for the full list)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Inspects one input file without a pipeline: detects format, encoding, BOM, delimiter and a decimal comma, then parses it fully
/// with the same validation as the pipeline.
public enum Inspector {
    /// Inspects `path`, reading it with `encoding` when given (as a pipeline input with `dialect.encoding` would),
    /// else with the detected encoding.
    ///
    /// Encoding detection and the `encoding-mismatch` warning are the pipeline's (`PreparedInput`), not a copy.
    /// Without a pipeline there is no country block: a native survey file may omit its country column, and wide
    /// survey exports (LimeSurvey, Kobo) have no mapping, so only their structure is checked (accepted = a row with
    /// the header's cell count, valid text, closed quotes, not blank).
    ///
    /// - Throws: `StocktakeError` with `.noInput` when the file is missing or unreadable. File-level data
    ///   problems are reported in the result (`file_error`, one reject), not thrown.
    public static func inspect(path: String, encoding declared: TextEncoding? = nil, maxRejects: Int = 1000) throws -> InspectReport {
        let probe: FileProbe
        do {
            probe = try FileProbe(path: path)
        } catch let error as IngestError {
            return failed(path: path, error: error, probe: nil)
        }
        let valid = probe.encoding.validUTF8
        let suggested = probe.encoding.detected ?? .utf8
        let encoding = declared ?? suggested
        let delimiter = FormatDetector.looksLikeEurostatTSV(probe.firstLine) ? UInt8(9) : probe.sniffDelimiter()
        let dialectName = delimiter == 9 ? "tab" : String(UnicodeScalar(delimiter))
        let numbers = sniffNumbers(path: path, dialect: CSVDialect(delimiter: delimiter, encoding: encoding))
        let decimal = numbers.decimalComma ? "," : "."
        let thousands = numbers.decimalComma && numbers.thousandsDot ? "." : nil
        let spec = InputSpec(path: path, dialect: InputDialect(delimiter: dialectName, decimal: decimal, thousands: thousands,
                                                               encoding: encoding))
        var rejects: [InspectReport.RejectEntry] = []
        var truncated = false
        let collect: (Reject) -> Void = { reject in
            if rejects.count < maxRejects {
                rejects.append(entry(reject))
            } else {
                truncated = true
            }
        }
        var prepared: PreparedInput?
        do {
            // A header of no known format (`.auto` here) is still read for its structure.
            let input = try PreparedInput(spec: spec, kind: .survey, defaultCountry: nil, allowMissingCountry: true, probe: probe,
                                          unknownFormat: .auto)
            prepared = input
            let report: IngestReport
            var note = "accepted = rows that pass the pipeline's validation for this format"
            switch input.format {
            case .stocktakeSurvey:
                // The aggregating path, as `run` reads the file: no record is kept, so memory stays bounded even
                // when the respondent ledger defers most rows (a file whose respondents' rows are scattered).
                report = try NativeSurveyReader(input: input).runAggregating(onReject: collect).0
            case .limesurvey, .kobo:
                report = try structural(input, onReject: collect)
                note = "no mapping: accepted = structurally sound rows (header's cell count, valid text, closed quotes, not blank); answers are not validated"
            case .auto:
                report = try structural(input, onReject: collect)
                note = "the header matches no known format: accepted = structurally sound rows (header's cell count, valid text, closed quotes, not blank); a pipeline needs `format:` to read this file"
            default:
                // As `run` reads it, repeated (series, period) values included (`unique-error`); the values
                // themselves are not kept.
                report = try Ingestor.collectLabour(input, countries: nil, keepValues: false, onReject: collect).report
                note = "accepted = valid rows; skipped rows (missing values, breakdowns, aggregates, unused series) count as accepted"
            }
            return InspectReport(
                file: path, format: input.format == .auto ? "csv" : report.format.rawValue, encoding: report.encoding.rawValue, validUTF8: valid,
                warnings: report.warnings.map(entry),
                bom: report.bom, gzip: report.gzip, delimiter: report.delimiter, rowsRead: report.rowsRead,
                rowsAccepted: report.rowsAccepted, rowsRejected: report.rowsRejected, records: report.recordsEmitted,
                columns: report.columns, rejects: rejects, rejectsTruncated: truncated, rejectsByCode: report.rejectsByCode,
                skippedByReason: report.skippedByReason, fileError: false, physicalLines: report.physicalLines,
                sha256: report.sha256, sizeBytes: report.sizeBytes, lastUpdate: report.lastUpdate,
                suggestedDialect: .init(delimiter: dialectName, encoding: suggested.rawValue, decimal: decimal, thousands: thousands),
                note: note)
        } catch let error as IngestError {
            var result = failed(path: path, error: error, probe: probe)
            if let prepared {
                // The header was read: the format is known, the reader refused the file.
                result.format = prepared.format == .auto ? "csv" : prepared.format.rawValue
                result.columns = prepared.header
                result.warnings = prepared.warnings.map(entry)
            }
            result.encoding = encoding.rawValue
            result.validUTF8 = valid
            result.delimiter = dialectName
            result.suggestedDialect = .init(delimiter: dialectName, encoding: suggested.rawValue, decimal: decimal, thousands: thousands)
            return result
        }
    }

    // MARK: - Private

    /// Whether the numbers in the first 500 records are written with a decimal comma (`12,5`, `1 234,5`,
    /// `1.234,5`) more often than with a decimal point, and whether those group thousands with a dot.
    static func sniffNumbers(path: String, dialect: CSVDialect) -> (decimalComma: Bool, thousandsDot: Bool) {
        struct Enough: Error {}
        var comma = 0, point = 0, dotGrouped = 0
        _ = try? CSVReader.forEachRecord(path: path, dialect: dialect) { record in
            if record.line > 500 { throw Enough() }
            for field in record.fields {
                switch decimalMark(of: field.trimmedCell) {
                case ","?:
                    comma += 1
                    if field.contains(".") { dotGrouped += 1 }
                case "."?: point += 1
                default: break
                }
            }
        }
        return (comma > point, dotGrouped > 0)
    }

    /// The decimal mark of a number such as `-12,5`, `1.234,5`, `1 234.5` or `0.3`; nil for anything else
    /// (integers, `1.234` alone, text).
    static func decimalMark(of text: Substring) -> Character? {
        var body = text
        if let sign = body.first, sign == "-" || sign == "+" || sign == "\u{2212}" { body = body.dropFirst() }
        guard let mark = body.lastIndex(where: { $0 == "," || $0 == "." }) else { return nil }
        let fraction = body[body.index(after: mark)...]
        let whole = body[..<mark]
        guard !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit), let first = whole.first, first.isASCIIDigit else { return nil }
        let separator: Set<Character> = body[mark] == "," ? [".", " ", "\u{00A0}", "\u{202F}"] : [",", " ", "\u{00A0}", "\u{202F}"]
        // Digits, optionally in groups of three after a separator.
        let groups = whole.split(omittingEmptySubsequences: false) { separator.contains($0) }
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              groups.count == 1 || (groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 }) else { return nil }
        // `1,234` and `1.234` may be thousands or a fraction: no evidence either way.
        if groups.count == 1, fraction.count == 3 { return nil }
        return body[mark]
    }

    private static func entry(_ reject: Reject) -> InspectReport.RejectEntry {
        InspectReport.RejectEntry(line: reject.location.line, column: reject.location.column, code: reject.code.rawValue,
                                  message: reject.message, columnName: reject.columnName)
    }

    private static func entry(_ warning: IngestWarning) -> InspectReport.WarningEntry {
        InspectReport.WarningEntry(line: warning.location.line, column: warning.location.column, code: warning.code.rawValue,
                                   message: warning.message)
    }

    private static func failed(path: String, error: IngestError, probe: FileProbe?) -> InspectReport {
        InspectReport(
            file: path, format: "unknown", encoding: "utf-8", validUTF8: true, warnings: [], bom: probe?.hasBOM ?? false,
            gzip: probe?.isGzip ?? false, delimiter: ",", rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, records: 0,
            columns: [], rejects: [entry(error.reject)], rejectsTruncated: false, rejectsByCode: [error.code.rawValue: 1],
            skippedByReason: [:], fileError: true, physicalLines: 0, sha256: probe.map { $0.gzipSHA256 ?? (try? FileProbe.hash(path: path)) ?? "" } ?? "",
            sizeBytes: probe?.sizeBytes ?? 0, lastUpdate: nil,
            suggestedDialect: .init(delimiter: ",", encoding: "utf-8", decimal: "."),
            note: "the file cannot be used: \(error.reject.message)")
    }

    /// Structure-only pass for wide exports without a mapping.
    private static func structural(_ input: PreparedInput, onReject: (Reject) -> Void) throws -> IngestReport {
        var tally = RowTally(report: input.makeReport())
        let summary = try input.forEachRow { record in
            if let problem = input.structural(record) {
                tally.reject(problem, onReject)
            } else {
                tally.accept(records: 0)
            }
        }
        var report = tally.report
        input.finish(&report, summary: summary)
        return report
    }
}

private extension Character {
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
