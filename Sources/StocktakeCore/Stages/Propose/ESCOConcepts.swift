import Foundation
import StocktakeModel

/// ESCO skills and knowledge concepts with the group each falls under (`inputs/taxonomy/esco_concepts.csv`,
/// written by `derive.py`), and the documented rule that draws a proposal's learning outcomes from them
/// (`docs/methodology.md` §9.1).
public struct ESCOConcepts: Sendable, Hashable {
    /// One ESCO concept.
    public struct Concept: Sendable, Hashable {
        public var uri: String
        public var kind: ProposalOutcome.Kind
        public var reuseLevel: String
        public var label: String
        /// Code of the nearest group in `esco_skill_groups.csv` (`S8.1.0`, `T2`, `K0715`).
        public var group: String
        /// Steps below that group (1 = direct member).
        public var depth: Int

        public init(uri: String, kind: ProposalOutcome.Kind, reuseLevel: String, label: String, group: String, depth: Int) {
            self.uri = uri
            self.kind = kind
            self.reuseLevel = reuseLevel
            self.label = label
            self.group = group
            self.depth = depth
        }
    }

    public let concepts: [Concept]
    /// The concepts indexed by code, URI and label words (`ConceptIndex`), built once here.
    let index: ConceptIndex

    public init(_ concepts: [Concept]) {
        self.concepts = concepts
        self.index = ConceptIndex(concepts)
    }

    /// Equal when the concepts are: the index is derived from them.
    public static func == (a: ESCOConcepts, b: ESCOConcepts) -> Bool { a.concepts == b.concepts }
    public func hash(into hasher: inout Hasher) { hasher.combine(concepts) }

    /// File name in the taxonomy folder.
    public static let fileName = "esco_concepts.csv"

    /// Reads `directory/esco_concepts.csv` through libcsv, as the other taxonomy files are read.
    /// - Throws: `TaxonomyError` when the file is missing, lacks a column, or a row has an unknown type or depth.
    public static func load(directory: String) throws -> ESCOConcepts {
        let table = try TaxonomyTable.read(
            directory: directory, name: fileName,
            required: ["uri", "type", "reuse_level", "label", "group", "depth"])
        var concepts: [Concept] = []
        concepts.reserveCapacity(table.rows.count)
        for (line, fields) in table.rows {
            guard let kind = ProposalOutcome.Kind(rawValue: table.value(fields, "type")) else {
                throw TaxonomyError.badRow(file: table.file, line: line, message: "type must be `skill` or `knowledge`")
            }
            guard let depth = Int(table.value(fields, "depth")), depth >= 1 else {
                throw TaxonomyError.badRow(file: table.file, line: line, message: "depth must be a positive integer")
            }
            concepts.append(Concept(
                uri: table.value(fields, "uri"), kind: kind, reuseLevel: table.value(fields, "reuse_level"),
                label: table.value(fields, "label"), group: table.value(fields, "group"), depth: depth))
        }
        return ESCOConcepts(concepts)
    }

    // MARK: - The outcome rule

    /// Skill outcomes per skill code, and at most per proposal.
    public static let skillsPerCode = 2
    public static let maxSkillOutcomes = 4
    /// Knowledge outcomes per proposal.
    public static let knowledgeOutcomes = 2

    /// Words ignored when comparing labels: generic words of sector and skill labels.
    static let stopWords: Set<String> = [
        "activities", "also", "and", "except", "from", "into", "manufacture", "other", "products", "related",
        "service", "services", "similar", "support", "such", "their", "them", "these", "this", "those", "with",
        "work", "working",
    ]

    /// Lower-case words of four or more letters, minus stop words, compared on their first five letters.
    static func stems(_ text: String) -> Set<String> {
        var result = Set<String>()
        forEachStem(of: text) { result.insert($0) }
        return result
    }

    /// Calls `body` with each stem of `text` (see `stems`), a repeated word as often as it occurs. ASCII text is read
    /// byte by byte: for it, that gives the words `Character` lower-casing and splitting give.
    static func forEachStem(of text: String, _ body: (String) -> Void) {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) where word.count >= 4 {
                let w = String(word)
                if !stopWords.contains(w) { body(String(w.prefix(5))) }
            }
            return
        }
        var word: [UInt8] = []
        word.reserveCapacity(32)
        func endWord() {
            if word.count >= 4, !stopWords.contains(String(decoding: word, as: UTF8.self)) {
                body(String(decoding: word.prefix(5), as: UTF8.self))
            }
            word.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            default: endWord()
            }
        }
        endWord()
    }

    /// transversal 0, cross-sector 1, sector-specific 2, occupation-specific 3, unknown 4.
    static func reuseRank(_ level: String) -> Int {
        ["transversal", "cross-sector", "sector-specific", "occupation-specific"].firstIndex(of: level) ?? 4
    }

    /// Whether `group` is `code` or below it (`S8.1.0` is under `S8` and `S8.1`; `K0715` under `K07`).
    static func isUnder(_ group: String, _ code: String) -> Bool {
        if group == code { return true }
        if code.hasPrefix("K") { return group.hasPrefix(code) }
        return group.hasPrefix(code + ".")
    }

    /// Skill outcomes, per skill of the proposal in its order: the ESCO concept the survey's label matched (when it
    /// matched a concept rather than a group), then the concepts under the skill's code (under its parent group
    /// when the code has none) ranked against the English sector label and the survey's skill labels;
    /// `skillsPerCode` per skill, at most `maxSkillOutcomes`, no concept twice.
    public func skillOutcomes(skills: [SkillRef], sectorLabel: String) -> [ProposalOutcome] {
        let context = index.context([sectorLabel] + skills.map(\.label))
        var result: [ProposalOutcome] = []
        var seen = Set<String>()
        for skill in skills {
            guard var code = skill.code else { continue }
            let own = skill.uri.flatMap { uri in seen.contains(uri) ? nil : index.firstByURI[uri] }
            let ownURI = own.map { concepts[Int($0)].uri }
            var under: [Int32] = []
            while true {
                under = index.concepts(under: code).filter {
                    let uri = concepts[Int($0)].uri
                    return !seen.contains(uri) && uri != ownURI
                }
                guard under.isEmpty, let dot = code.lastIndex(of: ".") else { break }
                code = String(code[..<dot])
            }
            let ownFirst = own.map { [$0] } ?? []
            for i in ownFirst + index.best(Self.skillsPerCode - ownFirst.count, of: under, context: context) {
                guard result.count < Self.maxSkillOutcomes else { break }
                let c = concepts[Int(i)]
                seen.insert(c.uri)
                result.append(ProposalOutcome(kind: c.kind, uri: c.uri, label: c.label, reuseLevel: c.reuseLevel, source: code))
            }
        }
        return result
    }

    /// Knowledge outcomes: knowledge concepts under the ISCED-F detailed field (`0715`), else its narrow (`071`),
    /// else its broad field (`07`), ranked against the chosen skill labels and the sector label; concepts whose URI
    /// or label is in `excluded` (taken by proposals on other skill groups) are skipped.
    public func knowledgeOutcomes(iscedF: String, skillLabels: [String], sectorLabel: String,
                                  excluded: Set<String>) -> [ProposalOutcome] {
        let context = index.context([sectorLabel] + skillLabels)
        var result: [ProposalOutcome] = []
        var seen = excluded
        for length in [4, 3, 2] where iscedF.count >= length && result.count < Self.knowledgeOutcomes {
            // `K…` codes are under their prefixes: the concepts whose group starts with `field`.
            let field = "K" + iscedF.prefix(length)
            let under = index.concepts(under: field).filter {
                let c = concepts[Int($0)]
                return c.kind == .knowledge && !seen.contains(c.uri) && !seen.contains(c.label)
            }
            for i in index.best(Self.knowledgeOutcomes - result.count, of: under, context: context) {
                let c = concepts[Int(i)]
                seen.insert(c.uri)
                seen.insert(c.label)
                result.append(ProposalOutcome(kind: .knowledge, uri: c.uri, label: c.label, reuseLevel: c.reuseLevel, source: field))
            }
        }
        return result
    }
}
