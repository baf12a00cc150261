import StocktakeModel

/// Collects validated labour observations into series by the texts as written (country × sector × indicator ×
/// unit). Small: statistics tables have thousands of values, not millions.
public struct LabourCollector: Sendable {
    public struct RawKey: Sendable, Hashable {
        public var country: String
        public var sector: String
        public var indicator: LabourIndicator
        public var unit: String
    }

    public private(set) var series: [RawKey: [String: LabourObservation]] = [:]
    public private(set) var records = 0

    public init() {}

    /// Adds one observation; returns false (and keeps the first) when the series already has that period.
    @discardableResult
    public mutating func add(_ record: LabourRecord) -> Bool {
        let key = RawKey(country: record.country, sector: record.sector, indicator: record.indicator, unit: record.unit)
        if series[key]?[record.period] != nil { return false }
        records += 1
        series[key, default: [:]][record.period] = LabourObservation(
            period: record.period, value: record.value, flag: record.flag, source: record.source)
        return true
    }

    /// Adds another file's series; a (series, period) already present keeps its first value.
    public mutating func merge(_ other: LabourCollector) {
        for (key, observations) in other.series {
            for (period, observation) in observations where series[key]?[period] == nil {
                series[key, default: [:]][period] = observation
                records += 1
            }
        }
    }
}
