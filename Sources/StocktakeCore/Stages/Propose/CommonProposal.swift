import StocktakeModel

/// A micro-credential for joint development: one NACE section × ESCO skill group in the top N of two or more
/// countries.
public struct CommonProposal: Sendable, Hashable, Codable {
    /// NACE section letter.
    public var section: String
    /// ESCO top-level skill group (`S5`, `T2`, `K`).
    public var skillGroup: String
    /// Countries whose top N contains the section × group, sorted.
    public var countries: [String]
    /// Proposals of those countries on the same section × group, sorted.
    public var proposalIDs: [String]

    public init(section: String, skillGroup: String, countries: [String], proposalIDs: [String]) {
        self.section = section
        self.skillGroup = skillGroup
        self.countries = countries
        self.proposalIDs = proposalIDs
    }
}
