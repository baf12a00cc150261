import Foundation
import StocktakeModel

/// A CSV table built from typed cells and serialized per RFC 4180 in the standard or Excel variant.
///
/// Standard: UTF-8 without BOM, `,` delimiter, `.` decimal point, CRLF record ends. Excel: UTF-8 BOM, `;`
/// delimiter, decimal comma, CRLF. Fields are quoted when they contain the delimiter, `"`, CR or LF, or start or
/// end with white space; embedded quotes are doubled. Text cells are neutralized against formula injection;
/// numbers are written from typed values with fixed precision and never prefixed.
public struct CSVTable: Sendable, Hashable {
    /// One typed cell.
    public enum Cell: Sendable, Hashable {
        /// Free text (neutralized against formula injection).
        case text(String)
        /// A decimal number with a fixed number of decimals.
        case number(Double, decimals: Int)
        case integer(Int)
        /// No value (an empty field): missing or suppressed.
        case empty
    }

    public var header: [String]
    public var rows: [[Cell]]

    public init(header: [String], rows: [[Cell]] = []) {
        self.header = header
        self.rows = rows
    }

    /// Serializes the table; every row must have as many cells as the header.
    public func render(_ variant: ReportOptions.CSVVariant) -> String {
        let delimiter: Character = variant == .excel ? ";" : ","
        let decimal = variant == .excel ? "," : "."
        var out = variant == .excel ? "\u{FEFF}" : ""
        out += header.map { Self.field($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + "\r\n"
        for row in rows {
            precondition(row.count == header.count, "CSV row has \(row.count) cells, header \(header.count)")
            let fields = row.map { cell -> String in
                switch cell {
                case .text(let text):
                    return Self.field(ReportEscaping.neutralizeFormula(text), delimiter: delimiter)
                case .number(let value, let decimals):
                    guard value.isFinite else { return "" }
                    return ReportNumberFormat.format(value, decimals: decimals, decimalSeparator: decimal, groupingSeparator: "")
                case .integer(let value):
                    return String(value)
                case .empty:
                    return ""
                }
            }
            out += fields.joined(separator: String(delimiter)) + "\r\n"
        }
        return out
    }

    /// Quotes `text` when RFC 4180 (or leading/trailing white space) requires it.
    static func field(_ text: String, delimiter: Character) -> String {
        let delimiterScalar = delimiter.unicodeScalars.first!
        let needsQuotes = text.unicodeScalars.contains { $0 == delimiterScalar || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.unicodeScalars.first?.properties.isWhitespace == true
            || text.unicodeScalars.last?.properties.isWhitespace == true
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
