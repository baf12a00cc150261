/// Interns byte strings: each distinct value is stored once and mapped to a small integer and a cached payload.
///
/// Open addressing over FNV-1a hashes; no allocation on a hit. Memory grows with distinct values, not rows: per
/// entry 12 bytes of bookkeeping (32-bit hash, offset, length), the payload, the key bytes and 2–4 slots of 4 bytes
/// (large respondent tables are the bulk of the native reader's memory).
/// Storage lives behind one `let` pointer so the hot path has no dynamic exclusivity checks.
final class ByteInterner<Payload> {
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
        /// The last key looked up (consecutive rows often repeat a value: same respondent, same sector).
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

    deinit {
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

    /// The index of `key`, inserting it with `make()` on first sight.
    @inline(__always)
    func index(of key: UnsafeBufferPointer<UInt8>, make: () -> Payload) -> Int {
        if key.count == s.pointee.lastLength, ByteInterner.equal(s.pointee.bytes + s.pointee.lastStart, key) {
            return s.pointee.lastIndex
        }
        let hash = ByteInterner.hash(key)
        let mask = s.pointee.slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(s.pointee.slots[slot])
            if entry < 0 { break }
            if s.pointee.hashes[entry] == hash, Int(s.pointee.lengths[entry]) == key.count,
               ByteInterner.equal(s.pointee.bytes + Int(s.pointee.starts[entry]), key) {
                s.pointee.lastIndex = entry
                s.pointee.lastStart = Int(s.pointee.starts[entry])
                s.pointee.lastLength = key.count
                return entry
            }
            slot = (slot + 1) & mask
        }
        let payload = make()
        let entry = insert(key, hash: hash, slot: slot, payload: payload)
        s.pointee.lastIndex = entry
        s.pointee.lastStart = Int(s.pointee.starts[entry])
        s.pointee.lastLength = key.count
        return entry
    }

    /// The payload of entry `index`, read and modified in place (no copy of the payload per access).
    subscript(index: Int) -> Payload {
        _read { yield s.pointee.payloads[index] }
        _modify { yield &s.pointee.payloads[index] }
    }

    @inline(__always)
    static func equal(_ stored: UnsafeMutablePointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = key.count
        if n > 32 { return memcmp(stored, key.baseAddress!, n) == 0 }
        for i in 0..<n where stored[i] != key[i] { return false }
        return true
    }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        // FNV's low bits barely depend on the high bits of the bytes (ids such as `R-DE-000123` then crowd into few
        // slots and probe chains grow long): take the well-mixed high half of a Fibonacci multiply instead.
        return UInt32(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }

    // MARK: - Private

    private func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32, slot: Int, payload: Payload) -> Int {
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
        return entry
    }

    private func growEntries() {
        let old = s.pointee.capacity
        let capacity = old * 2
        func grow<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
            let grown = UnsafeMutablePointer<T>.allocate(capacity: capacity)
            grown.moveInitialize(from: p, count: s.pointee.count)
            p.deallocate()
            return grown
        }
        s.pointee.hashes = grow(s.pointee.hashes)
        s.pointee.starts = grow(s.pointee.starts)
        s.pointee.lengths = grow(s.pointee.lengths)
        s.pointee.payloads = grow(s.pointee.payloads)
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

/// Counts rows and forwards records and rejects, keeping `rowsRead == rowsAccepted + rowsRejected`.
struct RowTally {
    var report: IngestReport

    mutating func accept(records: Int = 1) {
        report.rowsRead += 1
        report.rowsAccepted += 1
        report.recordsEmitted += records
    }

    mutating func skip(_ reason: String) {
        report.rowsRead += 1
        report.rowsAccepted += 1
        report.skippedByReason[reason, default: 0] += 1
    }

    mutating func reject(_ reject: Reject, _ onReject: (Reject) throws -> Void) rethrows {
        report.rowsRead += 1
        report.rowsRejected += 1
        report.rejectsByCode[reject.code.rawValue, default: 0] += 1
        try onReject(reject)
    }
}
