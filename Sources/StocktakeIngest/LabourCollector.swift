import StocktakeModel

/// Collects validated labour observations into series by the texts as written (country × sector × indicator ×
/// unit). Small: statistics tables have thousands of values, not millions.
public struct LabourCollector: Sendable {
    public struct RawKey: Sendable, Hashable {
        public var country: String
        public var sector: String
        public var indicator: LabourIndicator
        public var unit: String

        public init(country: String, sector: String, indicator: LabourIndicator, unit: String) {
            self.country = country
            self.sector = sector
            self.indicator = indicator
            self.unit = unit
        }
    }

    public private(set) var series: [RawKey: [String: LabourObservation]] = [:]
    public private(set) var records = 0

    public init() {}

    /// Series as collected before (a federated partner's publication), period → observation per series.
    public init(series: [RawKey: [String: LabourObservation]]) {
        self.series = series
        records = series.values.reduce(0) { $0 + $1.count }
    }

    /// Adds one observation; returns false (and keeps the first) when the series already has that period.
    @discardableResult
    public mutating func add(_ record: LabourRecord) -> Bool {
        let key = RawKey(country: record.country, sector: record.sector, indicator: record.indicator, unit: record.unit)
        // One hash of the key and one of the period (the in-place accessors), not two of each.
        guard Self.keepFirst(&series[key, default: [:]][record.period], LabourObservation(
            period: record.period, value: record.value, flag: record.flag, source: record.source)) else { return false }
        records += 1
        return true
    }

    /// Sets `slot` to `observation` unless it holds one already; whether it did.
    private static func keepFirst(_ slot: inout LabourObservation?, _ observation: @autoclosure () -> LabourObservation) -> Bool {
        if slot != nil { return false }
        slot = observation()
        return true
    }

    /// Adds another file's series; a (series, period) already present keeps its first value.
    public mutating func merge(_ other: LabourCollector) {
        // The first file (usually the only one): nothing to keep first, take its series whole.
        if series.isEmpty {
            self = other
            return
        }
        for (key, observations) in other.series {
            for (period, observation) in observations where series[key]?[period] == nil {
                series[key, default: [:]][period] = observation
                records += 1
            }
        }
    }
}

/// Which (series, period) pairs a labour file has given, as `LabourCollector.add` tells them apart (the same series
/// key, the same period text), without the values: per series a bit per distinct period of the file. `inspect`'s
/// duplicate check, in memory that grows with series and periods (≈ 60 bytes a series for a few hundred periods),
/// not with the file's values.
struct LabourKeySet {
    private var seriesIDs: [LabourCollector.RawKey: Int] = [:]
    private var periodIDs: [String: Int] = [:]
    private var periods: [[UInt64]] = []

    /// Records the record's (series, period); false when the file gave it before.
    mutating func insert(_ record: LabourRecord) -> Bool {
        let key = LabourCollector.RawKey(country: record.country, sector: record.sector, indicator: record.indicator,
                                         unit: record.unit)
        let series = Self.id(of: key, in: &seriesIDs)
        if series == periods.count { periods.append([]) }
        let period = Self.id(of: record.period, in: &periodIDs)
        let word = period >> 6
        let bit = UInt64(1) << UInt64(period & 63)
        if periods[series].count <= word { periods[series] += repeatElement(0, count: word + 1 - periods[series].count) }
        if periods[series][word] & bit != 0 { return false }
        periods[series][word] |= bit
        return true
    }

    private static func id<Key: Hashable>(of key: Key, in ids: inout [Key: Int]) -> Int {
        if let id = ids[key] { return id }
        let id = ids.count
        ids[key] = id
        return id
    }
}
