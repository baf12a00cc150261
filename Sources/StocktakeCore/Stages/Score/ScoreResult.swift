import StocktakeModel

/// Everything the score stage produces for one run.
public struct ScoreResult: Sendable, Hashable, Codable {
    /// One row per country × published sector unit × skill, suppressed units included (flag `C`, no values),
    /// sorted by country, then rank (published first), then sector and skill.
    public var gaps: [GapScore]
    /// Labour pressure per country × sector, sorted by country and sector.
    public var pressures: [SectorPressure]
    /// Stability of each country's top N, sorted by country.
    public var sensitivity: [CountrySensitivity]
    /// Respondents per country × sector after the same disclosure control (safe to publish).
    public var respondents: [PublishedRespondents]
    /// Free text withheld from the published tables (`FreeTextDisclosure`): counted, never listed.
    public var withheld: [MappingDecision]
    /// What the consistency checks found in the labour series (`LabourChecks`), sorted by country.
    public var labourChecks: [LabourCheck]

    public init(
        gaps: [GapScore], pressures: [SectorPressure], sensitivity: [CountrySensitivity],
        respondents: [PublishedRespondents], withheld: [MappingDecision] = [], labourChecks: [LabourCheck] = []
    ) {
        self.withheld = withheld
        self.labourChecks = labourChecks
        self.gaps = gaps
        self.pressures = pressures
        self.sensitivity = sensitivity
        self.respondents = respondents
    }
}

/// A respondent count per country × sector that is safe to publish (rolled up or suppressed like the cells).
public struct PublishedRespondents: Sendable, Hashable, Codable {
    /// ISO 3166-1 alpha-2.
    public var country: String
    /// A division, or a section (its own respondents plus rolled-up divisions).
    public var sector: SectorKey
    /// Distinct respondents; nil when suppressed.
    public var respondents: Int?
    /// `r` when division counts were merged into the section, `C` when suppressed.
    @SortedFlags public var flags: Set<CellFlag>
    /// Why the count is hidden; nil when published.
    public var suppression: Suppression?

    public init(country: String, sector: SectorKey, respondents: Int?, flags: Set<CellFlag>, suppression: Suppression?) {
        self.country = country
        self.sector = sector
        self.respondents = respondents
        self.flags = flags
        self.suppression = suppression
    }
}
