import Foundation
import Yams
import StocktakeModel

/// How proposals are grouped, prioritized and described, decoded from the `proposals:` block of the pipeline
/// YAML. Every key is optional with the documented default (`docs/methodology.md` §10).
public struct ProposalConfig: Sendable, Hashable, Codable {
    /// Proposals kept per country. Default 5.
    public var proposalsPerCountry: Int
    /// Skills per proposal, 1…3. Default 3.
    public var maxSkillsPerProposal: Int
    /// Gap cells per country (by rank) that may enter proposals. Default 20.
    public var candidateTopN: Int
    /// Top-N gap cells per country compared for common (cross-country) micro-credentials. Default 10.
    public var commonTopN: Int
    /// Weights of the priority components.
    public var priorityWeights: PriorityWeights
    /// Employment share at which the sector component reaches 1 (non-priority sectors). Default 0.2.
    public var employmentShareCap: Double
    /// Respondents at which the confidence component no longer shrinks for small n. Default 10.
    public var confidenceFullN: Int
    /// Notional learning hours per skill in a proposal. Default 25.
    public var hoursPerSkill: Int
    /// Hours per ECTS credit. Default 25.
    public var hoursPerECTS: Double
    /// Hours of one year of full-time VET (= 60 ECVET points). Default 1500.
    public var hoursPerVETYear: Double
    /// EQF level when the skill group has no entry in `eqfLevels`. Default 4.
    public var defaultEQFLevel: Int
    /// EQF level by ESCO skill group. Default S4 (management) 5, S6 (handling/transporting) 3, T5 (physical) 3.
    public var eqfLevels: [String: Int]
    /// Target groups kept when at least this share of respondents names them. Default 0.2.
    public var targetGroupMinShare: Double
    /// Target groups when no respondent named any. Default `[adults]`.
    public var defaultTargetGroups: [TargetGroup]
    /// Form of participation when no respondent stated a preference. Default blended.
    public var defaultMode: LearningMode
    /// Element 9: the pipeline's own text, shown as written; nil (default) = a code by skill type,
    /// `practical-on-site` for manual and machine skills, else `practical-and-test` (rendered from the string tables).
    public var assessmentType: String?
    /// Element 11: a code rendered from the string tables (default `internal-eqavet`) or the pipeline's own text.
    public var qualityAssurance: String
    /// Optional element "grade": a code (default `pass-fail`) or the pipeline's own text.
    public var grade: String

    /// Relative weights of the four priority components.
    public struct PriorityWeights: Sendable, Hashable, Codable {
        /// Gap score of the lead cell. Default 0.5; must be positive.
        public var gap: Double
        /// Priority sector or employment share. Default 0.2.
        public var sector: Double
        /// Narrowness of the score interval. Default 0.15.
        public var confidence: Double
        /// No existing provision. Default 0.15.
        public var provision: Double

        public init(gap: Double = 0.5, sector: Double = 0.2, confidence: Double = 0.15, provision: Double = 0.15) {
            self.gap = gap
            self.sector = sector
            self.confidence = confidence
            self.provision = provision
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case gap, sector, confidence, provision }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = PriorityWeights()
            gap = try c.decodeIfPresent(Double.self, forKey: .gap) ?? d.gap
            sector = try c.decodeIfPresent(Double.self, forKey: .sector) ?? d.sector
            confidence = try c.decodeIfPresent(Double.self, forKey: .confidence) ?? d.confidence
            provision = try c.decodeIfPresent(Double.self, forKey: .provision) ?? d.provision
        }
    }

    /// Default code of element 11 (type of quality assurance), `quality_assurance.internal-eqavet` in the tables.
    public static let defaultQualityAssurance = "internal-eqavet"

    public init(
        proposalsPerCountry: Int = 5, maxSkillsPerProposal: Int = 3, candidateTopN: Int = 20, commonTopN: Int = 10,
        priorityWeights: PriorityWeights = PriorityWeights(), employmentShareCap: Double = 0.2,
        confidenceFullN: Int = 10,
        hoursPerSkill: Int = 25, hoursPerECTS: Double = 25, hoursPerVETYear: Double = 1500,
        defaultEQFLevel: Int = 4, eqfLevels: [String: Int] = ["S4": 5, "S6": 3, "T5": 3],
        targetGroupMinShare: Double = 0.2, defaultTargetGroups: [TargetGroup] = [.adults],
        defaultMode: LearningMode = .blended, assessmentType: String? = nil,
        qualityAssurance: String = defaultQualityAssurance, grade: String = "pass-fail"
    ) {
        self.proposalsPerCountry = proposalsPerCountry
        self.maxSkillsPerProposal = maxSkillsPerProposal
        self.candidateTopN = candidateTopN
        self.commonTopN = commonTopN
        self.priorityWeights = priorityWeights
        self.employmentShareCap = employmentShareCap
        self.confidenceFullN = confidenceFullN
        self.hoursPerSkill = hoursPerSkill
        self.hoursPerECTS = hoursPerECTS
        self.hoursPerVETYear = hoursPerVETYear
        self.defaultEQFLevel = defaultEQFLevel
        self.eqfLevels = eqfLevels
        self.targetGroupMinShare = targetGroupMinShare
        self.defaultTargetGroups = defaultTargetGroups
        self.defaultMode = defaultMode
        self.assessmentType = assessmentType
        self.qualityAssurance = qualityAssurance
        self.grade = grade
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case proposalsPerCountry = "proposals_per_country", maxSkillsPerProposal = "max_skills_per_proposal"
        case candidateTopN = "candidate_top_n", commonTopN = "common_top_n", priorityWeights = "priority_weights"
        case employmentShareCap = "employment_share_cap", confidenceFullN = "confidence_full_n"
        case hoursPerSkill = "hours_per_skill"
        case hoursPerECTS = "hours_per_ects", hoursPerVETYear = "hours_per_vet_year"
        case defaultEQFLevel = "default_eqf_level", eqfLevels = "eqf_levels"
        case targetGroupMinShare = "target_group_min_share", defaultTargetGroups = "default_target_groups"
        case defaultMode = "default_mode", assessmentType = "assessment_type", qualityAssurance = "quality_assurance"
        case grade
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ProposalConfig()
        proposalsPerCountry = try c.decodeIfPresent(Int.self, forKey: .proposalsPerCountry) ?? d.proposalsPerCountry
        maxSkillsPerProposal = try c.decodeIfPresent(Int.self, forKey: .maxSkillsPerProposal) ?? d.maxSkillsPerProposal
        candidateTopN = try c.decodeIfPresent(Int.self, forKey: .candidateTopN) ?? d.candidateTopN
        commonTopN = try c.decodeIfPresent(Int.self, forKey: .commonTopN) ?? d.commonTopN
        priorityWeights = try c.decodeIfPresent(PriorityWeights.self, forKey: .priorityWeights) ?? d.priorityWeights
        employmentShareCap = try c.decodeIfPresent(Double.self, forKey: .employmentShareCap) ?? d.employmentShareCap
        confidenceFullN = try c.decodeIfPresent(Int.self, forKey: .confidenceFullN) ?? d.confidenceFullN
        hoursPerSkill = try c.decodeIfPresent(Int.self, forKey: .hoursPerSkill) ?? d.hoursPerSkill
        hoursPerECTS = try c.decodeIfPresent(Double.self, forKey: .hoursPerECTS) ?? d.hoursPerECTS
        hoursPerVETYear = try c.decodeIfPresent(Double.self, forKey: .hoursPerVETYear) ?? d.hoursPerVETYear
        defaultEQFLevel = try c.decodeIfPresent(Int.self, forKey: .defaultEQFLevel) ?? d.defaultEQFLevel
        eqfLevels = try c.decodeIfPresent([String: Int].self, forKey: .eqfLevels) ?? d.eqfLevels
        targetGroupMinShare = try c.decodeIfPresent(Double.self, forKey: .targetGroupMinShare) ?? d.targetGroupMinShare
        defaultTargetGroups =
            try c.decodeIfPresent([TargetGroup].self, forKey: .defaultTargetGroups) ?? d.defaultTargetGroups
        defaultMode = try c.decodeIfPresent(LearningMode.self, forKey: .defaultMode) ?? d.defaultMode
        assessmentType = try c.decodeIfPresent(String.self, forKey: .assessmentType)
        qualityAssurance = try c.decodeIfPresent(String.self, forKey: .qualityAssurance) ?? d.qualityAssurance
        grade = try c.decodeIfPresent(String.self, forKey: .grade) ?? d.grade
    }

    // MARK: - Keys and validation

    /// Every key the `proposals:` block accepts, as dotted paths; `eqf_levels` takes any skill-group keys.
    public static let knownKeys: [String] = {
        var keys = CodingKeys.allCases.map(\.rawValue)
        keys += PriorityWeights.CodingKeys.allCases.map { "priority_weights." + $0.rawValue }
        return keys.sorted()
    }()

    /// Problems that make the configuration unusable, one message per problem; empty when valid.
    public func validate() -> [String] {
        var errors: [String] = []
        if proposalsPerCountry < 1 { errors.append("proposals.proposals_per_country must be at least 1") }
        if !(1...3).contains(maxSkillsPerProposal) {
            errors.append("proposals.max_skills_per_proposal must be 1, 2 or 3 (got \(maxSkillsPerProposal))")
        }
        if candidateTopN < 1 { errors.append("proposals.candidate_top_n must be at least 1") }
        if commonTopN < 1 { errors.append("proposals.common_top_n must be at least 1") }
        let w = priorityWeights
        for (name, value) in [("gap", w.gap), ("sector", w.sector), ("confidence", w.confidence),
                              ("provision", w.provision)] where !(value >= 0) || !value.isFinite {
            errors.append("proposals.priority_weights.\(name) must be a non-negative number (got \(value))")
        }
        if !(w.gap > 0) { errors.append("proposals.priority_weights.gap must be positive") }
        if !(employmentShareCap > 0 && employmentShareCap <= 1) {
            errors.append("proposals.employment_share_cap must be within (0, 1]")
        }
        if confidenceFullN < 1 { errors.append("proposals.confidence_full_n must be at least 1") }
        if hoursPerSkill < 1 { errors.append("proposals.hours_per_skill must be at least 1") }
        if !(hoursPerECTS > 0) { errors.append("proposals.hours_per_ects must be positive") }
        if !(hoursPerVETYear > 0) { errors.append("proposals.hours_per_vet_year must be positive") }
        if !(1...8).contains(defaultEQFLevel) { errors.append("proposals.default_eqf_level must be within 1...8") }
        for (group, level) in eqfLevels.sorted(by: { $0.key < $1.key }) where !(1...8).contains(level) {
            errors.append("proposals.eqf_levels.\(group) must be within 1...8 (got \(level))")
        }
        if !(targetGroupMinShare >= 0 && targetGroupMinShare <= 1) {
            errors.append("proposals.target_group_min_share must be within 0...1")
        }
        return errors
    }

    /// Decodes a `proposals:` block given as YAML text (an empty text gives the defaults).
    ///
    /// - Throws: the decoder's error when a value has the wrong type.
    public static func decode(yaml: String) throws -> ProposalConfig {
        if yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return ProposalConfig() }
        return try YAMLDecoder().decode(ProposalConfig.self, from: yaml)
    }
}
