import StocktakeModel

/// One input file of a pipeline, decoded from an entry of `inputs:` in the pipeline YAML (snake_case keys).
///
/// Every key but `path` is optional; the defaults are documented in `docs/input-formats.md`:
/// `kind` survey, `format` auto, the dialect of the format (comma, `"`, decimal point, UTF-8, header on line 1).
public struct InputSpec: Sendable, Hashable, Codable {
    /// Path as written in the YAML; the loader resolves it against the YAML file's folder before ingest.
    public var path: String
    public var kind: InputKind
    public var format: InputFormat
    /// ISO alpha-2 code of the country this file belongs to; overrides the country block's code.
    public var country: String?
    public var dialect: InputDialect
    /// Labour indicator of every value in the file, when the file's codes do not say it.
    public var indicator: LabourIndicator?
    /// Human note on where the file comes from (shown in reports).
    public var source: String?
    /// Licence of the data (shown in reports).
    public var licence: String?
    /// How a wide survey export (LimeSurvey, Kobo, any one-row-per-respondent CSV) maps onto survey records.
    public var mapping: SurveyMapping?

    public init(
        path: String, kind: InputKind = .survey, format: InputFormat = .auto, country: String? = nil,
        dialect: InputDialect = InputDialect(), indicator: LabourIndicator? = nil, source: String? = nil,
        licence: String? = nil, mapping: SurveyMapping? = nil
    ) {
        self.path = path
        self.kind = kind
        self.format = format
        self.country = country
        self.dialect = dialect
        self.indicator = indicator
        self.source = source
        self.licence = licence
        self.mapping = mapping
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case path, kind, format, country, dialect, indicator, source, licence, mapping
    }

    /// Keys an input entry may have; the definition loader warns about any other key.
    public static let knownKeys: Set<String> = Set(CodingKeys.allCases.map(\.rawValue))

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        kind = try c.decodeIfPresent(InputKind.self, forKey: .kind) ?? .survey
        format = try c.decodeIfPresent(InputFormat.self, forKey: .format) ?? .auto
        country = try c.decodeIfPresent(String.self, forKey: .country)
        dialect = try c.decodeIfPresent(InputDialect.self, forKey: .dialect) ?? InputDialect()
        indicator = try c.decodeIfPresent(LabourIndicator.self, forKey: .indicator)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        licence = try c.decodeIfPresent(String.self, forKey: .licence)
        mapping = try c.decodeIfPresent(SurveyMapping.self, forKey: .mapping)
    }
}

/// What a file holds.
public enum InputKind: String, Sendable, Hashable, Codable, CaseIterable {
    case survey
    case labour
}

/// The file layouts `stocktake` reads (see `docs/input-formats.md`).
public enum InputFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Native survey: one row per respondent × skill.
    case stocktakeSurvey = "stocktake-survey"
    /// Native labour statistics: one row per country × sector × indicator × period.
    case stocktakeLabour = "stocktake-labour"
    /// Eurostat SDMX-CSV (1.0 and 2.0; codes, labels or both).
    case eurostatSDMX = "eurostat-sdmx"
    /// Eurostat TSV bulk download (`freq,unit,nace_r2,geo\TIME_PERIOD` then one column per period).
    case eurostatTSV = "eurostat-tsv"
    /// ILOSTAT bulk CSV, code or label columns.
    case ilostat
    /// Gapminder DDF datapoints of ILOSTAT (`ref_area,sex,classif1,time,<indicator>`, lower-case codes).
    case ddf
    /// LimeSurvey response export (one row per respondent), needs `mapping:`.
    case limesurvey
    /// KoboToolbox / ODK export (one row per submission), needs `mapping:`.
    case kobo
    /// Detect from the header.
    case auto
}

/// How the bytes of a file are written. Every key is optional; a missing key takes the format's default.
public struct InputDialect: Sendable, Hashable, Codable {
    /// Field delimiter: `,` `;` `|` or `tab` (also `\t`). Default: the format's (comma; tab for Eurostat TSV).
    public var delimiter: String?
    /// Quote character. Default `"`.
    public var quote: String?
    /// Decimal separator, `.` or `,`. Default `.`.
    public var decimal: String?
    /// Thousands separator in numbers: `,` `.` `'` space (also NBSP and U+202F), or empty for none. Default none
    /// (but spaces, NBSP and U+202F between digits are always accepted).
    public var thousands: String?
    /// `utf-8` (default), `windows-1250`, `windows-1251`, `windows-1252`.
    public var encoding: TextEncoding?
    /// 1-based line of the header row. Default 1 (lines before it are skipped and not counted as rows).
    public var headerRow: Int?
    /// Extra tokens meaning "no value" in labour value cells, added to the built-in `:`, `..`, `-`, empty.
    public var missing: [String]?

    public init(
        delimiter: String? = nil, quote: String? = nil, decimal: String? = nil, thousands: String? = nil,
        encoding: TextEncoding? = nil, headerRow: Int? = nil, missing: [String]? = nil
    ) {
        self.delimiter = delimiter
        self.quote = quote
        self.decimal = decimal
        self.thousands = thousands
        self.encoding = encoding
        self.headerRow = headerRow
        self.missing = missing
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case delimiter, quote, decimal, thousands, encoding
        case headerRow = "header_row"
        case missing
    }

    /// Keys a `dialect:` object may have.
    public static let knownKeys: Set<String> = Set(CodingKeys.allCases.map(\.rawValue))

    /// The delimiter byte, or nil when unset or not a single byte.
    public var delimiterByte: UInt8? {
        guard let delimiter else { return nil }
        switch delimiter {
        case "tab", "\\t", "\t": return 9
        default:
            let bytes = Array(delimiter.utf8)
            return bytes.count == 1 ? bytes[0] : nil
        }
    }

    /// The quote byte (default `"`).
    public var quoteByte: UInt8 {
        guard let quote, quote.utf8.count == 1 else { return UInt8(ascii: "\"") }
        return quote.utf8.first!
    }

    /// The decimal separator byte (default `.`).
    public var decimalByte: UInt8 { decimal == "," ? UInt8(ascii: ",") : UInt8(ascii: ".") }
}

/// Maps a wide survey export (one row per respondent, one column per question or sub-question) onto survey
/// records: one record per respondent × skill block.
///
/// Columns are named by their header as exported. A name also matches a LimeSurvey "code. question text"
/// header by its code (`IMP[SQ001]` matches `IMP[SQ001]. Importance [Welding]`) and a Kobo group path by its last
/// segment (`importance_welding` matches `skills/importance_welding`).
///
/// For example:
/// ```yaml
/// mapping:
///   respondent_id: id
///   sector: Q1
///   organisation_type: Q2
///   organisation_type_values: { A1: employer, A2: vet-provider }
///   scale_values: { A1: 1, A2: 2, A3: 3, A4: 4, A5: 5 }
///   skills:
///     - { skill: Welding, importance: "IMP[SQ001]", proficiency: "PROF[SQ001]", hard_to_fill: "HTF[SQ001]" }
///   target_group_columns: { unemployed: "TG[unemp]", youth: "TG[youth]" }
/// ```
public struct SurveyMapping: Sendable, Hashable, Codable {
    /// Column with the respondent (response) id. Default `id`.
    public var respondentID: String
    /// Column with the country (code or name); omit when the input entry or country block gives it.
    public var country: String?
    /// Column with the sector as written.
    public var sector: String?
    /// Fixed sector for every row, when the survey has no sector question (e.g. one survey per sector).
    public var sectorValue: String?
    /// Column with the organisation type.
    public var organisationType: String?
    /// Answer code → organisation type (`employer`, `vet-provider`, ...). Unmapped answers are kept as written.
    public var organisationTypeValues: [String: String]?
    /// Fixed organisation type for every row.
    public var organisationTypeValue: String?
    /// One block per skill.
    public var skills: [SkillColumns]
    /// Answer code → 1...5 for importance and proficiency. Default: the integer as written.
    public var scaleValues: [String: Int]?
    /// Answer code → importance, when it differs from `scale_values`.
    public var importanceValues: [String: Int]?
    /// Answer code → proficiency, when it differs from `scale_values`.
    public var proficiencyValues: [String: Int]?
    /// Answer code → yes/no for hard-to-fill. Default: `Y`/`yes`/`1`/`true` and `N`/`no`/`0`/`false`. The key
    /// `""` gives the value of an empty cell in an answered skill block (a `Y`/blank tick column: `{"": false}`).
    public var hardToFillValues: [String: Bool]?
    /// Answer code → −2...+2 for demand change. Default: the integer as written.
    public var demandChangeValues: [String: Int]?
    /// Column with the preferred learning mode (one answer).
    public var learningMode: String?
    /// Answer code → learning mode (`online`, `blended`, `on-site`).
    public var learningModeValues: [String: LearningMode]?
    /// One checkbox column per learning mode (LimeSurvey `Y`/empty, Kobo `1`/`0`); the first ticked one wins in
    /// the order online, blended, on-site.
    public var learningModeColumns: [String: String]?
    /// Column with the target groups as one list (Kobo select_multiple: space-separated; or `|`, `,`, `;`).
    public var targetGroups: String?
    /// Answer code → target group.
    public var targetGroupValues: [String: TargetGroup]?
    /// One checkbox column per target group (key: target group, value: column).
    public var targetGroupColumns: [String: String]?
    /// Cell values meaning "ticked" in checkbox columns. Default `Y`, `1`, `yes`, `true`, `x`.
    public var selectedValues: [String]?
    /// A column that is empty in an incomplete response (LimeSurvey: `submitdate`): such rows are accepted and
    /// skipped (`incomplete-response`).
    public var requireColumn: String?
    /// Skill item → ESCO skill group, keyed by the item's `importance` column as written in `skills:`
    /// (`IMP[SQ001]: S5.1`) or by its `skill` label; a block's own `esco:` wins.
    public var skillCodes: [String: String]?

    public init(
        respondentID: String = "id", country: String? = nil, sector: String? = nil, sectorValue: String? = nil,
        organisationType: String? = nil, organisationTypeValues: [String: String]? = nil,
        organisationTypeValue: String? = nil, skills: [SkillColumns] = [], scaleValues: [String: Int]? = nil,
        importanceValues: [String: Int]? = nil, proficiencyValues: [String: Int]? = nil,
        hardToFillValues: [String: Bool]? = nil, demandChangeValues: [String: Int]? = nil,
        learningMode: String? = nil, learningModeValues: [String: LearningMode]? = nil,
        learningModeColumns: [String: String]? = nil, targetGroups: String? = nil,
        targetGroupValues: [String: TargetGroup]? = nil, targetGroupColumns: [String: String]? = nil,
        selectedValues: [String]? = nil, requireColumn: String? = nil, skillCodes: [String: String]? = nil
    ) {
        self.respondentID = respondentID
        self.country = country
        self.sector = sector
        self.sectorValue = sectorValue
        self.organisationType = organisationType
        self.organisationTypeValues = organisationTypeValues
        self.organisationTypeValue = organisationTypeValue
        self.skills = skills
        self.scaleValues = scaleValues
        self.importanceValues = importanceValues
        self.proficiencyValues = proficiencyValues
        self.hardToFillValues = hardToFillValues
        self.demandChangeValues = demandChangeValues
        self.learningMode = learningMode
        self.learningModeValues = learningModeValues
        self.learningModeColumns = learningModeColumns
        self.targetGroups = targetGroups
        self.targetGroupValues = targetGroupValues
        self.targetGroupColumns = targetGroupColumns
        self.selectedValues = selectedValues
        self.requireColumn = requireColumn
        self.skillCodes = skillCodes
    }

    /// The ESCO code the mapping names for a skill block (`esco:`, else `skill_codes` by importance column or
    /// label), nil when it names none.
    public func escoCode(for block: SkillColumns) -> String? {
        func clean(_ code: String?) -> String? {
            guard let trimmed = code?.trimmedCell, !trimmed.isEmpty else { return nil }
            return String(trimmed)
        }
        return clean(block.esco) ?? clean(skillCodes?[block.importance]) ?? clean(skillCodes?[block.skill])
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case respondentID = "respondent_id"
        case country, sector
        case sectorValue = "sector_value"
        case organisationType = "organisation_type"
        case organisationTypeValues = "organisation_type_values"
        case organisationTypeValue = "organisation_type_value"
        case skills
        case scaleValues = "scale_values"
        case importanceValues = "importance_values"
        case proficiencyValues = "proficiency_values"
        case hardToFillValues = "hard_to_fill_values"
        case demandChangeValues = "demand_change_values"
        case learningMode = "learning_mode"
        case learningModeValues = "learning_mode_values"
        case learningModeColumns = "learning_mode_columns"
        case targetGroups = "target_groups"
        case targetGroupValues = "target_group_values"
        case targetGroupColumns = "target_group_columns"
        case selectedValues = "selected_values"
        case requireColumn = "require_column"
        case skillCodes = "skill_codes"
    }

    /// Keys a `mapping:` object may have.
    public static let knownKeys: Set<String> = Set(CodingKeys.allCases.map(\.rawValue))

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        respondentID = try c.decodeIfPresent(String.self, forKey: .respondentID) ?? "id"
        country = try c.decodeIfPresent(String.self, forKey: .country)
        sector = try c.decodeIfPresent(String.self, forKey: .sector)
        sectorValue = try c.decodeIfPresent(String.self, forKey: .sectorValue)
        organisationType = try c.decodeIfPresent(String.self, forKey: .organisationType)
        organisationTypeValues = try c.decodeIfPresent([String: String].self, forKey: .organisationTypeValues)
        organisationTypeValue = try c.decodeIfPresent(String.self, forKey: .organisationTypeValue)
        skills = try c.decodeIfPresent([SkillColumns].self, forKey: .skills) ?? []
        scaleValues = try c.decodeIfPresent([String: Int].self, forKey: .scaleValues)
        importanceValues = try c.decodeIfPresent([String: Int].self, forKey: .importanceValues)
        proficiencyValues = try c.decodeIfPresent([String: Int].self, forKey: .proficiencyValues)
        hardToFillValues = try c.decodeIfPresent([String: Bool].self, forKey: .hardToFillValues)
        demandChangeValues = try c.decodeIfPresent([String: Int].self, forKey: .demandChangeValues)
        learningMode = try c.decodeIfPresent(String.self, forKey: .learningMode)
        learningModeValues = try c.decodeIfPresent([String: LearningMode].self, forKey: .learningModeValues)
        learningModeColumns = try c.decodeIfPresent([String: String].self, forKey: .learningModeColumns)
        targetGroups = try c.decodeIfPresent(String.self, forKey: .targetGroups)
        targetGroupValues = try c.decodeIfPresent([String: TargetGroup].self, forKey: .targetGroupValues)
        targetGroupColumns = try c.decodeIfPresent([String: String].self, forKey: .targetGroupColumns)
        selectedValues = try c.decodeIfPresent([String].self, forKey: .selectedValues)
        requireColumn = try c.decodeIfPresent(String.self, forKey: .requireColumn)
        skillCodes = try c.decodeIfPresent([String: String].self, forKey: .skillCodes)
    }
}

/// The columns of one skill in a wide survey export.
public struct SkillColumns: Sendable, Hashable, Codable {
    /// Skill label as the questionnaire names it (English usually); normalized later.
    public var skill: String
    /// Column with the importance answer (required per answered skill).
    public var importance: String
    /// Column with the workforce-proficiency answer (required per answered skill).
    public var proficiency: String
    /// Column with the hard-to-fill answer.
    public var hardToFill: String?
    /// Column with the expected demand change.
    public var demandChange: String?
    /// The ESCO skill group this item asks about (`S5.1`, `T2`, `K06`): its answers are recorded under the code, which
    /// the normalize stage maps by method `code`, without matching the label's text.
    public var esco: String?

    public init(
        skill: String, importance: String, proficiency: String, hardToFill: String? = nil, demandChange: String? = nil,
        esco: String? = nil
    ) {
        self.skill = skill
        self.importance = importance
        self.proficiency = proficiency
        self.hardToFill = hardToFill
        self.demandChange = demandChange
        self.esco = esco
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case skill, importance, proficiency, esco
        case hardToFill = "hard_to_fill"
        case demandChange = "demand_change"
    }

    /// Keys a skill block may have.
    public static let knownKeys: Set<String> = Set(CodingKeys.allCases.map(\.rawValue))
}
