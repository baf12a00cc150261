import StocktakeModel

/// What the score and propose stages need to know about one country of the pipeline definition.
public struct CountryProfile: Sendable, Hashable, Codable {
    /// ISO 3166-1 alpha-2 (`UA`).
    public var code: String
    /// English name (`Ukraine`).
    public var name: String
    /// Awarding bodies (partners) named in the YAML; the first is used for proposals.
    public var awardingBodies: [String]
    /// Sectors the YAML marks as priorities (sections or divisions).
    public var prioritySectors: [SectorKey]

    public init(code: String, name: String, awardingBodies: [String] = [], prioritySectors: [SectorKey] = []) {
        self.code = code
        self.name = name
        self.awardingBodies = awardingBodies
        self.prioritySectors = prioritySectors
    }

    /// Whether `sector` is a priority: listed itself, or its section is listed.
    public func isPriority(_ sector: SectorKey) -> Bool {
        prioritySectors.contains(sector) || prioritySectors.contains(sector.parent)
    }
}
