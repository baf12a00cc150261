import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// The survey evidence of a cell and the score's fixed-scale components (`docs/methodology.md` §2, §4).
@Suite struct GapScorerTests {
    typealias Answer = ScoreFixtures.Answer

    /// MWDS from sufficient statistics equals Borich's per-respondent definition, and the delta-method SE equals
    /// the same formula computed from the raw answers.
    @Test func evidenceMatchesThePerRespondentDefinition() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<200 {
            let answers = ScoreFixtures.randomAnswers(count: Int.random(in: 2...40, using: &rng), using: &rng)
            let e = GapScorer.evidence(ScoreFixtures.stats(answers), z: 1.96)
            let n = Double(answers.count)
            let meanI = answers.map { Double($0.importance) }.reduce(0, +) / n
            let d = answers.map { Double($0.importance - $0.proficiency) }
            let borich = d.map { $0 * meanI }.reduce(0, +) / n
            #expect(abs(e.mwds - borich) < 1e-9)
            let meanD = d.reduce(0, +) / n
            let I = answers.map { Double($0.importance) }
            let varI = I.map { ($0 - meanI) * ($0 - meanI) }.reduce(0, +) / (n - 1)
            let varD = d.map { ($0 - meanD) * ($0 - meanD) }.reduce(0, +) / (n - 1)
            let cov = zip(I, d).map { ($0 - meanI) * ($1 - meanD) }.reduce(0, +) / (n - 1)
            let se = max(0, (meanD * meanD * varI + meanI * meanI * varD + 2 * meanI * meanD * cov) / n).squareRoot()
            #expect(abs(e.standardError - se) < 1e-9)
            let answered = answers.compactMap(\.hardToFill)
            if answered.isEmpty {
                #expect(e.hardToFill == nil)
            } else {
                #expect(e.hardToFill == Double(answered.filter { $0 }.count) / Double(answered.count))
                #expect(e.hardToFillLow! <= e.hardToFill! && e.hardToFill! <= e.hardToFillHigh!)
            }
        }
    }

    /// The 95 % delta-method interval covers the population MWDS in roughly 95 % of samples of 60.
    @Test func intervalCoverageIsNearTheNominalLevel() {
        var rng = SeededGenerator(seed: 11)
        // Population: importance and proficiency drawn from fixed distributions, correlated through a skill level.
        let population: [(Int, Int)] = (0..<20_000).map { _ in
            let i = [2, 3, 3, 4, 4, 4, 5, 5].randomElement(using: &rng)!
            let p = max(1, min(5, i - [0, 1, 1, 2, 3].randomElement(using: &rng)! + Int.random(in: 0...1, using: &rng)))
            return (i, p)
        }
        let meanI = Double(population.map(\.0).reduce(0, +)) / Double(population.count)
        let meanD = Double(population.map { $0.0 - $0.1 }.reduce(0, +)) / Double(population.count)
        let truth = meanI * meanD
        let z = ScoreMath.criticalValue(confidenceLevel: 0.95)
        var covered = 0
        let replications = 2000
        for _ in 0..<replications {
            let sample = (0..<60).map { _ in population.randomElement(using: &rng)! }
            let e = GapScorer.evidence(ScoreFixtures.stats(sample.map { Answer(importance: $0.0, proficiency: $0.1) }), z: z)
            if e.mwdsLow <= truth && truth <= e.mwdsHigh { covered += 1 }
        }
        let coverage = Double(covered) / Double(replications)
        #expect(coverage > 0.92 && coverage < 0.975, "coverage \(coverage)")
    }

    @Test func normalQuantileAndKendallTau() {
        #expect(abs(ScoreMath.normalQuantile(0.975) - 1.959963984540054) < 1e-9)
        #expect(abs(ScoreMath.normalQuantile(0.995) - 2.5758293035489) < 1e-9)
        #expect(abs(ScoreMath.normalQuantile(0.01) + 2.326347874040841) < 1e-9)
        #expect(abs(ScoreMath.criticalValue(confidenceLevel: 0.9) - 1.6448536269514722) < 1e-9)
        #expect(ScoreMath.kendallTau([1, 2, 3, 4], [1, 2, 3, 4]) == 1)
        #expect(ScoreMath.kendallTau([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
        #expect(abs(ScoreMath.kendallTau([1, 2, 3], [2, 1, 3]) - 1.0 / 3.0) < 1e-12)
        #expect(ScoreMath.fixed(-0.0001) == "0.000")
        #expect(ScoreMath.fixed(2.5, 1) == "2.5")
    }

    @Test func gapScoreUsesFixedScalesAndReweightsMissingComponents() {
        let config = ScoringConfig()
        let w = config.weights
        // Only the survey component: MWDS 5 on a scale of 10 → 50.
        #expect(GapScorer.gapScore(mwds: 5, hardToFill: nil, demandChange: nil, pressure: nil, weights: w, config: config) == 50)
        // Negative MWDS and a large one are clamped.
        #expect(GapScorer.gapScore(mwds: -3, hardToFill: nil, demandChange: nil, pressure: nil, weights: w, config: config) == 0)
        #expect(GapScorer.gapScore(mwds: 19, hardToFill: nil, demandChange: nil, pressure: nil, weights: w, config: config) == 100)
        // All four: 100 × (0.5·0.5 + 0.15·1 + 0.1·(0+2)/4 + 0.25·(1+2)/4) / 1.
        let all = GapScorer.gapScore(mwds: 5, hardToFill: 1, demandChange: 0, pressure: 1, weights: w, config: config)!
        #expect(abs(all - 100 * (0.25 + 0.15 + 0.05 + 0.1875)) < 1e-9)
    }

    @Test func flagsForLowReliabilityAndSourceFlags() {
        let skill = ScoreFixtures.skill("digital tools", group: "S5")
        var rng = SeededGenerator(seed: 5)
        let cells = [
            SurveyCell(country: "GE", sector: SectorKey("F")!, skill: skill,
                       stats: ScoreFixtures.stats(ScoreFixtures.randomAnswers(count: 7, using: &rng))),
            SurveyCell(country: "GE", sector: SectorKey("G")!, skill: skill,
                       stats: ScoreFixtures.stats(ScoreFixtures.randomAnswers(count: 12, using: &rng))),
        ]
        let labour = [
            ScoreFixtures.series("GE", .total, .unemployment, [("2023", 10)]),
            ScoreFixtures.series("GE", .sector(SectorKey("F")!), .unemployment, [("2023", 12)], flag: "p"),
            ScoreFixtures.series("GE", .sector(SectorKey("G")!), .unemployment, [("2023", 8)]),
        ]
        let result = GapScorer.score(cells: cells, sectorRespondents: [], labour: labour, countries: [], config: ScoringConfig())
        let f = result.gaps.first { $0.sector == SectorKey("F")! }!
        let g = result.gaps.first { $0.sector == SectorKey("G")! }!
        #expect(f.flags.contains(.unreliable) && f.flags.contains(.sourceFlagged))
        #expect(!g.flags.contains(.unreliable) && !g.flags.contains(.sourceFlagged))
        #expect(f.labourCoverage == 1 && g.labourCoverage == 1)
        // Higher unemployment than the economy → surplus → lower pressure.
        #expect(f.labourPressure! < g.labourPressure!)
        #expect(result.gaps.compactMap(\.rank).sorted() == [1, 2])
    }

    @Test func fragileCellsAreMarkedWhenWeightsDecideTheOrder() {
        // Two cells whose order flips when the labour weight moves ±20 %: survey favours A, labour favours B.
        let skill = ScoreFixtures.skill("x", group: "S1")
        let a = (0..<10).map { _ in Answer(importance: 5, proficiency: 3) }  // MWDS 10 → survey 1.0
        let b = (0..<10).map { _ in Answer(importance: 4, proficiency: 2) }  // MWDS 8 → survey 0.8
        let cells = [
            SurveyCell(country: "AM", sector: SectorKey("C")!, skill: skill, stats: ScoreFixtures.stats(a)),
            SurveyCell(country: "AM", sector: SectorKey("F")!, skill: skill, stats: ScoreFixtures.stats(b)),
        ]
        let labour = [
            ScoreFixtures.series("AM", .total, .unemployment, [("2023", 10)]),
            ScoreFixtures.series("AM", .sector(SectorKey("C")!), .unemployment, [("2023", 11)]),
            ScoreFixtures.series("AM", .sector(SectorKey("F")!), .unemployment, [("2023", 9)]),
        ]
        var config = ScoringConfig()
        config.weights = .init(survey: 0.5, hardToFill: 0, demandChange: 0, labour: 0.24)
        config.pressureSpan = 2.5
        config.topN = 1
        config.fragileExitShare = 0
        let result = GapScorer.score(cells: cells, sectorRespondents: [], labour: labour, countries: [], config: config)
        // Pressure C = −1, F = +1 → labour components 0.3 and 0.7. Baseline A − B ∝ 0.5·0.2 − 0.24·0.4 = 0.004 > 0,
        // so A ranks first; with the labour weight +20 % (0.288) the difference is −0.0152 and B overtakes it.
        #expect(result.gaps.first { $0.rank == 1 }?.sector == SectorKey("C")!)
        let flipped = result.sensitivity[0].scenarios.first { $0.name == "weight.labour+20%" }!
        #expect(flipped.retainedShare == 0)
        #expect(result.sensitivity[0].scenarios.first { $0.name == "weight.labour-20%" }!.retainedShare == 1)
        let scenarios = result.sensitivity[0].scenarios
        #expect(scenarios.contains { $0.retainedShare < 1 })
        let top = result.gaps.first { $0.rank == 1 }!
        #expect(top.flags.contains(.fragile))
        #expect(!result.gaps.first { $0.rank == 2 }!.flags.contains(.fragile))
    }
}
