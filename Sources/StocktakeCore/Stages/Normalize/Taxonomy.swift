import Foundation
import StocktakeModel

/// The sector (NACE Rev. 2) and skill (ESCO) taxonomy, loaded from `inputs/taxonomy/`, with the matchers that map
/// names and codes written in the BEM languages onto it.
///
/// A `Taxonomy` is an immutable value (its indexes are shared, never copied) and safe to use from any thread.
/// Matching tries, in order: override → code → label/alias → transliteration → fuzzy. A fuzzy match below
/// `threshold`, or one whose runner-up names a different section within `ambiguityMargin`, is not accepted:
/// the result has method `none`, code nil, and the best candidate for the review queue.
///
/// For example:
/// ```swift
/// let taxonomy = try Taxonomy.load(directory: "inputs/taxonomy")
/// taxonomy.matchSector("Građevinarstvo", language: "sr-Latn").code   // "F"
/// taxonomy.matchSector("ECO_ISIC4_C", language: nil).key            // SectorKey("C")
/// ```
///
/// ## Topics
/// - ``load(directory:threshold:)``
/// - ``matchSector(_:language:)``, ``matchSkill(_:language:)``
/// - ``label(for:language:)``, ``labourScope(forCode:)``, ``versions``
public struct Taxonomy: Sendable {
    /// Default minimum fuzzy similarity (0…1) for a match to be accepted.
    public static let defaultThreshold = 0.85
    /// Default margin: a runner-up in another branch scoring within this of the best sends the name to review.
    public static let defaultAmbiguityMargin = 0.05

    /// Confidence given to a name whose words equal a label's up to inflectional endings.
    static let endingsConfidence = 0.9
    /// Confidence given to a skill text that contains every word stem of a vocabulary name (`LightStemmer`).
    static let containmentConfidence = 0.86

    /// Minimum fuzzy similarity (0…1) for a match to be accepted; below it the name goes to review.
    public var threshold: Double
    /// Ambiguity margin in 0…1 (see the type's discussion).
    public var ambiguityMargin: Double
    /// Taxonomy versions to show in reports and run records, e.g. `["NACE Rev. 2", "ESCO v1.0.x"]`.
    public let versions: [String]

    let storage: TaxonomyStorage

    init(storage: TaxonomyStorage, versions: [String], threshold: Double, ambiguityMargin: Double) {
        self.storage = storage
        self.versions = versions
        self.threshold = threshold
        self.ambiguityMargin = ambiguityMargin
    }

    // MARK: - Sectors

    /// Maps a sector name or code to NACE Rev. 2.
    ///
    /// - Parameters:
    ///   - text: the name as written (any BEM language or script) or a code in any supported notation.
    ///   - language: the respondent's language tag (`sr-Latn`, `uk`...), used to break ties and pick the
    ///     transliteration scheme; nil when unknown.
    /// - Returns: the match; never throws, never guesses below the threshold.
    public func matchSector(_ text: String, language: String?) -> SectorMatch {
        let input = text
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .unmapped(input, note: "empty") }
        let lang = TextFolding.language(language)

        if let override = storage.override(kind: .sector, text: trimmed, language: lang) {
            if override.code == TaxonomyStorage.noneCode {
                return .unmapped(input, note: "override: \(override.why)", method: .override)
            }
            if let parsed = storage.parseSectorCode(override.code)?.code {
                var match = storage.sectorMatch(parsed, input: input, method: .override, confidence: 1)
                match.note = join("override: \(override.why)", match.note)
                return match
            }
        }

        if let parsed = storage.parseSectorCode(trimmed) {
            switch parsed.code {
            case .rejected(let note):
                return .unmapped(input, note: note)
            default:
                let match = storage.sectorMatch(parsed.code, input: input, method: .code, confidence: 1)
                if let labelPart = parsed.label, let key = match.key {
                    let byName = matchSectorName(labelPart, input: labelPart, language: lang)
                    if let other = byName.key, other.section != key.section {
                        return .unmapped(
                            input, note: "code \(match.code ?? "") and name '\(labelPart)' (\(other)) disagree",
                            candidate: MatchCandidate(code: match.code ?? "", confidence: 0.5))
                    }
                }
                return match
            }
        }
        return matchSectorName(trimmed, input: input, language: lang)
    }

    /// The name of a sector key (section or division) in a report language, falling back to English.
    ///
    /// - Parameter language: `de`, `nb`, `sr-Latn`, `sr-Cyrl`, `cnr`, `mk`, `uk`, `ka`, `hy` or `en`.
    public func label(for key: SectorKey, language: String) -> String {
        let code = key.division ?? key.section
        let lang = TextFolding.language(language) ?? "en"
        if let label = storage.sectorLabels[lang]?[code] ?? storage.sectorLabels[lang == "sr" ? "sr-Latn" : lang]?[code] {
            return label
        }
        return storage.nodes[code]?.labelEN ?? key.description
    }

    /// Where a labour series coded `code` sits: the total, one section/division, or an aggregate of sections.
    ///
    /// - Returns: nil when the code (or name) cannot be mapped.
    public func labourScope(forCode code: String) -> LabourScope? {
        matchSector(code, language: nil).scope
    }

    /// Number of NACE Rev. 2 codes loaded per level (21 sections, 88 divisions, 272 groups, 615 classes).
    public var sectorCodeCounts: [SectorLevel: Int] {
        var counts: [SectorLevel: Int] = [:]
        for node in storage.nodes.values { counts[node.level, default: 0] += 1 }
        return counts
    }

    /// Languages that have section and division labels.
    public var labelLanguages: [String] { storage.sectorLabels.keys.sorted() }

    // MARK: - Skills

    /// Maps a survey skill label to an ESCO skill group (S1–S8, K, T1–T6 and sub-groups, or via the transversal
    /// and ICT collections). An unmapped skill keeps its own label in `ref`, with code nil.
    public func matchSkill(_ text: String, language: String?) -> SkillMatch {
        let input = text
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lang = TextFolding.language(language)
        func unmapped(note: String?, candidate: MatchCandidate?, method: MatchMethod = .none) -> SkillMatch {
            SkillMatch(
                input: input, code: nil, label: trimmed, method: method, confidence: candidate?.confidence ?? 0,
                ref: SkillRef(code: nil, uri: nil, label: trimmed, group: nil), note: note, candidate: candidate)
        }
        guard !trimmed.isEmpty else { return unmapped(note: "empty", candidate: nil) }
        if let override = storage.override(kind: .skill, text: trimmed, language: lang) {
            if override.code == TaxonomyStorage.noneCode {
                return unmapped(note: "override: \(override.why)", candidate: nil, method: .override)
            }
            if let group = storage.skillGroups[override.code] {
                return storage.skillMatch(group.code, uri: nil, input: input, method: .override, confidence: 1,
                                          note: "override: \(override.why)")
            }
        }
        let upper = trimmed.uppercased()
        if let code = storage.skillCodeByUpper[upper] {
            return storage.skillMatch(code, uri: nil, input: input, method: .code, confidence: 1, note: nil)
        }
        if let code = storage.skillCodeByURI[trimmed] {
            return storage.skillMatch(code, uri: nil, input: input, method: .code, confidence: 1, note: nil)
        }
        let outcome = matchName(trimmed, language: lang, index: storage.skillIndex, kind: .skill) {
            storage.skillGroups[$0]?.parent
        }
        switch outcome {
        case .matched(let code, let method, let confidence, let note, let uri):
            return storage.skillMatch(code, uri: uri, input: input, method: method, confidence: confidence, note: note)
        case .unmatched(let note, let candidate):
            return unmapped(note: note, candidate: candidate)
        }
    }

    // MARK: - Private

    private func matchSectorName(_ text: String, input: String, language: String?) -> SectorMatch {
        let outcome = matchName(text, language: language, index: storage.sectorIndex, kind: .sector) {
            storage.nodes[$0]?.parent
        }
        switch outcome {
        case .matched(let code, let method, let confidence, let note, _):
            var match = storage.sectorMatch(.nace(code, note: nil), input: input, method: method, confidence: confidence)
            match.note = join(note, match.note)
            return match
        case .unmatched(let note, let candidate):
            return .unmapped(input, note: note, candidate: candidate)
        }
    }

    enum NameOutcome {
        case matched(code: String, method: MatchMethod, confidence: Double, note: String?, uri: String?)
        case unmatched(note: String?, candidate: MatchCandidate?)
    }

    /// Alias → transliteration → fuzzy against one index; when nothing matches, a text naming several sectors
    /// (`IT & Telecom`, `Poljoprivreda/ribarstvo`) maps to their common parent if every part maps on its own.
    /// For skills that parent is never a whole pillar (`S`, `K`, …) that none of the parts named: "sales and
    /// customer service" names two skill groups, not "skills" 
    func matchName(
        _ text: String, language: String?, index: NameIndex, kind: NameKind, parent: (String) -> String?
    ) -> NameOutcome {
        let whole = matchSingleName(text, language: language, index: index, parent: parent)
        guard case .unmatched = whole else { return whole }
        let parts = Self.parts(of: text)
        guard parts.count >= 2 else { return whole }
        var codes: [String] = []
        var weakest = MatchMethod.alias
        var confidence = 1.0
        for part in parts {
            guard case .matched(let code, let method, let partConfidence, _, _) =
                matchSingleName(part, language: language, index: index, parent: parent)
            else { return whole }
            codes.append(code)
            confidence = min(confidence, partConfidence)
            if Self.strength(method) < Self.strength(weakest) { weakest = method }
        }
        let unique = Array(Set(codes)).sorted()
        let common = lowestCommonAncestor(unique, parent: parent)
        let tooBroad = common.map { kind == .skill && Self.isPillarRoot($0) && !unique.contains($0) } ?? true
        guard let common, !tooBroad else {
            if case .unmatched(let note, let candidate) = whole {
                return .unmatched(note: join("names several \(kind == .skill ? "skill groups" : "sectors"): \(unique.joined(separator: ", "))", note), candidate: candidate)
            }
            return whole
        }
        return .matched(
            code: common, method: weakest, confidence: confidence,
            note: "several names (\(unique.joined(separator: ", "))) under \(common)", uri: nil)
    }

    /// Whether a skill code is a whole pillar (`S`, `K`, `T`, `A`, `L`): word stems shared by names in two pillar
    /// branches say nothing, so such a common parent is not a match.
    static func isPillarRoot(_ code: String) -> Bool { code.count == 1 }

    /// Words that join two sector names in the BEM languages.
    static let conjunctions: Set<String> = ["and", "und", "og", "i", "и", "та", "і", "й", "e", "y", "ու", "և", "და", "or"]

    /// Splits a text on `/ & + , ; |` and on conjunctions.
    static func parts(of text: String) -> [String] {
        var out: [String] = []
        for piece in text.components(separatedBy: CharacterSet(charactersIn: "/&+,;|")) {
            var current: [Substring] = []
            for word in piece.split(whereSeparator: \.isWhitespace) {
                if conjunctions.contains(word.lowercased()) {
                    if !current.isEmpty { out.append(current.joined(separator: " ")) }
                    current = []
                } else {
                    current.append(word)
                }
            }
            if !current.isEmpty { out.append(current.joined(separator: " ")) }
        }
        return out.filter { !TextFolding.exact($0).isEmpty }
    }

    private static func strength(_ method: MatchMethod) -> Int {
        switch method {
        case .override, .code: return 4
        case .alias: return 3
        case .transliteration: return 2
        case .fuzzy: return 1
        case .none: return 0
        }
    }

    private func matchSingleName(
        _ text: String, language: String?, index: NameIndex, parent: (String) -> String?
    ) -> NameOutcome {
        func outcome(_ hits: [Int], method: MatchMethod, confidence: Double) -> NameOutcome? {
            guard !hits.isEmpty else { return nil }
            let entries = hits.map { index.entries[$0] }
            switch resolve(entries, language: language, parent: parent) {
            case .code(let code, let note):
                let uri = Set(entries.map(\.code)).count == 1 ? entries.first?.uri : nil
                return .matched(code: code, method: method, confidence: confidence, note: note, uri: uri)
            case .ambiguous(let codes):
                return .unmatched(
                    note: "ambiguous: \(codes.joined(separator: ", "))",
                    candidate: codes.first.map { MatchCandidate(code: $0, confidence: confidence) })
            }
        }
        let exact = TextFolding.exact(text)
        guard !exact.isEmpty else { return .unmatched(note: "no letters or digits", candidate: nil) }
        if let hits = index.exact[exact], let result = outcome(hits, method: .alias, confidence: 1) {
            return result
        }
        let latinKeys = NameIndex.schemes(for: text, language: language).map {
            TextFolding.latinFromExact(exact, scheme: $0)
        }
        let latinHits = Array(Set(latinKeys.flatMap { index.latin[$0] ?? [] })).sorted()
        if let result = outcome(latinHits, method: .transliteration, confidence: 0.98) { return result }
        let coreHits = Array(Set(latinKeys.flatMap { key -> [Int] in
            let core = TextFolding.core(key)
            return core.isEmpty ? [] : index.core[core] ?? []
        })).sorted()
        let coreMethod: MatchMethod = latinKeys.contains(exact) ? .alias : .transliteration
        if let result = outcome(coreHits, method: coreMethod, confidence: 0.95) { return result }

        // Same words up to inflectional endings (Norwegian/Macedonian definite forms, Serbian cases, -ing...).
        let stemHits = Array(Set(latinKeys.flatMap { key -> [Int] in
            let core = TextFolding.core(key)
            return core.isEmpty ? [] : index.stemMatches(core)
        })).sorted()
        if !stemHits.isEmpty, Self.endingsConfidence >= threshold,
           case .matched(let code, _, _, let note, let uri)? = outcome(stemHits, method: .fuzzy, confidence: Self.endingsConfidence) {
            return .matched(
                code: code, method: .fuzzy, confidence: Self.endingsConfidence,
                note: join("same words up to endings", note), uri: uri)
        } else if !stemHits.isEmpty, let result = outcome(stemHits, method: .fuzzy, confidence: Self.endingsConfidence),
                  case .unmatched = result {
            return result
        }

        // Same word stems in any order, or every stem of a name within the text (skills: `LightStemmer`).
        if !index.stems.isEmpty, let result = matchStems(latinKeys, language: language, index: index, parent: parent, outcome: outcome) {
            return result
        }

        // Fuzzy.
        var best: [Int: Double] = [:]
        for key in Set(latinKeys) where key.unicodeScalars.count >= 4 {
            for hit in index.fuzzy.search(key) {
                best[hit.index] = max(best[hit.index] ?? 0, hit.score)
            }
        }
        let ranked = best.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard let top = ranked.first else { return .unmatched(note: "no similar name", candidate: nil) }
        let close = ranked.filter { $0.value >= top.value - ambiguityMargin }
        let entries = close.flatMap { index.fuzzyEntries($0.key) }.map { index.entries[$0] }
        let topCode = index.entries[index.fuzzyEntries(top.key)[0]].code
        let candidate = MatchCandidate(code: topCode, confidence: rounded(top.value))
        guard top.value >= threshold else {
            return .unmatched(note: "best similarity \(format(top.value)) below threshold \(format(threshold))", candidate: candidate)
        }
        switch resolve(entries, language: nil, parent: parent) {
        case .code(let code, let note):
            let uri = Set(entries.map(\.code)).count == 1 ? entries.first?.uri : nil
            return .matched(code: code, method: .fuzzy, confidence: rounded(top.value), note: note, uri: uri)
        case .ambiguous(let codes):
            return .unmatched(
                note: "ambiguous: \(codes.joined(separator: ", ")) within \(format(ambiguityMargin))",
                candidate: candidate)
        }
    }
}

func join(_ a: String?, _ b: String?) -> String? {
    switch (a, b) {
    case (nil, nil): return nil
    case (let x?, nil), (nil, let x?): return x
    case (let x?, let y?): return x + "; " + y
    }
}

/// Fixed three-decimal POSIX formatting.
func format(_ value: Double) -> String { DecimalText.fixed(value, decimals: 3, decimalSeparator: ".", groupingSeparator: "") }

/// Rounds to three decimals so results print and compare deterministically.
func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
