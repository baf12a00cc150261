import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// Labour pressure: series resolution, signs, standardization, coverage (`docs/methodology.md` §3).
@Suite struct LabourPressureCalculatorTests {
    typealias F = ScoreFixtures

    @Test func divisionsInheritTheirSectionAndAggregatesOnlyFillGaps() {
        let labour = [
            F.series("RS", .total, .employment, [("2022", 1000), ("2023", 1010)]),
            F.series("RS", .sector(SectorKey("C")!), .employment, [("2022", 100), ("2023", 110)]),
            F.series("RS", .sector(SectorKey("G")!), .employment, [("2022", 200), ("2023", 200)]),
            // B-E covers C, but C has its own series: the aggregate must not replace it; it serves D only.
            F.series("RS", .aggregate(code: "B-E", sections: ["B", "C", "D", "E"]), .employment,
                     [("2022", 300), ("2023", 297)]),
        ]
        let sectors: Set<SectorKey> = [SectorKey("C10")!, SectorKey("D")!, SectorKey("Q")!]
        let p = LabourPressureCalculator.pressures(
            country: "RS", sectors: sectors, labour: labour, weights: .init())
        let by = Dictionary(uniqueKeysWithValues: p.map { ($0.sector.description, $0) })
        #expect(by["C10"]?.sourceScopes[.employment] == "C")
        #expect(by["C"]?.sourceScopes[.employment] == "C")
        #expect(by["D"]?.sourceScopes[.employment] == "B-E")
        #expect(by["Q"]?.coverage == 0 && by["Q"]?.pressure == nil)
        // Raw: C 10 % − 1 % = 9; G 0 − 1 = −1; B-E −1 − 1 = −2.
        #expect(abs(by["C10"]!.rawSubIndices[.employment]! - 9) < 1e-9)
        #expect(abs(by["D"]!.rawSubIndices[.employment]! + 2) < 1e-9)
        // Standardized over the three distinct scopes C, G, B-E (C10 and C count once).
        let values = [9.0, -1.0, -2.0]
        let mean = values.reduce(0, +) / 3
        let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
        #expect(abs(by["C10"]!.subIndices[.employment]! - (9 - mean) / sd) < 1e-9)
        #expect(by["C10"]!.pressure == by["C"]!.pressure)
        #expect(abs(by["C10"]!.employmentShare! - 110.0 / 1010.0) < 1e-12)
        // An aggregate never lends its employment share to a member section.
        #expect(by["D"]?.employmentShare == nil)
    }

    @Test func unemploymentIsSignReversedAndVacancyRateUsesEmploymentOfTheSameScope() {
        let labour = [
            F.series("MK", .total, .unemployment, [("2023", 10)]),
            F.series("MK", .sector(SectorKey("F")!), .unemployment, [("2023", 14)]),
            F.series("MK", .total, .vacancies, [("2023-Q1", 10), ("2023-Q2", 20)]),
            F.series("MK", .total, .employment, [("2023-Q1", 990), ("2023-Q2", 980)]),
            F.series("MK", .sector(SectorKey("F")!), .vacancies, [("2023-Q1", 5), ("2023-Q2", 9)]),
            // Q2 employment missing for F: the rate uses the latest period both series share (Q1).
            F.series("MK", .sector(SectorKey("F")!), .employment, [("2023-Q1", 95)]),
        ]
        let p = LabourPressureCalculator.pressures(country: "MK", sectors: [SectorKey("F")!], labour: labour, weights: .init())
        let f = p.first { $0.sector == SectorKey("F")! }!
        #expect(f.rawSubIndices[.unemployment] == -4)
        let expectedVacancy: Double = 5.0 - 2.0  // F: 5/(5+95) = 5 %; TOTAL at Q2: 20/(20+980) = 2 %
        let vacancy: Double = f.rawSubIndices[.vacancies]!
        #expect(abs(vacancy - expectedVacancy) < 1e-9)
        // One distinct scope: no contrast, z = 0, but the sub-index counts for coverage.
        #expect(f.subIndices[.unemployment] == 0 && f.coverage == 2 && f.pressure == 0)
    }

    @Test func noTotalMeansNoSubIndexAndDroppingRemovesIt() {
        let labour = [
            F.series("AM", .sector(SectorKey("C")!), .wages, [("2022", 100), ("2023", 120)]),
            F.series("AM", .total, .hours, [("2022", 40), ("2023", 40)]),
            F.series("AM", .sector(SectorKey("C")!), .hours, [("2022", 40), ("2023", 42)], flag: "e"),
            F.series("AM", .sector(SectorKey("F")!), .hours, [("2022", 40), ("2023", 39)]),
        ]
        let p = LabourPressureCalculator.pressures(country: "AM", sectors: [], labour: labour, weights: .init())
        let c = p.first { $0.sector == SectorKey("C")! }!
        #expect(c.rawSubIndices[.wages] == nil)
        #expect(c.coverage == 1 && c.subIndices[.hours]! > 0)
        #expect(c.sourceFlags == ["e"])
        let dropped = LabourPressureCalculator.pressures(
            country: "AM", sectors: [], labour: labour, weights: .init(), dropping: .hours)
        #expect(dropped.allSatisfy { $0.coverage == 0 && $0.pressure == nil })
        // Other countries' series are ignored.
        #expect(LabourPressureCalculator.pressures(country: "UA", sectors: [], labour: labour, weights: .init()).isEmpty)
    }
}

/// Issue 11, defect 2: the vacancy rate in one unit (the unit checks themselves are `LabourValueTests`).
@Suite struct VacancyRateUnitTests {
    /// Serbia's economy-wide vacancy rate: a count of vacancies (NR) over employment in thousands (THS_PER).
    /// Divided as given, V/(V+E) was ≈ 94 %; in one unit it is ≈ 1.6 %.
    @Test func theVacancyRateDividesPersonsByPersons() throws {
        let labour = [
            LabourSeries(country: "RS", scope: .total, indicator: .employment, unit: "THS_PER",
                         observations: [LabourObservation(period: "2023", value: 2935.3)]),
            LabourSeries(country: "RS", scope: .total, indicator: .vacancies, unit: "NR",
                         observations: [LabourObservation(period: "2023", value: 47_000)]),
        ]
        let table = LabourPressureCalculator.SeriesTable(country: "RS", labour: labour)
        let rate = try #require(table.metric(.vacancies, scope: .total)).value
        #expect(abs(rate - 47_000 / (47_000 + 2_935_300) * 100) < 1e-9)
        #expect(rate > 1.5 && rate < 1.7)
    }
}
