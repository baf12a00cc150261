import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// Proposals: grouping, priority, EU elements, provision, common list (`docs/methodology.md` §8–9).
@Suite struct ProposalBuilderTests {
    typealias F = ScoreFixtures

    /// The bundled ESCO concepts (`inputs/taxonomy/esco_concepts.csv`).
    static let concepts: ESCOConcepts = {
        do { return try ESCOConcepts.load(directory: TaxonomyFixture.directory) } catch { fatalError("\(error)") }
    }()
    static let labels = Dictionary(concepts.concepts.map { ($0.uri, $0.label) }, uniquingKeysWith: { a, _ in a })

    static func randomRun(seed: UInt64) -> (ScoreResult, [SurveyCell], [CountryProfile]) {
        var rng = SeededGenerator(seed: seed)
        var cells: [SurveyCell] = []
        var labour: [LabourSeries] = []
        let codes = ["DE", "NO", "MK", "RS", "ME", "AM", "GE", "UA"]
        for code in codes {
            let c = F.randomCountry(code, using: &rng)
            cells += c.cells
            labour += c.labour
        }
        let countries = codes.map {
            CountryProfile(code: $0, name: "Country \($0)", awardingBodies: ["Awarding body \($0)"],
                           prioritySectors: [SectorKey("F")!])
        }
        let scores = GapScorer.score(
            cells: cells, sectorRespondents: [], labour: labour, countries: countries, config: ScoringConfig())
        return (scores, cells, countries)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func everyElementIsFilledForEveryProposal(seed: UInt64) throws {
        let (scores, cells, countries) = Self.randomRun(seed: seed)
        let proposals = ProposalBuilder.build(
            scores: scores, cells: cells, countries: countries, provision: nil, config: ProposalConfig(),
            concepts: Self.concepts)
        #expect(!proposals.isEmpty)
        let published = Set(scores.gaps.filter { $0.score != nil }.map { "\($0.country)|\($0.sector)|\($0.skill.label)" })
        let durationPattern = try Regex("^PT[0-9]+H$")
        for p in proposals {
            #expect(p.learnerIdentification == "assigned-at-award" && p.dateOfIssuing == "assigned-at-award")
            #expect(!p.title.isEmpty && p.issuerCountry == p.country && p.awardingBody == "Awarding body \(p.country)")
            // Every outcome is a real ESCO concept: its URI and label are in the catalogue.
            for outcome in p.outcomes {
                #expect(Self.labels[outcome.uri] == outcome.label, "\(outcome.uri)")
            }
            // First the knowledge outcomes of the ISCED-F field (detailed, narrow or broad), then the skill codes'.
            let field = p.outcomes.prefix(ESCOConcepts.knowledgeOutcomes)
            #expect(field.count == ESCOConcepts.knowledgeOutcomes)
            #expect(field.allSatisfy { $0.kind == .knowledge && ("K" + p.iscedF).hasPrefix($0.source) })
            #expect(p.outcomes.count - field.count <= ESCOConcepts.maxSkillOutcomes)
            #expect(Set(p.outcomes.map(\.uri)).count == p.outcomes.count)
            #expect(p.ectsCredits > 0 && p.ecvetPoints > 0 && p.hours == 25 * p.skills.count)
            #expect(p.volumeOfLearning.wholeMatch(of: durationPattern) != nil)
            #expect((1...8).contains(p.eqfLevel))
            #expect(!p.assessmentType.isEmpty && !p.qualityAssurance.isEmpty)
            #expect(!p.prerequisites.isEmpty && !p.supervisionAndIdentityVerification.isEmpty && !p.grade.isEmpty)
            #expect(!p.stackability.isEmpty && !p.furtherInformation.isEmpty)
            #expect(p.iscedF.count == 4 && p.iscedF.allSatisfy(\.isNumber))
            #expect(!p.targetGroups.isEmpty && !p.uses.isEmpty && !p.learningSettings.isEmpty)
            #expect((1...3).contains(p.skills.count))
            #expect(Set(p.skills.map(\.group)).count == 1)
            if p.skillGroup == nil { #expect(p.skills.count == 1) }
            #expect(!p.flags.contains(.suppressed))
            #expect((0...100).contains(p.priority))
            // Suppressed cells never feed a proposal: every skill is a published cell of the same sector.
            for skill in p.skills { #expect(published.contains("\(p.country)|\(p.sector)|\(skill.label)")) }
            #expect(!p.commonWith.contains(p.country))
        }
        // Ranks are 1...k per country, ordered by priority.
        for (_, list) in Dictionary(grouping: proposals, by: \.country) {
            #expect(list.map(\.rank) == Array(1...list.count))
            #expect(list.count <= 5)
            #expect(zip(list, list.dropFirst()).allSatisfy { $0.priority >= $1.priority })
        }
        #expect(Set(proposals.map(\.id)).count == proposals.count)
    }

    /// Two proposals on different skill groups share no learning outcome (apart from the EQF descriptor, which is
    /// not stored as an outcome): skill concepts belong to one group, and a knowledge concept taken once is not
    /// given to a proposal on another group.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func proposalsOnDifferentSkillGroupsShareNoOutcome(seed: UInt64) {
        let (scores, cells, countries) = Self.randomRun(seed: seed)
        let proposals = ProposalBuilder.build(
            scores: scores, cells: cells, countries: countries, provision: nil, config: ProposalConfig(),
            concepts: Self.concepts)
        for (i, a) in proposals.enumerated() {
            for b in proposals[(i + 1)...] where a.skillGroup != b.skillGroup || a.skillGroup == nil {
                let shared = Set(a.outcomes.map(\.label)).intersection(b.outcomes.map(\.label))
                #expect(shared.isEmpty, "\(a.id) and \(b.id) share \(shared.sorted())")
            }
        }
    }

    @Test func existingProvisionLowersPriorityAndIsReported() throws {
        let (scores, cells, countries) = Self.randomRun(seed: 21)
        var config = ProposalConfig()
        config.proposalsPerCountry = 100  // keep every candidate, so the changed proposal stays in the list
        let base = ProposalBuilder.build(scores: scores, cells: cells, countries: countries, provision: [], config: config)
        let target = try #require(base.first)
        #expect(target.provisionExists == false)
        let provision = [ProvisionEntry(country: target.country, sector: target.sector, skillGroup: target.skillGroup)]
        let with = ProposalBuilder.build(
            scores: scores, cells: cells, countries: countries, provision: provision, config: config)
        let same = try #require(with.first { $0.id == target.id })
        #expect(same.provisionExists == true)
        #expect(same.priority < target.priority)
        #expect(with.filter { $0.id != target.id && $0.country == target.country }.allSatisfy { $0.provisionExists == false })
        // With the default 5 per country the proposal with existing provision may drop out; it never gains.
        let defaults = ProposalBuilder.build(
            scores: scores, cells: cells, countries: countries, provision: provision, config: ProposalConfig())
        if let kept = defaults.first(where: { $0.id == target.id }) { #expect(kept.rank >= target.rank) }
        // Without a provision file the component is left out and provisionExists is nil.
        let none = ProposalBuilder.build(
            scores: scores, cells: cells, countries: countries, provision: nil, config: ProposalConfig())
        #expect(none.allSatisfy { $0.provisionExists == nil })
    }

    @Test func provisionLoaderReadsTheFixtureAndRejectsBadCodes() throws {
        let path = try #require(Bundle.module.path(forResource: "Fixtures/score/provision", ofType: "csv"))
        let entries = try ProvisionLoader.load(path: path)
        #expect(entries.count == 3)
        #expect(entries[0] == ProvisionEntry(
            country: "DE", sector: SectorKey("C25"), skillGroup: "S8", title: "Schweißen Grundkurs", provider: "SBG Dresden"))
        #expect(entries[1].sector == nil && entries[1].skillGroup == "T4")
        #expect(entries[0].covers(country: "DE", sector: SectorKey("C")!, skillGroup: "S8"))
        #expect(!entries[0].covers(country: "DE", sector: SectorKey("C28")!, skillGroup: "S8"))
        #expect(entries[1].covers(country: "DE", sector: SectorKey("Q")!, skillGroup: "T4"))
        #expect(entries[2].covers(country: "UA", sector: SectorKey("F43")!, skillGroup: nil))
        let bad = try #require(Bundle.module.path(forResource: "Fixtures/score/provision_bad_sector", ofType: "csv"))
        #expect(throws: StocktakeError.self) { try ProvisionLoader.load(path: bad) }
    }

    @Test func commonMicroCredentialsNameTheCountries() throws {
        let skill = F.skill("use digital tools", group: "S5")
        var rng = SeededGenerator(seed: 8)
        var cells: [SurveyCell] = []
        for (code, sector) in [("UA", "F41"), ("GE", "F"), ("AM", "C")] {
            let answers = (0..<8).map { _ in F.Answer(importance: 5, proficiency: Int.random(in: 1...2, using: &rng)) }
            cells.append(SurveyCell(country: code, sector: SectorKey(sector)!, skill: skill, stats: F.stats(answers)))
        }
        let countries = ["UA", "GE", "AM"].map { CountryProfile(code: $0, name: $0) }
        let scores = GapScorer.score(cells: cells, sectorRespondents: [], labour: [], countries: countries, config: ScoringConfig())
        let proposals = ProposalBuilder.build(
            scores: scores, cells: cells, countries: countries, provision: nil, config: ProposalConfig())
        let ua = try #require(proposals.first { $0.country == "UA" })
        #expect(ua.id == "UA-F41-S5" && ua.commonWith == ["GE"])
        #expect(try #require(proposals.first { $0.country == "AM" }).commonWith.isEmpty)
        #expect(try #require(proposals.first { $0.country == "GE" }).awardingBody == "")  // reports: "to be designated by <country>"
        let common = ProposalBuilder.common(proposals: proposals, scores: scores, config: ProposalConfig())
        #expect(common == [CommonProposal(section: "F", skillGroup: "S5", countries: ["GE", "UA"],
                                          proposalIDs: ["GE-F-S5", "UA-F41-S5"])])
        // A pair in two countries' top N that no country turned into a proposal is not listed.
        let withoutProposals = proposals.filter { $0.sector.section != "F" }
        #expect(ProposalBuilder.common(proposals: withoutProposals, scores: scores, config: ProposalConfig()).isEmpty)
    }

    @Test func groupsOfMoreThanThreeSkillsAreSplitAndUnmappedSkillsStandAlone() throws {
        let sector = SectorKey("I55")!
        let skills = (1...4).map { F.skill("hospitality skill \($0)", group: "S1", code: "S1.\($0)") }
            + [F.skill("Local wine knowledge!", group: nil)]
        let cells = skills.enumerated().map { i, skill in
            SurveyCell(country: "ME", sector: sector, skill: skill, stats: F.stats(
                (0..<12).map { _ in F.Answer(importance: 5, proficiency: 1 + i % 3, mode: .online) }))
        }
        let countries = [CountryProfile(code: "ME", name: "Montenegro", awardingBodies: ["Body"])]
        let scores = GapScorer.score(cells: cells, sectorRespondents: [], labour: [], countries: countries, config: ScoringConfig())
        let proposals = ProposalBuilder.build(
            scores: scores, cells: cells, countries: countries, provision: nil, config: ProposalConfig())
        #expect(Set(proposals.map(\.id)) == ["ME-I55-S1", "ME-I55-S1-2", "ME-I55-X-local-wine-knowledge"])
        let big = try #require(proposals.first { $0.id == "ME-I55-S1" })
        #expect(big.skills.count == 3 && big.hours == 75 && big.volumeOfLearning == "PT75H" && big.ectsCredits == 3)
        #expect(big.participationForm == .online && big.supervisionAndIdentityVerification == "online-id-check")
        #expect(big.participationBasis == .surveyPreference && big.surveyMode == .online)
        #expect(big.learningSettings == ["school"])
        #expect(big.targetGroups == [.adults] && big.targetGroupsBasis == "default")  // nobody named one
        #expect(big.uses == ["upskilling"])  // a default target group supports no further use
        #expect(big.iscedF == "1013")
        let lone = try #require(proposals.first { $0.skillGroup == nil })
        #expect(lone.skills.count == 1 && lone.stackability == "stand-alone")
    }

    @Test func fragileProposalsAreListedInTheSensitivity() {
        let (scores, cells, countries) = Self.randomRun(seed: 4)
        let proposals = ProposalBuilder.build(
            scores: scores, cells: cells, countries: countries, provision: nil, config: ProposalConfig())
        let marked = ProposalBuilder.markFragile(scores.sensitivity, proposals: proposals)
        for s in marked {
            let expected = proposals.filter { $0.country == s.country && $0.flags.contains(.fragile) }.map(\.id).sorted()
            #expect(s.fragileProposalIDs == expected)
        }
        // A proposal is fragile exactly when one of its cells is.
        for p in proposals {
            let cellFragile = scores.gaps.contains {
                $0.country == p.country && $0.sector == p.sector && p.skills.contains($0.skill) && $0.flags.contains(.fragile)
            }
            #expect(p.flags.contains(.fragile) == cellFragile)
        }
    }

    @Test func elementMapCoversEveryProposalField() throws {
        let (scores, cells, countries) = Self.randomRun(seed: 2)
        let proposal = try #require(ProposalBuilder.build(
            scores: scores, cells: cells, countries: countries, provision: nil, config: ProposalConfig()).first)
        // A property wrapper's storage is labelled `_name`.
        let fields = Set(Mirror(reflecting: proposal).children.compactMap(\.label).map { $0.hasPrefix("_") ? String($0.dropFirst()) : $0 })
        #expect(Set(ProposalElementMap.rows.map(\.field)) == fields)
        // The columns the map names are exactly proposals.csv's, each once (it named columns that did not exist).
        let named = ProposalElementMap.rows.flatMap { row in
            row.csvColumn.isEmpty ? [] : row.csvColumn.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(named.count == Set(named).count)
        #expect(Set(named) == Set(ReportColumns.proposals.header))
        let mandatory = ProposalElementMap.rows.filter { $0.euElement.hasPrefix("Mandatory") }
        #expect(Set(mandatory.compactMap { $0.euElement.split(separator: ":").first }).count == 11)
    }

    @Test func iscedMappingFollowsTheDocumentedOrder() {
        // Computer skills are computer use (0611) outside production; in manufacturing they drive machines.
        #expect(ISCEDFieldMapping.code(sector: SectorKey("J")!, skill: F.skill("x", group: "S5")) == "0611")
        #expect(ISCEDFieldMapping.code(sector: SectorKey("C10")!, skill: F.skill("x", group: "S5")) == "0721")
        #expect(ISCEDFieldMapping.code(sector: SectorKey("C25")!, skill: F.skill("x", group: "S5", code: "S5.7")) == "0715")
        // Machine control takes the sector's field in every sector (precision farming), other S5 skills do not.
        #expect(ISCEDFieldMapping.code(sector: SectorKey("A")!, skill: F.skill("x", group: "S5", code: "S5.7")) == "0811")
        #expect(ISCEDFieldMapping.code(sector: SectorKey("A")!, skill: F.skill("x", group: "S5", code: "S5.6.1")) == "0611")
        #expect(ProposalBuilder.requiresPractice(skills: [F.skill("x", group: "S5", code: "S5.7")], sector: SectorKey("A")!))
        #expect(!ProposalBuilder.requiresPractice(skills: [F.skill("x", group: "S5", code: "S5.6.1")], sector: SectorKey("A")!))
        #expect(ISCEDFieldMapping.code(sector: SectorKey("C28")!, skill: F.skill("x", group: "S8")) == "0715")
        #expect(ISCEDFieldMapping.code(sector: SectorKey("C10")!, skill: F.skill("x", group: "T2")) == "0721")
        #expect(ISCEDFieldMapping.code(sector: SectorKey("C")!, skill: nil) == "0788")
        #expect(ISCEDFieldMapping.code(sector: SectorKey("F")!, skill: F.skill("x", group: "K", code: "K07")) == "0788")
        #expect(ISCEDFieldMapping.code(sector: SectorKey("F")!, skill: F.skill("x", group: "K", code: "K0732")) == "0732")
        #expect(ISCEDFieldMapping.code(sector: SectorKey("Q")!, skill: F.skill("x", group: "K", code: "K00")) == "0011")
    }
}
