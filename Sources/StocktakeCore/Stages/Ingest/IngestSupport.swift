/// Interns byte strings: each distinct value is stored once and mapped to a small integer and a cached payload.
///
/// Open addressing over FNV-1a hashes; no allocation on a hit. Memory grows with distinct values, not rows.
final class ByteInterner<Payload> {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var bytes: [UInt8] = []
    private(set) var payloads: [Payload] = []
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { payloads.count }

    /// The index of `key`, inserting it with `make()` on first sight.
    @inline(__always)
    func index(of key: UnsafeBufferPointer<UInt8>, make: () -> Payload) -> Int {
        let hash = ByteInterner.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { break }
            if hashes[entry] == hash, lengths[entry] == key.count, equal(entry, key) { return entry }
            slot = (slot + 1) & mask
        }
        let entry = payloads.count
        hashes.append(hash)
        starts.append(bytes.count)
        lengths.append(key.count)
        bytes.append(contentsOf: key)
        payloads.append(make())
        slots[slot] = Int32(entry)
        if payloads.count * 2 > slots.count { grow() }
        return entry
    }

    subscript(index: Int) -> Payload {
        get { payloads[index] }
        set { payloads[index] = newValue }
    }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    private func equal(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        if key.isEmpty { return true }
        return bytes.withUnsafeBufferPointer { all in
            memcmp(all.baseAddress! + starts[entry], key.baseAddress!, key.count) == 0
        }
    }

    private func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for entry in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry)
        }
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
