import StocktakeModel

/// Survey evidence of a whole run by the texts as written (country × sector × skill), merged from the per-file
/// aggregates that ingest builds while files stream (`Ingestor.aggregateSurvey`).
///
/// Memory grows with distinct cells, never with rows. Normalization later maps each distinct text once and
/// merges cells on the common keys (`SurveyCellStats.merge`).
public struct SurveyAggregator: Sendable {
    /// Key of a raw cell: texts exactly as written.
    public struct RawKey: Sendable, Hashable {
        public var country: String
        public var sector: String
        public var skill: String

        public init(country: String, sector: String, skill: String) {
            self.country = country
            self.sector = sector
            self.skill = skill
        }
    }

    /// Key of a raw sector: for respondent counts.
    public struct RawSector: Sendable, Hashable {
        public var country: String
        public var sector: String

        public init(country: String, sector: String) {
            self.country = country
            self.sector = sector
        }
    }

    public private(set) var cells: [RawKey: SurveyCellStats] = [:]
    /// Respondents per country × sector text (distinct within each file; files are separate samples).
    public private(set) var respondents: [RawSector: Int] = [:]
    /// Per country × sector text, the wrapping sum of the respondents' record keys (the cell key of the count).
    public private(set) var respondentKeys: [RawSector: UInt64] = [:]
    /// Answers merged.
    public private(set) var records = 0

    public init() {}

    /// An aggregate from stored cells and respondent counts with their record-key sums (a federated partner's
    /// publication); `records` is the answers of the cells, as merging the files counted them.
    public init(cells: [RawKey: SurveyCellStats], respondents: [RawSector: Int], respondentKeys: [RawSector: UInt64]) {
        self.cells = cells
        self.respondents = respondents
        self.respondentKeys = respondentKeys
        records = cells.values.reduce(0) { $0 + $1.answers }
    }

    /// Merges one file's aggregate, keeping only `countries`; returns the answers of other countries (left out).
    @discardableResult
    public mutating func merge(_ aggregate: SurveyRawAggregate, countries: Set<String>) -> Int {
        var outside = 0
        for cell in aggregate.cells {
            guard countries.contains(cell.country) else {
                outside += cell.stats.answers
                continue
            }
            records += cell.stats.answers
            cells[RawKey(country: cell.country, sector: cell.sector, skill: cell.skill), default: SurveyCellStats()]
                .merge(cell.stats)
        }
        for sector in aggregate.sectors where countries.contains(sector.country) {
            let key = RawSector(country: sector.country, sector: sector.sector)
            respondents[key, default: 0] += sector.respondents
            respondentKeys[key, default: 0] &+= sector.recordKeys
        }
        return outside
    }

    /// Merges another run-level aggregate (one more file).
    public mutating func merge(_ other: SurveyAggregator) {
        records += other.records
        for (key, stats) in other.cells { cells[key, default: SurveyCellStats()].merge(stats) }
        for (key, count) in other.respondents { respondents[key, default: 0] += count }
        for (key, sum) in other.respondentKeys { respondentKeys[key, default: 0] &+= sum }
    }

    /// Answers (rows) per country × sector text.
    public func rowsBySector() -> [RawSector: Int] {
        var rows: [RawSector: Int] = [:]
        for (key, stats) in cells { rows[RawSector(country: key.country, sector: key.sector), default: 0] += stats.answers }
        return rows
    }
}
