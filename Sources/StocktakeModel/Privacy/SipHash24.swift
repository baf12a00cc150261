/// SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012) with a 128-bit key: a keyed
/// pseudo-random function from bytes to 64 bits. Used for the record keys of the cell key perturbation
/// (`RecordKeyer`): without the key, a respondent's record key cannot be computed or predicted.
///
/// Swift's `Hasher` is SipHash too, but seeded per process, so its values change between runs; swift-crypto has
/// no SipHash. This implementation is checked against the 64 reference vectors of the paper (`SipHash24Tests`).
public struct SipHash24: Sendable, Hashable {
    /// The key as two little-endian 64-bit words (k0 = bytes 0…7, k1 = bytes 8…15).
    public let k0: UInt64
    public let k1: UInt64

    public init(k0: UInt64, k1: UInt64) {
        self.k0 = k0
        self.k1 = k1
    }

    /// A key from exactly 16 bytes; nil for any other length.
    public init?(key: some Collection<UInt8>) {
        guard key.count == 16 else { return nil }
        let bytes = Array(key)
        self.init(k0: SipHash24.word(bytes, 0), k1: SipHash24.word(bytes, 8))
    }

    /// The 64-bit tag of `message`.
    public func hash(_ message: some Sequence<UInt8>) -> UInt64 {
        Array(message).withUnsafeBytes { hash($0) }
    }

    /// The 64-bit tag of the bytes (little-endian words, as the reference implementation reads them).
    public func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var v0: UInt64 = 0x736f_6d65_7073_6575 ^ k0
        var v1: UInt64 = 0x646f_7261_6e64_6f6d ^ k1
        var v2: UInt64 = 0x6c79_6765_6e65_7261 ^ k0
        var v3: UInt64 = 0x7465_6462_7974_6573 ^ k1
        let count = bytes.count, full = count & ~7
        var at = 0
        while at < full {
            let m = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            v3 ^= m
            SipHash24.round(&v0, &v1, &v2, &v3)
            SipHash24.round(&v0, &v1, &v2, &v3)
            v0 ^= m
            at += 8
        }
        var last = UInt64(truncatingIfNeeded: count & 0xFF) << 56
        for i in 0..<(count - full) { last |= UInt64(bytes[full + i]) << UInt64(8 * i) }
        v3 ^= last
        SipHash24.round(&v0, &v1, &v2, &v3)
        SipHash24.round(&v0, &v1, &v2, &v3)
        v0 ^= last
        v2 ^= 0xFF
        SipHash24.round(&v0, &v1, &v2, &v3)
        SipHash24.round(&v0, &v1, &v2, &v3)
        SipHash24.round(&v0, &v1, &v2, &v3)
        SipHash24.round(&v0, &v1, &v2, &v3)
        return v0 ^ v1 ^ v2 ^ v3
    }

    /// One SipRound.
    @inline(__always)
    private static func round(_ v0: inout UInt64, _ v1: inout UInt64, _ v2: inout UInt64, _ v3: inout UInt64) {
        v0 &+= v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32)
        v2 &+= v3; v3 = rotl(v3, 16); v3 ^= v2
        v0 &+= v3; v3 = rotl(v3, 21); v3 ^= v0
        v2 &+= v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32)
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ b: UInt64) -> UInt64 { x << b | x >> (64 - b) }

    private static func word(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        var w: UInt64 = 0
        for i in 0..<8 { w |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
        return w
    }
}
