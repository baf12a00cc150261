import StocktakeModel

/// What kind of text a mapping decision is about.
public enum NameKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A sector name as a survey respondent wrote it.
    case sector
    /// A skill label of a survey.
    case skill
    /// A sector or classification code of a labour series.
    case labourSector = "labour-sector"

    public static func < (a: NameKind, b: NameKind) -> Bool { a.rawValue < b.rawValue }
}

/// One mapping decision of a run: a distinct text as written, and where it landed.
public struct MappingDecision: Sendable, Hashable, Codable {
    public var country: String
    public var kind: NameKind
    public var text: String
    /// The NACE key, ESCO group or labour scope; nil when unmapped.
    public var code: String?
    public var method: MatchMethod
    public var confidence: Double
    /// Best candidate when unmapped (`code (0.72)`), for the review queue.
    public var candidate: String?
    /// Rows (survey answers or observations) that carried the text.
    public var rows: Int
    /// Distinct respondents who wrote the text (survey sector names only; not stored).
    public var respondents: Int?

    public init(country: String, kind: NameKind, text: String, code: String?, method: MatchMethod, confidence: Double,
                candidate: String?, rows: Int, respondents: Int? = nil) {
        self.respondents = respondents
        self.country = country
        self.kind = kind
        self.text = text
        self.code = code
        self.method = method
        self.confidence = confidence
        self.candidate = candidate
        self.rows = rows
    }
}
