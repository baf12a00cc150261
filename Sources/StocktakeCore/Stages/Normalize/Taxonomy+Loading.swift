import Foundation
import StocktakeModel

extension Taxonomy {
    /// Files a taxonomy directory holds (all CSV, UTF-8, comma, header row).
    public static let fileNames = [
        "nace_rev2.csv", "sector_aliases.csv", "isic_rev4.csv", "wz2008_subclasses.csv", "nace_rev2_to_rev21.csv",
        "esco_skill_groups.csv", "esco_skill_labels.csv", "skill_aliases.csv", "skill_vocabulary.csv", "overrides.csv",
        "versions.csv", "esco_concepts.csv",
    ]

    /// Loads the taxonomy files in `directory` (see `docs/taxonomy.md`) and builds the matching indexes.
    ///
    /// - Parameters:
    ///   - directory: path of the taxonomy folder (`inputs/taxonomy`).
    ///   - threshold: minimum fuzzy similarity in 0…1 for a match to be accepted.
    /// - Throws: `TaxonomyError` when a file is missing, lacks a column, or an override names an unknown code.
    public static func load(directory: String, threshold: Double = defaultThreshold) throws -> Taxonomy {
        try load(directory: directory, threshold: threshold, skills: loadSkills(directory: directory, threshold: threshold))
    }

    /// `load(directory:threshold:)` with the skill half already loaded by `loadSkills` (from the same directory and
    /// threshold): only the sector tables and indexes are built.
    public static func load(directory: String, threshold: Double = defaultThreshold, skills: Taxonomy) throws -> Taxonomy {
        // NACE Rev. 2 hierarchy.
        let nace = try TaxonomyTable.read(
            directory: directory, name: "nace_rev2.csv",
            required: ["code", "level", "parent", "section", "label_en", "label_de"])
        var nodes: [String: SectorNode] = [:]
        var names: [(text: String, entry: NameEntry)] = []
        var labels: [String: [String: String]] = [:]
        for (line, fields) in nace.rows {
            let code = nace.value(fields, "code")
            guard let level = SectorLevel(rawValue: nace.value(fields, "level")), level != .aggregate else {
                throw TaxonomyError.badRow(file: nace.file, line: line, message: "unknown level")
            }
            let parent = nace.value(fields, "parent")
            let node = SectorNode(
                code: code, level: level, parent: parent.isEmpty ? nil : parent, section: nace.value(fields, "section"),
                labelEN: nace.value(fields, "label_en"), labelDE: nace.value(fields, "label_de"))
            nodes[code] = node
            names.append((node.labelEN, NameEntry(code: code, language: "en", uri: nil)))
            names.append((node.labelDE, NameEntry(code: code, language: "de", uri: nil)))
            if level == .section || level == .division {
                labels["en", default: [:]][code] = node.labelEN
                labels["de", default: [:]][code] = node.labelDE
            }
        }

        // Labels and aliases in the BEM languages.
        let aliases = try TaxonomyTable.read(
            directory: directory, name: "sector_aliases.csv", required: ["code", "language", "text", "kind"])
        for (line, fields) in aliases.rows {
            let code = aliases.value(fields, "code")
            guard nodes[code] != nil else {
                throw TaxonomyError.badRow(file: aliases.file, line: line, message: "unknown NACE code `\(code)`")
            }
            let language = TextFolding.language(aliases.value(fields, "language"))
            let text = aliases.value(fields, "text")
            names.append((text, NameEntry(code: code, language: language, uri: nil)))
            if aliases.value(fields, "kind") == "label", let language, labels[language]?[code] == nil {
                labels[language, default: [:]][code] = text
            }
        }

        // ISIC Rev. 4, WZ 2008 subclasses, NACE Rev. 2 → 2.1.
        let isicTable = try TaxonomyTable.read(directory: directory, name: "isic_rev4.csv", required: ["code", "label_en"])
        var isic: [String: String] = [:]
        for (_, fields) in isicTable.rows { isic[isicTable.value(fields, "code")] = isicTable.value(fields, "label_en") }
        let wz = try TaxonomyTable.read(directory: directory, name: "wz2008_subclasses.csv", required: ["code"])
        let wzSubclasses = Set(wz.rows.map { wz.value($0.fields, "code") })
        let corr = try TaxonomyTable.read(
            directory: directory, name: "nace_rev2_to_rev21.csv", required: ["nace_rev2", "nace_rev21"])
        var toRev2: [String: [String]] = [:]
        var toRev21: [String: [String]] = [:]
        for (_, fields) in corr.rows {
            let rev2 = corr.value(fields, "nace_rev2")
            let rev21 = corr.value(fields, "nace_rev21")
            if !(toRev2[rev21]?.contains(rev2) ?? false) { toRev2[rev21, default: []].append(rev2) }
            if !(toRev21[rev2]?.contains(rev21) ?? false) { toRev21[rev2, default: []].append(rev21) }
        }

        // Partial storage to validate override codes against.
        let sectorIndex = NameIndex(names)
        let skillTables = skills.storage
        func storage(_ overrides: [String: Override]) -> TaxonomyStorage {
            TaxonomyStorage(
                nodes: nodes, isic: isic, wzSubclasses: wzSubclasses, rev21ToRev2: toRev2, rev2ToRev21: toRev21,
                sectorLabels: labels, sectorIndex: sectorIndex, skillGroups: skillTables.skillGroups,
                skillLabelByURI: skillTables.skillLabelByURI, skillIndex: skillTables.skillIndex, overrides: overrides)
        }
        let base = storage([:])
        let overrides = try loadOverrides(directory: directory, validatingWith: base)

        return Taxonomy(
            storage: storage(overrides), versions: try reportedVersions(directory: directory), threshold: threshold,
            ambiguityMargin: defaultAmbiguityMargin)
    }

    /// The skill half of the taxonomy in `directory`: ESCO skill groups, labels, the skill aliases and the skill
    /// overrides, and the skill index; its sector tables are empty. `matchSkill` answers as the whole taxonomy's
    /// does (it reads nothing else), so a run can resolve skill labels before the sector indexes are built.
    /// - Throws: `TaxonomyError` when a skill file or `overrides.csv` is missing, lacks a column, or names an
    ///   unknown skill group.
    public static func loadSkills(directory: String, threshold: Double = defaultThreshold) throws -> Taxonomy {
        // ESCO skill groups and labels.
        let groupTable = try TaxonomyTable.read(
            directory: directory, name: "esco_skill_groups.csv", required: ["code", "uri", "label", "parent"])
        var groups: [String: SkillGroup] = [:]
        var skillNames: [(text: String, entry: NameEntry)] = []
        var skillLabelByURI: [String: String] = [:]
        for (_, fields) in groupTable.rows {
            let parent = groupTable.value(fields, "parent")
            let group = SkillGroup(
                code: groupTable.value(fields, "code"), uri: groupTable.value(fields, "uri"),
                label: groupTable.value(fields, "label"), parent: parent.isEmpty ? nil : parent)
            groups[group.code] = group
            skillLabelByURI[group.uri] = group.label
            skillNames.append((group.label, NameEntry(code: group.code, language: "en", uri: group.uri)))
        }
        let skillLabels = try TaxonomyTable.read(
            directory: directory, name: "esco_skill_labels.csv", required: ["code", "uri", "text", "kind"])
        for (line, fields) in skillLabels.rows {
            let code = skillLabels.value(fields, "code")
            guard groups[code] != nil else {
                throw TaxonomyError.badRow(file: skillLabels.file, line: line, message: "unknown ESCO group `\(code)`: write an ESCO skill group code (`S5`, `S5.6.1`, `T2`, `K06`), or `NONE` for a label that maps to nothing")
            }
            let uri = skillLabels.value(fields, "uri")
            let text = skillLabels.value(fields, "text")
            let kind = skillLabels.value(fields, "kind")
            if kind.hasSuffix("-skill") || kind == "group-label" { skillLabelByURI[uri] = text }
            skillNames.append((text, NameEntry(code: code, language: "en", uri: uri)))
        }

        // Everyday survey forms of skills (project-maintained).
        let skillAliases = try TaxonomyTable.read(
            directory: directory, name: "skill_aliases.csv", required: ["code", "language", "text"])
        for (line, fields) in skillAliases.rows {
            let code = skillAliases.value(fields, "code")
            guard let group = groups[code] else {
                throw TaxonomyError.badRow(file: skillAliases.file, line: line, message: "unknown ESCO group `\(code)`")
            }
            let language = TextFolding.language(skillAliases.value(fields, "language"))
            skillNames.append((skillAliases.value(fields, "text"), NameEntry(code: code, language: language, uri: group.uri)))
        }

        // Skill labels and everyday forms in the BEM languages (project-authored, `scripts/skill_vocabulary.py`).
        let vocabulary = try TaxonomyTable.read(
            directory: directory, name: "skill_vocabulary.csv", required: ["code", "language", "text", "kind"])
        for (line, fields) in vocabulary.rows {
            let code = vocabulary.value(fields, "code")
            guard let group = groups[code] else {
                throw TaxonomyError.badRow(file: vocabulary.file, line: line, message: "unknown ESCO group `\(code)`")
            }
            guard let language = TextFolding.language(vocabulary.value(fields, "language")) else {
                throw TaxonomyError.badRow(file: vocabulary.file, line: line, message: "empty language: write a tag such as `de`, `sr-Latn` or `hy`")
            }
            skillNames.append((vocabulary.value(fields, "text"), NameEntry(code: code, language: language, uri: group.uri)))
        }

        let skillIndex = NameIndex(skillNames, stems: true)
        func storage(_ overrides: [String: Override]) -> TaxonomyStorage {
            TaxonomyStorage(
                nodes: [:], isic: [:], wzSubclasses: [], rev21ToRev2: [:], rev2ToRev21: [:], sectorLabels: [:],
                sectorIndex: NameIndex([]), skillGroups: groups, skillLabelByURI: skillLabelByURI, skillIndex: skillIndex,
                overrides: overrides)
        }
        let overrides = try loadOverrides(directory: directory, validatingWith: storage([:]), kinds: [.skill])
        return Taxonomy(
            storage: storage(overrides), versions: try reportedVersions(directory: directory), threshold: threshold,
            ambiguityMargin: defaultAmbiguityMargin)
    }

    /// The versions `load` would give (`versions.csv` alone, without building the indexes): the run record names
    /// them before the taxonomy has finished loading.
    /// - Throws: `TaxonomyError` when the file is missing or lacks the `label` column.
    public static func reportedVersions(directory: String) throws -> [String] {
        let table = try TaxonomyTable.read(directory: directory, name: "versions.csv", required: ["label"])
        return table.rows.filter { table.value($0.fields, "reported") != "no" }.map { table.value($0.fields, "label") }
    }

    // MARK: - Private

    /// The overrides of `kinds` (rows of other kinds are skipped, unchecked).
    private static func loadOverrides(directory: String, validatingWith base: TaxonomyStorage,
                                      kinds: Set<OverrideKind> = [.sector, .skill]) throws -> [String: Override] {
        let table = try TaxonomyTable.read(
            directory: directory, name: "overrides.csv", required: ["text", "language", "kind", "code", "who", "why"])
        var overrides: [String: Override] = [:]
        for (line, fields) in table.rows {
            let code = table.value(fields, "code")
            // A row without a code is a pending review-queue entry: ignored until someone decides.
            if code.isEmpty { continue }
            guard let kind = OverrideKind(rawValue: table.value(fields, "kind").lowercased()) else {
                throw TaxonomyError.badRow(file: table.file, line: line, message: "kind must be `sector` or `skill`")
            }
            if !kinds.contains(kind) { continue }
            let text = table.value(fields, "text")
            guard !TextFolding.exact(text).isEmpty else {
                throw TaxonomyError.badRow(file: table.file, line: line, message: "empty text")
            }
            let normalizedCode: String
            if code.uppercased() == TaxonomyStorage.noneCode {
                normalizedCode = TaxonomyStorage.noneCode
            } else if kind == .sector {
                guard let parsed = base.parseSectorCode(code), parsed.label == nil else {
                    throw TaxonomyError.badRow(file: table.file, line: line, message: "unknown sector code `\(code)`: write a NACE Rev. 2 section (`C`) or division (`C10`), or `NONE` for a name that maps to nothing")
                }
                if case .rejected(let why) = parsed.code {
                    throw TaxonomyError.badRow(file: table.file, line: line, message: why)
                }
                normalizedCode = code
            } else {
                guard let group = base.skillCodeByUpper[code.uppercased()] else {
                    throw TaxonomyError.badRow(file: table.file, line: line, message: "unknown ESCO group `\(code)`")
                }
                normalizedCode = group
            }
            let language = TextFolding.language(table.value(fields, "language"))
            let key = TaxonomyStorage.overrideKey(kind: kind, language: language, text: text)
            overrides[key] = Override(code: normalizedCode, who: table.value(fields, "who"), why: table.value(fields, "why"))
        }
        return overrides
    }
}
