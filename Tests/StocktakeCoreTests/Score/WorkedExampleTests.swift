import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// Reproduces the worked example of `docs/methodology.md` §11: same inputs, every figure of its table.
@Suite struct WorkedExampleTests {
    typealias A = ScoreFixtures.Answer

    static let skillA = ScoreFixtures.skill("use digital tools to control machinery", group: "S5", code: "S5.6")
    static let skillB = ScoreFixtures.skill("monitor food processing quality", group: "S2", code: "S2.2")
    static let c10 = SectorKey("C10")!

    static func inputs() -> (cells: [SurveyCell], labour: [LabourSeries], countries: [CountryProfile]) {
        let a: [A] = [
            A(importance: 5, proficiency: 2, hardToFill: true, demandChange: 2, mode: .blended, targets: [.unemployed]),
            A(importance: 4, proficiency: 2, hardToFill: true, demandChange: 1, mode: .blended, targets: [.unemployed, .youth]),
            A(importance: 5, proficiency: 3, hardToFill: false, demandChange: 1, mode: .blended, targets: [.unemployed]),
            A(importance: 4, proficiency: 3, hardToFill: true, demandChange: 2, mode: .onSite, targets: [.youth]),
            A(importance: 3, proficiency: 3, hardToFill: false, demandChange: 0, mode: .onSite),
            A(importance: 5, proficiency: 1, hardToFill: true, demandChange: 1, mode: .online),
        ]
        let b: [A] = [
            A(importance: 4, proficiency: 3, hardToFill: false, demandChange: 0, mode: .onSite, targets: [.adults]),
            A(importance: 3, proficiency: 3, hardToFill: false, demandChange: 1, mode: .onSite),
            A(importance: 4, proficiency: 2, hardToFill: true, demandChange: 0, mode: .onSite, targets: [.adults]),
            A(importance: 3, proficiency: 3, hardToFill: false, demandChange: -1, mode: .blended),
            A(importance: 5, proficiency: 4, hardToFill: nil, demandChange: 0),
            A(importance: 2, proficiency: 3, hardToFill: false, demandChange: nil),
        ]
        let cells = [
            SurveyCell(country: "ME", sector: c10, skill: skillA, stats: ScoreFixtures.stats(a)),
            SurveyCell(country: "ME", sector: c10, skill: skillB, stats: ScoreFixtures.stats(b)),
        ]
        let rows: [(LabourScope, [Double])] = [
            (.total, [200000, 204000, 4000, 800, 840, 15.0]),
            (.sector(SectorKey("C")!), [30000, 31200, 1200, 700, 756, 12.0]),
            (.sector(SectorKey("F")!), [20000, 19600, 300, 650, 663, 18.0]),
            (.sector(SectorKey("G")!), [50000, 51000, 800, 900, 936, 14.0]),
        ]
        var labour: [LabourSeries] = []
        for (scope, v) in rows {
            labour.append(ScoreFixtures.series("ME", scope, .employment, [("2022", v[0]), ("2023", v[1])]))
            labour.append(ScoreFixtures.series("ME", scope, .vacancies, [("2023", v[2])]))
            labour.append(ScoreFixtures.series("ME", scope, .wages, [("2022", v[3]), ("2023", v[4])]))
            labour.append(ScoreFixtures.series("ME", scope, .unemployment, [("2023", v[5])]))
        }
        let countries = [CountryProfile(
            code: "ME", name: "Montenegro", awardingBodies: ["VET Centre of Montenegro"],
            prioritySectors: [SectorKey("C")!])]
        return (cells, labour, countries)
    }

    /// The `| \`figure\` | value |` rows between the worked-example markers of docs/methodology.md.
    static func documentedFigures() throws -> [String: Double] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/methodology.md"), encoding: .utf8)
        guard let begin = text.range(of: "<!-- worked-example:begin -->"),
              let end = text.range(of: "<!-- worked-example:end -->") else { return [:] }
        var figures: [String: Double] = [:]
        for line in text[begin.upperBound..<end.lowerBound].split(separator: "\n") {
            let parts = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0].hasPrefix("`"), let value = Double(parts[1]) else { continue }
            figures[parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = value
        }
        return figures
    }

    @Test func everyDocumentedFigureIsReproduced() throws {
        let (cells, labour, countries) = Self.inputs()
        let config = ScoringConfig()
        let result = GapScorer.score(
            cells: cells, sectorRespondents: [SectorRespondents(country: "ME", sector: Self.c10, respondents: 6)],
            labour: labour, countries: countries, config: config)
        let proposals = ProposalBuilder.build(
            scores: result, cells: cells, countries: countries, provision: nil, config: ProposalConfig())

        var computed: [String: Double] = [:]
        let names: [(LabourIndicator, String)] = [
            (.employment, "employment_growth"), (.vacancies, "vacancy_rate"), (.wages, "wage_growth"),
            (.unemployment, "unemployment"),
        ]
        for section in ["C", "F", "G"] {
            let p = try #require(result.pressures.first { $0.sector == SectorKey(section)! })
            for (indicator, name) in names {
                computed["raw.\(section).\(name)"] = p.rawSubIndices[indicator]
                computed["z.\(section).\(name)"] = p.subIndices[indicator]
            }
            computed["pressure.\(section)"] = p.pressure
            #expect(p.coverage == 4)
        }
        let pC10 = try #require(result.pressures.first { $0.sector == Self.c10 })
        computed["employment_share.C10"] = pC10.employmentShare
        #expect(pC10.sourceScopes[.employment] == "C")

        let z = ScoreMath.criticalValue(confidenceLevel: config.confidenceLevel)
        for (name, skill) in [("A", Self.skillA), ("B", Self.skillB)] {
            let gap = try #require(result.gaps.first { $0.skill == skill })
            let e = GapScorer.evidence(try #require(cells.first { $0.skill == skill }).stats, z: z)
            computed["\(name).meanI"] = e.meanImportance
            computed["\(name).meanD"] = e.meanDiscrepancy
            computed["\(name).mwds"] = gap.mwds
            computed["\(name).se"] = e.standardError
            computed["\(name).lo"] = gap.mwdsLow
            computed["\(name).hi"] = gap.mwdsHigh
            computed["\(name).h"] = gap.hardToFillShare
            computed["\(name).hlo"] = gap.hardToFillLow
            computed["\(name).hhi"] = gap.hardToFillHigh
            computed["\(name).dc"] = gap.demandChange
            computed["\(name).score"] = gap.score
            computed["\(name).score_low"] = gap.scoreLow
            computed["\(name).score_high"] = gap.scoreHigh
            computed["\(name).priority"] = try #require(proposals.first { $0.skills == [skill] }).priority
            #expect(gap.n == 6)
            #expect(gap.flags == [.unreliable])
        }

        let documented = try Self.documentedFigures()
        #expect(documented.count == 56)
        #expect(Set(documented.keys) == Set(computed.keys))
        for (key, value) in documented.sorted(by: { $0.key < $1.key }) {
            let actual = try #require(computed[key], "\(key) not computed")
            #expect(abs(actual - value) <= 0.0005 + 1e-9, "\(key): documented \(value), computed \(actual)")
        }
    }

    @Test func proposalsMatchTheDocumentedDescription() throws {
        let (cells, labour, countries) = Self.inputs()
        let result = GapScorer.score(
            cells: cells, sectorRespondents: [], labour: labour, countries: countries, config: ScoringConfig())
        let concepts = try ESCOConcepts.load(directory: TaxonomyFixture.directory)
        let proposals = ProposalBuilder.build(
            scores: result, cells: cells, countries: countries, provision: nil, config: ProposalConfig(),
            concepts: concepts)
        #expect(proposals.map(\.id) == ["ME-C10-S5", "ME-C10-S2"])
        #expect(proposals.map(\.rank) == [1, 2])
        let first = proposals[0]
        #expect(first.hours == 25 && first.ectsCredits == 1 && first.ecvetPoints == 1)
        #expect(first.volumeOfLearning == "PT25H")
        #expect(first.eqfLevel == 4 && first.eqfBasis == "default")
        // Machine control in manufacturing: the food field, practised in person (blended, the survey's mode).
        #expect(first.iscedF == "0721")
        #expect(first.participationForm == .blended && first.participationBasis == .practiceRequired)
        #expect(first.assessmentType == "practical-on-site")
        #expect(first.targetGroups == [.unemployed, .youth])
        #expect(first.uses == ["initial-vet", "upskilling", "reskilling"])
        #expect(first.awardingBody == "VET Centre of Montenegro")
        #expect(first.title == "Use digital tools to control machinery (NACE C10)")
        // S5.6's concept sharing most words with the survey label and the sector (docs/methodology.md §11).
        #expect(first.skillOutcomes.first?.label == "create digital images")
        #expect(first.outcomes.allSatisfy { $0.uri.hasPrefix("http://data.europa.eu/esco/skill/") })
        let second = proposals[1]
        #expect(second.participationForm == .onSite)
        #expect(second.iscedF == "0721")
        #expect(second.targetGroups == [.adults])
        let sensitivity = try #require(result.sensitivity.first)
        #expect(sensitivity.scenarios.count == 23)
        #expect(sensitivity.scenarios.allSatisfy { $0.retainedShare == 1 && $0.kendallTau == 1 })
    }
}
