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

/// Entry indexes per key, read as a `[String: [Int]]` is, kept small: most keys name one entry, which the table holds
/// itself; only a key with several has a list of them.
struct EntryLists: Sendable {
    /// The one entry when ≥ 0, else `-1 - n` for the entries `lists[n]`.
    private var table: [String: Int32] = [:]
    private var lists: [[Int32]] = []

    /// The entries of `key` in the order added; nil when it has none.
    subscript(key: String) -> [Int]? {
        guard let value = table[key] else { return nil }
        return value >= 0 ? [Int(value)] : lists[Int(-1 - value)].map(Int.init)
    }

    mutating func append(_ entry: Int, to key: String) {
        switch table[key] {
        case nil:
            table[key] = Int32(entry)
        case let one? where one >= 0:
            table[key] = Int32(-1 - lists.count)
            lists.append([one, Int32(entry)])
        case let list?:
            lists[Int(-1 - list)].append(Int32(entry))
        }
    }

    func contains(_ key: String) -> Bool { table[key] != nil }

    var isEmpty: Bool { table.isEmpty }
    var keys: Dictionary<String, Int32>.Keys { table.keys }
}

/// Keys under group names, read as a `[String: [String]]` is (a group's keys in key order) but kept in one array:
/// `keys` sorted by group and, within a group, by key, and each group's range of it.
struct GroupedKeys: Sendable {
    let keys: [String]
    private let ranges: [String: Range<Int32>]

    /// `pairs`: each key under each of its groups, once.
    init(_ pairs: [(group: String, key: String)]) {
        let sorted = pairs.sorted { $0.group != $1.group ? $0.group < $1.group : $0.key < $1.key }
        var ranges: [String: Range<Int32>] = [:]
        for (k, pair) in sorted.enumerated() {
            // Sorted by group: a group's keys are consecutive.
            ranges[pair.group] = (ranges[pair.group]?.lowerBound ?? Int32(k))..<Int32(k + 1)
        }
        self.keys = sorted.map(\.key)
        self.ranges = ranges
    }

    /// Where the keys of `group` are in `keys`; nil when it has none.
    func range(of group: String) -> Range<Int>? {
        ranges[group].map { Int($0.lowerBound)..<Int($0.upperBound) }
    }

    /// The keys of `group`, in key order (none when it has none).
    subscript(group: String) -> ArraySlice<String> { range(of: group).map { keys[$0] } ?? [] }
}

/// Labels and aliases under three folded keys (exact, Latin, core) plus a fuzzy index over the Latin keys.
struct NameIndex: Sendable {
    let entries: [NameEntry]
    let exact: EntryLists
    /// Entries per Latin key; its keys, in the order first met, are `fuzzy.keys`.
    let latin: EntryLists
    let core: EntryLists
    let fuzzy: FuzzyIndex
    /// Core keys bucketed by word count and the first four letters of the first word.
    let stemBuckets: GroupedKeys
    /// The words of `stemBuckets.keys[k]`, as UTF-8: `stemWords[w]` for `w` in `stemKeyWords[k]` and the words after
    /// it.
    let stemWords: PackedArrays<UInt8>
    let stemKeyWords: [Int32]
    /// Entries per `LightStemmer` key (empty unless built with `stems: true`).
    let stems: EntryLists
    /// Entries per uncut `LightStemmer` key (endings removed, words not cut), for `containedStemKeys`.
    let fullStems: EntryLists
    /// Uncut stem keys per stem they contain.
    let fullStemKeysByStem: GroupedKeys

    /// - Parameter stems: also index every name by its `LightStemmer` key (skills).
    init(_ names: [(text: String, entry: NameEntry)], stems useStems: Bool = false) {
        var entries: [NameEntry] = []
        entries.reserveCapacity(names.count)
        var exact = EntryLists()
        var latin = EntryLists()
        var core = EntryLists()
        var fuzzyKeys: [String] = []
        var stems = EntryLists()
        var fullStems = EntryLists()
        for (text, entry) in names {
            let i = entries.count
            entries.append(entry)
            let e = TextFolding.exact(text)
            guard !e.isEmpty else { continue }
            exact.append(i, to: e)
            let scheme: TextFolding.Scheme = entry.language == "uk" ? .ukrainian : .southSlavic
            let l = Self.sharing(TextFolding.latinFromExact(e, scheme: scheme), with: e)
            if !latin.contains(l) { fuzzyKeys.append(l) }
            latin.append(i, to: l)
            let c = Self.sharing(TextFolding.core(l), with: l)
            if !c.isEmpty { core.append(i, to: c) }
            let stem = useStems ? LightStemmer.key(l, language: entry.language) : nil
            if let stem { stems.append(i, to: stem) }
            if useStems, let full = LightStemmer.key(l, language: entry.language, cut: false) {
                fullStems.append(i, to: stem.map { Self.sharing(full, with: $0) } ?? full)
            }
        }
        self.entries = entries
        self.exact = exact
        self.latin = latin
        self.core = core
        self.stems = stems
        self.fullStems = fullStems
        self.fullStemKeysByStem = GroupedKeys(fullStems.keys.flatMap { key in
            Set(key.split(separator: " ").map(String.init)).map { (group: $0, key: key) }
        })
        self.fuzzy = FuzzyIndex(keys: fuzzyKeys)
        let buckets = GroupedKeys(core.keys.compactMap { key in
            Self.stemBucket(key.split(separator: " ")).map { (group: $0, key: key) }
        })
        var stemWords = PackedArrays<UInt8>()
        var stemKeyWords: [Int32] = []
        stemKeyWords.reserveCapacity(buckets.keys.count)
        for key in buckets.keys {
            stemKeyWords.append(Int32(stemWords.count))
            for word in key.split(separator: " ") { stemWords.append(word.utf8) }
        }
        self.stemBuckets = buckets
        self.stemWords = stemWords
        self.stemKeyWords = stemKeyWords
    }

    /// `key`, or `same` when it has the same bytes: keys equal to the previous fold (most Latin keys are the exact
    /// ones) then share its storage.
    private static func sharing(_ key: String, with same: String) -> String {
        key.utf8.elementsEqual(same.utf8) ? same : key
    }

    /// Entry indexes of fuzzy key `k` (`fuzzy.keys[k]`), in order.
    func fuzzyEntries(_ k: Int) -> [Int] { latin[fuzzy.keys[k]] ?? [] }

    /// Core keys whose words equal the query's up to inflectional endings (see `sameUpToEndings`).
    func stemMatches(_ coreKey: String) -> [Int] {
        let words = coreKey.split(separator: " ")
        guard let bucket = Self.stemBucket(words), let candidates = stemBuckets.range(of: bucket) else { return [] }
        let query = words.map { Array($0.utf8) }
        var out: [Int] = []
        for k in candidates {
            let first = Int(stemKeyWords[k])
            // Every key in the bucket has as many words as the query.
            if query.indices.allSatisfy({ Self.sameUpToEndings(query[$0][...], stemWords[first + $0]) }) {
                out += core[stemBuckets.keys[k]] ?? []
            }
        }
        return out
    }

    /// The uncut stem keys whose stems all occur in `query`, keeping only the largest (a key inside another found key
    /// is dropped: `python` inside `programm python`), with how many of the query's stems they cover.
    /// Compares uncut stems (`fullStems`); only keys with an entry that `allowed` accepts count.
    func containedStemKeys(_ query: Set<String>, allowed: (NameEntry) -> Bool) -> (keys: [String], covered: Int) {
        var found: [Set<String>: String] = [:]
        for stem in query {
            for key in fullStemKeysByStem[stem] where (fullStems[key] ?? []).contains(where: { allowed(entries[$0]) }) {
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
    ///
    /// Compared as UTF-8 (`a`, `b`), counting scalars: the common prefix ends at a scalar's start, and a scalar is a
    /// byte that is not a continuation byte (`10xxxxxx`).
    static func sameUpToEndings(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        if a.elementsEqual(b) { return true }
        var p = 0
        while p < a.count, p < b.count, a[a.startIndex + p] == b[b.startIndex + p] { p += 1 }
        while p > 0, p < a.count, a[a.startIndex + p] & 0xC0 == 0x80 { p -= 1 }
        func scalars(_ bytes: ArraySlice<UInt8>) -> Int { bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
        return scalars(a.prefix(p)) >= 5 && scalars(a.dropFirst(p)) <= 3 && scalars(b.dropFirst(p)) <= 3
    }

    private static func stemBucket(_ words: [Substring]) -> String? {
        guard let first = words.first, first.unicodeScalars.count >= 3 else { return nil }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: first.unicodeScalars.prefix(4))
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
