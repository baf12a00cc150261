import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// Decoding and validation of the `scoring:` block.
@Suite struct ScoringConfigTests {
    @Test func missingKeysTakeTheDocumentedDefaults() throws {
        let config = try ScoringConfig.decode(yaml: """
            min_cell_size: 4
            weights: { labour: 0.4 }
            labour_weights: { vacancy_rate: 2 }
            """)
        #expect(config.minCellSize == 4)
        #expect(config.weights.labour == 0.4 && config.weights.survey == 0.5 && config.weights.hardToFill == 0.15)
        #expect(config.labourWeights.vacancyRate == 2 && config.labourWeights.unemployment == 1)
        #expect(config.reliabilityThreshold == 10 && config.confidenceLevel == 0.95 && config.topN == 10)
        #expect(config.sensitivityPerturbation == 0.2)
        #expect(try ScoringConfig.decode(yaml: "") == ScoringConfig())
        #expect(config.validate().isEmpty)
    }

    @Test func validationRejectsUnsafeValues() {
        var config = ScoringConfig()
        config.minCellSize = 2
        config.confidenceLevel = 1
        config.weights.hardToFill = -1
        let errors = config.validate()
        #expect(errors.count == 3)
        #expect(errors.contains { $0.contains("min_cell_size must be at least 3") })
        #expect(errors.contains { $0.contains("confidence_level") })
        #expect(errors.contains { $0.contains("weights.hard_to_fill") })
    }

    @Test func knownKeysListEveryAcceptedKey() throws {
        #expect(ScoringConfig.knownKeys.contains("min_cell_size"))
        #expect(ScoringConfig.knownKeys.contains("weights.hard_to_fill"))
        #expect(ScoringConfig.knownKeys.contains("labour_weights.hours_growth"))
        #expect(ScoringConfig.knownKeys.contains("perturbation.key_file"))
        #expect(ScoringConfig.knownKeys.count == 13 + 4 + 5 + 2)
        #expect(ProposalConfig.knownKeys.contains("priority_weights.provision"))
        #expect(ProposalConfig.knownKeys.contains("max_skills_per_proposal"))
        // Every non-nested known key decodes (a wrong key name in CodingKeys would silently fall back).
        let yaml = """
            proposals_per_country: 7
            max_skills_per_proposal: 2
            candidate_top_n: 30
            common_top_n: 5
            hours_per_skill: 30
            default_eqf_level: 3
            eqf_levels: { S1: 5 }
            default_target_groups: [youth, rural]
            default_mode: on-site
            priority_weights: { provision: 0.3 }
            """
        let p = try ProposalConfig.decode(yaml: yaml)
        #expect(p.proposalsPerCountry == 7 && p.maxSkillsPerProposal == 2 && p.candidateTopN == 30 && p.commonTopN == 5)
        #expect(p.hoursPerSkill == 30 && p.defaultEQFLevel == 3 && p.eqfLevels == ["S1": 5])
        #expect(p.defaultTargetGroups == [.youth, .rural] && p.defaultMode == .onSite)
        #expect(p.priorityWeights.provision == 0.3 && p.priorityWeights.gap == 0.5)
        #expect(p.validate().isEmpty)
        var bad = p
        bad.maxSkillsPerProposal = 4
        bad.eqfLevels = ["S1": 9]
        #expect(bad.validate().count == 2)
    }
}

/// The YAML blocks of docs/methodology.md state exactly the defaults of the code.
@Suite struct DocumentedDefaultsTests {
    static func block(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/methodology.md"), encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- \(name):begin -->"))
        let end = try #require(text.range(of: "<!-- \(name):end -->"))
        // Drop the fence lines and the top-level key; the rest is the block's body.
        let lines = text[begin.upperBound..<end.lowerBound].split(separator: "\n")
            .filter { !$0.hasPrefix("```") }.dropFirst()
        return lines.map { String($0.dropFirst(2)) }.joined(separator: "\n")
    }

    @Test func scoringDefaults() throws {
        #expect(try ScoringConfig.decode(yaml: Self.block("scoring-defaults")) == ScoringConfig())
    }

    @Test func proposalDefaults() throws {
        #expect(try ProposalConfig.decode(yaml: Self.block("proposals-defaults")) == ProposalConfig())
    }
}
