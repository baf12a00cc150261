import StocktakeModel

/// The result of matching one survey skill label against the ESCO skills pillar.
public struct SkillMatch: Sendable, Hashable, Codable {
    /// The text as given.
    public var input: String
    /// ESCO group code (`S5`, `S5.6.1`, `T2`, `K06`), nil when unmapped.
    public var code: String?
    /// English ESCO label of the matched group or skill; the input itself when unmapped.
    public var label: String
    /// How the match was made.
    public var method: MatchMethod
    /// Confidence in 0…1.
    public var confidence: Double
    /// The normalized skill for scoring: mapped to an ESCO group, or the survey's own label with code nil.
    public var ref: SkillRef
    /// Extra information for reviewers.
    public var note: String?
    /// Best candidate of an unmapped label, for the review queue.
    public var candidate: MatchCandidate?

    public init(
        input: String, code: String?, label: String, method: MatchMethod, confidence: Double, ref: SkillRef,
        note: String? = nil, candidate: MatchCandidate? = nil
    ) {
        self.input = input
        self.code = code
        self.label = label
        self.method = method
        self.confidence = confidence
        self.ref = ref
        self.note = note
        self.candidate = candidate
    }

    /// Whether the label landed on an ESCO group.
    public var isMapped: Bool { code != nil }
}
