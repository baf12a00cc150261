import Testing
@testable import StocktakeCore
import StocktakeModel

/// `LabourChecks` (docs/methodology.md §3, "Checks") and the growth window of `LabourPressureCalculator`.
@Suite struct LabourChecksTests {
    static func series(_ country: String, _ scope: String, _ indicator: LabourIndicator, _ values: [(String, Double)],
                       unit: String = "THS") -> LabourSeries {
        let s: LabourScope = scope == "TOTAL" ? .total : .sector(SectorKey(section: scope))
        return LabourSeries(country: country, scope: s, indicator: indicator, unit: unit,
                            observations: values.map { LabourObservation(period: $0.0, value: $0.1, source: "test") })
    }

    /// Twenty sections of 5 each and a total of 100 in 2015–2019; 2020 lists three sections adding up to the total
    /// (broad sectors under section codes, as Serbia's unemployment 2021–24); 2021 sections cover 30 % of the total.
    static func serbianLike() -> [LabourSeries] {
        let letters = (0..<20).map { String(UnicodeScalar(UInt8(65 + $0))) }
        var result = [series("RS", "TOTAL", .unemployment, (2015...2021).map { (String($0), 100) })]
        for (i, letter) in letters.enumerated() {
            var values = (2015...2019).map { (String($0), 5.0) }
            if i < 3 { values.append(("2020", i == 1 ? 50 : 25)) }
            values.append(("2021", 1.5))
            result.append(series("RS", letter, .unemployment, values))
        }
        return result
    }

    @Test func brokenBreakdownsAreLeftOutPeriodByPeriod() {
        let (kept, findings) = LabourChecks.run(Self.serbianLike(), growthWindowYears: 5)
        let incomplete = findings.filter { $0.kind == .incompleteBreakdown }
        #expect(incomplete.count == 1 && incomplete[0].periods == ["2020"] && incomplete[0].observed == 3)
        #expect(incomplete[0].action == .periodsLeftOut && incomplete[0].scopes.first == "TOTAL")
        let unclassified = findings.filter { $0.kind == .unclassifiedShare }
        #expect(unclassified.count == 1 && unclassified[0].periods == ["2021"])
        #expect(abs((unclassified[0].observed ?? 0) - 0.3) < 1e-9 && abs((unclassified[0].expected ?? 0) - 1) < 1e-9)
        // Left out for every scope, TOTAL included, so that sectors and total compare like with like.
        for s in kept { #expect(s.observations.allSatisfy { $0.period <= "2019" }, "\(s.scope)") }
    }

    @Test func sectionsAboveTheTotalAreLeftOutButHoursAreNotAdded() {
        var labour = [Self.series("DE", "TOTAL", .employment, [("2022", 100), ("2023", 100)]),
                      Self.series("DE", "C", .employment, [("2022", 60), ("2023", 60)]),
                      Self.series("DE", "J", .employment, [("2022", 45), ("2023", 30)])]
        var findings = LabourChecks.run(labour, growthWindowYears: 5).findings
        #expect(findings.map(\.kind) == [.sectionsExceedTotal])
        #expect(findings.first?.periods == ["2022"] && findings.first?.observed == 1.05)
        // 101.5 % is within the 2 % tolerance of rounded published figures.
        labour[2] = Self.series("DE", "J", .employment, [("2022", 41.5), ("2023", 30)])
        #expect(LabourChecks.run(labour, growthWindowYears: 5).findings.isEmpty)
        // Mean weekly hours of sections do not add up to anything: no sum check.
        let hours = ["TOTAL", "C", "J"].map { Self.series("DE", $0, .hours, [("2022", 38), ("2023", 39)], unit: "HR") }
        findings = LabourChecks.run(hours, growthWindowYears: 5).findings
        #expect(findings.isEmpty)
    }

    @Test func staleSeriesAreFlaggedAndVeryStaleOnesLeftOut() {
        var labour: [LabourSeries] = []
        for (country, last) in [("DE", 2024), ("NO", 2024), ("RS", 2024), ("UA", 2021), ("AM", 2015)] {
            labour.append(Self.series(country, "TOTAL", .employment, ((last - 3)...last).map { (String($0), 100) }))
        }
        let (kept, findings) = LabourChecks.run(labour, growthWindowYears: 5)
        let stale = findings.filter { $0.kind == .staleSeries }
        #expect(stale.map(\.country) == ["AM", "UA"])
        #expect(stale[0].action == .seriesLeftOut && stale[0].observed == 9 && stale[0].expected == 2024)
        #expect(stale[1].action == .flagged && stale[1].periods == ["2021"])
        #expect(!kept.contains { $0.country == "AM" } && kept.contains { $0.country == "UA" })
        // One country alone is compared with nobody.
        #expect(LabourChecks.run(labour.filter { $0.country == "UA" }, growthWindowYears: 5).findings.isEmpty)
    }

    @Test func missingYearsAreFlaggedPerSetOfScopes() {
        let labour = [Self.series("UA", "TOTAL", .hours, [("2016", 40), ("2017", 40), ("2019", 40)], unit: "HR"),
                      Self.series("UA", "C", .hours, [("2016", 40), ("2017", 40), ("2019", 40)], unit: "HR"),
                      Self.series("UA", "F", .hours, [("2015-Q4", 40), ("2016-Q3", 40)], unit: "HR")]
        let findings = LabourChecks.run(labour, growthWindowYears: 5).findings
        #expect(findings.count == 2)
        #expect(findings.contains { $0.kind == .gapInYears && $0.scopes == ["TOTAL", "C"] && $0.periods == ["2018"] })
        #expect(findings.contains { $0.scopes == ["F"] && $0.periods == ["2016-Q1", "2016-Q2"] && $0.action == .flagged })
    }

    @Test func growthIsCompoundAnnualOverTheWindow() throws {
        func growth(_ values: [(String, Double)], window: Int = 5) -> (Double, String)? {
            let table = LabourPressureCalculator.SeriesTable(
                country: "DE", labour: [Self.series("DE", "TOTAL", .employment, values)], growthWindowYears: window)
            return table.metric(.employment, scope: .total).map { ($0.value, $0.periods) }
        }
        // Two points one year apart: (latest − previous)/previous, as before.
        let two = try #require(growth([("2022", 200), ("2023", 210)]))
        #expect(two.0 == 5 && two.1 == "2022–2023")
        // Eight years: the window starts five years before the latest (2019), whatever the noisy years between.
        let long = try #require(growth([("2016", 50), ("2017", 90), ("2018", 10), ("2019", 100), ("2020", 300),
                                        ("2021", 20), ("2022", 400), ("2023", 1), ("2024", 100 * 1.1 * 1.1 * 1.1 * 1.1 * 1.1)]))
        #expect(abs(long.0 - 10) < 1e-9 && long.1 == "2019–2024")
        // A gap: the exponent is the years between the two observations.
        let gapped = try #require(growth([("2013", 100), ("2015", 121)]))
        #expect(abs(gapped.0 - 10) < 1e-9)
        // Nothing within the window but the latest: the observation before it, annualized.
        let sparse = try #require(growth([("2010", 100), ("2024", 100 * pow2(1.05, 14))], window: 5))
        #expect(abs(sparse.0 - 5) < 1e-9 && sparse.1 == "2010–2024")
        // Quarters: time in years, so growth is annual.
        let quarterly = try #require(growth([("2023-Q1", 100), ("2024-Q1", 104)]))
        #expect(abs(quarterly.0 - 4) < 1e-9)
    }

    @Test func unemploymentCountsBecomeARateWithEmployment() throws {
        let labour = [Self.series("GE", "TOTAL", .employment, [("2023", 1200), ("2024", 1190)]),
                      Self.series("GE", "TOTAL", .unemployment, [("2023", 150), ("2024", 210)]),
                      Self.series("GE", "C", .employment, [("2024", 90)]),
                      Self.series("GE", "C", .unemployment, [("2024", 10)])]
        let table = LabourPressureCalculator.SeriesTable(country: "GE", labour: labour)
        let total = try #require(table.metric(.unemployment, scope: .total))
        #expect(abs(total.value - 210.0 / 1400 * 100) < 1e-9 && total.periods == "2024")
        let c = try #require(table.metric(.unemployment, scope: .sector(SectorKey(section: "C"))))
        #expect(abs(c.value - 10) < 1e-9)
        // A rate is used as it is.
        let rate = LabourPressureCalculator.SeriesTable(
            country: "GE", labour: [Self.series("GE", "TOTAL", .unemployment, [("2024", 12.5)], unit: "PC")])
        #expect(rate.metric(.unemployment, scope: .total)?.value == 12.5)
    }
}

/// x to the n-th power by repeated multiplication (independent of the code under test's `pow`).
private func pow2(_ x: Double, _ n: Int) -> Double { (0..<n).reduce(1) { acc, _ in acc * x } }
