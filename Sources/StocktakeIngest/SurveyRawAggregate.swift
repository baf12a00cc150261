import CHints
import StocktakeModel

/// Survey answers of one input aggregated by the texts as written (country × sector × skill), built while the
/// file streams by `CellAccumulator` (every survey format: the native sink feeds it directly, the record path
/// through `SurveyAggregateBuilder`). Memory grows with distinct cells and respondents, never with rows.
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
        /// The wrapping sum of the respondents' record keys (`RecordKeyer`; 0 without a keyer).
        public var recordKeys: UInt64 = 0
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
        sectorCounts: some Sequence<(country: Int, sector: Int, respondents: Int, recordKeys: UInt64)>,
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
            bySector[country + "\u{1F}" + sector]!.recordKeys &+= count.recordKeys
        }
        self.init(
            cells: byName.values.sorted { ($0.country, $0.sector, $0.skill) < ($1.country, $1.sector, $1.skill) },
            sectors: bySector.values.sorted { ($0.country, $0.sector) < ($1.country, $1.sector) },
            records: records)
    }
}

/// One accepted answer by integer ids (of the reader's text tables): what `CellAccumulator` adds. The native sink
/// fills it field by field (`NativeSurveySink.Row`); the record path converts each `SurveyRecord`.
struct SurveyAnswer: BitwiseCopyable {
    var country = 0
    var organisation = 0
    var sector = 0
    var skill = 0
    var importance = 0
    var proficiency = 0
    /// -1 not answered, 0 no, 1 yes.
    var hardToFill: Int8 = -1
    /// `Int.min` when not answered.
    var demand = Int.min
    /// 0 not answered, else 1 + index in `LearningMode.allCases`.
    var mode: UInt8 = 0
    /// Bit per `TargetGroup.allCases` index.
    var groups: UInt8 = 0
    /// Whether the answer's respondent answered for this country × sector for the first time.
    var newRespondentInSector = false

    init() {}

    /// A record's answer, its texts numbered `country`, `sector`, `skill`.
    init(_ record: SurveyRecord, country: Int, sector: Int, skill: Int, newRespondentInSector: Bool) {
        self.country = country
        self.sector = sector
        self.skill = skill
        importance = record.importance
        proficiency = record.proficiency
        hardToFill = record.hardToFill.map { $0 ? 1 : 0 } ?? -1
        demand = record.demandChange ?? Int.min
        mode = record.learningMode.map { UInt8(LearningMode.allCases.firstIndex(of: $0)! + 1) } ?? 0
        groups = UInt8(SurveyAnswer.mask(record.targetGroups))
        self.newRespondentInSector = newRespondentInSector
    }

    /// Target groups as a bit per `TargetGroup.allCases` index.
    static func mask(_ groups: Set<TargetGroup>) -> Int {
        var mask = 0
        for (k, group) in TargetGroup.allCases.enumerated() where groups.contains(group) { mask |= 1 << k }
        return mask
    }

    /// The answer in `RespondentAnswers.pack` form.
    @inline(__always)
    var packedAnswer: UInt32 {
        RespondentAnswers.pack(importance: importance, proficiency: proficiency, hardToFill: Int(hardToFill),
                               demand: demand == Int.min ? nil : demand, mode: mode, groups: groups)
    }
}

/// Builds a `SurveyRawAggregate` from records (formats other than the native survey): numbers their texts, finds
/// each respondent's earlier answers in the same normalized cell, and adds to the one `CellAccumulator`.
struct SurveyAggregateBuilder {
    private var cells = CellAccumulator()
    /// Computes the respondents' record keys (nil: every key 0).
    let keyer: RecordKeyer?
    /// Record keys by country + respondent id (one SipHash per respondent).
    private var recordKeys: [String: UInt64] = [:]

    init(keyer: RecordKeyer? = nil) { self.keyer = keyer }
    var records: Int { cells.records }
    private var countries = Canon()
    private var sectors = Canon()
    private var skills = Canon()
    private var seen: Set<String> = []
    private var normalized = Canon()
    /// Per skill text id, its normalized id (`skillCell` is asked once per distinct label).
    private var skillNorm: [Int] = []
    private var answered: [RespondentCell: RespondentAnswers] = [:]

    private struct RespondentCell: Hashable {
        var respondent: String
        var norm: Int
    }

    /// Adds one record by its texts. Answers of one respondent to labels with the same `skillCell` key in one
    /// sector are combined (the respondent counts once, with the mean); the state per respondent is kept for the
    /// whole file (these exports hold thousands of responses, not millions).
    mutating func add(_ record: SurveyRecord, skillCell: Ingestor.SkillCell) {
        let k = skills.id(record.skill)
        let respondent = record.country + "\u{1F}" + record.sector + "\u{1F}" + record.respondentID
        let isNew = seen.insert(respondent).inserted
        if k == skillNorm.count { skillNorm.append(normalized.id(skillCell(record.skill))) }
        let key = RespondentCell(respondent: respondent, norm: skillNorm[k])
        let previous = answered[key] ?? RespondentAnswers()
        let answer = SurveyAnswer(record, country: countries.id(record.country), sector: sectors.id(record.sector),
                                  skill: k, newRespondentInSector: isNew)
        var recordKey: UInt64 = 0
        if let keyer {
            let id = record.country + "\u{1F}" + record.respondentID
            if let known = recordKeys[id] {
                recordKey = known
            } else {
                recordKey = keyer.recordKey(country: record.country, respondent: record.respondentID)
                recordKeys[id] = recordKey
            }
        }
        cells.add(answer, previous: previous, recordKey: recordKey)
        var all = previous
        all.add(RespondentAnswers(packed: answer.packedAnswer))
        answered[key] = all
    }

    /// The aggregate with texts from this builder's numbering.
    func build() -> SurveyRawAggregate {
        cells.build(countries: countries.names, sectors: sectors.names, skills: skills.names)
    }
}

/// Distinct texts numbered densely, so aggregation keys are integers.
struct Canon {
    var ids: [String: Int] = [:]
    var names: [String] = []

    mutating func id(_ text: String) -> Int {
        if let known = ids[text] { return known }
        let id = names.count
        ids[text] = id
        names.append(text)
        return id
    }
}

/// The one accumulator of survey cell statistics, for every survey format: cells keyed by (country, sector, skill)
/// text ids in an open-addressing table, statistics in one flat integer buffer (no per-answer allocation, hashing
/// by a multiply), distinct respondents per (country, sector). Memory grows with distinct cells and (country,
/// sector) pairs, never with rows.
///
/// Distinct-respondent averaging happens here and only here (`add(_:previous:)`): an answer whose respondent
/// answered nothing else in its normalized cell adds its integers; one whose respondent did (two survey labels of
/// one ESCO group) replaces that respondent's contribution by the mean of all their answers, kept as exact
/// corrections (`SurveyCellStats.add(_:sign:)`) beside the integers.
struct CellAccumulator {
    /// Integers per cell: the 14 scalar sums of `SurveyCellStats`, one count per target group, 1 + the index of the
    /// cell's exact correction in `corrections` (0 when none), then the cell key and the value key (bit patterns,
    /// wrapping sums).
    static let groupCount = TargetGroup.allCases.count
    static let correctionSlot = 14 + groupCount
    static let cellKeySlot = correctionSlot + 1
    static let valueKeySlot = correctionSlot + 2
    static let stride = correctionSlot + 3

    /// Owns the statistics buffer (freed with the last copy of the accumulator).
    private final class Buffer {
        var pointer: UnsafeMutablePointer<Int>
        init(capacity: Int) { pointer = .allocate(capacity: capacity) }
        deinit { pointer.deallocate() }
    }

    private var cells = IntTable()
    private var sectorCounts = IntTable()
    private var keys: [Int] = []
    private var sectorKeys: [Int] = []
    private var sectorValues: [Int] = []
    /// Per sector, the wrapping sum of its respondents' record keys.
    private var sectorRecordKeys: [UInt64] = []
    private let buffer: Buffer
    /// `buffer.pointer`, read without touching the class on the hot path.
    private var stats: UnsafeMutablePointer<Int>
    private var capacity = 1024
    private var lastKey = -1
    private var lastCell = 0
    /// Exact corrections of cells where a respondent's answers were combined (a cell's `correctionSlot` points
    /// here: no hashing on the combining path).
    private var corrections: [SurveyCellStats] = []
    private(set) var records = 0
    /// The cell `prepare` found (its key, and its index or -1), so that `add` skips the table.
    private var preparedKey = -1
    private var preparedCell = -1

    init() {
        buffer = Buffer(capacity: capacity * CellAccumulator.stride)
        stats = buffer.pointer
    }

    /// Adds one accepted answer; `previous` holds its respondent's earlier answers in the same normalized cell
    /// (count 0 when none), so that the respondent contributes the mean of all of them, once. `recordKey` is the
    /// respondent's record key (`RecordKeyer`), added to the cell's keys where the respondent is counted.
    @inline(__always)
    mutating func add(_ answer: SurveyAnswer, previous: RespondentAnswers, recordKey: UInt64 = 0) {
        add(answer, newInSector: answer.newRespondentInSector, previous: previous, recordKey: recordKey)
    }

    /// `add(_:previous:)` with the answer's `newRespondentInSector` given apart (the native sink decides it just
    /// before adding: storing it into the row and copying the row at once stalls the store forwarding).
    @inline(__always)
    mutating func add(_ answer: SurveyAnswer, newInSector: Bool, previous: RespondentAnswers, recordKey: UInt64 = 0) {
        records += 1
        // The cell first: finding a new one may reallocate `stats`.
        let cell = cell(of: answer)
        if newInSector { countSector(answer, recordKey: recordKey) }
        guard previous.count == 0 else {
            // Rare: the respondent's contribution of `previous` is replaced by that of all their answers.
            var all = previous
            all.add(RespondentAnswers(packed: answer.packedAnswer))
            let slot = stats + cell * CellAccumulator.stride + CellAccumulator.correctionSlot
            if slot.pointee == 0 {
                corrections.append(SurveyCellStats())
                slot.pointee = corrections.count
            }
            corrections[slot.pointee - 1].add(previous, sign: -1, recordKey: recordKey)
            corrections[slot.pointee - 1].add(all, recordKey: recordKey)
            return
        }
        let p = stats + cell * CellAccumulator.stride
        if recordKey != 0 {
            p[CellAccumulator.cellKeySlot] &+= Int(truncatingIfNeeded: recordKey)
            p[CellAccumulator.valueKeySlot] &+= Int(truncatingIfNeeded: RecordKeyer.contentKey(
                recordKey: recordKey, packedAnswer: answer.packedAnswer))
        }
        let i = answer.importance
        let d = answer.importance - answer.proficiency
        p[0] += 1
        p[1] += i
        p[2] += answer.proficiency
        p[3] += i * i
        p[4] += d
        p[5] += d * d
        p[6] += i * d
        if answer.hardToFill >= 0 {
            p[8] += 1
            p[7] += Int(answer.hardToFill)
        }
        if answer.demand != Int.min {
            p[9] += answer.demand
            p[10] += 1
        }
        if answer.mode != 0 { p[10 + Int(answer.mode)] += 1 }
        var g = answer.groups
        while g != 0 {
            p[14 + g.trailingZeroBitCount] += 1
            g &= g - 1
        }
    }

    /// The key of an answer's cell.
    @inline(__always)
    static func key(country: Int, sector: Int, skill: Int) -> Int { country << 42 | sector << 21 | skill }

    /// Starts loading the table slot of the cell `key` (call as soon as the row's country, sector and skill are
    /// known; the cells of consecutive rows differ, and a large table misses the cache on each).
    @inline(__always)
    func prefetchSlot(_ key: Int) { cells.prefetch(key) }

    /// Finds the cell of `answer`, when it exists, and starts loading its integers, so that an `add` of the same
    /// answer a little later (after the respondent checks) finds both in the cache. Changes no statistics.
    @inline(__always)
    mutating func prepare(_ answer: SurveyAnswer) {
        let key = CellAccumulator.key(country: answer.country, sector: answer.sector, skill: answer.skill)
        let cell = key == lastKey ? lastCell : cells.find(key)
        preparedKey = key
        preparedCell = cell
        if cell >= 0 {
            let p = stats + cell * CellAccumulator.stride
            stocktake_prefetch(p)
            stocktake_prefetch(p + 8)
            stocktake_prefetch(p + CellAccumulator.stride - 1)
        }
    }

    @inline(__always)
    private mutating func cell(of answer: SurveyAnswer) -> Int {
        let key = CellAccumulator.key(country: answer.country, sector: answer.sector, skill: answer.skill)
        if key == lastKey { return lastCell }
        if key == preparedKey, preparedCell >= 0 {
            lastKey = key
            lastCell = preparedCell
            return preparedCell
        }
        let (found, inserted) = cells.findOrInsert(key, next: keys.count)
        if inserted { newCell(key) }
        lastKey = key
        lastCell = found
        return found
    }

    private mutating func countSector(_ answer: SurveyAnswer, recordKey: UInt64) {
        let sectorKey = answer.country << 21 | answer.sector
        let (index, isNew) = sectorCounts.findOrInsert(sectorKey, next: sectorKeys.count)
        if isNew {
            sectorKeys.append(sectorKey)
            sectorValues.append(0)
            sectorRecordKeys.append(0)
        }
        sectorValues[index] += 1
        sectorRecordKeys[index] &+= recordKey
    }

    private mutating func newCell(_ key: Int) {
        let index = keys.count
        keys.append(key)
        if index == capacity {
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: capacity * 2 * CellAccumulator.stride)
            grown.update(from: stats, count: capacity * CellAccumulator.stride)
            buffer.pointer.deallocate()
            buffer.pointer = grown
            stats = grown
            capacity *= 2
        }
        (stats + index * CellAccumulator.stride).initialize(repeating: 0, count: CellAccumulator.stride)
    }

    /// The aggregate, naming ids with the given tables. Ids that name the same texts merge; cells come sorted by
    /// country, sector, skill, sectors by country, sector.
    func build(countries: [String], sectors: [String], skills: [String]) -> SurveyRawAggregate {
        let mask = (1 << 21) - 1
        return SurveyRawAggregate(
            cells: keys.enumerated().lazy.map { ($1 >> 42, ($1 >> 21) & mask, $1 & mask, stats(ofCell: $0)) },
            sectorCounts: sectorKeys.indices.lazy.map {
                (sectorKeys[$0] >> 21, sectorKeys[$0] & mask, sectorValues[$0], sectorRecordKeys[$0])
            },
            countries: countries, sectors: sectors, skills: skills, records: records)
    }

    /// The statistics of cell `index`, from its integers and its corrections.
    private func stats(ofCell index: Int) -> SurveyCellStats {
        let p = stats + index * CellAccumulator.stride
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
        for k in 0..<CellAccumulator.groupCount { s.targetGroupCounts[k] = p[14 + k] }
        s.cellKey = UInt64(truncatingIfNeeded: p[CellAccumulator.cellKeySlot])
        s.valueKey = UInt64(truncatingIfNeeded: p[CellAccumulator.valueKeySlot])
        if p[CellAccumulator.correctionSlot] > 0 { s.merge(corrections[p[CellAccumulator.correctionSlot] - 1]) }
        return s
    }
}

/// Non-negative `Int` keys → dense indexes, open addressing with a multiplicative hash (keys are not
/// attacker-chosen hashes of text but small packed ids, so SipHash's protection buys nothing here).
struct IntTable {
    private var keys: [Int] = Array(repeating: -1, count: 1024)
    private var values: [Int] = Array(repeating: 0, count: 1024)
    private var count = 0

    @inline(__always)
    private func firstSlot(_ key: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 20) & (keys.count - 1)
    }

    /// Starts loading the slot `key` probes first (its key and its value).
    @inline(__always)
    func prefetch(_ key: Int) {
        let slot = firstSlot(key)
        keys.withUnsafeBufferPointer { stocktake_prefetch($0.baseAddress! + slot) }
        values.withUnsafeBufferPointer { stocktake_prefetch($0.baseAddress! + slot) }
    }

    /// The index stored for `key`, or -1.
    @inline(__always)
    func find(_ key: Int) -> Int {
        let mask = keys.count - 1
        var slot = firstSlot(key)
        while true {
            let k = keys[slot]
            if k == key { return values[slot] }
            if k < 0 { return -1 }
            slot = (slot + 1) & mask
        }
    }

    /// The index stored for `key`, or `next` after storing it (then `inserted` is true).
    @inline(__always)
    mutating func findOrInsert(_ key: Int, next: Int) -> (index: Int, inserted: Bool) {
        let mask = keys.count - 1
        var slot = firstSlot(key)
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
