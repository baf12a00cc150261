/// A country with the codes its data sources use.
public struct Country: Sendable, Hashable, Codable {
    /// ISO 3166-1 alpha-2, the pipeline's key (`DE`).
    public var code: String
    /// ISO 3166-1 alpha-3, used by ILOSTAT (`DEU`).
    public var iso3: String
    /// Eurostat's code where it differs from ISO (`EL` for Greece, `UK`); otherwise the ISO code.
    public var eurostat: String
    /// English short name, as ILOSTAT labels write it.
    public var name: String
    /// Other names seen in sources (official long forms, former names).
    public var otherNames: [String]

    public init(code: String, iso3: String, eurostat: String? = nil, name: String, otherNames: [String] = []) {
        self.code = code
        self.iso3 = iso3
        self.eurostat = eurostat ?? code
        self.name = name
        self.otherNames = otherNames
    }
}
