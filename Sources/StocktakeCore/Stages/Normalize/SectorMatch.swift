import StocktakeModel

/// The result of matching one sector name or code against NACE Rev. 2.
public struct SectorMatch: Sendable, Hashable, Codable {
    /// The text as given.
    public var input: String
    /// Canonical NACE code (`C`, `10`, `10.1`, `10.11`), aggregate code (`B-E`, `TOTAL`, `ECO_SECTOR_IND`), or nil.
    public var code: String?
    /// Level of `code`; nil when unmapped.
    public var level: SectorLevel?
    /// English label of `code`; nil when unmapped.
    public var label: String?
    /// How the match was made.
    public var method: MatchMethod
    /// Confidence in 0…1 (1 for overrides, codes and exact labels; similarity for fuzzy; best candidate's for none).
    public var confidence: Double
    /// Analysis key: the section, or section + division (groups and classes roll up to their division).
    /// Nil when unmapped, for the total, and for aggregates spanning more than one section.
    public var key: SectorKey?
    /// Where a labour series with this code sits; nil when unmapped.
    public var scope: LabourScope?
    /// Extra information for reviewers (for example a NACE Rev. 2.1 mapping that is not one-to-one).
    public var note: String?
    /// The best candidate below the threshold or in an ambiguous tie, for the review queue; nil when mapped.
    public var candidate: MatchCandidate?

    public init(
        input: String, code: String?, level: SectorLevel?, label: String?, method: MatchMethod, confidence: Double,
        key: SectorKey?, scope: LabourScope?, note: String? = nil, candidate: MatchCandidate? = nil
    ) {
        self.input = input
        self.code = code
        self.level = level
        self.label = label
        self.method = method
        self.confidence = confidence
        self.key = key
        self.scope = scope
        self.note = note
        self.candidate = candidate
    }

    /// Whether the name landed on a code.
    public var isMapped: Bool { code != nil }

    /// An unmapped result.
    static func unmapped(_ input: String, note: String? = nil, candidate: MatchCandidate? = nil, method: MatchMethod = .none) -> SectorMatch {
        SectorMatch(
            input: input, code: nil, level: nil, label: nil, method: method, confidence: candidate?.confidence ?? 0,
            key: nil, scope: nil, note: note, candidate: candidate)
    }
}
