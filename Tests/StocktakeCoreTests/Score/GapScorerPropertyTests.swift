import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// Property tests over many seeded random cases (`docs/methodology.md` §2.1, §4, §5).
@Suite struct GapScorerPropertyTests {
    typealias Answer = ScoreFixtures.Answer

    /// Raising respondent j's importance by δ changes n²·MWDS by δ·(ΣI + Σd + δ): the MWDS never decreases
    /// exactly when Σ(2I − P) + δ ≥ 0. Checked in exact integers and on the scorer's floating-point MWDS.
    @Test func raisingImportanceLowersMWDSOnlyUnderTheDocumentedCondition() {
        var rng = SeededGenerator(seed: 20_260_611)
        var holds = 0
        var fails = 0
        for _ in 0..<3000 {
            let n = Int.random(in: 1...25, using: &rng)
            // Skew some cases towards high proficiency so the condition can fail.
            let skew = Bool.random(using: &rng)
            var answers = (0..<n).map { _ in
                Answer(
                    importance: skew ? Int.random(in: 1...2, using: &rng) : Int.random(in: 1...5, using: &rng),
                    proficiency: skew ? Int.random(in: 4...5, using: &rng) : Int.random(in: 1...5, using: &rng))
            }
            let j = Int.random(in: 0..<n, using: &rng)
            guard answers[j].importance < 5 else { continue }
            let delta = Int.random(in: 1...(5 - answers[j].importance), using: &rng)
            let before = ScoreFixtures.stats(answers)
            answers[j].importance += delta
            let after = ScoreFixtures.stats(answers)

            let condition = before.sumImportance.whole + before.sumDiscrepancy.whole + delta
            let productBefore = before.sumImportance.whole * before.sumDiscrepancy.whole
            let productAfter = after.sumImportance.whole * after.sumDiscrepancy.whole
            #expect(productAfter - productBefore == delta * condition)
            #expect((productAfter >= productBefore) == (condition >= 0))

            let mBefore = GapScorer.evidence(before, z: 1.96).mwds
            let mAfter = GapScorer.evidence(after, z: 1.96).mwds
            if condition >= 0 {
                #expect(mAfter >= mBefore - 1e-12)
                holds += 1
            } else {
                #expect(mAfter < mBefore)
                fails += 1
            }
            // Corollary stated in the doc: a cell with a gap (d̄ ≥ 0) never loses MWDS.
            if before.sumDiscrepancy.whole >= 0 { #expect(mAfter >= mBefore - 1e-12) }
            // And the gap score never decreases, whatever the other components.
            let h: Double? = Bool.random(using: &rng) ? Double.random(in: 0...1, using: &rng) : nil
            let dc: Double? = Bool.random(using: &rng) ? Double.random(in: -2...2, using: &rng) : nil
            let pressure: Double? = Bool.random(using: &rng) ? Double.random(in: -3...3, using: &rng) : nil
            let config = ScoringConfig()
            let sBefore = GapScorer.gapScore(
                mwds: mBefore, hardToFill: h, demandChange: dc, pressure: pressure, weights: config.weights, config: config)!
            let sAfter = GapScorer.gapScore(
                mwds: mAfter, hardToFill: h, demandChange: dc, pressure: pressure, weights: config.weights, config: config)!
            #expect(sAfter >= sBefore - 1e-9)
        }
        // Both sides of the condition were exercised.
        #expect(holds > 500)
        #expect(fails > 50)
    }

    @Test func theDocumentedCounterexampleLowersTheMWDS() {
        var answers = (0..<4).map { _ in Answer(importance: 1, proficiency: 5) }
        let before = GapScorer.evidence(ScoreFixtures.stats(answers), z: 1.96).mwds
        answers[0].importance = 2
        let after = GapScorer.evidence(ScoreFixtures.stats(answers), z: 1.96).mwds
        #expect(before == -4)
        #expect(after < before)
    }

    @Test func scoresStayWithinZeroToHundred() {
        var rng = SeededGenerator(seed: 7)
        for caseIndex in 0..<150 {
            let country = ScoreFixtures.randomCountry("C\(caseIndex % 10)", using: &rng)
            var config = ScoringConfig()
            config.weights = .init(
                survey: Double.random(in: 0.01...5, using: &rng), hardToFill: Double.random(in: 0...5, using: &rng),
                demandChange: Double.random(in: 0...5, using: &rng), labour: Double.random(in: 0...5, using: &rng))
            config.minCellSize = Int.random(in: 3...6, using: &rng)
            config.mwdsScale = Double.random(in: 1...20, using: &rng)
            let result = GapScorer.score(
                cells: country.cells, sectorRespondents: country.respondents, labour: country.labour, countries: [],
                config: config)
            for gap in result.gaps where gap.score != nil {
                let (s, low, high) = (gap.score!, gap.scoreLow!, gap.scoreHigh!)
                #expect((0...100).contains(s) && (0...100).contains(low) && (0...100).contains(high))
                #expect(low <= s + 1e-9 && s <= high + 1e-9)
                #expect(GapScorer.mwdsRange.contains(gap.mwds!))
                #expect(gap.mwdsLow! <= gap.mwds! + 1e-9 && gap.mwds! <= gap.mwdsHigh! + 1e-9)
            }
        }
    }

    /// No suppressed value is published, and none can be recovered by subtracting the published cells of a
    /// country × skill from the skill's true total: the hidden remainder is 0 or ≥ k, never one cell alone.
    @Test func noSuppressedValueIsPublishedOrRecoverable() {
        var rng = SeededGenerator(seed: 42)
        var sawSecondary = false
        var sawRollUp = false
        var sawLinked = false
        for caseIndex in 0..<150 {
            let code = "K\(caseIndex % 7)"
            let country = ScoreFixtures.randomCountry(code, using: &rng)
            var config = ScoringConfig()
            config.minCellSize = Int.random(in: 3...7, using: &rng)
            let k = config.minCellSize
            // Free text allowed: the skills are compared by label below, and withheld labels are the other rules'
            // business (`FreeTextDisclosureTests`).
            let result = GapScorer.score(
                cells: country.cells, sectorRespondents: country.respondents, labour: country.labour, countries: [],
                config: config, publishFreeText: true)
            for gap in result.gaps where gap.flags.contains(.suppressed) {
                #expect(gap.n == 0 && gap.mwds == nil && gap.mwdsLow == nil && gap.mwdsHigh == nil)
                #expect(gap.score == nil && gap.scoreLow == nil && gap.scoreHigh == nil && gap.rank == nil)
                #expect(gap.hardToFillShare == nil && gap.demandChange == nil && gap.hardToFillLow == nil)
                #expect(gap.suppression != nil)
                if gap.suppression == .secondary { sawSecondary = true }
            }
            let bySkill = Dictionary(grouping: country.cells, by: \.skill)
            for (skill, raw) in bySkill {
                let trueTotal = raw.reduce(0) { $0 + $1.stats.n }
                let rows = result.gaps.filter { $0.skill == skill }
                let published = rows.filter { !$0.flags.contains(.suppressed) }
                let suppressed = rows.filter { $0.flags.contains(.suppressed) }
                for row in published {
                    #expect(row.n >= k)
                    if row.flags.contains(.rolledUp) { sawRollUp = true }
                    // A published row is exactly the raw cells it stands for: its own division, or the section
                    // itself plus divisions not listed.
                    let listed = Set(rows.map(\.sector))
                    let members = raw.filter {
                        row.sector.isSection
                            ? $0.sector.section == row.sector.section && ($0.sector.isSection || !listed.contains($0.sector))
                            : $0.sector == row.sector
                    }
                    #expect(row.n == members.reduce(0) { $0 + $1.stats.n })
                }
                let hidden = trueTotal - published.reduce(0) { $0 + $1.n }
                if !published.isEmpty && !suppressed.isEmpty {
                    #expect(suppressed.count >= 2, "one suppressed cell next to published ones in \(code) \(skill.label)")
                    #expect(hidden >= k, "hidden remainder \(hidden) < k in \(code) \(skill.label)")
                }
                if suppressed.isEmpty { #expect(hidden == 0) }
            }
            // Respondent counts: same guarantee against the country's respondent total.
            let trueRespondents = country.respondents.reduce(0) { $0 + $1.respondents }
            let publishedCounts = result.respondents.compactMap(\.respondents)
            #expect(publishedCounts.allSatisfy { $0 >= k })
            let hiddenRespondents = trueRespondents - publishedCounts.reduce(0, +)
            let suppressedCount = result.respondents.filter { $0.respondents == nil }.count
            if !publishedCounts.isEmpty && suppressedCount > 0 {
                #expect(suppressedCount >= 2 && hiddenRespondents >= k)
            }
            // Linked: a published cell never equals a suppressed respondent count of the same sector row.
            let listedRespondentRows = Set(result.respondents.map(\.sector))
            for row in result.respondents where row.respondents == nil {
                let trueCount = country.respondents.filter {
                    row.sector.isSection
                        ? $0.sector.section == row.sector.section && ($0.sector.isSection || !listedRespondentRows.contains($0.sector))
                        : $0.sector == row.sector
                }.reduce(0) { $0 + $1.respondents }
                for gap in result.gaps where gap.sector == row.sector && gap.score != nil {
                    #expect(gap.n != trueCount, "cell \(gap.sector) \(gap.skill.label) reveals a suppressed respondent count")
                    if gap.suppression == nil && gap.n == trueCount { sawLinked = true }
                }
                for gap in result.gaps where gap.sector == row.sector && gap.suppression == .secondary { sawLinked = true }
            }
        }
        #expect(sawSecondary)
        #expect(sawRollUp)
        #expect(sawLinked)
    }

    @Test func sameInputsGiveSameRanksWhateverTheInputOrder() {
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<15 {
            var cells: [SurveyCell] = []
            var respondents: [SectorRespondents] = []
            var labour: [LabourSeries] = []
            for code in ["DE", "UA", "GE"] {
                let c = ScoreFixtures.randomCountry(code, using: &rng)
                cells += c.cells
                respondents += c.respondents
                labour += c.labour
            }
            let countries = ["DE", "UA", "GE"].map { CountryProfile(code: $0, name: $0, awardingBodies: ["Body \($0)"]) }
            let first = GapScorer.score(
                cells: cells, sectorRespondents: respondents, labour: labour, countries: countries,
                config: ScoringConfig())
            let shuffledLabour = labour.shuffled(using: &rng).map { series -> LabourSeries in
                var s = series
                s.observations.shuffle(using: &rng)
                return s
            }
            let second = GapScorer.score(
                cells: cells.shuffled(using: &rng), sectorRespondents: respondents.shuffled(using: &rng),
                labour: shuffledLabour, countries: countries.shuffled(using: &rng), config: ScoringConfig())
            #expect(first == second)
            #expect(first.gaps.map(\.rank) == second.gaps.map(\.rank))
            let p1 = ProposalBuilder.build(
                scores: first, cells: cells, countries: countries, provision: nil, config: ProposalConfig())
            let p2 = ProposalBuilder.build(
                scores: second, cells: cells.shuffled(using: &rng), countries: countries, provision: nil,
                config: ProposalConfig())
            #expect(p1 == p2)
        }
    }
}
