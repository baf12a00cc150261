import Foundation
import StocktakeModel

/// An unmapped name waiting for a human decision, with how often and where it was seen.
public struct ReviewQueueEntry: Sendable, Hashable, Codable {
    /// `sector` or `skill`.
    public var kind: NameKind
    /// The name as written.
    public var text: String
    /// Language tag of the input, nil when unknown.
    public var language: String?
    /// ISO2 country code of the input.
    public var country: String
    /// Rows that carried the name.
    public var count: Int
    /// Best candidate code, nil when nothing was similar.
    public var candidateCode: String?
    /// Similarity of the best candidate in 0…1.
    public var candidateConfidence: Double?

    public init(
        kind: NameKind, text: String, language: String?, country: String, count: Int, candidateCode: String?,
        candidateConfidence: Double?
    ) {
        self.kind = kind
        self.text = text
        self.language = language
        self.country = country
        self.count = count
        self.candidateCode = candidateCode
        self.candidateConfidence = candidateConfidence
    }

    /// An entry for an unmapped sector match.
    public init(_ match: SectorMatch, language: String?, country: String, count: Int) {
        self.init(
            kind: .sector, text: match.input, language: language, country: country, count: count,
            candidateCode: match.candidate?.code, candidateConfidence: match.candidate?.confidence)
    }

    /// An entry for an unmapped skill match.
    public init(_ match: SkillMatch, language: String?, country: String, count: Int) {
        self.init(
            kind: .skill, text: match.input, language: language, country: country, count: count,
            candidateCode: match.candidate?.code, candidateConfidence: match.candidate?.confidence)
    }
}

