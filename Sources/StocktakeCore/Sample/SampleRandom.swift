import StocktakeModel

/// A small deterministic pseudo-random generator for the sample data: xoshiro256** seeded through SplitMix64.
///
/// Every draw is defined here with integer arithmetic and IEEE basic operations only (no `log`, `cos`, no
/// standard-library `random(in:)` whose algorithm may change between toolchains), so the same seed gives the same
/// sequence, and therefore byte-identical files, on every platform and Swift version.
public struct SampleRandom: Sendable, Equatable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Seeds the four state words from `seed` with SplitMix64 (the seeding xoshiro's authors recommend).
    public init(seed: UInt64) {
        var x = seed
        s0 = Self.splitMix64(&x)
        s1 = Self.splitMix64(&x)
        s2 = Self.splitMix64(&x)
        s3 = Self.splitMix64(&x)
    }

    /// A generator for one stream derived from `seed` and a label (a country code), independent of other streams.
    public init(seed: UInt64, stream: String) {
        // FNV-1a of the label, mixed with the seed; SplitMix64 spreads it over the state.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in stream.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        self.init(seed: seed ^ hash)
    }

    // MARK: - Draws

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform double in 0..<1 (53 random bits).
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in 0..<bound (Lemire's unbiased multiply-shift). `bound` must be positive.
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// True with probability `p` (0...1).
    public mutating func chance(_ p: Double) -> Bool {
        uniform() < p
    }

    /// An approximately standard-normal draw (Irwin–Hall sum of four uniforms, rescaled), in about −3.5...3.5.
    public mutating func normal() -> Double {
        let sum = uniform() + uniform() + uniform() + uniform()
        return (sum - 2) * 1.732_050_807_568_877_2
    }

    /// An index into `weights`, drawn with probability proportional to its weight. Weights must not all be zero.
    public mutating func pick(weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        precondition(total > 0, "weights must not all be zero")
        var r = uniform() * total
        for (index, w) in weights.enumerated() {
            if r < w { return index }
            r -= w
        }
        return weights.count - 1
    }

    // MARK: - Private

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    private static func splitMix64(_ x: inout UInt64) -> UInt64 {
        x = x &+ 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
