import StocktakeModel

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

    /// The aggregate of cells and sector counts keyed by text ids, named with the given tables. Ids that name the
    /// same texts merge; cells come sorted by country, sector, skill, sectors by country, sector.
    init(
        cells idCells: some Sequence<(country: Int, sector: Int, skill: Int, stats: SurveyCellStats)>,
        sectorCounts: some Sequence<(country: Int, sector: Int, respondents: Int)>,
        countries: [String], sectors: [String], skills: [String], records: Int
    ) {
        var byName: [String: Cell] = [:]
        for cell in idCells {
            let country = countries[cell.country], sector = sectors[cell.sector], skill = skills[cell.skill]
            byName[country + "\u{1F}" + sector + "\u{1F}" + skill, default: Cell(country: country, sector: sector, skill: skill,
                                                                              stats: SurveyCellStats())]
                .stats.merge(cell.stats)
        }
        var bySector: [String: Sector] = [:]
        for count in sectorCounts {
            let country = countries[count.country], sector = sectors[count.sector]
            bySector[country + "\u{1F}" + sector, default: Sector(country: country, sector: sector, respondents: 0)]
                .respondents += count.respondents
        }
        self.init(
            cells: byName.values.sorted { ($0.country, $0.sector, $0.skill) < ($1.country, $1.sector, $1.skill) },
            sectors: bySector.values.sorted { ($0.country, $0.sector) < ($1.country, $1.sector) },
            records: records)
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
    private var normalized = SurveyAggregateBuilder.Names()
    /// Per skill text id, its normalized id (`skillCell` is asked once per distinct label).
    private var skillNorm: [Int] = []
    private var answered: [RespondentCell: RespondentAnswers] = [:]

    private struct RespondentCell: Hashable {
        var respondent: String
        var norm: Int
    }

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

    /// Adds one record whose texts are already numbered; `previous` holds the respondent's earlier answers in the
    /// same normalized cell (count 0 when none), so the respondent contributes the mean of all of them, once.
    @inline(__always)
    mutating func add(_ record: SurveyRecord, country: Int, sector: Int, skill: Int, newRespondentInSector: Bool,
                      previous: RespondentAnswers = RespondentAnswers()) {
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
        if previous.count == 0 {
            stats[cell].add(record)
        } else {
            var all = previous
            all.add(RespondentAnswers(record))
            stats[cell].add(previous, sign: -1)
            stats[cell].add(all)
        }
        if newRespondentInSector { sectorCounts[country << 21 | sector, default: 0] += 1 }
    }

    /// Adds one record by its texts (formats other than the native survey). Answers of one respondent to labels with
    /// the same `skillCell` key in one sector are combined (the respondent counts once, with the mean); the state
    /// per respondent is kept for the whole file (these exports hold thousands of responses, not millions).
    mutating func add(_ record: SurveyRecord, skillCell: Ingestor.SkillCell) {
        let c = countries.id(record.country)
        let s = sectors.id(record.sector)
        let k = skills.id(record.skill)
        let respondent = record.country + "\u{1F}" + record.sector + "\u{1F}" + record.respondentID
        let isNew = seen.insert(respondent).inserted
        if k == skillNorm.count { skillNorm.append(normalized.id(skillCell(record.skill))) }
        let norm = skillNorm[k]
        let key = RespondentCell(respondent: respondent, norm: norm)
        let previous = answered[key] ?? RespondentAnswers()
        add(record, country: c, sector: s, skill: k, newRespondentInSector: isNew, previous: previous)
        var all = previous
        all.add(RespondentAnswers(record))
        answered[key] = all
    }

    /// The aggregate with texts from the record path's numbering.
    func build() -> SurveyRawAggregate {
        build(countries: countries.names, sectors: sectors.names, skills: skills.names)
    }

    /// The aggregate, naming ids with the given tables.
    func build(countries: [String], sectors: [String], skills: [String]) -> SurveyRawAggregate {
        let mask = (1 << 21) - 1
        return SurveyRawAggregate(
            cells: zip(cellKeys, stats).lazy.map { ($0.country, $0.sector, $0.skill, $1) },
            sectorCounts: sectorCounts.lazy.map { ($0.key >> 21, $0.key & mask, $0.value) },
            countries: countries, sectors: sectors, skills: skills, records: records)
    }
}

/// The native path's aggregate while the file streams: cells keyed by (country, sector, skill) canonical ids in an
/// open-addressing table, statistics in one flat integer buffer (no per-row allocation, hashing by a multiply).
/// Memory grows with distinct cells and (country, sector) pairs, never with rows. A value type owned by one reader;
/// the owner calls `release()` once.
struct NativeCellTable {
    /// Integers per cell: the 14 scalar sums of `SurveyCellStats`, then one count per target group.
    static let groupCount = TargetGroup.allCases.count
    static let stride = 14 + groupCount

    private var cells = IntTable()
    private var sectorCounts = IntTable()
    private var keys: [Int] = []
    private var sectorKeys: [Int] = []
    private var sectorValues: [Int] = []
    private var stats: UnsafeMutablePointer<Int>
    private var capacity = 1024
    private var lastKey = -1
    private var lastCell = 0
    /// Exact corrections of cells where a respondent's answers were combined (`combine`), by cell index.
    private var corrections: [Int: SurveyCellStats] = [:]
    private(set) var records = 0

    init() {
        stats = .allocate(capacity: capacity * NativeCellTable.stride)
    }

    /// Frees the statistics buffer (once, by the owner).
    func release() { stats.deallocate() }

    @inline(__always)
    mutating func add(_ row: NativeSurveySink.Row) {
        records += 1
        // The cell first: finding a new one may reallocate `stats`.
        let cell = cell(of: row)
        let p = stats + cell * NativeCellTable.stride
        let i = row.importance
        let d = row.importance - row.proficiency
        p[0] += 1
        p[1] += i
        p[2] += row.proficiency
        p[3] += i * i
        p[4] += d
        p[5] += d * d
        p[6] += i * d
        if row.hardToFill >= 0 {
            p[8] += 1
            p[7] += Int(row.hardToFill)
        }
        if row.demand != Int.min {
            p[9] += row.demand
            p[10] += 1
        }
        if row.mode != 0 { p[10 + Int(row.mode)] += 1 }
        var g = row.groups
        while g != 0 {
            p[14 + g.trailingZeroBitCount] += 1
            g &= g - 1
        }
        if row.newRespondentInSector { countSector(row) }
    }

    /// Adds a row whose respondent already answered `previous` (count ≥ 1) in the same normalized cell: the
    /// respondent's contribution of `previous` is replaced by that of all their answers (the mean, counted once).
    /// Rare (two survey labels of one ESCO group), so kept as exact corrections beside the integer table.
    mutating func combine(_ row: NativeSurveySink.Row, previous: RespondentAnswers) {
        records += 1
        let index = cell(of: row)
        var all = previous
        all.add(RespondentAnswers(packed: row.packedAnswer))
        corrections[index, default: SurveyCellStats()].add(previous, sign: -1)
        corrections[index, default: SurveyCellStats()].add(all)
        if row.newRespondentInSector { countSector(row) }
    }

    @inline(__always)
    private mutating func cell(of row: NativeSurveySink.Row) -> Int {
        let key = row.country << 42 | row.sector << 21 | row.skill
        if key == lastKey { return lastCell }
        let (found, inserted) = cells.findOrInsert(key, next: keys.count)
        if inserted { newCell(key) }
        lastKey = key
        lastCell = found
        return found
    }

    private mutating func countSector(_ row: NativeSurveySink.Row) {
        let sectorKey = row.country << 21 | row.sector
        let (index, isNew) = sectorCounts.findOrInsert(sectorKey, next: sectorKeys.count)
        if isNew {
            sectorKeys.append(sectorKey)
            sectorValues.append(0)
        }
        sectorValues[index] += 1
    }

    private mutating func newCell(_ key: Int) {
        let index = keys.count
        keys.append(key)
        if index == capacity {
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: capacity * 2 * NativeCellTable.stride)
            grown.update(from: stats, count: capacity * NativeCellTable.stride)
            stats.deallocate()
            stats = grown
            capacity *= 2
        }
        (stats + index * NativeCellTable.stride).initialize(repeating: 0, count: NativeCellTable.stride)
    }

    /// The aggregate, naming ids with the given tables.
    func build(countries: [String], sectors: [String], skills: [String]) -> SurveyRawAggregate {
        let mask = (1 << 21) - 1
        return SurveyRawAggregate(
            cells: keys.enumerated().lazy.map { ($1 >> 42, ($1 >> 21) & mask, $1 & mask, stats(ofCell: $0)) },
            sectorCounts: zip(sectorKeys, sectorValues).lazy.map { ($0 >> 21, $0 & mask, $1) },
            countries: countries, sectors: sectors, skills: skills, records: records)
    }

    /// The statistics of cell `index`, from its integers.
    private func stats(ofCell index: Int) -> SurveyCellStats {
        let p = stats + index * NativeCellTable.stride
        var s = SurveyCellStats()
        s.n = p[0]
        s.answers = p[0]
        s.sumImportance = ExactSum(p[1])
        s.sumProficiency = ExactSum(p[2])
        s.sumImportanceSquared = ExactSum(p[3])
        s.sumDiscrepancy = ExactSum(p[4])
        s.sumDiscrepancySquared = ExactSum(p[5])
        s.sumImportanceTimesDiscrepancy = ExactSum(p[6])
        s.hardToFillYes = ExactSum(p[7])
        s.hardToFillAnswered = p[8]
        s.demandChangeSum = ExactSum(p[9])
        s.demandChangeAnswered = p[10]
        s.modeOnline = ExactSum(p[11])
        s.modeBlended = ExactSum(p[12])
        s.modeOnSite = ExactSum(p[13])
        for k in 0..<NativeCellTable.groupCount { s.targetGroupCounts[k] = p[14 + k] }
        if let correction = corrections[index] { s.merge(correction) }
        return s
    }
}

/// Non-negative `Int` keys → dense indexes, open addressing with a multiplicative hash (keys are not
/// attacker-chosen hashes of text but small packed ids, so SipHash's protection buys nothing here).
struct IntTable {
    private var keys: [Int] = Array(repeating: -1, count: 1024)
    private var values: [Int] = Array(repeating: 0, count: 1024)
    private var count = 0

    /// The index stored for `key`, or `next` after storing it (then `inserted` is true).
    @inline(__always)
    mutating func findOrInsert(_ key: Int, next: Int) -> (index: Int, inserted: Bool) {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        while true {
            let k = keys[slot]
            if k == key { return (values[slot], false) }
            if k < 0 { break }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        values[slot] = next
        count += 1
        if count * 2 > keys.count { grow() }
        return (next, true)
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: -1, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k >= 0 { _ = findOrInsert(k, next: v) }
    }
}
