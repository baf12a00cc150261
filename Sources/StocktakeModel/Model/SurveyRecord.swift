/// One validated survey answer: one respondent rating one skill. Native long format, or one cell of a wide
/// LimeSurvey/Kobo export after mapping.
public struct SurveyRecord: Sendable, Hashable {
    /// ISO 3166-1 alpha-2 country code (`DE`, `UA`, ...).
    public var country: String
    /// Pseudonymous respondent id as exported by the survey tool. Never printed in reports.
    public var respondentID: String
    /// Organisation type as written (employer, vet-provider, public-employment-service, ...).
    public var organisationType: String
    /// Sector as the respondent wrote it; normalized later.
    public var sector: String
    /// Skill as written in the questionnaire; normalized later.
    public var skill: String
    /// Importance of the skill for the job, 1...5.
    public var importance: Int
    /// Proficiency of the current workforce in the skill, 1...5.
    public var proficiency: Int
    /// Whether vacancies needing the skill are hard to fill; nil when not answered.
    public var hardToFill: Bool?
    /// Expected change of demand over the next years, -2...+2; nil when not answered.
    public var demandChange: Int?
    /// Preferred form of participation; nil when not answered.
    public var learningMode: LearningMode?
    /// Target groups the respondent names for training.
    public var targetGroups: Set<TargetGroup>
    /// 1-based physical line where the record starts.
    public var line: Int

    public init(
        country: String, respondentID: String, organisationType: String, sector: String, skill: String,
        importance: Int, proficiency: Int, hardToFill: Bool? = nil, demandChange: Int? = nil,
        learningMode: LearningMode? = nil, targetGroups: Set<TargetGroup> = [], line: Int = 0
    ) {
        self.country = country
        self.respondentID = respondentID
        self.organisationType = organisationType
        self.sector = sector
        self.skill = skill
        self.importance = importance
        self.proficiency = proficiency
        self.hardToFill = hardToFill
        self.demandChange = demandChange
        self.learningMode = learningMode
        self.targetGroups = targetGroups
        self.line = line
    }
}

/// Form of participation in the learning activity (EU micro-credential element 10).
public enum LearningMode: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case online
    case blended
    case onSite = "on-site"

    public static func < (lhs: LearningMode, rhs: LearningMode) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Target groups of BEM micro-credentials.
public enum TargetGroup: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case unemployed
    case lowSkilled = "low-skilled"
    case displaced = "displaced-returnees"
    case refugees
    case rural
    case adults
    case youth

    public static func < (lhs: TargetGroup, rhs: TargetGroup) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
