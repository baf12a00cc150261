/// A prioritized micro-credential proposal, described with the elements of the Council Recommendation of
/// 16 June 2022 (2022/C 243/02), Annex I, plus ELM/Europass fields and the evidence behind it.
public struct Proposal: Sendable, Hashable, Codable {
    // MARK: Identity and priority
    /// Stable id within a run: `<CC>-<sector>-<skill group>` (e.g. `UA-F-S6`).
    public var id: String
    public var country: String
    /// 1 = highest priority in the country.
    public var rank: Int
    /// Priority 0...100 (documented in docs/methodology.md).
    public var priority: Double
    public var sector: SectorKey
    /// ESCO skill group shared by the proposal's skills (nil when built from unmapped skills).
    public var skillGroup: String?
    /// The 1–3 skills the proposal addresses, highest gap first.
    public var skills: [SkillRef]

    // MARK: Annex I mandatory elements
    /// Element 1: identification of the learner — code `assigned-at-award` (an issued credential's element).
    public var learnerIdentification: String
    /// Element 2: the English title (skill labels and sector); reports render it from the string table pattern.
    public var title: String
    /// Element 3: country/region of the issuer (ISO 3166-1 alpha-2).
    public var issuerCountry: String
    /// Element 4: awarding body (partner from the pipeline definition).
    public var awardingBody: String
    /// Element 5: date of issuing — code `assigned-at-award`.
    public var dateOfIssuing: String
    /// Element 6: knowledge and skill outcomes, each a real ESCO concept (`docs/methodology.md` §9.1); the
    /// responsibility-and-autonomy outcome is the EQF descriptor of `eqfLevel`, rendered from the string tables.
    public var outcomes: [ProposalOutcome]
    /// Element 7: notional workload.
    public var ectsCredits: Double
    /// ECVET points (60 = one year of full-time VET).
    public var ecvetPoints: Double
    public var hours: Int
    /// ISO 8601 duration of the workload (`PT50H`).
    public var volumeOfLearning: String
    /// Element 8: EQF level 1...8.
    public var eqfLevel: Int
    /// Element 9: a code (`practical-on-site`, `practical-and-test`) or the pipeline's own text.
    public var assessmentType: String
    /// Element 10: form of participation (survey's preferred mode, or in person / blended for practice).
    public var participationForm: LearningMode
    /// Element 11: a code (`internal-eqavet`) or the pipeline's own text.
    public var qualityAssurance: String

    // MARK: Annex I optional elements
    /// Codes rendered from the string tables (`docs/report-columns.md`); `grade` may be the pipeline's own text.
    public var prerequisites: String
    public var supervisionAndIdentityVerification: String
    public var grade: String
    public var stackability: String
    public var furtherInformation: String

    // MARK: ELM and BEM context
    /// ISCED-F 2013 field code (4 digits).
    public var iscedF: String
    public var targetGroups: [TargetGroup]
    /// Codes `initial-vet`, `upskilling`, `reskilling`, `validation`: only those the target groups support.
    public var uses: [String]
    /// Codes `school`, `workplace`, `higher-education`.
    public var learningSettings: [String]

    // MARK: Evidence
    public var n: Int
    public var mwds: Double
    public var gapScore: Double
    public var gapScoreLow: Double
    public var gapScoreHigh: Double
    public var labourPressure: Double?
    public var labourCoverage: Int
    /// Standardized labour sub-indices of the sector (z-scores), by indicator. Added by the propose stage.
    public var labourSubIndices: [LabourIndicator: Double] = [:]
    /// Hard-to-fill share and mean demand change of the lead cell. Added by the propose stage.
    public var hardToFillShare: Double? = nil
    public var demandChange: Double? = nil
    /// The terms the priority is the weighted mean of, in the order gap, sector, confidence, provision (absent terms
    /// left out). Added by the propose stage.
    public var priorityComponents: [PriorityComponent] = []
    @SortedFlags public var flags: Set<CellFlag>
    /// Whether provision already exists (from provision.csv); nil when no provision file was given.
    public var provisionExists: Bool?
    /// Other countries where the same sector × skill group is in the top N.
    public var commonWith: [String]

    // MARK: Reasons (rendered at report time from the string tables)
    /// Why the form of participation was chosen.
    public var participationBasis: ParticipationBasis = .noPreference
    /// The survey's modal preferred mode over the proposal's cells (nil when nobody answered).
    public var surveyMode: LearningMode? = nil
    /// Why the EQF level was chosen: `skill-group` (configured for the group) or `default`.
    public var eqfBasis: String = "default"
    /// Whether target groups come from the survey (`survey`) or the configured default (`default`).
    public var targetGroupsBasis: String = "survey"
    /// Whether the sector is one of the country's priority sectors.
    public var prioritySector: Bool = false

    public init(
        id: String, country: String, rank: Int, priority: Double, sector: SectorKey, skillGroup: String?,
        skills: [SkillRef], learnerIdentification: String = "assigned-at-award", title: String,
        issuerCountry: String, awardingBody: String, dateOfIssuing: String = "assigned-at-award",
        outcomes: [ProposalOutcome], ectsCredits: Double,
        ecvetPoints: Double, hours: Int, volumeOfLearning: String, eqfLevel: Int, assessmentType: String,
        participationForm: LearningMode, qualityAssurance: String, prerequisites: String,
        supervisionAndIdentityVerification: String, grade: String, stackability: String,
        furtherInformation: String, iscedF: String, targetGroups: [TargetGroup], uses: [String],
        learningSettings: [String], n: Int, mwds: Double, gapScore: Double, gapScoreLow: Double,
        gapScoreHigh: Double, labourPressure: Double?, labourCoverage: Int, flags: Set<CellFlag>,
        provisionExists: Bool?, commonWith: [String]
    ) {
        self.id = id
        self.country = country
        self.rank = rank
        self.priority = priority
        self.sector = sector
        self.skillGroup = skillGroup
        self.skills = skills
        self.learnerIdentification = learnerIdentification
        self.title = title
        self.issuerCountry = issuerCountry
        self.awardingBody = awardingBody
        self.dateOfIssuing = dateOfIssuing
        self.outcomes = outcomes
        self.ectsCredits = ectsCredits
        self.ecvetPoints = ecvetPoints
        self.hours = hours
        self.volumeOfLearning = volumeOfLearning
        self.eqfLevel = eqfLevel
        self.assessmentType = assessmentType
        self.participationForm = participationForm
        self.qualityAssurance = qualityAssurance
        self.prerequisites = prerequisites
        self.supervisionAndIdentityVerification = supervisionAndIdentityVerification
        self.grade = grade
        self.stackability = stackability
        self.furtherInformation = furtherInformation
        self.iscedF = iscedF
        self.targetGroups = targetGroups
        self.uses = uses
        self.learningSettings = learningSettings
        self.n = n
        self.mwds = mwds
        self.gapScore = gapScore
        self.gapScoreLow = gapScoreLow
        self.gapScoreHigh = gapScoreHigh
        self.labourPressure = labourPressure
        self.labourCoverage = labourCoverage
        self.flags = flags
        self.provisionExists = provisionExists
        self.commonWith = commonWith
    }

    /// The knowledge outcomes, in order.
    public var knowledgeOutcomes: [ProposalOutcome] { outcomes.filter { $0.kind == .knowledge } }
    /// The skill outcomes, in order.
    public var skillOutcomes: [ProposalOutcome] { outcomes.filter { $0.kind == .skill } }
}

/// One knowledge or skill learning outcome: an ESCO concept, stored with its English preferred label.
public struct ProposalOutcome: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case knowledge, skill }
    public var kind: Kind
    /// ESCO concept URI (`http://data.europa.eu/esco/skill/…`).
    public var uri: String
    /// ESCO preferred label (English).
    public var label: String
    /// ESCO reuse level: transversal, cross-sector, sector-specific, occupation-specific.
    public var reuseLevel: String
    /// The group code the concept was drawn from (`S8.1`, or `K0715` for an ISCED-F field).
    public var source: String

    public init(kind: Kind, uri: String, label: String, reuseLevel: String, source: String) {
        self.kind = kind
        self.uri = uri
        self.label = label
        self.reuseLevel = reuseLevel
        self.source = source
    }
}

/// One term of a proposal's priority (`docs/methodology.md` §8): what it measures, its value in 0…1 and its weight.
public struct PriorityComponent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Gap score / 100.
        case gap
        /// 1: the sector is a priority sector of the pipeline definition.
        case prioritySector = "priority_sector"
        /// The sector's employment share over its cap.
        case employmentShare = "employment_share"
        /// A narrow interval, shrunk for small n.
        case confidence
        /// 1 when no known programme covers the proposal, 0 when one does.
        case provision
    }

    public var kind: Kind
    /// The term's value, clamped to 0…1.
    public var value: Double
    public var weight: Double
    /// The quantity the value is derived from where it differs from the value: the employment share (0…1).
    public var measure: Double?

    public init(kind: Kind, value: Double, weight: Double, measure: Double? = nil) {
        self.kind = kind
        self.value = value
        self.weight = weight
        self.measure = measure
    }
}

/// Why a proposal has its form of participation (Annex I element 10).
public enum ParticipationBasis: String, Sendable, Hashable, Codable {
    /// The survey's modal preferred mode.
    case surveyPreference = "survey-preference"
    /// Manual or machine skills: practice and assessment in person (blended at most), whatever the survey said.
    case practiceRequired = "practice-required"
    /// No respondent stated a preference: the configured default.
    case noPreference = "no-preference"
}
