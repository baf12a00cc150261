import StocktakeModel

/// One label or alias of a code, as indexed for matching.
struct NameEntry: Sendable {
    /// NACE or ESCO code the name belongs to.
    let code: String
    /// Canonical language tag of the name, nil when language-neutral.
    let language: String?
    /// ESCO concept URI (skills only).
    let uri: String?
}

/// Labels and aliases under three folded keys (exact, Latin, core) plus a fuzzy index over the Latin keys.
struct NameIndex: Sendable {
    let entries: [NameEntry]
    let exact: [String: [Int]]
    let latin: [String: [Int]]
    let core: [String: [Int]]
    /// Entry indexes per fuzzy key, aligned with `fuzzy.keys`.
    let fuzzyEntries: [[Int]]
    let fuzzy: FuzzyIndex
    /// Core keys split into words, bucketed by word count and the first four letters of the first word.
    let stemBuckets: [String: [(words: [[Unicode.Scalar]], key: String)]]
    /// Entries per `LightStemmer` key (empty unless built with `stems: true`).
    let stems: [String: [Int]]
    /// Entries per uncut `LightStemmer` key (endings removed, words not cut), for `containedStemKeys`.
    let fullStems: [String: [Int]]
    /// Uncut stem keys per stem they contain.
    let fullStemKeysByStem: [String: [String]]

    /// - Parameter stems: also index every name by its `LightStemmer` key (skills).
    init(_ names: [(text: String, entry: NameEntry)], stems useStems: Bool = false) {
        var entries: [NameEntry] = []
        var exact: [String: [Int]] = [:]
        var latin: [String: [Int]] = [:]
        var core: [String: [Int]] = [:]
        var fuzzyKeyIndex: [String: Int] = [:]
        var fuzzyKeys: [String] = []
        var fuzzyEntries: [[Int]] = []
        var stems: [String: [Int]] = [:]
        var fullStems: [String: [Int]] = [:]
        for (text, entry) in names {
            let i = entries.count
            entries.append(entry)
            let e = TextFolding.exact(text)
            guard !e.isEmpty else { continue }
            exact[e, default: []].append(i)
            let scheme: TextFolding.Scheme = entry.language == "uk" ? .ukrainian : .southSlavic
            let l = TextFolding.latinFromExact(e, scheme: scheme)
            latin[l, default: []].append(i)
            let c = TextFolding.core(l)
            if !c.isEmpty { core[c, default: []].append(i) }
            if useStems, let stem = LightStemmer.key(l, language: entry.language) {
                stems[stem, default: []].append(i)
            }
            if useStems, let stem = LightStemmer.key(l, language: entry.language, cut: false) {
                fullStems[stem, default: []].append(i)
            }
            if let k = fuzzyKeyIndex[l] {
                fuzzyEntries[k].append(i)
            } else {
                fuzzyKeyIndex[l] = fuzzyKeys.count
                fuzzyKeys.append(l)
                fuzzyEntries.append([i])
            }
        }
        self.entries = entries
        self.exact = exact
        self.latin = latin
        self.core = core
        self.stems = stems
        self.fullStems = fullStems
        var byStem: [String: [String]] = [:]
        for key in fullStems.keys.sorted() {
            for stem in Set(key.split(separator: " ").map(String.init)) { byStem[stem, default: []].append(key) }
        }
        self.fullStemKeysByStem = byStem
        self.fuzzyEntries = fuzzyEntries
        self.fuzzy = FuzzyIndex(keys: fuzzyKeys)
        var buckets: [String: [(words: [[Unicode.Scalar]], key: String)]] = [:]
        for key in core.keys.sorted() {
            let words = key.split(separator: " ").map { Array($0.unicodeScalars) }
            guard let bucket = Self.stemBucket(words) else { continue }
            buckets[bucket, default: []].append((words, key))
        }
        self.stemBuckets = buckets
    }

    /// Core keys whose words equal the query's up to inflectional endings (see `sameUpToEndings`).
    func stemMatches(_ coreKey: String) -> [Int] {
        let words = coreKey.split(separator: " ").map { Array($0.unicodeScalars) }
        guard let bucket = Self.stemBucket(words), let candidates = stemBuckets[bucket] else { return [] }
        var out: [Int] = []
        for candidate in candidates where zip(words, candidate.words).allSatisfy(Self.sameUpToEndings) {
            out += core[candidate.key] ?? []
        }
        return out
    }

    /// The uncut stem keys whose stems all occur in `query`, keeping only the largest (a key inside another found key
    /// is dropped: `python` inside `programm python`), with how many of the query's stems they cover.
    /// Compares uncut stems (`fullStems`); only keys with an entry that `allowed` accepts count.
    func containedStemKeys(_ query: Set<String>, allowed: (NameEntry) -> Bool) -> (keys: [String], covered: Int) {
        var found: [Set<String>: String] = [:]
        for stem in query {
            for key in fullStemKeysByStem[stem] ?? [] where (fullStems[key] ?? []).contains(where: { allowed(entries[$0]) }) {
                let parts = Set(key.split(separator: " ").map(String.init))
                if parts.isSubset(of: query) { found[parts] = key }
            }
        }
        let maximal = found.filter { candidate in !found.keys.contains { $0 != candidate.key && candidate.key.isStrictSubset(of: $0) } }
        let covered = maximal.keys.reduce(into: Set<String>()) { $0.formUnion($1) }.count
        return (maximal.values.sorted(), covered)
    }

    /// Two words are the same up to endings when they share a prefix of at least 5 letters and neither has more
    /// than 3 letters after it (`turizmu`/`turizam`, `helsevesenet`/`helsevesen`, `retailing`/`retail`).
    static func sameUpToEndings(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        if a == b { return true }
        var p = 0
        while p < a.count, p < b.count, a[p] == b[p] { p += 1 }
        return p >= 5 && a.count - p <= 3 && b.count - p <= 3
    }

    private static func stemBucket(_ words: [[Unicode.Scalar]]) -> String? {
        guard let first = words.first, first.count >= 3 else { return nil }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: first.prefix(4))
        return "\(words.count)|" + String(s)
    }

    /// Schemes to transliterate a query with: Ukrainian when the language or letters say so, South Slavic
    /// for sr/cnr/mk, both for other Cyrillic text.
    static func schemes(for text: String, language: String?) -> [TextFolding.Scheme] {
        if language == "uk" || TextFolding.looksUkrainian(text) { return [.ukrainian] }
        if let language, ["sr-Cyrl", "sr-Latn", "sr", "cnr", "mk", "bs", "hr"].contains(language) {
            return [.southSlavic]
        }
        return TextFolding.hasCyrillic(text) ? [.southSlavic, .ukrainian] : [.southSlavic]
    }
}

/// What a set of candidate codes resolves to.
enum Resolution: Equatable {
    /// One code (the candidates' lowest common ancestor); `note` names the candidates when there were several.
    case code(String, note: String?)
    /// Candidates that share no ancestor: the name is ambiguous.
    case ambiguous([String])
}

/// Resolves entries that matched the same key: prefers entries in `language`, then takes the lowest common
/// ancestor of the remaining codes (a section holding all of them, for example); different roots → ambiguous.
func resolve(_ entries: [NameEntry], language: String?, parent: (String) -> String?) -> Resolution {
    var pool = entries
    if let language {
        let same = entries.filter { $0.language == language || $0.language?.hasPrefix(language + "-") == true }
        if !same.isEmpty { pool = same }
    }
    let codes = Array(Set(pool.map(\.code))).sorted()
    guard let first = codes.first else { return .ambiguous([]) }
    if codes.count == 1 { return .code(first, note: nil) }
    if let common = lowestCommonAncestor(codes, parent: parent) {
        let note = codes.contains(common) ? nil : "several candidates (\(codes.joined(separator: ", "))); mapped to their common parent \(common)"
        return .code(common, note: note)
    }
    return .ambiguous(codes)
}

/// The deepest code that is an ancestor-or-self of every code in `codes`, nil when they have no common root.
func lowestCommonAncestor(_ codes: [String], parent: (String) -> String?) -> String? {
    func chain(_ code: String) -> [String] {
        var out = [code]
        var current = code
        while let p = parent(current), !p.isEmpty, out.count < 16 {
            out.append(p)
            current = p
        }
        return out
    }
    guard let first = codes.first else { return nil }
    let others = codes.dropFirst().map { Set(chain($0)) }
    for candidate in chain(first) where others.allSatisfy({ $0.contains(candidate) }) {
        return candidate
    }
    return nil
}
