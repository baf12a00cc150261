import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// The worked example of docs/methodology.md §5.1, number by number: six German respondents under the bundled demo
/// key, their record keys, the cell key and its deviation, the published n and means, and the release without R4
/// that a reader might subtract.
@Suite struct CellKeyWorkedExampleTests {
    /// (id, importance, proficiency, hard-to-fill, demand change).
    static let answers: [(String, Int, Int, Bool, Int)] = [
        ("R1", 5, 2, true, 2), ("R2", 4, 3, true, 1), ("R3", 5, 3, false, 1), ("R4", 3, 3, true, 0),
        ("R5", 4, 2, false, 1), ("R6", 5, 4, true, 2),
    ]

    static let keyer = RecordKeyer(keyBytes: PerturbationKey.demo)!

    static func cell(without excluded: String? = nil) -> SurveyCellStats {
        var s = SurveyCellStats()
        for (id, importance, proficiency, yes, demand) in answers where id != excluded {
            s.add(RespondentAnswers(packed: RespondentAnswers.pack(
                importance: importance, proficiency: proficiency, hardToFill: yes ? 1 : 0, demand: demand, mode: 0,
                groups: 0)), recordKey: keyer.recordKey(country: "DE", respondent: id))
        }
        return s
    }

    static func fraction(_ numerator: Int, _ denominator: Int) -> Double { Double(numerator) / Double(denominator) }

    /// Equal up to rounding of the last bits (sums are exact fractions, their `Double` values are not).
    static func near(_ x: Double, _ y: Double) -> Bool { abs(x - y) < 1e-12 }

    @Test func recordKeysAndCellKey() {
        let keys = Self.answers.map { Self.keyer.recordKey(country: "DE", respondent: $0.0) }
        #expect(keys == [0x8c7a_e4d2_31e6_3f03, 0xae00_12bf_18e1_0609, 0x0255_89ce_fc5d_e0b9, 0x6610_9d7d_22a4_8a39,
                         0xe4fb_4ea8_bafc_fb86, 0x3ec4_d448_782e_92e2])
        let s = Self.cell()
        #expect(s.cellKey == keys.reduce(0, &+))
        #expect(s.cellKey == 0xc6a1_41ce_9cf5_3e66)
        #expect(s.cellKey >> 56 == 198)
        // Row n ≥ 3, byte 198 falls in 179…229: p = +1.
        #expect(CellKeyPerturbation.deviation(key: s.cellKey, count: 6) == 1)
        #expect(s.valueKey == 0x01b0_aabe_e88c_94aa)
        let draws = (1...4).map { CellKeyPerturbation.subKey(s.valueKey, $0) >> 56 }
        #expect(draws == [183, 6, 240, 161])
        #expect(draws.map { CellKeyPerturbation.deviation(key: $0 << 56, count: 3) } == [1, -2, 2, 0])
    }

    @Test func publishedValues() {
        let s = Self.cell()
        let published = CellKeyPerturbation.apply(s)
        #expect(published.n == 7)
        // Sums × 7/6, then moved: importance 26 → 91/3 + 1, discrepancy 9 → 21/2 − 2, yes 4 → 14/3 + 2,
        // demand 7 → 49/6 + 0.
        #expect(Self.near(published.sumImportance.value, Self.fraction(94, 3)))
        #expect(Self.near(published.sumDiscrepancy.value, Self.fraction(17, 2)))
        #expect(published.hardToFillAnswered == 7 && Self.near(published.hardToFillYes.value, Self.fraction(20, 3)))
        #expect(published.demandChangeAnswered == 7 && Self.near(published.demandChangeSum.value, Self.fraction(49, 6)))
        let truth = GapScorer.evidence(s, z: 1.96), shown = GapScorer.evidence(published, z: 1.96)
        #expect(Self.near(truth.meanImportance, Self.fraction(13, 3)) && Self.near(shown.meanImportance, Self.fraction(94, 21)))
        #expect(Self.near(truth.meanDiscrepancy, 1.5) && Self.near(shown.meanDiscrepancy, Self.fraction(17, 14)))
        #expect(Self.near(truth.mwds, 6.5) && Self.near(shown.mwds, Self.fraction(799, 147)))
        #expect(Self.near(truth.hardToFill!, Self.fraction(2, 3)) && Self.near(shown.hardToFill!, Self.fraction(20, 21)))
        #expect(Self.near(truth.demandChange!, Self.fraction(7, 6)) && Self.near(shown.demandChange!, Self.fraction(7, 6)))
    }

    /// The release without R4 and what subtracting it gives.
    @Test func differencingTheTwoReleases() {
        let a = CellKeyPerturbation.apply(Self.cell()), b = CellKeyPerturbation.apply(Self.cell(without: "R4"))
        let without = Self.cell(without: "R4")
        #expect(without.cellKey >> 56 == 96)
        // Row n ≥ 3, byte 96: p = 0; the value key's draws give 0, +2, 0, −2.
        #expect((1...4).map { CellKeyPerturbation.subKey(without.valueKey, $0) >> 56 } == [92, 253, 102, 22])
        #expect(b.n == 5)
        let ea = GapScorer.evidence(a, z: 1.96), eb = GapScorer.evidence(b, z: 1.96)
        #expect(Self.near(eb.meanImportance, 4.6) && Self.near(eb.meanDiscrepancy, 2.2) && Self.near(eb.mwds, 10.12))
        #expect(Self.near(eb.hardToFill!, 0.6) && Self.near(eb.demandChange!, 1))
        // share × n: 20/3 − 3 = 3.67 (R4 said yes, one answer); Σ demand: 49/6 − 5 = 3.17 (R4 said 0);
        // Σ importance: 94/3 − 23 = 8.33 (R4 said 3).
        let yes = ea.hardToFill! * Double(a.n) - eb.hardToFill! * Double(b.n)
        let demand = ea.demandChange! * Double(a.n) - eb.demandChange! * Double(b.n)
        let importance = ea.meanImportance * Double(a.n) - eb.meanImportance * Double(b.n)
        #expect(abs(yes - Self.fraction(11, 3)) < 1e-9)
        #expect(abs(demand - Self.fraction(19, 6)) < 1e-9)
        #expect(abs(importance - Self.fraction(25, 3)) < 1e-9)
    }
}
