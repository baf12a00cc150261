import Foundation
import StocktakeModel

/// Locale conventions for numbers and dates in Markdown reports, implemented here so output never depends on the
/// host's locale data (CLDR conventions of each report language, fixed in code).
///
/// CSVs never use this type: they are written locale-neutral (see `CSVTable`).
public struct ReportNumberFormat: Sendable, Hashable {
    /// Decimal separator (`.` or `,`).
    public var decimalSeparator: String
    /// Thousands grouping separator (`,`, `.`, or U+00A0 NO-BREAK SPACE).
    public var groupingSeparator: String
    /// Text between a number and `%` (empty, or U+00A0).
    public var percentSeparator: String
    /// Date pattern applied to `YYYY-MM-DD`: `iso` keeps it, `dmy` writes `DD.MM.YYYY`, `dmyDot` adds a final dot.
    public var datePattern: DatePattern

    public enum DatePattern: String, Sendable, Hashable {
        case iso
        case dmy
        case dmyDot
    }

    public init(decimalSeparator: String, groupingSeparator: String, percentSeparator: String, datePattern: DatePattern) {
        self.decimalSeparator = decimalSeparator
        self.groupingSeparator = groupingSeparator
        self.percentSeparator = percentSeparator
        self.datePattern = datePattern
    }

    /// The conventions of a report language (`de`, `sr-Cyrl`...); unknown languages use English conventions.
    public static func forLanguage(_ language: String) -> ReportNumberFormat {
        let nbsp = "\u{00A0}"
        switch language {
        case "de":
            return ReportNumberFormat(decimalSeparator: ",", groupingSeparator: ".", percentSeparator: nbsp, datePattern: .dmy)
        case "nb", "uk", "ka", "hy":
            return ReportNumberFormat(decimalSeparator: ",", groupingSeparator: nbsp, percentSeparator: nbsp, datePattern: .dmy)
        case "sr-Latn", "sr-Cyrl", "sr", "cnr":
            return ReportNumberFormat(decimalSeparator: ",", groupingSeparator: ".", percentSeparator: "", datePattern: .dmyDot)
        case "mk":
            return ReportNumberFormat(decimalSeparator: ",", groupingSeparator: ".", percentSeparator: "", datePattern: .dmy)
        default:
            return ReportNumberFormat(decimalSeparator: ".", groupingSeparator: ",", percentSeparator: "", datePattern: .iso)
        }
    }

    /// The locale-neutral convention used by CSVs and SVG coordinates: `.` decimal point, no grouping.
    public static let neutral = ReportNumberFormat(
        decimalSeparator: ".", groupingSeparator: "", percentSeparator: "", datePattern: .iso)

    // MARK: - Formatting

    /// `value` with exactly `decimals` digits after the separator, rounded half away from zero; `–` for NaN or ±∞.
    ///
    /// Grouping applies to the integer part when it has four or more digits (`1.234`).
    public func number(_ value: Double, decimals: Int, grouping: Bool = true) -> String {
        Self.format(value, decimals: decimals, decimalSeparator: decimalSeparator,
                    groupingSeparator: grouping ? groupingSeparator : "")
    }

    /// An integer with grouping (four or more digits).
    public func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        let grouped = Self.group(digits, separator: groupingSeparator)
        return value < 0 ? "-" + grouped : grouped
    }

    /// A share 0...1 as a percentage (`0.25` → `25,0 %`).
    public func percent(_ share: Double, decimals: Int = 0) -> String {
        number(share * 100, decimals: decimals) + percentSeparator + "%"
    }

    /// Reformats an ISO date (`YYYY-MM-DD`, optionally followed by `T…` or a space and more) into the language's
    /// order; text that is not such a date is returned unchanged.
    public func date(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 10, scalars[4] == "-", scalars[7] == "-" else { return text }
        let digitIndexes = [0, 1, 2, 3, 5, 6, 8, 9]
        guard digitIndexes.allSatisfy({ ("0"..."9").contains(scalars[$0]) }) else { return text }
        if scalars.count > 10, scalars[10] != "T", scalars[10] != " " { return text }
        let year = String(String.UnicodeScalarView(scalars[0..<4]))
        let month = String(String.UnicodeScalarView(scalars[5..<7]))
        let day = String(String.UnicodeScalarView(scalars[8..<10]))
        let rest = String(String.UnicodeScalarView(scalars[10...]))
        let restText = rest.isEmpty ? "" : " " + rest.dropFirst().replacingOccurrences(of: "Z", with: " UTC")
        switch datePattern {
        case .iso: return "\(year)-\(month)-\(day)" + restText
        case .dmy: return "\(day).\(month).\(year)" + restText
        case .dmyDot: return "\(day).\(month).\(year)." + restText
        }
    }

    // MARK: - Core

    /// Deterministic fixed-point formatting without locale data (`DecimalText.fixed`).
    public static func format(_ value: Double, decimals: Int, decimalSeparator: String, groupingSeparator: String) -> String {
        DecimalText.fixed(value, decimals: decimals, decimalSeparator: decimalSeparator, groupingSeparator: groupingSeparator)
    }

    static func group(_ digits: String, separator: String) -> String { DecimalText.group(digits, separator: separator) }

}
