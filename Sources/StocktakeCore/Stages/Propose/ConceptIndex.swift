/// `ESCOConcepts` looked up rather than filtered: concept numbers (positions in the file, in file order) per code
/// they are under, the first per URI, and each label's stems as numbers; built once when the concepts are loaded.
struct ConceptIndex: Sendable {
    let concepts: [ESCOConcepts.Concept]
    /// Concepts per code they are under (`ESCOConcepts.isUnder`): a group's own code and each code before one of
    /// its dots (`S8.1.0` under `S8.1.0`, `S8.1`, `S8`); a `K` group under each of its prefixes (`K0715` under
    /// `K0715`, `K071`, `K07`, `K0`, `K`).
    private let under: [String: [Int32]]
    /// Concepts whose group is not printable ASCII (none in the bundled file), checked with `isUnder` at each lookup.
    private let irregular: [Int32]
    /// The first concept of each URI.
    let firstByURI: [String: Int32]
    /// Stem → number; `labelStems[i]` holds the numbers of concept `i`'s distinct label stems.
    private let stemNumber: [String: Int32]
    private let labelStems: PackedArrays<Int32>
    /// `ESCOConcepts.reuseRank` per concept.
    private let reuseRanks: [UInt8]

    init(_ concepts: [ESCOConcepts.Concept]) {
        var under: [String: [Int32]] = [:]
        var irregular: [Int32] = []
        var firstByURI: [String: Int32] = [:]
        var stemNumber: [String: Int32] = [:]
        var labelStems = PackedArrays<Int32>()
        var stems: [Int32] = []
        var reuseRanks: [UInt8] = []
        reuseRanks.reserveCapacity(concepts.count)
        for (position, concept) in concepts.enumerated() {
            let i = Int32(position)
            if firstByURI[concept.uri] == nil { firstByURI[concept.uri] = i }
            reuseRanks.append(UInt8(ESCOConcepts.reuseRank(concept.reuseLevel)))
            stems.removeAll(keepingCapacity: true)
            ESCOConcepts.forEachStem(of: concept.label) { stem in
                let number: Int32
                if let known = stemNumber[stem] {
                    number = known
                } else {
                    number = Int32(stemNumber.count)
                    stemNumber[stem] = number
                }
                if !stems.contains(number) { stems.append(number) }
            }
            labelStems.append(stems)
            let group = Array(concept.group.utf8)
            guard group.allSatisfy({ (0x20...0x7E).contains($0) }) else {
                irregular.append(i)
                continue
            }
            for code in Self.codes(above: group) { under[code, default: []].append(i) }
        }
        self.concepts = concepts
        self.under = under
        self.irregular = irregular
        self.firstByURI = firstByURI
        self.stemNumber = stemNumber
        self.labelStems = labelStems
        self.reuseRanks = reuseRanks
    }

    /// The codes a printable-ASCII group is under (see `under`).
    static func codes(above group: [UInt8]) -> [String] {
        let ends = group.first == UInt8(ascii: "K")
            ? Array(1...group.count)
            : group.indices.filter { group[$0] == UInt8(ascii: ".") } + [group.count]
        return ends.map { String(decoding: group[..<$0], as: UTF8.self) }
    }

    /// The concepts under `code` (`ESCOConcepts.isUnder`), in file order.
    func concepts(under code: String) -> [Int32] {
        let found = under[code] ?? []
        if irregular.isEmpty { return found }
        return (found + irregular.filter { ESCOConcepts.isUnder(concepts[Int($0)].group, code) }).sorted()
    }

    /// The numbers of the stems of `texts` (`ESCOConcepts.stems`; stems of no label are left out: they match none):
    /// the context that `best` ranks against.
    func context(_ texts: [String]) -> Set<Int32> {
        var numbers = Set<Int32>()
        for text in texts {
            ESCOConcepts.forEachStem(of: text) { if let number = stemNumber[$0] { numbers.insert(number) } }
        }
        return numbers
    }

    /// The first `k` of `candidates` ranked by (a) label stems shared with `context`, most first; (b) reuse level,
    /// transversal first; (c) depth; (d) label; then the URI (two concepts never tie) — as sorting them all would
    /// give (ties keep their order), in one pass.
    func best(_ k: Int, of candidates: [Int32], context: Set<Int32>) -> [Int32] {
        guard k > 0 else { return [] }
        var top: [(concept: Int, shared: Int)] = []
        top.reserveCapacity(k + 1)
        for candidate in candidates {
            let c = Int(candidate)
            var shared = 0
            if !context.isEmpty {
                for stem in labelStems[c] where context.contains(stem) { shared += 1 }
            }
            let entry = (concept: c, shared: shared)
            var position = top.count
            while position > 0, precedes(entry, top[position - 1]) { position -= 1 }
            guard position < k else { continue }
            top.insert(entry, at: position)
            if top.count > k { top.removeLast() }
        }
        return top.map { Int32($0.concept) }
    }

    private func precedes(_ a: (concept: Int, shared: Int), _ b: (concept: Int, shared: Int)) -> Bool {
        if a.shared != b.shared { return a.shared > b.shared }
        let (r0, r1) = (reuseRanks[a.concept], reuseRanks[b.concept])
        if r0 != r1 { return r0 < r1 }
        let (d0, d1) = (concepts[a.concept].depth, concepts[b.concept].depth)
        if d0 != d1 { return d0 < d1 }
        if concepts[a.concept].label != concepts[b.concept].label { return concepts[a.concept].label < concepts[b.concept].label }
        return concepts[a.concept].uri < concepts[b.concept].uri
    }
}
