import StocktakeModel

/// A trigram index over folded keys, with edit-distance scoring of the best trigram candidates.
///
/// Similarity of a query to a key is the larger of the Levenshtein ratio `1 − distance / max(length)` on the
/// keys and on their word-sorted forms (so `restaurants and hotels` ≈ `hotels and restaurants`). The trigram
/// overlap only preselects candidates; it never decides.
struct FuzzyIndex: Sendable {
    let keys: [[Unicode.Scalar]]
    let sortedKeys: [[Unicode.Scalar]]
    let trigramCounts: [Int]
    /// Trigram (three scalars packed into 63 bits) → keys holding it.
    let postings: [UInt64: [Int32]]

    init(keys: [String]) {
        var postings: [UInt64: [Int32]] = [:]
        var counts: [Int] = []
        for (i, key) in keys.enumerated() {
            let grams = Set(FuzzyIndex.trigrams(key))
            counts.append(grams.count)
            for gram in grams { postings[gram, default: []].append(Int32(i)) }
        }
        self.keys = keys.map { Array($0.unicodeScalars) }
        self.sortedKeys = keys.map { Array(FuzzyIndex.wordSorted($0).unicodeScalars) }
        self.trigramCounts = counts
        self.postings = postings
    }

    /// Keys scored against `query`, best first (ties by key index), at most `limit`.
    func search(_ query: String, preselect: Int = 30, limit: Int = 8) -> [(index: Int, score: Double)] {
        let grams = Set(FuzzyIndex.trigrams(query))
        guard !grams.isEmpty, !keys.isEmpty else { return [] }
        var shared = [Int32](repeating: 0, count: keys.count)
        var touched: [Int] = []
        for gram in grams {
            guard let list = postings[gram] else { continue }
            for i in list {
                if shared[Int(i)] == 0 { touched.append(Int(i)) }
                shared[Int(i)] += 1
            }
        }
        // Keys sharing under a third of the best overlap cannot make the preselection; skip scoring them.
        let most = touched.reduce(Int32(0)) { max($0, shared[$1]) }
        var pre = touched.filter { shared[$0] * 3 >= most }
            .map { i in (i, 2.0 * Double(shared[i]) / Double(grams.count + trigramCounts[i])) }
        pre.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let q = Array(query.unicodeScalars)
        let qs = Array(FuzzyIndex.wordSorted(query).unicodeScalars)
        let multiWord = q.contains(" ")
        var scored: [(index: Int, score: Double)] = pre.prefix(preselect).map { (i, _) in
            let direct = FuzzyIndex.ratio(q, keys[i])
            guard multiWord, keys[i].contains(" ") else { return (i, direct) }
            return (i, max(direct, FuzzyIndex.ratio(qs, sortedKeys[i])))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        return Array(scored.prefix(limit))
    }

    /// `1 − levenshtein(a, b) / max(|a|, |b|)`, in 0…1.
    static func ratio(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        let longest = max(a.count, b.count)
        if longest == 0 { return 1 }
        return 1 - Double(levenshtein(a, b)) / Double(longest)
    }

    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            let ai = a[i - 1]
            for j in 1...b.count {
                let cost = ai == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Padded trigrams, each packed as three 21-bit scalar values.
    static func trigrams(_ key: String) -> [UInt64] {
        var s: [UInt32] = [32, 32]
        for scalar in key.unicodeScalars { s.append(scalar.value) }
        s.append(32)
        guard s.count >= 3 else { return [] }
        var out: [UInt64] = []
        out.reserveCapacity(s.count - 2)
        for i in 0..<(s.count - 2) {
            out.append(UInt64(s[i]) << 42 | UInt64(s[i + 1]) << 21 | UInt64(s[i + 2]))
        }
        return out
    }

    static func wordSorted(_ key: String) -> String {
        key.split(separator: " ").sorted().joined(separator: " ")
    }
}
