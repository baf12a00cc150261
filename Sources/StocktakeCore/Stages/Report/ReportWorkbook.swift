import CXLSXWriter
import Foundation
import StocktakeModel

/// `stocktake.xlsx`: the run's tables as an Excel workbook, written with libxlsxwriter.
///
/// One sheet per table of `ReportColumns` (gaps, proposals, sectors, rejects, unmapped) and a `dictionary` sheet.
/// Numbers are numbers (the values the CSV prints, same rounding) with display formats from the column's kind
/// (`0`, `0.00`, `0.0000`, `0.00%` for shares); a suppressed cell holds the flag text `C` as a string; the header
/// row is bold and frozen, with an autofilter; column widths follow the longest value (in characters, 6…60).
///
/// Same inputs give the same bytes: libxlsxwriter stamps its zip entries 1980-01-01, and the document's creation
/// date is `created` (from the inputs, never the clock; libxlsxwriter would use the clock for 0).
///
/// This is the report stage's one file-system edge: libxlsxwriter writes only to files, so the workbook goes to a
/// temporary file (under `$TMPDIR`), is read back and removed.
struct ReportWorkbook {
    static let fileName = "stocktake.xlsx"
    static let dictionarySheet = "dictionary"
    /// 1980-01-01T00:00:00Z, the zip format's epoch: the creation date when no input has a date.
    static let defaultCreated = Date(timeIntervalSince1970: 315_532_800)

    let title: String
    let created: Date

    /// The creation date of a model's workbook: the latest `last_update` date (`YYYY-MM-DD…`) of its inputs, or
    /// `defaultCreated`.
    static func created(_ model: ReportModel) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let dates = model.countries.flatMap(\.inputs).compactMap { input -> Date? in
            let parts = (input.lastUpdate ?? "").prefix(10).split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, (1980...9999).contains(parts[0]), (1...12).contains(parts[1]),
                  (1...31).contains(parts[2]) else { return nil }
            return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
        }
        return dates.max() ?? defaultCreated
    }

    /// The workbook's bytes.
    /// - Throws: `StocktakeError.cantCreate` (73) when the temporary file cannot be written or read.
    func render(_ tables: [(ReportColumns.Table, CSVTable)]) throws -> Data {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("stocktake-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try write(tables, to: url.path)
        do {
            return try Data(contentsOf: url)
        } catch {
            throw StocktakeError.cantCreate(url.path, "cannot read the workbook back: \(error.localizedDescription)")
        }
    }

    /// The Excel number format of a number column: `0`, `0.00`, or a percentage for a share (same precision).
    static func numberFormat(_ kind: ReportColumn.Kind) -> String? {
        switch kind {
        case .integer: "0"
        case .decimal(let d): d == 0 ? "0" : "0." + String(repeating: "0", count: d)
        case .share(let d): d <= 2 ? "0%" : "0." + String(repeating: "0", count: d - 2) + "%"
        case .text, .list, .lines, .yesNo: nil
        }
    }

    /// A text as libxlsxwriter must be given it: without NUL (a C string ends there), and with a literal
    /// `_xHHHH_` escaped as `_x005F_xHHHH_`, since spreadsheet readers decode that pattern (libxlsxwriter
    /// escapes control characters that way itself, but not the pattern when it is already in the text).
    static func ooxmlText(_ text: String) -> String {
        var out = text.contains("\0") ? text.replacingOccurrences(of: "\0", with: "") : text
        if out.contains("_x") {
            out = out.replacing(/_(x[0-9A-Fa-f]{4}_)/) { "_x005F_" + $0.output.1 }
        }
        return out
    }

    // MARK: - Private

    private func write(_ tables: [(ReportColumns.Table, CSVTable)], to path: String) throws {
        let temporaryDirectory = FileManager.default.temporaryDirectory.path
        let workbook = temporaryDirectory.withCString { tmpdir -> UnsafeMutablePointer<lxw_workbook>? in
            var options = lxw_workbook_options(constant_memory: 0, tmpdir: UnsafeMutablePointer(mutating: tmpdir),
                                               use_zip64: 0)
            return workbook_new_opt(path, &options)
        }
        guard let workbook else { throw StocktakeError.cantCreate(path, "libxlsxwriter cannot create the workbook") }
        var sheets = Sheets(workbook: workbook)
        let status: lxw_error
        do {
            try setProperties(workbook)
            for (columns, table) in tables { try sheets.add(columns, table) }
            try sheets.addDictionary(tables.map(\.0))
            status = workbook_close(workbook)
        } catch {
            workbook_close(workbook)
            throw error
        }
        guard status == LXW_NO_ERROR else {
            throw StocktakeError.cantCreate(path, "cannot write the workbook: \(String(cString: lxw_strerror(status)))")
        }
    }

    private func setProperties(_ workbook: UnsafeMutablePointer<lxw_workbook>) throws {
        try title.withCString { title in
            try "stocktake".withCString { author in
                var properties = lxw_doc_properties()
                properties.title = UnsafeMutablePointer(mutating: title)
                properties.author = UnsafeMutablePointer(mutating: author)
                properties.created = time_t(created.timeIntervalSince1970)
                try Sheets.check(workbook_set_properties(workbook, &properties), "document properties")
            }
        }
    }

    /// Adds sheets to one workbook, with one format per number format (libxlsxwriter owns them).
    private struct Sheets {
        let workbook: UnsafeMutablePointer<lxw_workbook>
        private var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]
        private let header: UnsafeMutablePointer<lxw_format>
        private let wrap: UnsafeMutablePointer<lxw_format>
        private let flag: UnsafeMutablePointer<lxw_format>

        init(workbook: UnsafeMutablePointer<lxw_workbook>) {
            self.workbook = workbook
            header = workbook_add_format(workbook)
            format_set_bold(header)
            wrap = workbook_add_format(workbook)
            format_set_text_wrap(wrap)
            format_set_align(wrap, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            flag = workbook_add_format(workbook)
            format_set_align(flag, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }

        static func check(_ status: lxw_error, _ what: String) throws {
            guard status == LXW_NO_ERROR else {
                throw StocktakeError.cantCreate(ReportWorkbook.fileName, "\(what): \(String(cString: lxw_strerror(status)))")
            }
        }

        mutating func add(_ columns: ReportColumns.Table, _ table: CSVTable) throws {
            precondition(columns.header == table.header, "\(columns.file): table and dictionary columns differ")
            let flagsIndex = columns.header.firstIndex(of: "flags")
            var rows: [[WorkbookCell]] = [columns.header.map { .text($0) }]
            for row in table.rows {
                let suppressed = flagsIndex.map { index -> Bool in
                    guard case .text(let flags) = row[index] else { return false }
                    return flags.split(separator: " ").contains(Substring(ReportColumns.suppressedFlag))
                } ?? false
                rows.append(zip(columns.columns, row).map { column, cell in
                    WorkbookCell(cell, column: column, suppressed: suppressed)
                })
            }
            try addSheet(columns.name, columns: columns.columns, rows: rows)
        }

        mutating func addDictionary(_ tables: [ReportColumns.Table]) throws {
            let header = ["sheet", "column", "type", "unit", "missing", "description"]
            var rows: [[WorkbookCell]] = [header.map { .text($0) }]
            for table in tables {
                for column in table.columns {
                    let missing = column.isSuppressible
                        ? "empty; \(ReportColumns.suppressedFlag) when suppressed" : "empty"
                    rows.append([.text(table.name), .text(column.name), .text(column.kind.documented),
                                 .text(column.unit), .text(missing), .text(ReportColumns.plainText(column.description))])
                }
            }
            let text = ReportColumn("", .text, "")
            try addSheet(ReportWorkbook.dictionarySheet, columns: Array(repeating: text, count: header.count), rows: rows)
        }

        private mutating func addSheet(_ name: String, columns: [ReportColumn], rows: [[WorkbookCell]]) throws {
            guard let sheet = workbook_add_worksheet(workbook, name) else {
                throw StocktakeError.cantCreate(ReportWorkbook.fileName, "cannot add the sheet \(name)")
            }
            for (r, row) in rows.enumerated() {
                for (c, cell) in row.enumerated() {
                    let at = "sheet \(name) row \(r + 1) column \(c + 1)"
                    switch cell {
                    case .text(let text) where text.isEmpty:
                        continue
                    case .text(let text):
                        let format = r == 0 ? header : text.contains("\n") ? wrap : nil
                        try Self.check(worksheet_write_string(sheet, lxw_row_t(r), lxw_col_t(c), ReportWorkbook.ooxmlText(text), format), at)
                    case .number(let value):
                        var format: UnsafeMutablePointer<lxw_format>?
                        if let text = ReportWorkbook.numberFormat(columns[c].kind) { format = numberFormat(text) }
                        try Self.check(worksheet_write_number(sheet, lxw_row_t(r), lxw_col_t(c), value, format), at)
                    case .flag(let text):
                        try Self.check(worksheet_write_string(sheet, lxw_row_t(r), lxw_col_t(c), text, flag), at)
                    }
                }
            }
            worksheet_freeze_panes(sheet, 1, 0)
            let columnCount = rows.first?.count ?? 0
            if columnCount > 0 {
                try Self.check(worksheet_autofilter(sheet, 0, 0, lxw_row_t(max(rows.count - 1, 1)), lxw_col_t(columnCount - 1)),
                               "autofilter of \(name)")
            }
            for c in 0..<columnCount {
                let longest = rows.map { $0[c].width }.max() ?? 0
                // + 2 for the autofilter button and a margin.
                let width = Double(min(max(longest + 2, 6), 60))
                try Self.check(worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), width, nil), "width of \(name)")
            }
        }

        private mutating func numberFormat(_ text: String) -> UnsafeMutablePointer<lxw_format> {
            if let format = formats[text] { return format }
            let format = workbook_add_format(workbook)!
            format_set_num_format(format, text)
            formats[text] = format
            return format
        }
    }

    /// One cell as the workbook shows it.
    private enum WorkbookCell {
        case text(String)
        case number(Double)
        /// A suppressed value's flag.
        case flag(String)

        init(_ cell: CSVTable.Cell, column: ReportColumn, suppressed: Bool) {
            switch cell {
            case .text(let text): self = .text(text)
            case .integer(let value): self = .number(Double(value))
            case .number(let value, let decimals):
                // The value the CSV prints (same rounding), so the workbook and the CSV agree.
                let printed = ReportNumberFormat.format(value, decimals: decimals, decimalSeparator: ".", groupingSeparator: "")
                self = Double(printed).map { .number($0) } ?? .text("")
            case .empty:
                self = suppressed && column.isSuppressible ? .flag(ReportColumns.suppressedFlag) : .text("")
            }
        }

        /// Width in characters: the longest line of a text, or the number as printed with its decimals.
        var width: Int {
            switch self {
            case .text(let text): text.split(separator: "\n").map(\.count).max() ?? 0
            case .number(let value): String(format: "%.4f", value).count
            case .flag(let text): text.count
            }
        }
    }
}
