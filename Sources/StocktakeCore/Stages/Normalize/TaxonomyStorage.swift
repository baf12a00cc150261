import Foundation
import StocktakeModel

/// One NACE Rev. 2 code.
struct SectorNode: Sendable {
    let code: String
    let level: SectorLevel
    let parent: String?
    let section: String
    let labelEN: String
    let labelDE: String
}

/// One ESCO skill group.
struct SkillGroup: Sendable {
    let code: String
    let uri: String
    let label: String
    let parent: String?
}

/// Which taxonomy an override applies to.
enum OverrideKind: String, Sendable {
    case sector, skill
}

/// A human decision from `overrides.csv`.
struct Override: Sendable {
    let code: String
    let who: String
    let why: String
}

/// A parsed sector code.
enum ParsedSectorCode: Equatable {
    /// A NACE Rev. 2 code (canonical, dotted), with a note on how it was read.
    case nace(String, note: String?)
    /// The whole economy.
    case total(String)
    /// Several sections kept together.
    case aggregate(String, sections: [String], label: String)
    /// Looks like a code but is not a valid one.
    case rejected(String)
}

/// The loaded tables and indexes, shared by all copies of a `Taxonomy`.
final class TaxonomyStorage: Sendable {
    static let noneCode = "NONE"

    let nodes: [String: SectorNode]
    let isic: [String: String]
    let wzSubclasses: Set<String>
    let rev21ToRev2: [String: [String]]
    let rev2ToRev21: [String: [String]]
    let sectorLabels: [String: [String: String]]
    let sectorIndex: NameIndex
    let skillGroups: [String: SkillGroup]
    let skillCodeByUpper: [String: String]
    let skillCodeByURI: [String: String]
    let skillLabelByURI: [String: String]
    let skillIndex: NameIndex
    let overrides: [String: Override]
    let overridesByText: [String: Override]

    init(
        nodes: [String: SectorNode], isic: [String: String], wzSubclasses: Set<String>,
        rev21ToRev2: [String: [String]], rev2ToRev21: [String: [String]], sectorLabels: [String: [String: String]],
        sectorIndex: NameIndex, skillGroups: [String: SkillGroup], skillLabelByURI: [String: String],
        skillIndex: NameIndex, overrides: [String: Override]
    ) {
        self.nodes = nodes
        self.isic = isic
        self.wzSubclasses = wzSubclasses
        self.rev21ToRev2 = rev21ToRev2
        self.rev2ToRev21 = rev2ToRev21
        self.sectorLabels = sectorLabels
        self.sectorIndex = sectorIndex
        self.skillGroups = skillGroups
        var upper: [String: String] = [:]
        var byURI: [String: String] = [:]
        for group in skillGroups.values {
            upper[group.code.uppercased()] = group.code
            byURI[group.uri] = group.code
        }
        self.skillCodeByUpper = upper
        self.skillCodeByURI = byURI
        self.skillLabelByURI = skillLabelByURI
        self.skillIndex = skillIndex
        self.overrides = overrides
        var byText: [String: (language: String, override: Override)] = [:]
        for (key, value) in overrides {
            let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false)
            let textKey = String(parts[0]) + "\u{1F}" + String(parts[2])
            if let existing = byText[textKey], existing.language <= String(parts[1]) { continue }
            byText[textKey] = (String(parts[1]), value)
        }
        self.overridesByText = byText.mapValues(\.override)
    }

    static func overrideKey(kind: OverrideKind, language: String?, text: String) -> String {
        kind.rawValue + "\u{1F}" + (language ?? "") + "\u{1F}" + TextFolding.exact(text)
    }

    /// The override for `text`: the one in `language`, else a language-neutral one, else (when the input's
    /// language is unknown) the one of the first language, in sorted order, that has this text.
    func override(kind: OverrideKind, text: String, language: String?) -> Override? {
        if let language, let hit = overrides[Self.overrideKey(kind: kind, language: language, text: text)] {
            return hit
        }
        if let hit = overrides[Self.overrideKey(kind: kind, language: nil, text: text)] { return hit }
        guard language == nil else { return nil }
        return overridesByText[kind.rawValue + "\u{1F}" + TextFolding.exact(text)]
    }

    // MARK: - Results

    func sectorMatch(_ parsed: ParsedSectorCode, input: String, method: MatchMethod, confidence: Double) -> SectorMatch {
        switch parsed {
        case .nace(let code, let note):
            guard let node = nodes[code] else { return .unmapped(input, note: "unknown code \(code)") }
            let key = node.level == .section
                ? SectorKey(section: node.section)
                : SectorKey(section: node.section, division: String(code.prefix(2)))
            return SectorMatch(
                input: input, code: code, level: node.level, label: node.labelEN, method: method,
                confidence: confidence, key: key, scope: .sector(key), note: join(note, rev21Note(code)))
        case .total(let code):
            return SectorMatch(
                input: input, code: code, level: .aggregate, label: "Total - all NACE activities", method: method,
                confidence: confidence, key: nil, scope: .total)
        case .aggregate(let code, let sections, let label):
            return SectorMatch(
                input: input, code: code, level: .aggregate, label: label, method: method, confidence: confidence,
                key: sections.count == 1 ? SectorKey(section: sections[0]) : nil,
                scope: .aggregate(code: code, sections: sections))
        case .rejected(let note):
            return .unmapped(input, note: note)
        }
    }

    func skillMatch(
        _ code: String, uri: String?, input: String, method: MatchMethod, confidence: Double, note: String?
    ) -> SkillMatch {
        let group = skillGroups[code]
        let conceptURI = uri ?? group?.uri
        let label = conceptURI.flatMap { skillLabelByURI[$0] } ?? group?.label ?? input
        // The cell's skill is the group, whichever of its concepts the label matched: two labels of one group
        // ("use spreadsheets software", "analyse big data" → S5.5.2) share one cell and one disclosure margin.
        let groupURI = group?.uri ?? conceptURI
        let groupLabel = groupURI.flatMap { skillLabelByURI[$0] } ?? group?.label ?? label
        let ref = SkillRef(code: code, uri: groupURI, label: groupLabel, group: Self.topSkillGroup(code))
        return SkillMatch(
            input: input, code: code, label: label, method: method, confidence: confidence, ref: ref, note: note)
    }

    /// Top-level group used to bundle skills: `S5.6.1` → `S5`, `T2` → `T2`, `K0613` → `K06`, `A1.2` → `A1`.
    static func topSkillGroup(_ code: String) -> String {
        if code.hasPrefix("K"), code.count >= 3 { return String(code.prefix(3)) }
        return String(code.split(separator: ".").first ?? Substring(code))
    }

    private func rev21Note(_ code: String) -> String? {
        guard let targets = rev2ToRev21[code], !targets.isEmpty else { return nil }
        let split = targets.count > 1
        let merged = targets.contains { (rev21ToRev2[$0]?.count ?? 0) > 1 }
        guard split || merged else { return nil }
        return "NACE Rev. 2.1 not one-to-one: \(code) → \(targets.joined(separator: ", "))"
    }
}
