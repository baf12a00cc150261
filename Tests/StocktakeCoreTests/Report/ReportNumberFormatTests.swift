import Testing
@testable import StocktakeCore
@testable import StocktakeModel

@Suite struct ReportNumberFormatTests {
    static let nbsp = "\u{00A0}"

    @Test(arguments: [
        ("en", "12,345.68", "0.13", "-3.50", "25.5%", "2026-03-15"),
        ("de", "12.345,68", "0,13", "-3,50", "25,5\u{00A0}%", "15.03.2026"),
        ("nb", "12\u{00A0}345,68", "0,13", "-3,50", "25,5\u{00A0}%", "15.03.2026"),
        ("uk", "12\u{00A0}345,68", "0,13", "-3,50", "25,5\u{00A0}%", "15.03.2026"),
        ("sr-Latn", "12.345,68", "0,13", "-3,50", "25,5%", "15.03.2026."),
        ("sr-Cyrl", "12.345,68", "0,13", "-3,50", "25,5%", "15.03.2026."),
        ("cnr", "12.345,68", "0,13", "-3,50", "25,5%", "15.03.2026."),
        ("mk", "12.345,68", "0,13", "-3,50", "25,5%", "15.03.2026"),
        ("ka", "12\u{00A0}345,68", "0,13", "-3,50", "25,5\u{00A0}%", "15.03.2026"),
        ("hy", "12\u{00A0}345,68", "0,13", "-3,50", "25,5\u{00A0}%", "15.03.2026"),
    ])
    func languageConventions(language: String, grouped: String, half: String, negative: String, percent: String, date: String) {
        let format = ReportNumberFormat.forLanguage(language)
        #expect(format.number(12_345.675, decimals: 2) == grouped)
        #expect(format.number(0.125, decimals: 2) == half)
        #expect(format.number(-3.5, decimals: 2) == negative)
        #expect(format.percent(0.255, decimals: 1) == percent)
        #expect(format.date("2026-03-15") == date)
    }

    @Test func edgeCases() {
        let format = ReportNumberFormat.forLanguage("de")
        #expect(format.number(-0.0004, decimals: 3) == "0,000")
        #expect(format.number(.nan, decimals: 1) == "–")
        #expect(format.number(.infinity, decimals: 1) == "–")
        #expect(format.number(999.96, decimals: 1) == "1.000,0")
        #expect(format.number(1234, decimals: 0, grouping: false) == "1234")
        #expect(format.integer(-1_234_567) == "-1.234.567")
        #expect(format.integer(999) == "999")
        #expect(format.date("2026-11-29T08:00:00Z") == "29.11.2026 08:00:00 UTC")
        #expect(format.date("not a date") == "not a date")
        #expect(format.date("2026-1x-29") == "2026-1x-29")
    }

    @Test func neutralFormatIsLocaleFree() {
        #expect(ReportNumberFormat.format(1234.5, decimals: 2, decimalSeparator: ".", groupingSeparator: "") == "1234.50")
        #expect(ReportNumberFormat.format(2.5, decimals: 0, decimalSeparator: ".", groupingSeparator: "") == "3")
        #expect(ReportNumberFormat.format(-2.5, decimals: 0, decimalSeparator: ".", groupingSeparator: "") == "-3")
    }

    /// Half away from zero on the decimal value a reader computes, not on the binary approximation: 469/200 is
    /// 2.345 exactly, stored as 2.34499999…; it printed 2.34 in the Markdown (issue 11, audit).
    @Test func halvesRoundAwayFromZeroOnTheDecimalValue() {
        func f(_ value: Double, _ decimals: Int) -> String {
            ReportNumberFormat.format(value, decimals: decimals, decimalSeparator: ".", groupingSeparator: ",")
        }
        #expect(f(469.0 / 200, 2) == "2.35")
        #expect(f(-469.0 / 200, 2) == "-2.35")
        #expect(f(0.125, 2) == "0.13")
        #expect(f(1.0049999, 2) == "1.00")
        #expect(f(1e-05, 2) == "0.00")
        #expect(f(0.0005, 3) == "0.001")
        #expect(f(-0.0004, 3) == "0.000")
        #expect(f(123_456.789, 1) == "123,456.8")
        #expect(f(.leastNonzeroMagnitude, 4) == "0.0000")
        #expect(f(1.5e15, 0) == "1,500,000,000,000,000")
        #expect(f(71.449999, 1) == "71.4")
    }
}
