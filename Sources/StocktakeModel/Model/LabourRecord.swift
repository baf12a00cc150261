/// One validated labour-statistics observation: a value for a country, sector, indicator and period.
public struct LabourRecord: Sendable, Hashable {
    /// ISO 3166-1 alpha-2 country code.
    public var country: String
    /// Sector code or label as the source gives it (`C`, `C10`, `ECO_ISIC4_C`, `TOTAL`, `B-E`, ...).
    public var sector: String
    public var indicator: LabourIndicator
    /// Period as given: `2023`, `2023-Q1`, `2023-07`, `2023M07`.
    public var period: String
    public var value: Double
    /// Unit as given (`THS_PER`, `PC`, `EUR`, `persons`, ...).
    public var unit: String
    /// Source quality flag(s): Eurostat `OBS_FLAG` letters or ILOSTAT `obs_status`; empty when none.
    public var flag: String
    /// Source of the value (dataset or survey code).
    public var source: String
    /// 1-based physical line where the record starts.
    public var line: Int

    public init(
        country: String, sector: String, indicator: LabourIndicator, period: String, value: Double,
        unit: String = "", flag: String = "", source: String = "", line: Int = 0
    ) {
        self.country = country
        self.sector = sector
        self.indicator = indicator
        self.period = period
        self.value = value
        self.unit = unit
        self.flag = flag
        self.source = source
        self.line = line
    }
}

/// The labour-market series the pressure index uses (OECD Skills for Jobs sub-indices, adapted to sectors).
///
/// `CodingKeyRepresentable`: dictionaries keyed by indicator encode as JSON objects (sorted with `.sortedKeys`), not as
/// arrays in hash order, which would change between runs.
public enum LabourIndicator: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable, Comparable {
    /// Persons employed (level); growth is derived.
    case employment
    /// Job vacancies (level); the vacancy rate is derived with employment.
    case vacancies
    /// Unemployment rate of persons whose last job was in the sector, percent.
    case unemployment
    /// Average wage (level); growth is derived.
    case wages
    /// Average hours worked per week (level); growth is derived.
    case hours

    public static func < (lhs: LabourIndicator, rhs: LabourIndicator) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
