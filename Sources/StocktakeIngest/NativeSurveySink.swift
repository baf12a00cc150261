import StocktakeModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `stocktake-survey` hot path, fed field by field in the order libcsv delivered them (`CSVReader
/// .parsePipelined` replays them from the reading thread's batches: no row is rebuilt, no second scan). Each field
/// is validated as it comes, each distinct value is parsed once, by the column's declaration in
/// `SurveyFields.native` (the rules the wide readers use too), and interned, and a row is committed (uniqueness, the
/// one `CellAccumulator`) when its record ends.
///
/// Every interned payload is a plain value (`Cell<Int>` and the like: an integer id, or the index of a cached
/// problem), and every table is a value type over a pointer, so the per-field path has no allocation, no
/// reference counting and no exclusivity checks. Texts (sector, skill, country, respondent id) are decoded and
/// validated once per distinct byte string, when first seen.
///
/// One reject per row: the first of unclosed quote, stray quote, blank row, cell count, then the first invalid value
/// in column order, then the respondent id's encoding and respondent × skill uniqueness.
struct NativeSurveySink: CSVReplaySink {
    /// What a column holds.
    enum Role: UInt8, CaseIterable {
        case ignored, country, respondent, organisation, sector, skill, importance, proficiency, hardToFill, demand, mode, groups
    }

    /// A cell parsed once: its value, or why it is invalid (index into `problems`).
    enum Cell<T> {
        case value(T)
        case invalid(Int32)
    }

    /// The values of the row in progress (ids of the sink's text tables).
    typealias Row = SurveyAnswer

    /// Organisation types in a fixed order (`Row.organisation` indexes it).
    static let organisationTypes = SurveyField<String>.organisationTypes

    // Problems every file may need, at fixed indexes of `problems`.
    private static let respondentEmpty: Int32 = 0
    private static let respondentEncoding: Int32 = 1
    private static let duplicateAnswer: Int32 = 2

    // Configuration.
    let input: PreparedInput
    let encoding: TextEncoding
    let roles: UnsafeMutablePointer<Role>
    let columns: Int
    let respondentColumn: Int
    let skillColumn: Int
    let collectRecords: Bool
    var seenHeader = false

    // The row in progress.
    var row = Row()
    var anyValue = false
    /// 0-based index of the first non-empty cell past the header's columns, -1 when none.
    var trailingValue = -1
    var failColumn = -1
    var failProblem: Int32 = 0
    /// The country id (4 bytes) then the respondent id's bytes: the respondent table's key.
    var key: UnsafeMutablePointer<UInt8>
    var keyCapacity = 64
    var idLength = 0
    /// Length of the id in `key` from an earlier row (-1 when none): the bytes stay until another id replaces them.
    var previousIDLength = -1
    /// Hash of the respondent id's bytes (the respondent table hashes the id alone, so the slot can be prefetched
    /// when the id is read, before the country is known).
    var idHash: UInt32 = 0

    /// Interned values, one table per role (indexed by `Role.rawValue`; unused for `.ignored` and `.respondent`).
    let tables: UnsafeMutablePointer<ByteTable<Cell<Int>>>
    /// The last valid value per role, checked before its table (consecutive rows repeat sector, respondent type,
    /// ...): one compare, no hashing, no chain of loads through the table.
    let recent: UnsafeMutablePointer<Recent>

    /// Values of up to 8 bytes (yes/no, -1, online, a country code, ...), per role 8 direct-mapped entries keyed
    /// by the bytes packed into a word (no hashing, no table walk); longer values use `recent`, then the table.
    let small: UnsafeMutablePointer<Small>

    struct Small {
        /// `unfilled` until a value is stored.
        var word = Small.unfilled
        var value = 0

        /// A word no field packs to: a NUL byte below a non-NUL one (a field of n bytes packs to n non-NUL bytes
        /// and zeros above them; the reader stops at a chunk holding a NUL byte before parsing it). So a lookup is
        /// one compare, with no separate "filled" flag to load and branch on.
        static let unfilled: UInt64 = 0xFF00
    }

    /// A role's last valid value longer than 8 bytes: its bytes copied into `recentBytes` (`length` is -1 when
    /// there is none or it is longer than `recentMax`) and its index in the role's table (-1 when none).
    struct Recent {
        var length = -1
        var value = 0
        var index = -1
    }

    /// Per role, for each table entry, the two values that most recently came after it (table indexes, -1 when
    /// none): rows follow the questionnaire, so the skill after `x` is usually one seen after `x` before.
    struct Successors {
        var slots: UnsafeMutablePointer<Int32>
        var capacity: Int
    }
    let successors: UnsafeMutablePointer<Successors>

    /// `recentMax` bytes per role: the bytes of each role's last valid value.
    let recentBytes: UnsafeMutablePointer<UInt8>
    static let recentMax = 64

    /// Respondent × skill uniqueness and first rows per sector, keyed by country id + respondent id (so
    /// uniqueness is per country), in bounded memory.
    var ledger: RespondentLedger<Row>
    var countryCanon = Canon()
    var sectorCanon = Canon()
    var skillCanon = Canon()
    /// The cell key of a skill label (`Ingestor.SkillCell`): labels with one key are one cell, where a respondent
    /// counts once.
    let skillCell: Ingestor.SkillCell
    /// Per skill id, its normalized skill id (labels with the same `skillCell` key share one).
    var skillNorm: [Int] = []
    var normCanon = Canon()
    /// Per normalized skill id, whether more than one label maps to it (only then can answers combine).
    var normShared: [Bool] = []
    /// The declarations of the columns (`SurveyFields.native`): each distinct value is parsed by them once.
    let fields: SurveyFields
    /// Computes the record keys of the cell key perturbation (nil: every key 0).
    let keyer: RecordKeyer?
    /// The respondent key (`key`'s bytes) whose record key was computed last (`lastKeyedLength` bytes, -1 when
    /// none), and that record key: a respondent's rows come together, so SipHash runs about once per respondent.
    /// The same buffer then holds the record key's message (`country ‖ 0x1F ‖ id`) past `keyCapacity` bytes.
    var lastKeyed: UnsafeMutablePointer<UInt8>
    var lastKeyedCapacity = 64
    var lastKeyedLength = -1
    var lastRecordKey: UInt64 = 0
    /// Cached problems (code, message), indexed by `Cell.invalid`.
    var problems: [(ErrorCode, String)] = []
    /// Canonical country id when the file has no country column.
    var fixedCountry = 0

    // Results.
    var tally: RowTally
    var cells = CellAccumulator()
    /// Accepted rows as records (record path only) and rejects, since the last chunk was delivered.
    var records: [SurveyRecord] = []
    var rejects: [Reject] = []
    /// libcsv records (header included) since the last chunk was delivered.
    var recordsSinceFlush = 0

    init(input: PreparedInput, roles: [Role], respondentColumn: Int, skillColumn: Int, collectRecords: Bool,
         ledger: RespondentLedger<Row>, skillCell: @escaping Ingestor.SkillCell, keyer: RecordKeyer? = nil) {
        self.input = input
        self.keyer = keyer
        lastKeyed = .allocate(capacity: 2 * lastKeyedCapacity)
        self.skillCell = skillCell
        self.ledger = ledger
        encoding = input.dialect.encoding
        columns = roles.count
        self.roles = .allocate(capacity: max(columns, 1))
        self.roles.initialize(from: roles, count: columns)
        self.respondentColumn = respondentColumn
        self.skillColumn = skillColumn
        self.collectRecords = collectRecords
        key = .allocate(capacity: keyCapacity)
        tables = .allocate(capacity: Role.allCases.count)
        recent = .allocate(capacity: Role.allCases.count)
        recent.initialize(repeating: Recent(), count: Role.allCases.count)
        recentBytes = .allocate(capacity: Role.allCases.count * NativeSurveySink.recentMax)
        successors = .allocate(capacity: Role.allCases.count)
        for role in Role.allCases {
            let slots = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * 64)
            slots.initialize(repeating: -1, count: 2 * 64)
            (successors + Int(role.rawValue)).initialize(to: Successors(slots: slots, capacity: 64))
        }
        small = .allocate(capacity: Role.allCases.count * 8)
        small.initialize(repeating: Small(), count: Role.allCases.count * 8)
        for role in Role.allCases {
            let distinct = role == .sector || role == .skill ? 256 : 16
            (tables + Int(role.rawValue)).initialize(to: ByteTable(capacity: distinct))
        }
        tally = RowTally(report: input.makeReport())
        fields = SurveyFields.native(country: input.country)
        let empty = NativeSurveySink.problem(fields.respondent.parse(""))
        let invalid = fields.respondent.encodingProblem(encoding)
        problems = [
            (empty.code, empty.message),
            (invalid.code, invalid.message),
            (.uniqueError, "this respondent already rated this skill on an earlier row (the first answer is kept): remove the duplicate"),
        ]
        if !roles.contains(.country) { fixedCountry = countryCanon.id(input.country ?? "") }
        row.country = fixedCountry
    }

    /// Frees the tables (once, by the owner).
    func release() {
        for role in Role.allCases { tables[Int(role.rawValue)].release() }
        tables.deinitialize(count: Role.allCases.count)
        tables.deallocate()
        recent.deallocate()
        recentBytes.deallocate()
        for role in Role.allCases { successors[Int(role.rawValue)].slots.deallocate() }
        successors.deallocate()
        small.deallocate()
        ledger.release()
        roles.deallocate()
        key.deallocate()
        lastKeyed.deallocate()
    }

    // MARK: - Per field

    @inline(__always)
    mutating func field(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) {
        guard seenHeader else { return }
        if !bytes.isEmpty { anyValue = true }
        guard index < columns, failColumn < 0 else {
            if index >= columns, trailingValue < 0, !bytes.isEmpty { trailingValue = index }
            return
        }
        let role = roles[index]
        var v: Int
        switch role {
        case .ignored:
            return
        case .respondent:
            if bytes.isEmpty { return fail(index, NativeSurveySink.respondentEmpty) }
            // The same respondent as the row before (the usual case): key and hash are already in place.
            if bytes.count == previousIDLength, ByteTable<Cell<Int>>.equal(key + 4, bytes) {
                idLength = previousIDLength
                return
            }
            if 4 + bytes.count > keyCapacity { growKey(to: 4 + bytes.count) }
            (key + 4).update(from: bytes.baseAddress!, count: bytes.count)
            idLength = bytes.count
            previousIDLength = bytes.count
            idHash = ByteTable<Cell<Int>>.hash(bytes)
            ledger.prefetch(hash: idHash)
            return
        case .importance, .proficiency:
            v = NativeSurveySink.digit(bytes)
            if v < 0 {
                guard let parsed = value(role, bytes, index) else { return }
                v = parsed
            }
        default:
            guard let parsed = value(role, bytes, index) else { return }
            v = parsed
        }
        switch role {
        case .country: row.country = v
        case .organisation: row.organisation = v
        case .sector: row.sector = v
        case .skill:
            row.skill = v
            // The row's cell, looked up at commit, misses the cache (the skill changes on every row).
            if !collectRecords { cells.prefetchSlot(CellAccumulator.key(country: row.country, sector: row.sector, skill: v)) }
        case .importance: row.importance = v
        case .proficiency: row.proficiency = v
        case .hardToFill: row.hardToFill = Int8(v)
        case .demand: row.demand = v
        case .mode: row.mode = UInt8(v)
        case .groups: row.groups = UInt8(v)
        case .ignored, .respondent: break
        }
    }

    /// The value of `bytes` in `role` (the last value, else the interned one, parsed on first sight); nil after
    /// recording the problem when it is invalid.
    @inline(__always)
    private mutating func value(_ role: Role, _ bytes: UnsafeBufferPointer<UInt8>, _ column: Int) -> Int? {
        let n = bytes.count
        if n <= 8 {
            // Zero-padded, the word identifies the value (files have no NUL bytes).
            let word = NativeSurveySink.pack(bytes)
            let entry = small + (Int(role.rawValue) << 3 | Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> 61))
            if entry.pointee.word == word { return entry.pointee.value }
            guard let v = lookUp(role, bytes, column) else { return nil }
            entry.pointee = Small(word: word, value: v)
            return v
        }
        let r = Int(role.rawValue)
        let last = recent + r
        if n == last.pointee.length, ByteTable<Cell<Int>>.equal(recentBytes + r * NativeSurveySink.recentMax, bytes) {
            return last.pointee.value
        }
        // Then the values that came after the last one before; then the table.
        let table = tables[r]
        let from = last.pointee.index
        var index = -1
        if from >= 0 {
            let next = successors[r].slots + 2 * from
            for k in 0..<2 {
                let candidate = Int(next[k])
                if candidate < 0 { break }
                let stored = table.storedKey(candidate)
                if stored.count == n, ByteTable<Cell<Int>>.equal(stored.baseAddress!, bytes) {
                    index = candidate
                    break
                }
            }
        }
        if index < 0 { index = lookUpIndex(role, bytes) }
        guard case .value(let v) = table[index] else {
            if case .invalid(let p) = table[index] { fail(column, p) }
            return nil
        }
        if from >= 0 { follow(r, from, index) }
        if n <= NativeSurveySink.recentMax {
            (recentBytes + r * NativeSurveySink.recentMax).update(from: bytes.baseAddress!, count: n)
            last.pointee = Recent(length: n, value: v, index: index)
        } else {
            last.pointee = Recent(length: -1, value: v, index: index)
        }
        return v
    }

    /// Records that entry `index` came after entry `from` in role `r` (most recent first).
    @inline(__always)
    private func follow(_ r: Int, _ from: Int, _ index: Int) {
        let next = successors[r].slots + 2 * from
        if next[0] != Int32(index) {
            next[1] = next[0]
            next[0] = Int32(index)
        }
    }

    /// Up to 8 bytes, little-endian, zero-padded.
    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        if n >= 4 {
            let p = UnsafeRawPointer(bytes.baseAddress!)
            let low = UInt64(p.loadUnaligned(as: UInt32.self))
            let high = UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            return low | high << UInt64(8 * (n - 4))
        }
        var word: UInt64 = 0
        for i in 0..<n { word |= UInt64(bytes[i]) << UInt64(8 * i) }
        return word
    }

    private mutating func lookUp(_ role: Role, _ bytes: UnsafeBufferPointer<UInt8>, _ column: Int) -> Int? {
        let table = tables[Int(role.rawValue)]
        switch table[lookUpIndex(role, bytes)] {
        case .value(let v):
            return v
        case .invalid(let p):
            fail(column, p)
            return nil
        }
    }

    /// The entry of `bytes` in the role's table, added (parsed on first sight) when new.
    private mutating func lookUpIndex(_ role: Role, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let table = tables[Int(role.rawValue)]
        let found = table.find(bytes)
        if found >= 0 { return found }
        let index = table.insert(bytes, firstSight(role, bytes))
        // Every entry has its successor slots (so `value` reads them without a bounds check).
        let r = Int(role.rawValue)
        if index >= successors[r].capacity {
            let capacity = successors[r].capacity * 2
            let grown = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * capacity)
            grown.initialize(repeating: -1, count: 2 * capacity)
            grown.update(from: successors[r].slots, count: 2 * successors[r].capacity)
            successors[r].slots.deallocate()
            successors[r] = Successors(slots: grown, capacity: capacity)
        }
        return index
    }

    @inline(__always)
    private mutating func fail(_ column: Int, _ problem: Int32) {
        failColumn = column
        failProblem = problem
    }

    // MARK: - Per record

    mutating func endRecord(_ end: CSVLineTracker.RecordEnd) {
        recordsSinceFlush += 1
        defer {
            row = Row()
            row.country = fixedCountry
            anyValue = false
            trailingValue = -1
            failColumn = -1
            idLength = 0
        }
        if !seenHeader {
            // Lines before the header row, then the header itself.
            if end.line >= input.headerRow { seenHeader = true }
            return
        }
        if end.unclosed { return reject(input.unclosedQuote(end.line, column: max(end.firstBreakField, 0) + 1)) }
        if end.malformedQuoteField >= 0 { return reject(input.malformedQuote(end.line, column: end.malformedQuoteField + 1)) }
        if !anyValue { return reject(input.blankRow(end.line)) }
        // (`input` is only touched on a reject: a method call on it copies the whole struct.)
        if end.count != columns,
           let problem = input.cellCount(end.line, end.count, trailingValue: trailingValue < 0 ? nil : trailingValue) {
            return reject(problem)
        }
        if failColumn >= 0 { return reject(end.line, failColumn, failProblem) }
        commit(end.line)
    }

    /// Checks respondent × skill uniqueness and adds the row (to the aggregate, or as a record); defers it when its
    /// respondent's state may have been spilled (see `RespondentLedger`).
    private mutating func commit(_ line: Int) {
        UnsafeMutableRawPointer(key).storeBytes(of: UInt32(truncatingIfNeeded: row.country), as: UInt32.self)
        let keyBytes = UnsafeBufferPointer(start: key, count: 4 + idLength)
        // The cell's integers load while the ledger decides.
        if !collectRecords { cells.prepare(row) }
        var r = ledger.find(keyBytes, hash: idHash)
        if r < 0 {
            guard idIsValid() else { return reject(line, respondentColumn, NativeSurveySink.respondentEncoding) }
            if ledger.mayHaveSpilled(keyBytes, hash: idHash) {
                return ledger.deferRow(keyBytes, hash: idHash, line: line, skill: row.skill, sector: row.sector,
                                       word: answerWord(), row: row)
            }
            r = ledger.insert(keyBytes, hash: idHash)
        }
        var previous = RespondentAnswers()
        let verdict = ledger.answer(r, skill: row.skill, sector: row.sector, word: answerWord(),
                                    shared: normShared[skillNorm[row.skill]], previous: &previous)
        settle(line, verdict, previous)
    }

    /// The row's answer as the ledger keeps it.
    @inline(__always)
    private func answerWord() -> UInt64 {
        RespondentLedger<Row>.word(norm: skillNorm[row.skill], sector: row.sector, answer: row.packedAnswer)
    }

    /// Makes room for a respondent key of `count` bytes (its old bytes are not kept: the caller writes a new key).
    private mutating func growKey(to count: Int) {
        while count > keyCapacity { keyCapacity *= 2 }
        key.deallocate()
        key = .allocate(capacity: keyCapacity)
    }

    /// Accepts or rejects the row in `row` (respondent key in `key`) by its verdict; `previous` holds the
    /// respondent's earlier answers in the same normalized cell, with which this one is combined.
    private mutating func settle(_ line: Int, _ verdict: RespondentLedger<Row>.Verdict, _ previous: RespondentAnswers) {
        guard case .accepted(let newInSector) = verdict else {
            return reject(line, skillColumn, NativeSurveySink.duplicateAnswer)
        }
        tally.accept()
        if collectRecords {
            records.append(makeRecord(line))
        } else {
            cells.add(row, newInSector: newInSector, previous: previous, recordKey: recordKey())
        }
    }

    /// The record key (`RecordKeyer`) of the respondent in `key`: SipHash of the country code and the id as UTF-8.
    private mutating func recordKey() -> UInt64 {
        guard let keyer else { return 0 }
        let length = 4 + idLength
        if length == lastKeyedLength, memcmp(lastKeyed, key, length) == 0 { return lastRecordKey }
        let ascii = !UnsafeBufferPointer(start: key + 4, count: idLength).contains { $0 >= 0x80 }
        let country = countryCanon.names[row.country]
        var id = ascii ? "" : decodeID() ?? ""
        let idBytes = ascii ? idLength : id.utf8.count
        let needed = max(length, country.utf8.count + 1 + idBytes)
        if needed > lastKeyedCapacity {
            while needed > lastKeyedCapacity { lastKeyedCapacity *= 2 }
            lastKeyed.deallocate()
            lastKeyed = .allocate(capacity: 2 * lastKeyedCapacity)
        }
        // The message past the first `lastKeyedCapacity` bytes: country, 0x1F, the id as UTF-8.
        let message = lastKeyed + lastKeyedCapacity
        var n = 0
        for byte in country.utf8 { message[n] = byte; n += 1 }
        message[n] = 0x1F
        n += 1
        if ascii {
            (message + n).update(from: key + 4, count: idLength)
            n += idLength
        } else {
            id.withUTF8 { (message + n).update(from: $0.baseAddress!, count: $0.count) }
            n += idBytes
        }
        lastRecordKey = keyer.recordKey(message: UnsafeRawBufferPointer(start: message, count: n))
        lastKeyed.update(from: key, count: length)
        lastKeyedLength = length
        return lastRecordKey
    }

    /// Settles the rows the ledger deferred (after the last chunk), then orders this batch of records and rejects
    /// by line.
    /// - Throws: `StocktakeError.cantCreate` when a spill file could not be written or read.
    mutating func settleDeferred() throws {
        var ledger = self.ledger
        // Settling frees the ledger's generations: the copy must come back even when it throws.
        defer { self.ledger = ledger }
        let shared = normShared
        try ledger.settleDeferred(isShared: { shared[$0] }) { respondentKey, line, deferredRow, verdict, previous in
            if respondentKey.count > keyCapacity { growKey(to: respondentKey.count) }
            key.update(from: respondentKey.baseAddress!, count: respondentKey.count)
            idLength = respondentKey.count - 4
            previousIDLength = -1
            row = deferredRow
            settle(line, verdict, previous)
        }
        records.sort { $0.line < $1.line }
        rejects.sort { $0.location.line < $1.location.line }
    }

    private mutating func reject(_ line: Int, _ column: Int, _ problem: Int32) {
        let (code, message) = problems[Int(problem)]
        reject(input.reject(line, column + 1, code, message))
    }

    private mutating func reject(_ reject: Reject) {
        tally.count(reject)
        rejects.append(reject)
    }

    /// The record of the row just committed (the record path).
    private func makeRecord(_ line: Int) -> SurveyRecord {
        var targets: Set<TargetGroup> = []
        for (k, group) in TargetGroup.allCases.enumerated() where row.groups & (1 << UInt8(k)) != 0 { targets.insert(group) }
        return SurveyRecord(
            country: countryCanon.names[row.country], respondentID: decodeID()!,
            organisationType: NativeSurveySink.organisationTypes[row.organisation],
            sector: sectorCanon.names[row.sector], skill: skillCanon.names[row.skill],
            importance: row.importance, proficiency: row.proficiency,
            hardToFill: row.hardToFill < 0 ? nil : row.hardToFill == 1,
            demandChange: row.demand == Int.min ? nil : row.demand,
            learningMode: row.mode == 0 ? nil : LearningMode.allCases[Int(row.mode) - 1],
            targetGroups: targets, line: line)
    }

    /// Whether the respondent id's bytes are valid in the encoding (ASCII is valid in all of them).
    private func idIsValid() -> Bool {
        let id = UnsafeRawPointer(key + 4)
        var i = 0
        while i + 8 <= idLength {
            if id.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return decodeID() != nil }
            i += 8
        }
        while i < idLength {
            if id.load(fromByteOffset: i, as: UInt8.self) >= 0x80 { return decodeID() != nil }
            i += 1
        }
        return true
    }

    private func decodeID() -> String? {
        decode(UnsafeBufferPointer(start: key + 4, count: idLength))
    }

    private func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        TextDecoder.decode(UnsafeRawBufferPointer(bytes), encoding: encoding)
    }

    // MARK: - First sight of a value

    /// Parses a value of `role` seen for the first time.
    @inline(never)
    private mutating func firstSight(_ role: Role, _ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Int> {
        switch role {
        case .country: return cell(fields.country.parse(bytes, encoding: encoding)) { $0.countryCanon.id($1) }
        case .organisation:
            return cell(fields.organisation.parse(bytes, encoding: encoding)) { _, type in
                SurveyField<String>.organisationTypes.firstIndex(of: type)!
            }
        case .sector: return makeText(bytes, sector: true)
        case .skill: return makeText(bytes, sector: false)
        case .importance: return cell(fields.importance.parse(bytes, encoding: encoding)) { $1 }
        case .proficiency: return cell(fields.proficiency.parse(bytes, encoding: encoding)) { $1 }
        case .hardToFill: return cell(fields.hardToFill.parse(bytes, encoding: encoding)) { _, yes in yes.map { $0 ? 1 : 0 } ?? -1 }
        case .demand: return cell(fields.demand.parse(bytes, encoding: encoding)) { $1 ?? Int.min }
        case .mode:
            return cell(fields.mode.parse(bytes, encoding: encoding)) { _, mode in
                mode.map { LearningMode.allCases.firstIndex(of: $0)! + 1 } ?? 0
            }
        case .groups: return cell(fields.groups.parse(bytes, encoding: encoding)) { _, groups in SurveyAnswer.mask(groups) }
        case .ignored, .respondent: preconditionFailure("\(role) columns are not interned")
        }
    }

    /// Interns a field's verdict: its value through `id`, or its problem.
    private mutating func cell<T>(_ parsed: Result<T, FieldProblem>, _ id: (inout NativeSurveySink, T) -> Int) -> Cell<Int> {
        switch parsed {
        case .success(let value): return .value(id(&self, value))
        case .failure(let problem):
            problems.append((problem.code, problem.message))
            return .invalid(Int32(problems.count - 1))
        }
    }

    private mutating func makeText(_ bytes: UnsafeBufferPointer<UInt8>, sector: Bool) -> Cell<Int> {
        if sector { return cell(fields.sector.parse(bytes, encoding: encoding)) { $0.sectorCanon.id($1) } }
        return cell(fields.skill.parse(bytes, encoding: encoding)) { sink, label in
            let id = sink.skillCanon.id(label)
            if id == sink.skillNorm.count {
                let norm = sink.normCanon.id(sink.skillCell(label))
                if norm == sink.normShared.count { sink.normShared.append(false) } else { sink.normShared[norm] = true }
                sink.skillNorm.append(norm)
            }
            return id
        }
    }

    /// The value of a one-digit cell 1–5, or -1 (then the interned path parses and explains).
    @inline(__always)
    static func digit(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard bytes.count == 1 else { return -1 }
        let d = Int(bytes[0]) - 0x30
        return d >= 1 && d <= 5 ? d : -1
    }

    /// The problem of a parse known to fail.
    private static func problem<T>(_ parsed: Result<T, FieldProblem>) -> FieldProblem {
        guard case .failure(let problem) = parsed else { preconditionFailure("the value is valid") }
        return problem
    }
}
