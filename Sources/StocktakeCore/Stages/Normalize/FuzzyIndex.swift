import StocktakeModel

/// A trigram index over folded keys, with edit-distance scoring of the best trigram candidates.
///
/// Similarity of a query to a key is the larger of the Levenshtein ratio `1 − distance / max(length)` on the
/// keys and on their word-sorted forms (so `restaurants and hotels` ≈ `hotels and restaurants`). The trigram
/// overlap only preselects candidates; it never decides.
///
/// Kept compact (the skill index has some 18,000 keys): the keys as given (their text shared with the caller's
/// copies), word-sorted forms made only for the keys a search scores, and the postings in compressed rows.
struct FuzzyIndex: Sendable {
    let keys: [String]
    /// Distinct trigrams per key.
    private let trigramCounts: [Int32]
    /// The distinct trigrams of all keys (three scalars packed into 63 bits), sorted; `postings[t]` lists the keys
    /// holding `trigrams[t]`, in key order.
    private let trigrams: [UInt64]
    private let postings: PackedArrays<Int32>

    init(keys: [String]) {
        var counts: [Int32] = []
        var keysPerGram: [UInt64: Int32] = [:]
        counts.reserveCapacity(keys.count)
        for key in keys {
            let grams = FuzzyIndex.distinctTrigrams(key)
            counts.append(Int32(grams.count))
            for gram in grams { keysPerGram[gram, default: 0] += 1 }
        }
        // Compressed rows: each trigram's keys are written at its row's next free place, keys in order.
        let trigrams = keysPerGram.keys.sorted()
        var next: [Int32] = []
        next.reserveCapacity(trigrams.count)
        var total: Int32 = 0
        for (row, gram) in trigrams.enumerated() {
            next.append(total)
            total += keysPerGram[gram]!
            keysPerGram[gram] = Int32(row)
        }
        var starts = next
        starts.append(total)
        var rows = [Int32](repeating: 0, count: Int(total))
        for (i, key) in keys.enumerated() {
            for gram in FuzzyIndex.distinctTrigrams(key) {
                let row = Int(keysPerGram[gram]!)
                rows[Int(next[row])] = Int32(i)
                next[row] += 1
            }
        }
        self.keys = keys
        self.trigramCounts = counts
        self.trigrams = trigrams
        self.postings = PackedArrays(elements: rows, starts: starts)
    }

    /// The keys holding `gram`, in key order.
    private func keys(holding gram: UInt64) -> ArraySlice<Int32> {
        var (low, high) = (0, trigrams.count)
        while low < high {
            let middle = (low + high) / 2
            if trigrams[middle] < gram { low = middle + 1 } else { high = middle }
        }
        return low < trigrams.count && trigrams[low] == gram ? postings[low] : []
    }

    /// Keys scored against `query`, best first (ties by key index), at most `limit`.
    func search(_ query: String, preselect: Int = 30, limit: Int = 8) -> [(index: Int, score: Double)] {
        let grams = Set(FuzzyIndex.trigrams(query))
        guard !grams.isEmpty, !keys.isEmpty else { return [] }
        var shared = [Int32](repeating: 0, count: keys.count)
        var touched: [Int] = []
        for gram in grams {
            for i in keys(holding: gram) {
                if shared[Int(i)] == 0 { touched.append(Int(i)) }
                shared[Int(i)] += 1
            }
        }
        // Keys sharing under a third of the best overlap cannot make the preselection; skip scoring them.
        let most = touched.reduce(Int32(0)) { max($0, shared[$1]) }
        var pre = touched.filter { shared[$0] * 3 >= most }
            .map { i in (i, 2.0 * Double(shared[i]) / Double(grams.count + Int(trigramCounts[i]))) }
        pre.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let q = Array(query.unicodeScalars)
        let qs = Array(FuzzyIndex.wordSorted(query).unicodeScalars)
        let multiWord = q.contains(" ")
        var scored: [(index: Int, score: Double)] = pre.prefix(preselect).map { (i, _) in
            let key = Array(keys[i].unicodeScalars)
            let direct = FuzzyIndex.ratio(q, key)
            guard multiWord, key.contains(" ") else { return (i, direct) }
            return (i, max(direct, FuzzyIndex.ratio(qs, Array(FuzzyIndex.wordSorted(keys[i]).unicodeScalars))))
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

    /// `trigrams(key)` without repeats, sorted.
    static func distinctTrigrams(_ key: String) -> [UInt64] {
        var grams = trigrams(key)
        grams.sort()
        var kept = 0
        for j in grams.indices where kept == 0 || grams[kept - 1] != grams[j] {
            grams[kept] = grams[j]
            kept += 1
        }
        grams.removeLast(grams.count - kept)
        return grams
    }

    static func wordSorted(_ key: String) -> String {
        key.split(separator: " ").sorted().joined(separator: " ")
    }
}
