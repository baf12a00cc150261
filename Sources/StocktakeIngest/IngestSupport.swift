import CHints
import StocktakeModel

/// Interns byte strings: each distinct value is stored once and mapped to a dense index and a payload.
///
/// Open addressing over 32-bit hashes; no allocation on a hit. Memory grows with distinct values, not rows: per
/// entry 12 bytes of bookkeeping (hash, offset, length), the payload, the key bytes and 2–4 slots of 4 bytes.
/// A value type over one pointer, so the hot path has neither reference counting nor exclusivity checks; copies
/// share the storage, and the owner calls `release()` once.
extension UnsafeMutablePointer {
    /// A new allocation of `capacity` elements holding this one's first `count` (moved); this one is freed.
    func reallocated(count: Int, capacity: Int) -> UnsafeMutablePointer {
        let grown = UnsafeMutablePointer.allocate(capacity: capacity)
        grown.moveInitialize(from: self, count: count)
        deallocate()
        return grown
    }
}

struct ByteTable<Payload> {
    private struct Storage {
        var slots: UnsafeMutablePointer<Int32>
        var slotCount: Int
        var hashes: UnsafeMutablePointer<UInt32>
        var starts: UnsafeMutablePointer<UInt32>
        var lengths: UnsafeMutablePointer<UInt32>
        var payloads: UnsafeMutablePointer<Payload>
        var count = 0
        var capacity: Int
        var bytes: UnsafeMutablePointer<UInt8>
        var byteCount = 0
        var byteCapacity: Int
        /// The last key found (consecutive rows often repeat a value: same respondent, same sector).
        var lastIndex = -1
        var lastStart = 0
        var lastLength = -1
    }

    private let s: UnsafeMutablePointer<Storage>

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        let slots = UnsafeMutablePointer<Int32>.allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        let entries = size / 2
        s = .allocate(capacity: 1)
        s.initialize(to: Storage(
            slots: slots, slotCount: size, hashes: .allocate(capacity: entries), starts: .allocate(capacity: entries),
            lengths: .allocate(capacity: entries), payloads: .allocate(capacity: entries), capacity: entries,
            bytes: .allocate(capacity: entries * 16), byteCapacity: entries * 16))
    }

    /// Frees the storage (once, by the owner; no copy may be used afterwards).
    func release() {
        s.pointee.payloads.deinitialize(count: s.pointee.count)
        s.pointee.payloads.deallocate()
        s.pointee.slots.deallocate()
        s.pointee.hashes.deallocate()
        s.pointee.starts.deallocate()
        s.pointee.lengths.deallocate()
        s.pointee.bytes.deallocate()
        s.deinitialize(count: 1)
        s.deallocate()
    }

    var count: Int { s.pointee.count }

    /// Forgets every key, keeping the storage (a table used again need not grow again).
    func removeAll() {
        s.pointee.payloads.deinitialize(count: s.pointee.count)
        s.pointee.slots.update(repeating: -1, count: s.pointee.slotCount)
        s.pointee.count = 0
        s.pointee.byteCount = 0
        s.pointee.lastIndex = -1
        s.pointee.lastStart = 0
        s.pointee.lastLength = -1
    }

    /// The index of `key`, or -1 when it is not stored.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        if key.count == s.pointee.lastLength, ByteTable.equal(s.pointee.bytes + s.pointee.lastStart, key) {
            return s.pointee.lastIndex
        }
        return probe(key, hash: ByteTable.hash(key))
    }

    /// The index of `key` given its hash (any function of the key, the same for every call on this table), or -1.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int {
        if key.count == s.pointee.lastLength, ByteTable.equal(s.pointee.bytes + s.pointee.lastStart, key) {
            return s.pointee.lastIndex
        }
        return probe(key, hash: hash)
    }

    @inline(__always)
    private func probe(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int {
        let mask = s.pointee.slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(s.pointee.slots[slot])
            if entry < 0 { return -1 }
            if s.pointee.hashes[entry] == hash, Int(s.pointee.lengths[entry]) == key.count,
               ByteTable.equal(s.pointee.bytes + Int(s.pointee.starts[entry]), key) {
                s.pointee.lastIndex = entry
                s.pointee.lastStart = Int(s.pointee.starts[entry])
                s.pointee.lastLength = key.count
                return entry
            }
            slot = (slot + 1) & mask
        }
    }

    /// Starts loading the first slot a key with `hash` probes (a large table misses the cache on every new key:
    /// call this well before `find`).
    @inline(__always)
    func prefetch(hash: UInt32) {
        stocktake_prefetch(s.pointee.slots + (Int(truncatingIfNeeded: hash) & (s.pointee.slotCount - 1)))
    }

    /// Stores `key` (which `find` did not find) with `payload`; returns its index.
    func insert(_ key: UnsafeBufferPointer<UInt8>, _ payload: Payload) -> Int {
        insert(key, hash: ByteTable.hash(key), payload)
    }

    /// Stores `key` (which `find(_:hash:)` did not find) under `hash` with `payload`; returns its index.
    func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32, _ payload: Payload) -> Int {
        let mask = s.pointee.slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while s.pointee.slots[slot] >= 0 { slot = (slot + 1) & mask }
        if s.pointee.count == s.pointee.capacity { growEntries() }
        if s.pointee.byteCount + key.count > s.pointee.byteCapacity {
            var capacity = s.pointee.byteCapacity * 2
            while s.pointee.byteCount + key.count > capacity { capacity *= 2 }
            precondition(capacity <= Int(UInt32.max), "more than 4 GiB of distinct values")
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: s.pointee.bytes, count: s.pointee.byteCount)
            s.pointee.bytes.deallocate()
            s.pointee.bytes = grown
            s.pointee.byteCapacity = capacity
        }
        let entry = s.pointee.count
        s.pointee.hashes[entry] = hash
        s.pointee.starts[entry] = UInt32(s.pointee.byteCount)
        s.pointee.lengths[entry] = UInt32(key.count)
        if let base = key.baseAddress, key.count > 0 {
            (s.pointee.bytes + s.pointee.byteCount).update(from: base, count: key.count)
        }
        s.pointee.byteCount += key.count
        (s.pointee.payloads + entry).initialize(to: payload)
        s.pointee.count += 1
        s.pointee.slots[slot] = Int32(entry)
        if s.pointee.count * 2 > s.pointee.slotCount { rehash() }
        s.pointee.lastIndex = entry
        s.pointee.lastStart = Int(s.pointee.starts[entry])
        s.pointee.lastLength = key.count
        return entry
    }

    /// The key of entry `index`: valid until the next `insert` into this table.
    func storedKey(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: s.pointee.bytes + Int(s.pointee.starts[index]), count: Int(s.pointee.lengths[index]))
    }

    /// The hash entry `index` was stored under.
    func storedHash(_ index: Int) -> UInt32 { s.pointee.hashes[index] }

    /// The payload of entry `index`, read and modified in place.
    subscript(index: Int) -> Payload {
        get { s.pointee.payloads[index] }
        nonmutating set { s.pointee.payloads[index] = newValue }
    }

    /// Whether the `key.count` bytes at `stored` equal `key`, eight bytes at a time.
    @inline(__always)
    static func equal(_ stored: UnsafePointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = key.count
        guard n >= 8 else {
            for i in 0..<n where stored[i] != key[i] { return false }
            return true
        }
        let a = UnsafeRawPointer(stored), b = UnsafeRawPointer(key.baseAddress!)
        var i = 0
        while i + 8 < n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        return a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }

    /// A 32-bit hash of every byte of `key`, eight bytes per step (a multiply-fold mix in the style of wyhash; the
    /// last word overlaps the one before when the length is not a multiple of eight).
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let n = key.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        if n >= 8 {
            let p = UnsafeRawPointer(key.baseAddress!)
            var i = 0
            while i + 8 < n {
                h = mix(h, p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            h = mix(h, p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
        } else if n >= 4 {
            let p = UnsafeRawPointer(key.baseAddress!)
            let first = UInt64(p.loadUnaligned(as: UInt32.self)), last = UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            h = mix(h, first << 32 | last)
        } else if n > 0 {
            h = mix(h, UInt64(key[0]) << 16 | UInt64(key[n >> 1]) << 8 | UInt64(key[n - 1]))
        }
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    @inline(__always)
    private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let product = (h ^ word).multipliedFullWidth(by: 0xA076_1D64_78BD_642F)
        return product.high ^ product.low
    }

    // MARK: - Private

    private func growEntries() {
        let capacity = s.pointee.capacity * 2
        let count = s.pointee.count
        s.pointee.hashes = s.pointee.hashes.reallocated(count: count, capacity: capacity)
        s.pointee.starts = s.pointee.starts.reallocated(count: count, capacity: capacity)
        s.pointee.lengths = s.pointee.lengths.reallocated(count: count, capacity: capacity)
        s.pointee.payloads = s.pointee.payloads.reallocated(count: count, capacity: capacity)
        s.pointee.capacity = capacity
    }

    private func rehash() {
        let size = s.pointee.slotCount * 2
        s.pointee.slots.deallocate()
        let slots = UnsafeMutablePointer<Int32>.allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        let mask = size - 1
        for entry in 0..<s.pointee.count {
            var slot = Int(truncatingIfNeeded: s.pointee.hashes[entry]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry)
        }
        s.pointee.slots = slots
        s.pointee.slotCount = size
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses numbers as statistics offices write them.
struct NumberParser: Sendable {
    var decimal: UInt8
    var thousands: [Character]

    init(dialect: InputDialect) {
        decimal = dialect.decimalByte
        var t: [Character] = [" ", "\u{00A0}", "\u{202F}", "\u{2009}"]
        if let sep = dialect.thousands, let c = sep.first, sep.count == 1, !t.contains(c) { t.append(c) }
        if dialect.thousands == "space" || dialect.thousands == "nbsp" { t.append(" ") }
        thousands = t
    }

    /// The value of `text`, or nil when it is not a number (`1 234,5`, `1.234,5`, `-0.3`, `1e3`).
    func double(_ text: Substring) -> Double? {
        var ascii: [UInt8] = []
        ascii.reserveCapacity(text.utf8.count)
        var sawDigit = false
        for ch in text {
            if thousands.contains(ch) {
                // A separator only between digits.
                if !sawDigit { if ch == " " || ch == "\u{00A0}" { continue } else { return nil } }
                continue
            }
            guard let a = ch.asciiValue else { return nil }
            if a == decimal {
                ascii.append(UInt8(ascii: "."))
            } else if a >= 0x30 && a <= 0x39 {
                sawDigit = true
                ascii.append(a)
            } else if a == UInt8(ascii: "-") || a == UInt8(ascii: "+") || a == UInt8(ascii: "e") || a == UInt8(ascii: "E") {
                ascii.append(a)
            } else {
                return nil
            }
        }
        guard sawDigit else { return nil }
        let value = Double(String(decoding: ascii, as: UTF8.self))
        guard let value, value.isFinite else { return nil }
        return value
    }
}

/// Header names folded for matching: lower case, trimmed, `-` and spaces as `_`.
enum HeaderName {
    static func fold(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case " ", "-", "\t", "\u{00A0}": out.unicodeScalars.append("_")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out.lowercased().trimmingUnderscores()
    }
}

extension String {
    func trimmingUnderscores() -> String {
        var s = Substring(self)
        while s.first == "_" { s = s.dropFirst() }
        while s.last == "_" { s = s.dropLast() }
        return String(s)
    }

    /// Trimmed of spaces, tabs and NBSP.
    var trimmedCell: Substring { Substring(self).trimmedCellSub }
}

extension Substring {
    /// Trimmed of spaces, tabs and NBSP.
    var trimmedCell: Substring { trimmedCellSub }

    var trimmedCellSub: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\u{00A0}" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\u{00A0}" { s = s.dropLast() }
        return s
    }
}

/// Why an accepted row gives no record. The raw value is what reports, JSON (`skipped_by_reason`) and the store
/// (`input_file.skipped_json`) show.
public enum SkipReason: String, Sendable, CaseIterable, Codable {
    /// A labour value that is a missing token (`:`, `..`, empty, `dialect.missing`).
    case missingValue = "missing-value"
    /// A row of another country than the input's.
    case otherCountry = "other-country"
    /// An aggregate of countries (EU27_2020, EA20, ILOSTAT X01, WORLD, ...).
    case aggregateArea = "aggregate-area"
    /// A sex breakdown other than the total.
    case breakdown
    /// A known labour series the pressure index does not use.
    case unusedIndicator = "unused-indicator"
    /// A wide-export response that answered no skill block.
    case noAnswers = "no-answers"
    /// A wide-export response whose `require_column` is empty.
    case incompleteResponse = "incomplete-response"
    /// An ILOSTAT row of activity "not classified" (`ECO_ISIC4_X`, `ECO_SECTOR_X`).
    case unclassifiedActivity = "unclassified-activity"
    /// An ILOSTAT row by a classification the pipeline does not map (ISIC Rev. 2/3, `ECO2_*`).
    case unsupportedClassification = "unsupported-classification"
    /// An ILOSTAT row with no breakdown by economic activity (by institutional sector, age, ...).
    case noEconomicActivity = "no-economic-activity"
    /// A Eurostat NACE aggregate the normalize stage does not map (`B-S_X_O`, `L68A`).
    case unsupportedAggregate = "unsupported-aggregate"
}

/// Counts rows and forwards records and rejects, keeping `rowsRead == rowsAccepted + rowsRejected`.
struct RowTally {
    var report: IngestReport

    mutating func accept(records: Int = 1) {
        report.rowsRead += 1
        report.rowsAccepted += 1
        report.recordsEmitted += records
    }

    mutating func skip(_ reason: SkipReason, rows: Int = 1) {
        report.rowsRead += rows
        report.rowsAccepted += rows
        report.skippedByReason[reason.rawValue, default: 0] += rows
    }

    /// A skip by its reason's raw value (the labour readers' path); a string that is no `SkipReason` is a
    /// programming error (asserted in debug builds, counted under that string in release builds).
    mutating func skip(_ reason: String, rows: Int = 1) {
        if let known = SkipReason(rawValue: reason) { return skip(known, rows: rows) }
        assertionFailure("unknown skip reason `\(reason)`: add it to SkipReason")
        report.rowsRead += rows
        report.rowsAccepted += rows
        report.skippedByReason[reason, default: 0] += rows
    }

    mutating func reject(_ reject: Reject, _ onReject: (Reject) throws -> Void) rethrows {
        count(reject)
        try onReject(reject)
    }

    /// Counts a rejected row whose reject the caller delivers itself.
    mutating func count(_ reject: Reject) {
        report.rowsRead += 1
        report.rowsRejected += 1
        report.rejectsByCode[reject.code.rawValue, default: 0] += 1
    }
}
