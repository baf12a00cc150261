import StocktakeModel

/// The data dictionary of the run's tables: per CSV file, per column, its name, type, unit and meaning.
///
/// The one source of what the tables hold: the CSV headers (`ReportCSV`), the workbook's number formats and its
/// `dictionary` sheet (`ReportWorkbook`), `datapackage.json` (`ReportDataPackage`) and the column tables of
/// docs/report-columns.md (regenerated from it by `ReportColumnsTests`) all read it.
public enum ReportColumns {
    /// One table (CSV file, workbook sheet, data package resource).
    public struct Table: Sendable, Hashable {
        /// File name in the run folder, e.g. `gaps.csv`.
        public var file: String
        /// What one row is, e.g. "one row per country × sector × skill".
        public var grain: String
        public var columns: [ReportColumn]

        /// The name without `.csv`: the workbook sheet and the data package resource.
        public var name: String { String(file.dropLast(".csv".count)) }
        public var header: [String] { columns.map(\.name) }
    }

    /// Every table, in the order of docs/report-columns.md.
    public static let tables: [Table] = [gaps, proposals, units, sectors, labourChecks, rejects, unmapped]

    /// The field value every table writes for "no value" (missing, or suppressed when `flags` has `C`).
    public static let missingValues = [""]

    /// A description without its Markdown marks (backticks, `**`), for the workbook.
    static func plainText(_ markdown: String) -> String {
        markdown.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")
    }

    /// The flag that marks a suppressed cell (`CellFlag.suppressed`): the text the workbook shows in its place.
    public static let suppressedFlag = CellFlag.suppressed.rawValue

    // MARK: - gaps.csv

    public static let gaps = Table(file: "gaps.csv", grain: "one row per country × sector × skill", columns: [
        ReportColumn("country", .text, unit: "ISO 3166-1 alpha-2", "Country."),
        ReportColumn("sector_code", .text, unit: "NACE Rev. 2", "Section (`F`) or division (`C10`)."),
        ReportColumn("sector_label", .text, "English NACE label."),
        ReportColumn("skill_code", .text, unit: "ESCO", "ESCO skills-pillar code; empty when the label matched nothing."),
        ReportColumn("skill_uri", .text, unit: "URI", "ESCO concept URI; empty when unmapped."),
        ReportColumn("skill_label", .text, "ESCO preferred label, or the survey's own label when unmapped. An unmapped label that no published (unsuppressed) cell of the country carries reads `withheld` (it is respondents' free text, written by fewer than `min_cell_size` respondents in every sector), unless `report.free_text: true`; it is counted with the withheld names."),
        ReportColumn("skill_group", .text, unit: "ESCO", "Top-level group (`S6`, `T2`, `K`)."),
        ReportColumn("n", .integer, unit: "respondents", "Distinct respondents behind the cell (a respondent who answered several labels of one cell counts once, with the mean of their answers: docs/methodology.md §1); **empty when suppressed**.", suppressible: true),
        ReportColumn("mwds", .decimal(4), unit: "−6.25…20", "Borich mean weighted discrepancy score Ī·d̄ (with importance and proficiency in 1…5 it cannot leave this range; the interval is clipped to it).", suppressible: true),
        ReportColumn("mwds_low", .decimal(4), unit: "−6.25…20", "Lower bound of the 95 % interval of `mwds`.", suppressible: true),
        ReportColumn("mwds_high", .decimal(4), unit: "−6.25…20", "Upper bound of the 95 % interval of `mwds`.", suppressible: true),
        ReportColumn("hard_to_fill_share", .share(4), unit: "share 0…1", "Share of respondents reporting hard-to-fill vacancies.", suppressible: true),
        ReportColumn("demand_change", .decimal(4), unit: "−2…+2", "Mean expected demand change.", suppressible: true),
        ReportColumn("labour_pressure", .decimal(4), unit: "z-score", "Sector labour pressure (see sectors.csv); empty when there is no labour data."),
        ReportColumn("labour_coverage", .integer, unit: "0…5", "Labour sub-indices available (k of 5)."),
        ReportColumn("gap_score", .decimal(2), unit: "0…100", "Gap score (docs/methodology.md).", suppressible: true),
        ReportColumn("gap_score_low", .decimal(2), unit: "0…100", "Lower bound of the 95 % interval of the gap score.", suppressible: true),
        ReportColumn("gap_score_high", .decimal(2), unit: "0…100", "Upper bound of the 95 % interval of the gap score.", suppressible: true),
        ReportColumn("rank", .integer, unit: "1…", "Rank of the published cells within the country by gap score, highest first (ties by sector code, then skill); empty when suppressed.", suppressible: true),
        ReportColumn("flags", .text, "Space-separated, sorted: `C` suppressed, `f` fragile rank, `r` rolled up to the parent sector, `s` source flag on labour data, `u` low reliability. A suppressed row keeps `r` and `s` only (methodology §5)."),
        ReportColumn("rolled_up_divisions", .list, "For a published section row with `r`: the divisions merged into it (the section's own answers are always included), e.g. `C10|C11`, so n can be recomputed from the survey rows (the true n: the published one is perturbed when `perturbed` is `yes`); empty otherwise and when suppressed."),
        ReportColumn("perturbed", .yesNo, "`yes` when n and the survey values (`mwds…`, `hard_to_fill_share`, `demand_change`, and the gap score and rank built on them) are perturbed by the cell key method (`scoring.perturbation`, on by default: n is within ±2 of the true count, the same for the same respondents in every release; docs/methodology.md §5.1); `no` when the run had the perturbation off; empty when suppressed. The unperturbed values stay in the local store."),
    ])

    // MARK: - proposals.csv

    public static let proposals = Table(file: "proposals.csv", grain: "one row per micro-credential proposal", columns: [
        ReportColumn("country", .text, unit: "ISO 3166-1 alpha-2", "Country of the proposal."),
        ReportColumn("rank", .integer, unit: "1…", "Priority rank in the country (1 = first)."),
        ReportColumn("proposal_id", .text, "Stable id `<CC>-<sector>-<skill group>`."),
        ReportColumn("priority", .decimal(2), unit: "0…100", "Priority (docs/methodology.md §8)."),
        ReportColumn("sector_code", .text, unit: "NACE Rev. 2", "NACE Rev. 2 code."),
        ReportColumn("sector_label", .text, "English NACE label."),
        ReportColumn("skill_group", .text, unit: "ESCO", "ESCO top-level skill group shared by the skills."),
        ReportColumn("skill_codes", .list, unit: "ESCO", "ESCO group codes of the 1–3 surveyed skills."),
        ReportColumn("skill_uris", .list, unit: "URI", "ESCO URIs of the surveyed skills (groups)."),
        ReportColumn("skill_labels", .lines, "Labels of the surveyed skills."),
        ReportColumn("learner_identification", .text, "Always `assigned-at-award` (an element of the issued credential, left out of proposals.jsonld)."),
        ReportColumn("title", .text, "English title (skill labels and sector); the reports render the title from the string tables."),
        ReportColumn("issuer_country", .text, unit: "ISO 3166-1 alpha-2", "Country of the issuer."),
        ReportColumn("awarding_body", .text, "Partner from the pipeline YAML; empty when none is named (reports and the export write \"to be designated by <country>\")."),
        ReportColumn("date_of_issuing", .text, "Always `assigned-at-award` (credential only, left out of proposals.jsonld)."),
        ReportColumn("learning_outcomes_knowledge", .lines, "ESCO preferred labels (English) of the knowledge outcomes (docs/methodology.md §9.1)."),
        ReportColumn("learning_outcomes_knowledge_uris", .list, unit: "URI", "Their ESCO URIs, in the same order."),
        ReportColumn("learning_outcomes_skills", .lines, "ESCO preferred labels (English) of the skill outcomes."),
        ReportColumn("learning_outcomes_skills_uris", .list, unit: "URI", "Their ESCO URIs, in the same order."),
        ReportColumn("learning_outcomes_autonomy", .text, "The EQF level's responsibility-and-autonomy descriptor (2017 Recommendation, Annex II), English."),
        ReportColumn("ects_credits", .decimal(1), unit: "ECTS credits", "ECTS credits."),
        ReportColumn("ecvet_points", .decimal(1), unit: "ECVET points", "ECVET points (60 = one year of full-time VET)."),
        ReportColumn("hours", .integer, unit: "hours", "Hours of learning."),
        ReportColumn("volume_of_learning", .text, unit: "ISO 8601 duration", "Volume of learning (`PT50H`)."),
        ReportColumn("eqf_level", .integer, unit: "1…8", "EQF level."),
        ReportColumn("nqf_level", .text, "National level as the QDR list names it (`NQFS Level 4`); docs/methodology.md §9.4."),
        ReportColumn("assessment_type", .text, "Code: `practical-on-site` (manual and machine skills), `practical-and-test`, or the pipeline's `assessment_type` text."),
        ReportColumn("participation_form", .text, "`online`, `blended` or `on-site`."),
        ReportColumn("quality_assurance", .text, "Code: `internal-eqavet` or the pipeline's text."),
        ReportColumn("prerequisites", .text, "Code: `basic-literacy`, `lower-secondary`, `vet-eqf4`."),
        ReportColumn("supervision_identity_verification", .text, "Code: `on-site-id-check`, `online-id-check`."),
        ReportColumn("grade", .text, "Code: `pass-fail` or the pipeline's text (the scale only; a grade belongs to an issued credential)."),
        ReportColumn("stackability", .text, "Code: `stackable-vet`, `stand-alone`."),
        ReportColumn("further_information", .text, "Code: `bem-stocktake`."),
        ReportColumn("isced_f", .text, unit: "ISCED-F 2013", "4-digit ISCED-F field code (text: keeps its leading zero); docs/methodology.md §9.2."),
        ReportColumn("target_groups", .list, "`unemployed`, `low-skilled`, `displaced-returnees`, `refugees`, `rural`, `adults`, `youth`."),
        ReportColumn("uses", .list, "`initial-vet`, `upskilling`, `reskilling`, `validation` (docs/methodology.md §9.5)."),
        ReportColumn("learning_settings", .list, "`school`, `workplace`, `higher-education`."),
        ReportColumn("n", .integer, unit: "respondents", "Distinct respondents behind the top skill's cell."),
        ReportColumn("mwds", .decimal(4), unit: "−6.25…20", "Borich MWDS of the top skill."),
        ReportColumn("gap_score", .decimal(2), unit: "0…100", "Gap score of the top skill's cell."),
        ReportColumn("gap_score_low", .decimal(2), unit: "0…100", "Lower bound of its 95 % interval."),
        ReportColumn("gap_score_high", .decimal(2), unit: "0…100", "Upper bound of its 95 % interval."),
        ReportColumn("labour_pressure", .decimal(4), unit: "z-score", "Sector labour pressure; empty when there is no labour data."),
        ReportColumn("labour_coverage", .integer, unit: "0…5", "Labour sub-indices available (k of 5)."),
        ReportColumn("flags", .text, "As in gaps.csv."),
        ReportColumn("provision_exists", .yesNo, "`yes` / `no`; empty when no provision file was given."),
        ReportColumn("common_with", .list, unit: "ISO 3166-1 alpha-2", "Other countries whose top `common_top_n` published cells contain the proposal's NACE section × skill group (methodology §8.5), whether or not the proposal's own cell is in its country's top N."),
        ReportColumn("priority_sector", .yesNo, "`yes` when the sector is a priority sector of the country."),
        ReportColumn("participation_basis", .text, "Why the form of participation: `practice-required`, `survey-preference`, `no-preference`."),
        ReportColumn("survey_mode", .text, "The employers' modal preferred mode (empty when nobody answered)."),
        ReportColumn("eqf_basis", .text, "Why the EQF level: `skill-group` (set in `eqf_levels`) or `default`."),
        ReportColumn("target_groups_basis", .text, "`survey` (groups above `target_group_min_share`) or `default` (`default_target_groups`)."),
    ])

    // MARK: - units.csv

    public static let units = Table(
        file: "units.csv", grain: "one row per statement of an ECVET unit of learning outcomes (one unit per proposal)",
        columns: [
            ReportColumn("proposal_id", .text, "The proposal the unit describes."),
            ReportColumn("unit_title", .text, "Unit title (the proposal's English title)."),
            ReportColumn("country", .text, unit: "ISO 3166-1 alpha-2", "Country."),
            ReportColumn("sector_code", .text, unit: "NACE Rev. 2", "NACE Rev. 2 code."),
            ReportColumn("sector_label", .text, "English NACE label."),
            ReportColumn("eqf_level", .integer, unit: "1…8", "EQF level."),
            ReportColumn("nqf_level", .text, "National level as the QDR list names it."),
            ReportColumn("ecvet_points", .decimal(1), unit: "ECVET points", "ECVET points of the unit."),
            ReportColumn("ects_credits", .decimal(1), unit: "ECTS credits", "ECTS credits of the unit."),
            ReportColumn("statement_id", .text, "`<proposal id>/K1`, `/S1`, `/C1`: the statement's id within the unit."),
            ReportColumn("statement_type", .text, "`knowledge`, `skill` or `competence` (ECVET's three columns; competence = responsibility and autonomy)."),
            ReportColumn("statement", .text, "The statement: an ESCO preferred label (English) or the EQF descriptor."),
            ReportColumn("esco_uri", .text, unit: "URI", "The ESCO concept of a knowledge or skill statement; empty for competence."),
            ReportColumn("assessment", .text, "Assessment code, as in proposals.csv."),
            ReportColumn("language", .text, unit: "ISO 639-1", "Language of the statements (`en`: ESCO's shared labels are English)."),
        ])

    // MARK: - sectors.csv

    public static let sectors = Table(
        file: "sectors.csv", grain: "one row per country × sector with labour data",
        columns: [
            ReportColumn("country", .text, unit: "ISO 3166-1 alpha-2", "Country."),
            ReportColumn("sector_code", .text, unit: "NACE Rev. 2", "NACE Rev. 2 code."),
            ReportColumn("sector_label", .text, "English NACE label."),
            ReportColumn("pressure", .decimal(4), unit: "z-score", "Weighted combination of the available standardized sub-indices; empty when coverage is 0."),
            ReportColumn("coverage", .integer, unit: "0…5", "Sub-indices with data."),
            ReportColumn("employment_share", .share(4), unit: "share 0…1", "Sector share of country employment."),
        ]
        + LabourIndicator.allCases.map {
            ReportColumn("z_" + $0.rawValue, .decimal(4), unit: "z-score", "The \($0.rawValue) sub-index standardized within the country (positive = shortage side\($0 == .unemployment ? "; unemployment reversed" : ""))." )
        }
        + LabourIndicator.allCases.map {
            ReportColumn("raw_" + $0.rawValue, .decimal(4), "Raw \($0.rawValue) sub-index value (sector minus economy-wide value).")
        }
        + [ReportColumn("source_flags", .text, "Source quality flags met in the observations (space-separated, for example `e p u`).")]
        + LabourIndicator.allCases.map {
            ReportColumn("periods_" + $0.rawValue, .text, "The periods the \($0.rawValue) sub-index used: the growth window `2019–2024` (docs/methodology.md §3), or the period of a rate (`2024`); `2018 (TOTAL 2024)` when the sector's differs from the economy-wide series'. Empty when the sub-index is unavailable.")
        })

    // MARK: - labour_checks.csv

    public static let labourChecks = Table(
        file: "labour_checks.csv", grain: "one row per finding of the labour-data consistency checks",
        columns: [
            ReportColumn("country", .text, unit: "ISO 3166-1 alpha-2", "Country."),
            ReportColumn("indicator", .text, "`employment`, `vacancies`, `unemployment`, `wages` or `hours`."),
            ReportColumn("check", .text, "`sections-exceed-total`, `unclassified-share`, `incomplete-breakdown`, `stale-series` or `gap-in-years`."),
            ReportColumn("scopes", .text, unit: "NACE Rev. 2", "The series concerned, space-separated: `TOTAL` and NACE codes."),
            ReportColumn("periods", .text, "Space-separated: the periods left out, the missing periods, or the latest year of a stale series."),
            ReportColumn("observed", .decimal(4), "Σ sections / total as a share (`sections-exceed-total`, `unclassified-share`); sections listed (`incomplete-breakdown`); years behind (`stale-series`); empty for `gap-in-years`."),
            ReportColumn("expected", .decimal(4), "What `observed` was compared with: 1.02 (the tolerance bound), the series' median share or number of sections, the other countries' median latest year."),
            ReportColumn("action", .text, "`periods-left-out` (for every scope of the country × indicator), `series-left-out` (the country's series of the indicator), or `flagged` (shown, used)."),
            ReportColumn("sources", .text, "The source notes of the series (`ILOSTAT une_tune_sex_eco_nb (Gapminder DDF)`), `; `-separated."),
        ])

    // MARK: - rejects.csv

    public static let rejects = Table(file: "rejects.csv", grain: "one row per rejected row or file", columns: [
        ReportColumn("country", .text, unit: "ISO 3166-1 alpha-2", "Country whose input it is."),
        ReportColumn("file", .text, "Path relative to the pipeline definition."),
        ReportColumn("line", .integer, unit: "1…", "1-based physical line where the record starts (the header is line 1)."),
        ReportColumn("column", .integer, unit: "0…", "1-based field number; `0` = the whole record."),
        ReportColumn("code", .text, "Error code (`type-error`, `constraint-error`, …; see docs/input-formats.md)."),
        ReportColumn("message", .text, "What is wrong and how to fix it."),
    ])

    // MARK: - unmapped.csv

    public static let unmapped = Table(file: "unmapped.csv", grain: "the sector review queue", columns: [
        ReportColumn("country", .text, unit: "ISO 3166-1 alpha-2", "Country."),
        ReportColumn("text", .text, "The sector name as respondents wrote it."),
        ReportColumn("count", .integer, unit: "survey rows", "Survey rows carrying it."),
        ReportColumn("best_candidate", .text, unit: "NACE Rev. 2", "Best fuzzy candidate below the threshold, if any."),
        ReportColumn("confidence", .decimal(4), unit: "0…1", "Its confidence."),
    ])
}

/// One column of a report table (`ReportColumns`).
public struct ReportColumn: Sendable, Hashable {
    /// What a column's fields hold.
    public enum Kind: Sendable, Hashable {
        /// Free text.
        case text
        /// Codes or enumerations separated by `|`.
        case list
        /// Text items separated by LF inside one field.
        case lines
        case integer
        /// A decimal number written with this many decimals.
        case decimal(Int)
        /// A share 0…1 written with this many decimals (a percentage in the workbook).
        case share(Int)
        /// `yes` or `no`.
        case yesNo

        /// The decimals a number column is written with; nil for other kinds.
        public var decimals: Int? {
            switch self {
            case .decimal(let d), .share(let d): d
            case .integer: 0
            default: nil
            }
        }

        /// The type as docs/report-columns.md spells it.
        public var documented: String {
            switch self {
            case .text: "text"
            case .list: "list|"
            case .lines: "lines"
            case .integer: "int"
            case .decimal(let d), .share(let d): "decimal(\(d))"
            case .yesNo: "yes/no"
            }
        }

        /// The Table Schema type (`string`, `integer`, `number`, `boolean`).
        public var tableSchemaType: String {
            switch self {
            case .text, .list, .lines: "string"
            case .integer: "integer"
            case .decimal, .share: "number"
            case .yesNo: "boolean"
            }
        }
    }

    public var name: String
    public var kind: Kind
    /// Unit or range (`z-score`, `0…100`, `ISO 3166-1 alpha-2`); empty when there is none.
    public var unit: String
    /// The meaning, in Markdown (as printed in docs/report-columns.md).
    public var description: String
    /// Empty in a row whose `flags` contain `C` (a suppressed cell's value); the workbook shows the flag there.
    public var isSuppressible: Bool

    init(_ name: String, _ kind: Kind, unit: String = "", _ description: String, suppressible: Bool = false) {
        self.name = name
        self.kind = kind
        self.unit = unit
        self.description = description
        self.isSuppressible = suppressible
    }
}
