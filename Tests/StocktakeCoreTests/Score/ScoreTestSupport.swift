import Foundation
@testable import StocktakeCore
@testable import StocktakeModel

/// Deterministic pseudo-random generator (SplitMix64) for property tests: same seed, same cases.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Builders shared by the score and propose tests.
enum ScoreFixtures {
    /// One respondent's answer to one skill (the fields scoring uses).
    struct Answer {
        var importance: Int
        var proficiency: Int
        var hardToFill: Bool? = nil
        var demandChange: Int? = nil
        var mode: LearningMode? = nil
        var targets: Set<TargetGroup> = []
    }

    static func stats(_ answers: [Answer]) -> SurveyCellStats {
        var s = SurveyCellStats()
        for (i, a) in answers.enumerated() {
            s.add(SurveyRecord(
                country: "XX", respondentID: "r\(i)", organisationType: "employer", sector: "x", skill: "x",
                importance: a.importance, proficiency: a.proficiency, hardToFill: a.hardToFill,
                demandChange: a.demandChange, learningMode: a.mode, targetGroups: a.targets))
        }
        return s
    }

    static func skill(_ label: String, group: String?, code: String? = nil) -> SkillRef {
        SkillRef(code: group.map { code ?? $0 }, uri: nil, label: label, group: group)
    }

    static func series(
        _ country: String, _ scope: LabourScope, _ indicator: LabourIndicator, _ values: [(String, Double)],
        flag: String = ""
    ) -> LabourSeries {
        LabourSeries(
            country: country, scope: scope, indicator: indicator, unit: "",
            observations: values.map { LabourObservation(period: $0.0, value: $0.1, flag: flag) })
    }

    /// Random answers for one cell.
    static func randomAnswers(count: Int, using rng: inout SeededGenerator) -> [Answer] {
        (0..<count).map { _ in
            Answer(
                importance: Int.random(in: 1...5, using: &rng), proficiency: Int.random(in: 1...5, using: &rng),
                hardToFill: [true, false, nil].randomElement(using: &rng)!,
                demandChange: [-2, -1, 0, 1, 2, nil].randomElement(using: &rng)!,
                mode: [LearningMode.online, .blended, .onSite, nil].randomElement(using: &rng)!,
                targets: Set(TargetGroup.allCases.filter { _ in Int.random(in: 0...3, using: &rng) == 0 }))
        }
    }

    /// A random country: sections and divisions, skills, cells of random sizes (some below k), labour series.
    static func randomCountry(_ code: String, using rng: inout SeededGenerator)
        -> (cells: [SurveyCell], respondents: [SectorRespondents], labour: [LabourSeries])
    {
        let sectorPool = ["C", "C10", "C25", "C28", "F", "F41", "F43", "G", "I", "I55", "J62", "Q"].compactMap(SectorKey.init)
        let skillPool = [
            skill("digital tools", group: "S5"), skill("spreadsheets", group: "S5", code: "S5.2"),
            skill("teamwork", group: "T4"), skill("welding", group: "S8"), skill("food safety", group: "K", code: "K0721"),
            skill("local craft", group: nil),
        ]
        let sectors = sectorPool.filter { _ in Bool.random(using: &rng) }
        let skills = skillPool.filter { _ in Int.random(in: 0...2, using: &rng) > 0 }
        var cells: [SurveyCell] = []
        var respondents: [SectorRespondents] = []
        for sector in sectors {
            var maxN = 0
            for skill in skills where Int.random(in: 0...3, using: &rng) > 0 {
                let n = Int.random(in: 1...14, using: &rng)
                maxN = max(maxN, n)
                cells.append(SurveyCell(
                    country: code, sector: sector, skill: skill, stats: stats(randomAnswers(count: n, using: &rng))))
            }
            if maxN > 0 { respondents.append(SectorRespondents(country: code, sector: sector, respondents: maxN)) }
        }
        var labour: [LabourSeries] = []
        let scopes: [LabourScope] = [.total, .sector(SectorKey("C")!), .sector(SectorKey("F")!),
                                     .sector(SectorKey("G")!), .aggregate(code: "G-I", sections: ["G", "H", "I"]),
                                     .sector(SectorKey("J")!)]
        for scope in scopes where scope == .total || Bool.random(using: &rng) {
            for indicator in LabourIndicator.allCases where Int.random(in: 0...3, using: &rng) > 0 {
                let base = Double.random(in: 100...10_000, using: &rng)
                let values = [("2022", base), ("2023", base * Double.random(in: 0.9...1.1, using: &rng))]
                labour.append(series(code, scope, indicator, values, flag: Bool.random(using: &rng) ? "" : "p"))
            }
        }
        return (cells, respondents, labour)
    }
}
