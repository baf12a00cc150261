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
    /// Element 1: identification of the learner — "assigned at award".
    public var learnerIdentification: String
    /// Element 2.
    public var title: String
    /// Element 3: country/region of the issuer (ISO 3166-1 alpha-2).
    public var issuerCountry: String
    /// Element 4: awarding body (partner from the pipeline definition).
    public var awardingBody: String
    /// Element 5: date of issuing — "assigned at award".
    public var dateOfIssuing: String
    /// Element 6: learning outcomes, "The learner is able to …", split into knowledge / skills / autonomy.
    public var outcomesKnowledge: [String]
    public var outcomesSkills: [String]
    public var outcomesAutonomy: [String]
    /// Element 7: notional workload.
    public var ectsCredits: Double
    /// ECVET points (60 = one year of full-time VET).
    public var ecvetPoints: Double
    public var hours: Int
    /// ISO 8601 duration of the workload (`PT50H`).
    public var volumeOfLearning: String
    /// Element 8: EQF level 1...8.
    public var eqfLevel: Int
    /// Element 9.
    public var assessmentType: String
    /// Element 10: form of participation (from the survey's preferred modes).
    public var participationForm: LearningMode
    /// Element 11.
    public var qualityAssurance: String

    // MARK: Annex I optional elements
    public var prerequisites: String
    public var supervisionAndIdentityVerification: String
    public var grade: String
    public var stackability: String
    public var furtherInformation: String

    // MARK: ELM and BEM context
    /// ISCED-F 2013 field code (4 digits).
    public var iscedF: String
    public var targetGroups: [TargetGroup]
    /// initial VET, upskilling, reskilling, validation of non-formal and informal learning.
    public var uses: [String]
    /// school, workplace, higher education.
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
    public var rationale: String

    public init(
        id: String, country: String, rank: Int, priority: Double, sector: SectorKey, skillGroup: String?,
        skills: [SkillRef], learnerIdentification: String = "assigned at award", title: String,
        issuerCountry: String, awardingBody: String, dateOfIssuing: String = "assigned at award",
        outcomesKnowledge: [String], outcomesSkills: [String], outcomesAutonomy: [String], ectsCredits: Double,
        ecvetPoints: Double, hours: Int, volumeOfLearning: String, eqfLevel: Int, assessmentType: String,
        participationForm: LearningMode, qualityAssurance: String, prerequisites: String,
        supervisionAndIdentityVerification: String, grade: String, stackability: String,
        furtherInformation: String, iscedF: String, targetGroups: [TargetGroup], uses: [String],
        learningSettings: [String], n: Int, mwds: Double, gapScore: Double, gapScoreLow: Double,
        gapScoreHigh: Double, labourPressure: Double?, labourCoverage: Int, flags: Set<CellFlag>,
        provisionExists: Bool?, commonWith: [String], rationale: String
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
        self.outcomesKnowledge = outcomesKnowledge
        self.outcomesSkills = outcomesSkills
        self.outcomesAutonomy = outcomesAutonomy
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
        self.rationale = rationale
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
