/// A sum of fractions kept exactly: an integer part plus, per denominator, the sum of numerators.
///
/// A respondent who gave several answers in one cell contributes the mean of them (`RespondentAnswers`), a
/// fraction with a small denominator (the number of answers, or its square). Summing those as `Double` would make
/// the result depend on the order of the rows; summing numerators per denominator is exact and order-free, and two
/// sums merge by adding. `value` adds the parts in ascending denominator order, so it is the same for the same
/// contributions however they arrived.
public struct ExactSum: Sendable, Hashable, Codable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The integer part (all contributions with denominator 1).
    public var whole: Int
    /// Denominator (≥ 2) → sum of the numerators of the contributions with that (reduced) denominator.
    public var parts: [Int: Int]

    public init(_ whole: Int = 0) {
        self.whole = whole
        parts = [:]
    }

    public init(integerLiteral value: Int) { self.init(value) }

    /// A sum from its stored form (`whole` and the numerator sum per denominator ≥ 2, as `parts` holds them):
    /// the inverse of reading `whole` and `parts`, for stores that keep the two apart. Zero numerators are dropped.
    public init(whole: Int, parts: [Int: Int]) {
        self.init(whole)
        for (d, q) in parts where d >= 2 { addPart(q, d) }
    }

    /// Adds `numerator / denominator` (denominator ≥ 1), reduced first so that equal fractions land together.
    public mutating func add(_ numerator: Int, over denominator: Int) {
        precondition(denominator >= 1)
        if denominator == 1 || numerator == 0 {
            whole += numerator
            return
        }
        let g = ExactSum.gcd(abs(numerator), denominator)
        let (q, d) = (numerator / g, denominator / g)
        if d == 1 {
            whole += q
            return
        }
        addPart(q, d)
    }

    /// Adds every part of `other` (subtracts it when `sign` is -1), denominator by denominator, without reducing
    /// again: the parts are then the sums of the reduced contributions, whatever order they came in.
    public mutating func add(_ other: ExactSum, sign: Int = 1) {
        whole += sign * other.whole
        for (d, q) in other.parts { addPart(sign * q, d) }
    }

    private mutating func addPart(_ q: Int, _ d: Int) {
        let total = parts[d, default: 0] + q
        parts[d] = total == 0 ? nil : total
    }

    /// The sum times `numerator / denominator` (denominator ≥ 1), exactly: each part scaled and reduced again.
    public func scaled(by numerator: Int, over denominator: Int) -> ExactSum {
        var out = ExactSum()
        out.add(whole * numerator, over: denominator)
        for d in parts.keys.sorted() { out.add(parts[d]! * numerator, over: d * denominator) }
        return out
    }

    /// The sum as a `Double`, the parts added in ascending denominator order.
    public var value: Double {
        parts.keys.sorted().reduce(Double(whole)) { $0 + Double(parts[$1]!) / Double($1) }
    }

    /// Whether the sum is an integer (no fractional parts).
    public var isWhole: Bool { parts.isEmpty }

    public var description: String {
        parts.isEmpty ? "\(whole)" : "\(whole) + " + parts.keys.sorted().map { "\(parts[$0]!)/\($0)" }.joined(separator: " + ")
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    // Encoded as a plain number when whole (the store's JSON stays as it was for ordinary cells), else as
    // {"whole": w, "parts": [[denominator, numerator], ...]} sorted by denominator.
    private enum CodingKeys: String, CodingKey { case whole, parts }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let whole = try? single.decode(Int.self) {
            self.init(whole)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(Int.self, forKey: .whole))
        for pair in try container.decode([[Int]].self, forKey: .parts) where pair.count == 2 && pair[0] >= 2 {
            addPart(pair[1], pair[0])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if parts.isEmpty {
            var single = encoder.singleValueContainer()
            try single.encode(whole)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(whole, forKey: .whole)
        try container.encode(parts.keys.sorted().map { [$0, parts[$0]!] }, forKey: .parts)
    }
}

extension Double {
    /// The exact sum's value (`ExactSum.value`).
    public init(_ sum: ExactSum) { self = sum.value }
}
