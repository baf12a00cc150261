import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel
@testable import StocktakeIngest

/// Roll-up, primary and secondary suppression (`docs/methodology.md` §5).
@Suite struct DisclosureControlTests {
    static let welding = ScoreFixtures.skill("welding", group: "S8")
    static let teamwork = ScoreFixtures.skill("teamwork", group: "T4")

    /// Aggregates `Fixtures/score/subtraction_survey.csv` (native survey format, sector codes) into cells.
    static func fixtureCells() throws -> (cells: [SurveyCell], respondents: [SectorRespondents]) {
        let path = try #require(Bundle.module.path(forResource: "Fixtures/score/subtraction_survey", ofType: "csv"))
        var header: [String: Int] = [:]
        var stats: [String: [String: SurveyCellStats]] = [:]
        var people: [String: Set<String>] = [:]
        try CSVReader.forEachRecord(path: path) { record in
            if header.isEmpty {
                for (i, name) in record.fields.enumerated() { header[name] = i }
                return
            }
            func f(_ name: String) -> String { record.fields[header[name]!] }
            let modes: [String: LearningMode] = ["online": .online, "blended": .blended, "on-site": .onSite]
            let r = SurveyRecord(
                country: f("country"), respondentID: f("respondent_id"), organisationType: f("organisation_type"),
                sector: f("sector"), skill: f("skill"), importance: Int(f("importance"))!,
                proficiency: Int(f("proficiency"))!,
                hardToFill: f("hard_to_fill").isEmpty ? nil : f("hard_to_fill") == "yes",
                demandChange: Int(f("demand_change")), learningMode: modes[f("learning_mode")],
                targetGroups: Set(f("target_groups").split(separator: "|").compactMap { TargetGroup(rawValue: String($0)) }),
                line: record.line)
            stats[r.sector, default: [:]][r.skill, default: SurveyCellStats()].add(r)
            people[r.sector, default: []].insert(r.respondentID)
        }
        let skills = ["welding": welding, "teamwork": teamwork]
        var cells: [SurveyCell] = []
        for (sector, bySkill) in stats {
            for (skill, s) in bySkill {
                cells.append(SurveyCell(country: "DE", sector: SectorKey(sector)!, skill: skills[skill]!, stats: s))
            }
        }
        let respondents = people.map { SectorRespondents(country: "DE", sector: SectorKey($0.key)!, respondents: $0.value.count) }
        return (cells, respondents)
    }

    @Test func oneSmallCellForcesASecondSuppressionSoTotalsCannotRevealIt() throws {
        let (cells, respondents) = try Self.fixtureCells()
        let result = GapScorer.score(
            cells: cells, sectorRespondents: respondents, labour: [], countries: [], config: ScoringConfig())
        let welding = result.gaps.filter { $0.skill == Self.welding }
        func row(_ code: String) throws -> GapScore { try #require(welding.first { $0.sector == SectorKey(code)! }) }
        // C10 (2 respondents) has no section cell to join: the rolled-up C unit still has 2 → primary.
        #expect(try row("C").suppression == .primary)
        #expect(try row("C").flags.isSuperset(of: [.suppressed, .rolledUp]))
        #expect(welding.first { $0.sector == SectorKey("C10")! } == nil)
        // Total 23 − published would reveal C's 2 respondents: the smallest published unit (C28, 6) goes too.
        #expect(try row("C28").suppression == .secondary)
        #expect(try row("C28").n == 0 && row("C28").mwds == nil)
        #expect(try row("C25").n == 8 && row("F").n == 7)
        let hidden = 23 - welding.reduce(0) { $0 + $1.n }
        #expect(hidden == 8)
    }

    @Test func smallDivisionsRollUpIntoTheirSectionWhenThatKeepsTheEvidence() throws {
        let (cells, respondents) = try Self.fixtureCells()
        let result = GapScorer.score(
            cells: cells, sectorRespondents: respondents, labour: [], countries: [], config: ScoringConfig())
        let teamwork = result.gaps.filter { $0.skill == Self.teamwork }
        // C10 (3) + C (4 who named only the section) = 7 ≥ 5: published at C with flag r.
        let c = try #require(teamwork.first { $0.sector == SectorKey("C")! })
        #expect(c.n == 7 && c.flags.contains(.rolledUp) && c.score != nil)
        #expect(c.rolledUpDivisions == [SectorKey("C10")!])
        #expect(teamwork.allSatisfy { !$0.flags.contains(.suppressed) })
        #expect(Set(teamwork.map(\.sector.description)) == ["C", "C25", "F"])
        // The rolled-up MWDS is the MWDS of the merged statistics.
        let merged = cells.filter { $0.skill == Self.teamwork && $0.sector.section == "C" && $0.sector.division != "25" }
        var s = SurveyCellStats()
        for cell in merged { s.merge(cell.stats) }
        #expect(c.mwds == GapScorer.evidence(s, z: 1.96).mwds)
    }

    @Test func respondentCountsGetTheSameProtection() throws {
        let (_, respondents) = try Self.fixtureCells()
        let published = GapScorer.publishRespondents(respondents, k: 5)
        // C10 has 5 respondents (2 + 3), C 4 → C alone is < 5 → primary; then the smallest other (C10, 5) too.
        let bySector = Dictionary(uniqueKeysWithValues: published.map { ($0.sector.description, $0) })
        #expect(bySector["C"]?.suppression == .primary)
        #expect(bySector["C10"]?.suppression == .secondary)
        #expect(bySector["C25"]?.respondents == 8 && bySector["C28"]?.respondents == 6 && bySector["F"]?.respondents == 7)
    }

    @Test func countsRuleIsStableOnEdgeCases() {
        let k = 5
        // Everything suppressed: nothing else to hide.
        let all = DisclosureControl.protectCounts([SectorKey("A")!: 1, SectorKey("B")!: 2], k: k)
        #expect(all.allSatisfy { $0.suppression == .primary })
        // Two small units together below k: a third one is hidden as well.
        let three = DisclosureControl.protectCounts(
            [SectorKey("A")!: 1, SectorKey("B")!: 2, SectorKey("C")!: 9, SectorKey("D")!: 12], k: k)
        #expect(three.map { $0.suppression } == [.primary, .primary, .secondary, nil])
        // Nothing small: nothing suppressed.
        let none = DisclosureControl.protectCounts([SectorKey("A")!: 5, SectorKey("B")!: 6], k: k)
        #expect(none.allSatisfy { $0.suppression == nil })
    }
}
