/// Survey evidence after normalization: one cell per country × sector × skill.
public struct SurveyCell: Sendable, Hashable, Codable {
    public var country: String
    public var sector: SectorKey
    public var skill: SkillRef
    public var stats: SurveyCellStats

    public init(country: String, sector: SectorKey, skill: SkillRef, stats: SurveyCellStats) {
        self.country = country
        self.sector = sector
        self.skill = skill
        self.stats = stats
    }
}

/// Distinct respondents per country × sector (the denominator of disclosure control).
public struct SectorRespondents: Sendable, Hashable, Codable {
    public var country: String
    public var sector: SectorKey
    public var respondents: Int
    /// The wrapping sum of the respondents' record keys (`RecordKeyer`): the cell key of the count (0 when ingest had
    /// no keyer).
    public var recordKeys: UInt64

    public init(country: String, sector: SectorKey, respondents: Int, recordKeys: UInt64 = 0) {
        self.country = country
        self.sector = sector
        self.respondents = respondents
        self.recordKeys = recordKeys
    }
}

/// Where a labour series sits in the sector hierarchy.
public enum LabourScope: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The whole economy (`TOTAL`, `ECO_ISIC4_TOTAL`, `ECO_AGGREGATE_TOTAL`).
    case total
    /// One NACE section or division.
    case sector(SectorKey)
    /// An aggregate of sections (`B-E`, `G-I`, `ECO_SECTOR_IND`), kept as such, never forced onto one section.
    case aggregate(code: String, sections: [String])

    public var description: String {
        switch self {
        case .total: return "TOTAL"
        case .sector(let key): return key.description
        case .aggregate(let code, _): return code
        }
    }
}

/// One observation of a labour series, with its source quality flag.
public struct LabourObservation: Sendable, Hashable, Codable {
    public var period: String
    public var value: Double
    public var flag: String
    public var source: String

    public init(period: String, value: Double, flag: String = "", source: String = "") {
        self.period = period
        self.value = value
        self.flag = flag
        self.source = source
    }
}

/// A normalized labour series: country × scope × indicator, observations sorted by period.
public struct LabourSeries: Sendable, Hashable, Codable {
    public var country: String
    public var scope: LabourScope
    public var indicator: LabourIndicator
    public var unit: String
    public var observations: [LabourObservation]

    public init(
        country: String, scope: LabourScope, indicator: LabourIndicator, unit: String,
        observations: [LabourObservation]
    ) {
        self.country = country
        self.scope = scope
        self.indicator = indicator
        self.unit = unit
        self.observations = observations
    }
}
