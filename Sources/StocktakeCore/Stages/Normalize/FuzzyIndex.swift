/// A trigram index over folded keys, with edit-distance scoring of the best trigram candidates.
///
/// Similarity of a query to a key is the larger of the Levenshtein ratio `1 − distance / max(length)` on the
/// keys and on their word-sorted forms (so `restaurants and hotels` ≈ `hotels and restaurants`). The trigram
/// overlap only preselects candidates; it never decides.
struct FuzzyIndex: Sendable {
    /// Folded keys, each pointing at the index of its payload in the owner's table.
    let keys: [[Unicode.Scalar]]
    let sortedKeys: [[Unicode.Scalar]]
    let trigramCounts: [Int]
    let postings: [String: [Int32]]

    init(keys: [String]) {
        var postings: [String: [Int32]] = [:]
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
    func search(_ query: String, preselect: Int = 40, limit: Int = 8) -> [(index: Int, score: Double)] {
        let grams = Set(FuzzyIndex.trigrams(query))
        guard !grams.isEmpty else { return [] }
        var shared: [Int32: Int] = [:]
        for gram in grams {
            guard let list = postings[gram] else { continue }
            for i in list { shared[i, default: 0] += 1 }
        }
        let pre = shared.map { (i, n) in (Int(i), 2.0 * Double(n) / Double(grams.count + trigramCounts[Int(i)])) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .prefix(preselect)
        let q = Array(query.unicodeScalars)
        let qs = Array(FuzzyIndex.wordSorted(query).unicodeScalars)
        var scored: [(index: Int, score: Double)] = pre.map { (i, _) in
            (i, max(FuzzyIndex.ratio(q, keys[i]), FuzzyIndex.ratio(qs, sortedKeys[i])))
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
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    static func trigrams(_ key: String) -> [String] {
        let s = Array(("  " + key + " ").unicodeScalars)
        guard s.count >= 3 else { return [] }
        var out: [String] = []
        out.reserveCapacity(s.count - 2)
        for i in 0..<(s.count - 2) {
            var g = String.UnicodeScalarView()
            g.append(s[i]); g.append(s[i + 1]); g.append(s[i + 2])
            out.append(String(g))
        }
        return out
    }

    static func wordSorted(_ key: String) -> String {
        key.split(separator: " ").sorted().joined(separator: " ")
    }
}
