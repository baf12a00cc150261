/// A problem the consistency checks found in a country's labour series (docs/methodology.md §3, "Checks").
public struct LabourCheck: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The sections of a period add up to more than the stated total (beyond the tolerance).
        case sectionsExceedTotal = "sections-exceed-total"
        /// The sections of a period cover much less of the total than in the series' other periods (a large part
        /// not classified).
        case unclassifiedShare = "unclassified-share"
        /// A period lists far fewer sections than the series' other periods (broad-sector figures filed under
        /// section codes, a breakdown that was not published).
        case incompleteBreakdown = "incomplete-breakdown"
        /// The latest period is years behind the same indicator in the run's other countries.
        case staleSeries = "stale-series"
        /// Years are missing between a series' first and last observation.
        case gapInYears = "gap-in-years"
    }

    public enum Action: String, Sendable, Hashable, Codable {
        /// The periods named are left out of the pressure for the whole country × indicator (every scope).
        case periodsLeftOut = "periods-left-out"
        /// The country's series of this indicator are left out of the pressure.
        case seriesLeftOut = "series-left-out"
        /// Shown in the reports; the data is used.
        case flagged
    }

    /// ISO 3166-1 alpha-2.
    public var country: String
    public var indicator: LabourIndicator
    public var kind: Kind
    /// The scopes concerned (`TOTAL`, `C`, ...), sorted; all of the country's scopes of the indicator for the
    /// period-level checks.
    public var scopes: [String]
    /// The periods concerned, sorted (the missing years for `gapInYears`, the latest period for `staleSeries`).
    public var periods: [String]
    /// What was measured: Σ sections / total (`sectionsExceedTotal`, `unclassifiedShare`), sections listed
    /// (`incompleteBreakdown`), years behind (`staleSeries`); nil for `gapInYears`.
    public var observed: Double?
    /// What it was compared with: the tolerance bound, the series' median share or count, the other countries'
    /// median latest year.
    public var expected: Double?
    public var action: Action
    /// The series' source notes (`ILOSTAT une_tune_sex_eco_nb (Gapminder DDF)`), sorted.
    public var sources: [String]

    public init(
        country: String, indicator: LabourIndicator, kind: Kind, scopes: [String], periods: [String],
        observed: Double?, expected: Double?, action: Action, sources: [String]
    ) {
        self.country = country
        self.indicator = indicator
        self.kind = kind
        self.scopes = scopes
        self.periods = periods
        self.observed = observed
        self.expected = expected
        self.action = action
        self.sources = sources
    }
}
