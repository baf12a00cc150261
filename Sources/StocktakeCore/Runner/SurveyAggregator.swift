/// Aggregates validated survey answers of one input file by the texts as written (country × sector × skill),
/// while they stream in.
///
/// Memory grows with distinct (country, sector text, skill text) cells and with distinct respondents — never with
/// rows. Normalization later maps each distinct text once and merges cells (`SurveyCellStats.merge`).
public struct SurveyAggregator: Sendable {
    /// Key of a raw cell: texts exactly as written.
    public struct RawKey: Sendable, Hashable {
        public var country: String
        public var sector: String
        public var skill: String
    }

    /// Key of a raw sector: for respondent counts.
    public struct RawSector: Sendable, Hashable {
        public var country: String
        public var sector: String
    }

    public private(set) var cells: [RawKey: SurveyCellStats] = [:]
    /// Distinct respondents per country × sector text.
    public private(set) var respondents: [RawSector: Int] = [:]
    private var seenRespondents: Set<RespondentKey> = []
    public private(set) var records = 0

    private struct RespondentKey: Hashable, Sendable {
        var country: String
        var sector: String
        var respondent: String
    }

    public init() {}

    /// Adds one accepted answer.
    public mutating func add(_ record: SurveyRecord) {
        records += 1
        cells[RawKey(country: record.country, sector: record.sector, skill: record.skill), default: SurveyCellStats()]
            .add(record)
        if seenRespondents.insert(RespondentKey(country: record.country, sector: record.sector, respondent: record.respondentID)).inserted {
            respondents[RawSector(country: record.country, sector: record.sector), default: 0] += 1
        }
    }

    /// Adds another file's aggregate.
    public mutating func merge(_ other: SurveyAggregator) {
        records += other.records
        for (key, stats) in other.cells { cells[key, default: SurveyCellStats()].merge(stats) }
        for key in other.seenRespondents where seenRespondents.insert(key).inserted {
            respondents[RawSector(country: key.country, sector: key.sector), default: 0] += 1
        }
    }

    /// Answers (rows) per country × sector text.
    public func rowsBySector() -> [RawSector: Int] {
        var rows: [RawSector: Int] = [:]
        for (key, stats) in cells { rows[RawSector(country: key.country, sector: key.sector), default: 0] += stats.n }
        return rows
    }
}

/// Collects validated labour observations into series by the texts as written (country × sector × indicator).
public struct LabourCollector: Sendable {
    public struct RawKey: Sendable, Hashable {
        public var country: String
        public var sector: String
        public var indicator: LabourIndicator
        public var unit: String
    }

    public private(set) var series: [RawKey: [String: LabourObservation]] = [:]
    public private(set) var records = 0
    /// Observations that repeated a (series, period) already seen; the first one is kept.
    public private(set) var duplicates = 0

    public init() {}

    /// Adds one observation; returns false (and keeps the first) when the series already has that period.
    @discardableResult
    public mutating func add(_ record: LabourRecord) -> Bool {
        let key = RawKey(country: record.country, sector: record.sector, indicator: record.indicator, unit: record.unit)
        if series[key]?[record.period] != nil {
            duplicates += 1
            return false
        }
        records += 1
        series[key, default: [:]][record.period] = LabourObservation(
            period: record.period, value: record.value, flag: record.flag, source: record.source)
        return true
    }

    public mutating func merge(_ other: LabourCollector) {
        records += other.records
        duplicates += other.duplicates
        for (key, observations) in other.series {
            for (period, observation) in observations where series[key]?[period] == nil {
                series[key, default: [:]][period] = observation
            }
        }
    }
}
