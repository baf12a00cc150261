/// Survey answers of one input aggregated by the texts as written (country × sector × skill), built while the
/// file streams: the fast path for large native survey files.
///
/// Same content as feeding every record of `Ingestor.readSurvey` to a string-keyed aggregator, without hashing
/// three strings per row: the native reader numbers distinct texts once and aggregates by integer keys. Memory
/// grows with distinct cells and respondents, never with rows.
public struct SurveyRawAggregate: Sendable, Hashable {
    /// One raw cell.
    public struct Cell: Sendable, Hashable {
        public var country: String
        public var sector: String
        public var skill: String
        public var stats: SurveyCellStats
    }

    /// Distinct respondents per country × sector text.
    public struct Sector: Sendable, Hashable {
        public var country: String
        public var sector: String
        public var respondents: Int
    }

    /// Cells sorted by country, sector, skill.
    public var cells: [Cell]
    /// Sectors sorted by country, sector.
    public var sectors: [Sector]
    /// Records aggregated (= answers accepted).
    public var records: Int

    public init(cells: [Cell] = [], sectors: [Sector] = [], records: Int = 0) {
        self.cells = cells
        self.sectors = sectors
        self.records = records
    }
}

/// Builds a `SurveyRawAggregate` from integer ids (native fast path) or from records (other formats).
struct SurveyAggregateBuilder {
    private var cellIndex: [Int: Int] = [:]
    private var cellKeys: [(country: Int, sector: Int, skill: Int)] = []
    private var stats: [SurveyCellStats] = []
    private var sectorCounts: [Int: Int] = [:]
    private var lastKey = -1
    private var lastCell = -1
    private(set) var records = 0

    // Record path: texts numbered here.
    private var countries = SurveyAggregateBuilder.Names()
    private var sectors = SurveyAggregateBuilder.Names()
    private var skills = SurveyAggregateBuilder.Names()
    private var seen: Set<String> = []

    struct Names {
        var ids: [String: Int] = [:]
        var names: [String] = []
        mutating func id(_ text: String) -> Int {
            if let id = ids[text] { return id }
            ids[text] = names.count
            names.append(text)
            return names.count - 1
        }
    }

    /// Adds one record whose texts are already numbered.
    @inline(__always)
    mutating func add(_ record: SurveyRecord, country: Int, sector: Int, skill: Int, newRespondentInSector: Bool) {
        records += 1
        let key = country << 42 | sector << 21 | skill
        let cell: Int
        if key == lastKey {
            cell = lastCell
        } else if let known = cellIndex[key] {
            cell = known
        } else {
            cell = stats.count
            cellIndex[key] = cell
            cellKeys.append((country, sector, skill))
            stats.append(SurveyCellStats())
        }
        lastKey = key
        lastCell = cell
        stats[cell].add(record)
        if newRespondentInSector { sectorCounts[country << 21 | sector, default: 0] += 1 }
    }

    /// Adds one record by its texts (formats other than the native survey).
    mutating func add(_ record: SurveyRecord) {
        let c = countries.id(record.country)
        let s = sectors.id(record.sector)
        let k = skills.id(record.skill)
        let isNew = seen.insert(record.country + "\u{1F}" + record.sector + "\u{1F}" + record.respondentID).inserted
        add(record, country: c, sector: s, skill: k, newRespondentInSector: isNew)
    }

    /// The aggregate with texts from the record path's numbering.
    func build() -> SurveyRawAggregate {
        build(countries: countries.names, sectors: sectors.names, skills: skills.names)
    }

    /// The aggregate, naming ids with the given tables.
    func build(countries: [String], sectors: [String], skills: [String]) -> SurveyRawAggregate {
        var cells: [String: SurveyRawAggregate.Cell] = [:]
        for (i, key) in cellKeys.enumerated() {
            let name = countries[key.country] + "\u{1F}" + sectors[key.sector] + "\u{1F}" + skills[key.skill]
            if cells[name] == nil {
                cells[name] = SurveyRawAggregate.Cell(
                    country: countries[key.country], sector: sectors[key.sector], skill: skills[key.skill], stats: stats[i])
            } else {
                cells[name]!.stats.merge(stats[i])
            }
        }
        var bySector: [String: SurveyRawAggregate.Sector] = [:]
        for (key, count) in sectorCounts {
            let country = countries[key >> 21]
            let sector = sectors[key & ((1 << 21) - 1)]
            bySector[country + "\u{1F}" + sector, default: SurveyRawAggregate.Sector(country: country, sector: sector, respondents: 0)]
                .respondents += count
        }
        return SurveyRawAggregate(
            cells: cells.values.sorted { ($0.country, $0.sector, $0.skill) < ($1.country, $1.sector, $1.skill) },
            sectors: bySector.values.sorted { ($0.country, $0.sector) < ($1.country, $1.sector) },
            records: records)
    }
}
