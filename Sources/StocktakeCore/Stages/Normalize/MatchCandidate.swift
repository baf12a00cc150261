import StocktakeModel

/// The best unaccepted candidate of an unmapped name, kept for the review queue.
public struct MatchCandidate: Sendable, Hashable, Codable {
    /// NACE code (sector) or ESCO code (skill) of the candidate.
    public var code: String
    /// Similarity in 0…1.
    public var confidence: Double

    public init(code: String, confidence: Double) {
        self.code = code
        self.confidence = confidence
    }
}
