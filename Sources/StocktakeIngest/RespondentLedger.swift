import CHints
import StocktakeModel

/// Respondent × skill uniqueness, and whether a row is its respondent's first in a sector, in bounded memory.
///
/// Uniqueness holds across a whole file, but a survey export lists a respondent's rows together or close together.
/// The ledger keeps the most recent respondents in memory, in two generations of at most `window` respondents:
/// a respondent found in the older generation moves to the newer one; when the newer one is full, the older one is
/// written to a spill file (`SpillFile`, anonymous) and each of its keys is added to a fixed-size Bloom filter. A
/// row whose respondent is in neither generation but may have been spilled (the filter says so) is *deferred*:
/// written with its values to a second spill file and settled by `settleDeferred` after the last row, against the
/// spilled states. Memory is two generations plus the filter (≈ 12 MB with the defaults) however many respondents
/// the file holds; a file whose respondents' rows are within `window` respondents of each other defers nothing.
///
/// Exact, not probabilistic: the filter only decides whether to look in the spill file. A false positive defers a
/// new respondent's rows (all of them: the filter answers the same for the same key), and settling finds no
/// spilled state for it and starts it afresh. A spilled key never returns to memory, so the deferred respondents
/// and those in memory are disjoint.
///
/// `Row` is the caller's row value, carried through the deferred file as raw bytes (same process, same layout).
struct RespondentLedger<Row: BitwiseCopyable> {
    /// What a row's answer is, given its respondent's earlier rows.
    enum Verdict: Equatable {
        /// The respondent already rated this skill.
        case duplicate
        /// Accepted; `newInSector` when it is the respondent's first row for this sector.
        case accepted(newInSector: Bool)
    }

    /// Per respondent, 20 bytes: the skills rated so far (a bit per skill id below 64), the first sector (-1 when
    /// none), the head of a chain of further skills and sectors in the generation's `extras` (-1 when none;
    /// `moved` once the respondent moved to the newer generation), and the head of the chain of the respondent's
    /// answers in `answers` (-1 when none).
    struct State {
        var skillsLow: UInt32 = 0
        var skillsHigh: UInt32 = 0
        var sector: Int32 = -1
        var extra: Int32 = -1
        var answers: Int32 = -1

        static var moved: Int32 { Int32.min }

        var skills: UInt64 {
            get { UInt64(skillsHigh) << 32 | UInt64(skillsLow) }
            set {
                skillsLow = UInt32(truncatingIfNeeded: newValue)
                skillsHigh = UInt32(truncatingIfNeeded: newValue >> 32)
            }
        }
    }

    /// One generation of respondents: their states, and the rare skills ≥ 64 and second sectors as chains.
    struct Generation {
        /// A chain link: a skill id (≥ 64), or `~sector` (negative) for a sector after the first.
        struct Extra {
            var value: Int32
            var next: Int32
        }

        let table: ByteTable<State>
        var extras: [Extra] = []
        /// A link of a respondent's answer chain: the answer word (see `RespondentLedger.word`) and the next link.
        /// 12 bytes (the word as two halves, so that the link is 4-byte aligned).
        struct AnswerLink {
            private var low: UInt32
            private var high: UInt32
            var next: Int32

            init(word: UInt64, next: Int32) {
                low = UInt32(truncatingIfNeeded: word)
                high = UInt32(truncatingIfNeeded: word >> 32)
                self.next = next
            }

            var word: UInt64 { UInt64(high) << 32 | UInt64(low) }
        }

        /// Every accepted answer of the generation's respondents, chained per respondent: so that a later answer in
        /// the same normalized cell can be combined with the earlier ones. (One array of links, not two arrays:
        /// one append per row.)
        var answers: [AnswerLink] = []

        init(capacity: Int) { table = ByteTable(capacity: capacity) }

        func contains(_ head: Int32, _ value: Int32) -> Bool {
            var link = head
            while link >= 0 {
                if extras[Int(link)].value == value { return true }
                link = extras[Int(link)].next
            }
            return false
        }

        /// The chain's values, first pushed last.
        func values(_ head: Int32) -> [Int32] {
            var out: [Int32] = []
            var link = head
            while link >= 0 {
                out.append(extras[Int(link)].value)
                link = extras[Int(link)].next
            }
            return out
        }

        /// Pushes `value` onto the chain `head`; returns the new head.
        mutating func push(_ value: Int32, _ head: Int32) -> Int32 {
            extras.append(Extra(value: value, next: head))
            return Int32(extras.count - 1)
        }

        /// Rebuilds a chain from `values()` order.
        mutating func chain(_ values: [Int32]) -> Int32 {
            var head: Int32 = -1
            for value in values.reversed() { head = push(value, head) }
            return head
        }

        /// The answer chain's words, first pushed last.
        func answerValues(_ head: Int32) -> [UInt64] {
            var out: [UInt64] = []
            var link = head
            while link >= 0 {
                out.append(answers[Int(link)].word)
                link = answers[Int(link)].next
            }
            return out
        }

        /// Rebuilds an answer chain from `answerValues()` order.
        mutating func answerChain(_ values: [UInt64]) -> Int32 {
            var head: Int32 = -1
            for value in values.reversed() {
                answers.append(AnswerLink(word: value, next: head))
                head = Int32(answers.count - 1)
            }
            return head
        }

        /// Records the row's skill, sector and answer `word` for respondent `r`. When `shared` (the answer's
        /// normalized skill has more than one label), `previous` receives the respondent's earlier answers with the
        /// same normalized skill and sector.
        mutating func answer(_ r: Int, skill: Int, sector: Int32, word: UInt64, shared: Bool,
                             previous: inout RespondentAnswers) -> Verdict {
            var state = table[r]
            if skill < 64 {
                let bit = UInt64(1) << UInt64(skill)
                if state.skills & bit != 0 { return .duplicate }
                state.skills |= bit
            } else {
                if contains(state.extra, Int32(skill)) { return .duplicate }
                state.extra = push(Int32(skill), state.extra)
            }
            let newInSector: Bool
            if state.sector == sector {
                newInSector = false
            } else if state.sector < 0 {
                state.sector = sector
                newInSector = true
            } else if contains(state.extra, ~sector) {
                newInSector = false
            } else {
                state.extra = push(~sector, state.extra)
                newInSector = true
            }
            if shared {
                let cell = word >> 21
                var link = state.answers
                while link >= 0 {
                    let earlier = answers[Int(link)].word
                    if earlier >> 21 == cell { previous.add(packed: UInt32(truncatingIfNeeded: earlier) & 0x1F_FFFF) }
                    link = answers[Int(link)].next
                }
            }
            answers.append(AnswerLink(word: word, next: state.answers))
            state.answers = Int32(answers.count - 1)
            table[r] = state
            return .accepted(newInSector: newInSector)
        }

        func release() { table.release() }

        /// Forgets every respondent, keeping the storage for the next generation.
        mutating func removeAll() {
            table.removeAll()
            extras.removeAll(keepingCapacity: true)
            answers.removeAll(keepingCapacity: true)
        }
    }

    /// Respondents per generation by default: 2 × 32 768 × (≈ 50 bytes + 12 bytes per answer) in memory.
    static var defaultWindow: Int { 1 << 15 }

    /// An answer as the ledger keeps it: normalized skill id (22 bits), sector id (21 bits), packed answer
    /// (`RespondentAnswers.pack`, 21 bits). Two answers are in the same cell when their words agree above bit 21.
    @inline(__always)
    static func word(norm: Int, sector: Int, answer: UInt32) -> UInt64 {
        UInt64(truncatingIfNeeded: norm) << 42 | UInt64(truncatingIfNeeded: sector) << 21 | UInt64(answer & 0x1F_FFFF)
    }
    /// Bloom filter words by default (4 MiB; about 1 % false positives at 3 million spilled respondents, far fewer
    /// below; a false positive costs a deferred row, never a wrong verdict).
    static var defaultBloomWords: Int { 1 << 19 }

    let window: Int
    private(set) var current: Generation
    private(set) var previous: Generation?
    /// Blocked Bloom filter over spilled keys: blocks of 8 words, 4 bits per key in one block. Allocated (zeroed)
    /// at the first spill.
    private var bloom: UnsafeMutablePointer<UInt64>?
    private let bloomBlocks: Int
    private let spillDirectory: String
    private var spilled: SpillFile?
    private var deferred: SpillFile?
    private(set) var spilledCount = 0
    private(set) var deferredCount = 0
    /// The first spill-file error; the reader checks it after every chunk (the callbacks cannot throw).
    private(set) var failure: StocktakeError?

    /// - Parameters:
    ///   - window: respondents per generation (at least 1).
    ///   - bloomWords: filter size in 64-bit words, a power of two from 8 to 2^19.
    ///   - spillDirectory: where the anonymous spill files go.
    init(window: Int = Self.defaultWindow, bloomWords: Int = Self.defaultBloomWords, spillDirectory: String) {
        precondition(window >= 1 && bloomWords >= 8 && bloomWords <= 1 << 19 && bloomWords & (bloomWords - 1) == 0)
        self.window = window
        bloomBlocks = bloomWords / 8
        self.spillDirectory = spillDirectory
        current = Generation(capacity: min(window, 4096))
    }

    /// Frees the tables and the filter (once, by the owner); the spill files close when the last copy goes away.
    func release() {
        current.release()
        previous?.release()
        bloom?.deallocate()
    }

    /// Respondents held in memory.
    var resident: Int { current.table.count + (previous?.table.count ?? 0) }

    /// Starts loading what a key with `hash` touches: its slots in both generations and its filter block.
    @inline(__always)
    func prefetch(hash: UInt32) {
        current.table.prefetch(hash: hash)
        guard let previous else { return }
        previous.table.prefetch(hash: hash)
        if let bloom { stocktake_prefetch(bloomBlock(bloom, hash)) }
    }

    /// The respondent `key` in the current generation (moved there from the previous one if need be), or -1 when
    /// it is in neither.
    @inline(__always)
    mutating func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int {
        let r = current.table.find(key, hash: hash)
        if r >= 0 || previous == nil { return r }
        return moveFromPrevious(key, hash: hash)
    }

    /// Whether `key`, in neither generation, may have been spilled: then its rows must be deferred.
    @inline(__always)
    func mayHaveSpilled(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Bool {
        guard let bloom else { return false }
        let block = bloomBlock(bloom, hash)
        var h = bloomBits(key, hash)
        for _ in 0..<4 {
            let bit = Int(truncatingIfNeeded: h) & 511
            if block[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
            h >>= 9
        }
        return true
    }

    /// Adds a new respondent (found by neither `find` nor `mayHaveSpilled`); returns its index.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int {
        rotateIfFull()
        return current.table.insert(key, hash: hash, State())
    }

    /// Records the row's skill, sector and answer for respondent `r` (an index from `find` or `insert`); see
    /// `Generation.answer` for `shared` and `previous`.
    @inline(__always)
    mutating func answer(_ r: Int, skill: Int, sector: Int, word: UInt64, shared: Bool,
                         previous: inout RespondentAnswers) -> Verdict {
        current.answer(r, skill: skill, sector: Int32(truncatingIfNeeded: sector), word: word, shared: shared,
                       previous: &previous)
    }

    /// Keeps a row of a respondent that may have been spilled, to be settled by `settleDeferred`.
    mutating func deferRow(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32, line: Int, skill: Int, sector: Int,
                           word: UInt64, row: Row) {
        if deferred == nil { deferred = open() }
        guard let deferred else { return }
        deferred.begin(hash: hash, key: key, tailLength: Self.deferredTail)
        deferred.append(Int64(line))
        deferred.append(Int32(truncatingIfNeeded: skill))
        deferred.append(Int32(truncatingIfNeeded: sector))
        deferred.append(word)
        deferred.append(row)
        deferredCount += 1
        if failure == nil { failure = deferred.failure }
    }

    /// Settles the deferred rows against the spilled states, calling `body` with each row's key, line, row,
    /// verdict and the respondent's earlier answers in the same normalized cell (`isShared` tells which normalized
    /// skills have more than one label); a respondent's rows come in file order.
    ///
    /// With more deferred rows than `window`, both files are first split by hash into up to 64 partitions (one
    /// read of each), and each partition is settled on its own, so memory stays near one generation (grace hash
    /// partitioning); with fewer, the two files are settled directly.
    /// - Throws: `StocktakeError.cantCreate` when a spill file cannot be written or read back.
    mutating func settleDeferred(isShared: (Int) -> Bool,
                                 _ body: (UnsafeBufferPointer<UInt8>, Int, Row, Verdict, RespondentAnswers) throws -> Void) throws {
        if let failure { throw failure }
        guard deferredCount > 0, deferred != nil else { return }
        // Every row has been read, and the deferred respondents are none of those in memory: the generations and
        // the filter are done with, and settling's partitions get their memory.
        current.release()
        current = Generation(capacity: 16)
        previous?.release()
        previous = nil
        bloom?.deallocate()
        bloom = nil
        let parts = min(64, (deferredCount + window - 1) / window)
        guard parts > 1 else {
            return try Self.settle(deferred: deferred!, spilled: spilled, capacity: deferredCount, isShared: isShared, body)
        }
        let directory = spillDirectory
        func split(_ file: SpillFile?) throws -> [SpillFile?] {
            guard let file else { return Array(repeating: nil, count: parts) }
            let pieces = try (0..<parts).map { _ in try SpillFile(directory: directory, bufferSize: 1 << 16) }
            try file.read { reader in
                while let record = try reader.next() { pieces[Int(record.hash % UInt32(parts))].append(record) }
            }
            return pieces
        }
        // Each whole file is closed (and its disk space freed) once split.
        var deferredParts = try split(deferred)
        deferred = nil
        var spilledParts = try split(spilled)
        spilled = nil
        for part in 0..<parts {
            try Self.settle(deferred: deferredParts[part]!, spilled: spilledParts[part],
                            capacity: min(window, deferredCount), isShared: isShared, body)
            deferredParts[part] = nil
            spilledParts[part] = nil
        }
    }

    /// Settles the rows of `deferred` against the states in `spilled` (three sequential reads).
    private static func settle(deferred: SpillFile, spilled: SpillFile?, capacity: Int, isShared: (Int) -> Bool,
                               _ body: (UnsafeBufferPointer<UInt8>, Int, Row, Verdict, RespondentAnswers) throws -> Void) throws {
        var generation = Generation(capacity: capacity)
        defer { generation.release() }
        // The deferred respondents, with empty states...
        try deferred.read { reader in
            while let record = try reader.next() {
                if generation.table.find(record.key, hash: record.hash) < 0 {
                    _ = generation.table.insert(record.key, hash: record.hash, State())
                }
            }
        }
        // ...then the spilled states of those that have one...
        try spilled?.read { reader in
            while let record = try reader.next() {
                let r = generation.table.find(record.key, hash: record.hash)
                if r < 0 { continue }
                var state: State = record.load(0)
                let count = Int(record.load(MemoryLayout<State>.size, as: UInt32.self))
                state.extra = generation.chain((0..<count).map { record.load(MemoryLayout<State>.size + 4 + 4 * $0) })
                let answersAt = MemoryLayout<State>.size + 4 + 4 * count
                let answers = Int(record.load(answersAt, as: UInt32.self))
                state.answers = generation.answerChain((0..<answers).map { record.load(answersAt + 4 + 8 * $0) })
                generation.table[r] = state
            }
        }
        // ...and the rows, in file order.
        try deferred.read { reader in
            while let record = try reader.next() {
                let word: UInt64 = record.load(16)
                var previous = RespondentAnswers()
                let verdict = generation.answer(generation.table.find(record.key, hash: record.hash),
                                                skill: Int(record.load(8, as: Int32.self)), sector: record.load(12),
                                                word: word, shared: isShared(Int(word >> 42)), previous: &previous)
                try body(record.key, Int(record.load(0, as: Int64.self)), record.load(24), verdict, previous)
            }
        }
    }

    /// A deferred row's tail: line, skill, sector, answer word, then the row.
    private static var deferredTail: Int { 24 + MemoryLayout<Row>.size }

    // MARK: - Private

    private mutating func moveFromPrevious(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int {
        guard let older = previous else { return -1 }
        let p = older.table.find(key, hash: hash)
        if p < 0 { return -1 }
        var state = older.table[p]
        let values = state.extra >= 0 ? older.values(state.extra) : []
        let answers = older.answerValues(state.answers)
        older.table[p].extra = State.moved
        rotateIfFull()
        state.extra = current.chain(values)
        state.answers = current.answerChain(answers)
        return current.table.insert(key, hash: hash, state)
    }

    /// When the current generation is full: spills the previous one, and the current one becomes the previous.
    private mutating func rotateIfFull() {
        guard current.table.count >= window else { return }
        var next: Generation
        if var older = previous {
            previous = nil
            spill(older)
            // Its storage becomes the new generation's: no allocation and no fresh pages per window.
            older.removeAll()
            next = older
        } else {
            next = Generation(capacity: window)
        }
        previous = current
        current = next
    }

    private mutating func spill(_ generation: Generation) {
        if spilled == nil {
            spilled = open()
            bloom = .allocate(capacity: bloomBlocks * 8)
            bloom!.initialize(repeating: 0, count: bloomBlocks * 8)
        }
        guard let spilled, let bloom else { return }
        for entry in 0..<generation.table.count {
            var state = generation.table[entry]
            if state.extra == State.moved { continue }
            let key = generation.table.storedKey(entry)
            let hash = generation.table.storedHash(entry)
            let values = state.extra >= 0 ? generation.values(state.extra) : []
            // The answer chain is walked twice (its length first) rather than copied into an array: most spilled
            // respondents never return, and an allocation per respondent showed in the profile.
            let answersHead = state.answers
            var answerCount = 0
            var link = answersHead
            while link >= 0 {
                answerCount += 1
                link = generation.answers[Int(link)].next
            }
            state.extra = -1
            state.answers = -1
            spilled.begin(hash: hash, key: key,
                          tailLength: MemoryLayout<State>.size + 4 + 4 * values.count + 4 + 8 * answerCount)
            spilled.append(state)
            spilled.append(UInt32(values.count))
            for value in values { spilled.append(value) }
            spilled.append(UInt32(answerCount))
            link = answersHead
            while link >= 0 {
                spilled.append(generation.answers[Int(link)].word)
                link = generation.answers[Int(link)].next
            }
            if entry + 8 < generation.table.count { stocktake_prefetch(bloomBlock(bloom, generation.table.storedHash(entry + 8))) }
            let block = bloomBlock(bloom, hash)
            var h = bloomBits(key, hash)
            for _ in 0..<4 {
                let bit = Int(truncatingIfNeeded: h) & 511
                block[bit >> 6] |= 1 << UInt64(bit & 63)
                h >>= 9
            }
            spilledCount += 1
        }
        if failure == nil { failure = spilled.failure }
    }

    private mutating func open() -> SpillFile? {
        do {
            return try SpillFile(directory: spillDirectory)
        } catch {
            if failure == nil { failure = error }
            return nil
        }
    }

    /// The filter block of a key: chosen by the caller's hash alone, so it can be prefetched before the key is
    /// complete (the respondent id is read before the country is known).
    @inline(__always)
    private func bloomBlock(_ bloom: UnsafeMutablePointer<UInt64>, _ hash: UInt32) -> UnsafeMutablePointer<UInt64> {
        bloom + (Int(truncatingIfNeeded: (UInt64(hash) &* 0x9E37_79B9_7F4A_7C15) >> 32) & (bloomBlocks - 1)) * 8
    }

    /// Bits for the 4 positions in the block: this table's hash of the whole key mixed with the caller's hash.
    @inline(__always)
    private func bloomBits(_ key: UnsafeBufferPointer<UInt8>, _ hash: UInt32) -> UInt64 {
        var h = (UInt64(hash) << 32 | UInt64(ByteTable<State>.hash(key))) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        return h
    }
}
