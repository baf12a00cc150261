import StocktakeModel

/// The `stocktake-survey` hot path, run inside libcsv's callbacks: each field is validated as libcsv delivers it
/// (no copy of the row, no second scan), each distinct categorical value is parsed once and interned, and a row is
/// committed (uniqueness, aggregate) when libcsv ends it.
///
/// Every interned payload is a plain value (`Cell<Int>` and the like: an integer id, or the index of a cached
/// problem), and every table is a value type over a pointer, so the per-field path has no allocation, no
/// reference counting and no exclusivity checks. Texts (sector, skill, country, respondent id) are decoded and
/// validated once per distinct byte string, when first seen.
///
/// One reject per row: the first of unclosed quote, stray quote, blank row, cell count, then the first invalid value
/// in column order, then the respondent id's encoding and respondent × skill uniqueness.
struct NativeSurveySink: CSVFieldSink {
    /// What a column holds.
    enum Role: UInt8, CaseIterable {
        case ignored, country, respondent, organisation, sector, skill, importance, proficiency, hardToFill, demand, mode, groups
    }

    /// A cell parsed once: its value, or why it is invalid (index into `problems`).
    enum Cell<T> {
        case value(T)
        case invalid(Int32)
    }

    /// Distinct texts (after decoding and trimming) numbered densely, so aggregation keys are integers.
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

    /// The values of the row in progress.
    struct Row {
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
        /// Whether the row's respondent answered for this sector for the first time.
        var newRespondentInSector = false

        /// The answer in `RespondentAnswers.pack` form.
        @inline(__always)
        var packedAnswer: UInt32 {
            RespondentAnswers.pack(importance: importance, proficiency: proficiency, hardToFill: Int(hardToFill),
                                   demand: demand == Int.min ? nil : demand, mode: mode, groups: groups)
        }
    }

    /// Organisation types in a fixed order (`Row.organisation` indexes it).
    static let organisationTypes = ["employer", "vet-provider", "public-employment-service", "chamber", "ngo", "other"]

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
        var word: UInt64 = 0
        var filled = false
        var value = 0
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
    /// Cached problems (code, message), indexed by `Cell.invalid`.
    var problems: [(ErrorCode, String)] = []
    /// Canonical country id when the file has no country column.
    var fixedCountry = 0

    // Results.
    var tally: RowTally
    var cells = NativeCellTable()
    /// Accepted rows as records (record path only) and rejects, since the last chunk was delivered.
    var records: [SurveyRecord] = []
    var rejects: [Reject] = []
    /// libcsv records (header included) since the last chunk was delivered.
    var recordsSinceFlush = 0

    init(input: PreparedInput, roles: [Role], respondentColumn: Int, skillColumn: Int, collectRecords: Bool,
         ledger: RespondentLedger<Row>, skillCell: @escaping Ingestor.SkillCell) {
        self.input = input
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
        problems = [
            (.requiredValue, "respondent_id is empty: every row needs the respondent's id"),
            (.encodingError, "respondent_id has bytes that are not valid \(encoding.rawValue)"),
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
        cells.release()
        roles.deallocate()
        key.deallocate()
    }

    // MARK: - libcsv callbacks

    static let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
        data, length, context in
        let c = context!.assumingMemoryBound(to: CSVParseContext<NativeSurveySink>.self)
        let n = data == nil ? 0 : length
        let index = c.pointee.lines.field(data, n)
        c.pointee.sink.field(UnsafeBufferPointer(start: data?.assumingMemoryBound(to: UInt8.self), count: n), index)
    }

    static let rowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
        let c = context!.assumingMemoryBound(to: CSVParseContext<NativeSurveySink>.self)
        guard let end = c.pointee.lines.endRow(terminator) else { return }
        c.pointee.sink.endRecord(end)
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
        case .skill: row.skill = v
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
            if entry.pointee.filled, entry.pointee.word == word { return entry.pointee.value }
            guard let v = lookUp(role, bytes, column) else { return nil }
            entry.pointee = Small(word: word, filled: true, value: v)
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
        row.newRespondentInSector = newInSector
        tally.accept()
        if collectRecords {
            records.append(makeRecord(line))
        } else if previous.count == 0 {
            cells.add(row)
        } else {
            cells.combine(row, previous: previous)
        }
    }

    /// Settles the rows the ledger deferred (after the last chunk), then orders this batch of records and rejects
    /// by line.
    /// - Throws: `StocktakeError.cantCreate` when a spill file could not be written or read.
    mutating func settleDeferred() throws {
        var ledger = self.ledger
        let shared = normShared
        try ledger.settleDeferred(isShared: { shared[$0] }) { respondentKey, line, deferredRow, verdict, previous in
            if respondentKey.count > keyCapacity { growKey(to: respondentKey.count) }
            key.update(from: respondentKey.baseAddress!, count: respondentKey.count)
            idLength = respondentKey.count - 4
            previousIDLength = -1
            row = deferredRow
            settle(line, verdict, previous)
        }
        self.ledger = ledger
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
        case .country: return makeCountry(bytes)
        case .organisation: return makeOrganisation(bytes)
        case .sector: return makeText(bytes, "sector", sector: true)
        case .skill: return makeText(bytes, "skill", sector: false)
        case .importance: return makeScale(bytes, "importance")
        case .proficiency: return makeScale(bytes, "proficiency")
        case .hardToFill: return makeHardToFill(bytes)
        case .demand: return makeDemand(bytes)
        case .mode: return makeMode(bytes)
        case .groups: return makeGroups(bytes)
        case .ignored, .respondent: preconditionFailure("\(role) columns are not interned")
        }
    }

    private mutating func problem<T>(_ code: ErrorCode, _ message: String) -> Cell<T> {
        problems.append((code, message))
        return .invalid(Int32(problems.count - 1))
    }

    private mutating func makeCountry(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Int> {
        guard let text = decode(bytes) else { return problem(.encodingError, "country has bytes that are not valid \(encoding.rawValue)") }
        if text.trimmedCell.isEmpty {
            if let country = input.country { return .value(countryCanon.id(country)) }
            return problem(.requiredValue, "country is empty: give the ISO code (DE, UA, ...)")
        }
        guard let code = Countries.resolve(text) else {
            return problem(.unknownCountry, "country `\(text.prefix(40))` is not an ISO 3166 code or a known country name")
        }
        if let expected = input.country, expected != code {
            return problem(.constraintError, "country \(code) differs from the input's country \(expected): move the row to that country's file")
        }
        return .value(countryCanon.id(code))
    }

    private mutating func makeOrganisation(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Int> {
        guard let text = decode(bytes) else { return problem(.encodingError, "organisation_type has bytes that are not valid \(encoding.rawValue)") }
        let folded = text.trimmedCell.lowercased()
        if folded.isEmpty { return problem(.requiredValue, "organisation_type is empty") }
        guard let index = NativeSurveySink.organisationTypes.firstIndex(of: folded) else {
            return problem(.constraintError, "organisation_type must be one of employer, vet-provider, public-employment-service, chamber, ngo, other")
        }
        return .value(index)
    }

    private mutating func makeText(_ bytes: UnsafeBufferPointer<UInt8>, _ name: String, sector: Bool) -> Cell<Int> {
        guard let text = decode(bytes) else { return problem(.encodingError, "\(name) has bytes that are not valid \(encoding.rawValue)") }
        let trimmed = text.trimmedCell
        if trimmed.isEmpty { return problem(.requiredValue, "\(name) is empty") }
        if sector { return .value(sectorCanon.id(String(trimmed))) }
        let id = skillCanon.id(String(trimmed))
        if id == skillNorm.count {
            let norm = normCanon.id(skillCell(String(trimmed)))
            if norm == normShared.count { normShared.append(false) } else { normShared[norm] = true }
            skillNorm.append(norm)
        }
        return .value(id)
    }

    private mutating func makeScale(_ bytes: UnsafeBufferPointer<UInt8>, _ name: String) -> Cell<Int> {
        guard let parsed = NativeSurveySink.integer(bytes) else {
            if bytes.isEmpty { return problem(.requiredValue, "\(name) is empty: give an integer 1–5") }
            return problem(.typeError, "\(name) is not an integer: give 1, 2, 3, 4 or 5")
        }
        guard (1...5).contains(parsed) else { return problem(.constraintError, "\(name) is out of range: give 1, 2, 3, 4 or 5") }
        return .value(parsed)
    }

    private mutating func makeHardToFill(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Int> {
        let text = String(decoding: bytes, as: UTF8.self).trimmedCell.lowercased()
        switch text {
        case "": return .value(-1)
        case "yes", "y", "true", "1": return .value(1)
        case "no", "n", "false", "0": return .value(0)
        default: return problem(.typeError, "hard_to_fill must be yes, no or empty")
        }
    }

    private mutating func makeDemand(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Int> {
        if bytes.isEmpty { return .value(Int.min) }
        guard let parsed = NativeSurveySink.integer(bytes) else {
            return problem(.typeError, "demand_change is not an integer: give -2, -1, 0, +1, +2 or leave it empty")
        }
        guard (-2...2).contains(parsed) else { return problem(.constraintError, "demand_change is out of range: give -2 … +2") }
        return .value(parsed)
    }

    private mutating func makeMode(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Int> {
        let text = String(decoding: bytes, as: UTF8.self).trimmedCell.lowercased()
        if text.isEmpty { return .value(0) }
        guard let mode = LearningMode(rawValue: text == "onsite" || text == "on site" ? "on-site" : text) else {
            return problem(.constraintError, "learning_mode must be online, blended, on-site or empty")
        }
        return .value(LearningMode.allCases.firstIndex(of: mode)! + 1)
    }

    private mutating func makeGroups(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Int> {
        let text = String(decoding: bytes, as: UTF8.self)
        var mask = 0
        for part in text.split(separator: "|") {
            let name = part.trimmedCell.lowercased()
            if name.isEmpty { continue }
            guard let group = TargetGroup(rawValue: name) else {
                return problem(.constraintError, "target_groups has an unknown group: use unemployed|low-skilled|displaced-returnees|refugees|rural|adults|youth")
            }
            mask |= 1 << TargetGroup.allCases.firstIndex(of: group)!
        }
        return .value(mask)
    }

    /// The value of a one-digit cell 1–5, or -1 (then the interned path parses and explains).
    @inline(__always)
    static func digit(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard bytes.count == 1 else { return -1 }
        let d = Int(bytes[0]) - 0x30
        return d >= 1 && d <= 5 ? d : -1
    }

    /// An optionally signed decimal integer (no spaces, at most 9 digits), or nil.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == 0xE2 {
            // U+2212 MINUS SIGN is E2 88 92 in UTF-8.
            if first == 0xE2 {
                guard bytes.count > 3, bytes[1] == 0x88, bytes[2] == 0x92 else { return nil }
                negative = true
                i = 3
            } else {
                negative = first == UInt8(ascii: "-")
                i = 1
            }
        }
        guard i < bytes.count, bytes.count - i <= 9 else { return nil }
        var value = 0
        while i < bytes.count {
            let d = Int(bytes[i]) - 0x30
            guard d >= 0 && d <= 9 else { return nil }
            value = value * 10 + d
            i += 1
        }
        return negative ? -value : value
    }
}
