import StocktakeModel

/// Everything the report stage renders, built by the runner from the store; rendering is a pure function of it.
///
/// The run id and start time appear in exactly one line of each Markdown file (the provenance header), so two
/// runs on the same inputs give byte-identical CSVs and SVGs and Markdown that differs only in that line.
public struct ReportModel: Sendable, Hashable {
    public var run: ReportRunInfo
    /// Countries in report order (the pipeline definition's order).
    public var countries: [CountryReport]
    /// Sector labels by language code and sector key description (`C`, `C10`); English (`en`) is the fallback.
    public var sectorLabels: [String: [String: String]]
    /// Common micro-credentials for joint development, as the propose stage lists them
    /// (`ProposalBuilder.common`): section × skill group in the top N of two or more countries.
    public var commonProposals: [CommonProposal]
    /// Earlier runs to list in `index.md` (newest first); when empty the publisher lists the run directories found.
    public var previousRuns: [RunListing]

    public init(
        run: ReportRunInfo, countries: [CountryReport], sectorLabels: [String: [String: String]] = [:],
        commonProposals: [CommonProposal] = [], previousRuns: [RunListing] = []
    ) {
        self.run = run
        self.countries = countries
        self.sectorLabels = sectorLabels
        self.commonProposals = commonProposals
        self.previousRuns = previousRuns
    }

    /// The label of `sector` in `language`, falling back to English, then to the code itself.
    public func sectorLabel(_ sector: SectorKey, language: String) -> String {
        let key = sector.description
        if let label = sectorLabels[language]?[key], !label.isEmpty { return label }
        if let label = sectorLabels["en"]?[key], !label.isEmpty { return label }
        return key
    }
}

/// Facts about the run shown in every provenance header.
public struct ReportRunInfo: Sendable, Hashable {
    public var runID: String
    /// Start time as the caller formats it (ISO 8601 UTC recommended, `2026-11-29T08:00:00Z`); shown verbatim.
    public var startTime: String
    public var pipelineName: String
    /// Pipeline definition path as the user gave it (relative paths preferred).
    public var pipelinePath: String
    /// sha256 of the definition file, lower-case hex.
    public var definitionSHA256: String
    public var toolVersion: String
    /// Taxonomy versions, in display order (`NACE` → `Rev. 2`, `ESCO` → `v1.2.0`).
    public var taxonomyVersions: [ReportKeyValue]
    /// Scoring weights, in display order (`weight.survey` → `0.6`).
    public var weights: [ReportKeyValue]
    /// Thresholds, in display order (`min_respondents` → `5`).
    public var thresholds: [ReportKeyValue]
    /// `success`, `data_errors` or `partial` (an input could not be used; `unusableInputs` names them).
    public var status: RunStatus
    /// Inputs the run could not use, as `path (status)`.
    public var unusableInputs: [String]
    /// Whether published counts and means are perturbed (`scoring.perturbation`, docs/methodology.md §5.1): the
    /// reports say so and gaps.csv marks its rows (`perturbed`).
    public var perturbed = false

    public init(
        runID: String, startTime: String, pipelineName: String, pipelinePath: String, definitionSHA256: String,
        toolVersion: String, taxonomyVersions: [ReportKeyValue] = [], weights: [ReportKeyValue] = [],
        thresholds: [ReportKeyValue] = [], status: RunStatus = .success, unusableInputs: [String] = []
    ) {
        self.status = status
        self.unusableInputs = unusableInputs
        self.runID = runID
        self.startTime = startTime
        self.pipelineName = pipelineName
        self.pipelinePath = pipelinePath
        self.definitionSHA256 = definitionSHA256
        self.toolVersion = toolVersion
        self.taxonomyVersions = taxonomyVersions
        self.weights = weights
        self.thresholds = thresholds
    }
}

/// An ordered key/value pair; a value is either a number (formatted per language) or text (shown verbatim).
public struct ReportKeyValue: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case number(Double)
        case text(String)
    }

    public var key: String
    public var value: Value

    public init(_ key: String, _ value: Value) {
        self.key = key
        self.value = value
    }

    public init(_ key: String, number: Double) { self.init(key, .number(number)) }
    public init(_ key: String, text: String) { self.init(key, .text(text)) }
}

/// One country's section of the report.
public struct CountryReport: Sendable, Hashable {
    /// ISO 3166-1 alpha-2 (`UA`).
    public var code: String
    /// English name (`Ukraine`); shown verbatim.
    public var name: String
    /// Report languages, first = primary (`["uk", "en"]`). Empty means `["en"]`.
    public var languages: [String]
    public var inputs: [InputProvenance]
    /// Every rejected row of the country's inputs (sorted by the renderer: file, line, column, code).
    public var rejects: [ReportReject]
    public var unmapped: [UnmappedName]
    /// Unmapped survey names withheld from publication (each written by fewer than `withheldThreshold`
    /// respondents): how many names and rows. They are counted, never listed.
    public var withheldUnmappedNames = 0
    public var withheldUnmappedRows = 0
    public var withheldThreshold = 0
    public var mappingMethods: MappingMethodCounts
    public var sectorPressures: [SectorPressure]
    /// What the consistency checks found in the country's labour series.
    public var labourChecks: [LabourCheck] = []
    /// Distinct survey skill labels per matching method (ESCO), beside `mappingMethods` (sector names).
    public var skillMappingMethods = MappingMethodCounts()
    /// `scoring.growth_window_years`, for the text that explains the growth sub-indices.
    public var growthWindowYears = 5
    public var gaps: [GapScore]
    public var proposals: [Proposal]
    public var sensitivity: CountrySensitivity?
    /// Comparison with the previous successful run; nil when there is none.
    public var comparison: RunComparison?

    public init(
        code: String, name: String, languages: [String], inputs: [InputProvenance] = [],
        rejects: [ReportReject] = [], unmapped: [UnmappedName] = [],
        mappingMethods: MappingMethodCounts = MappingMethodCounts(), sectorPressures: [SectorPressure] = [],
        gaps: [GapScore] = [], proposals: [Proposal] = [], sensitivity: CountrySensitivity? = nil,
        comparison: RunComparison? = nil
    ) {
        self.code = code
        self.name = name
        self.languages = languages
        self.inputs = inputs
        self.rejects = rejects
        self.unmapped = unmapped
        self.mappingMethods = mappingMethods
        self.sectorPressures = sectorPressures
        self.gaps = gaps
        self.proposals = proposals
        self.sensitivity = sensitivity
        self.comparison = comparison
    }

    /// Report languages with the `en` default applied.
    public var reportLanguages: [String] { languages.isEmpty ? ["en"] : languages }
}

/// Where one input file came from and what ingest made of it.
public struct InputProvenance: Sendable, Hashable {
    /// Path relative to the pipeline definition.
    public var path: String
    public var sha256: String
    /// Size in bytes.
    public var size: Int
    /// `stocktake-survey`, `eurostat-tsv`...
    public var format: String
    /// Dialect as text (`, " utf-8`), shown verbatim.
    public var dialect: String
    public var encoding: String
    /// Source's last update (Eurostat `LAST UPDATE`), `YYYY-MM-DD` where known; formatted per language.
    public var lastUpdate: String?
    public var source: String?
    public var licence: String?
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var rowsRejected: Int
    /// Accepted rows that gave no record (missing values, breakdowns, ...): read = used + skipped + rejected.
    public var rowsSkipped: Int
    public var rowsUsed: Int { rowsAccepted - rowsSkipped }
    /// Rejected rows per error code.
    public var rejectsByCode: [ErrorCode: Int]

    public init(
        path: String, sha256: String, size: Int, format: String, dialect: String, encoding: String,
        lastUpdate: String? = nil, source: String? = nil, licence: String? = nil, rowsRead: Int, rowsAccepted: Int,
        rowsRejected: Int, rejectsByCode: [ErrorCode: Int] = [:], rowsSkipped: Int = 0
    ) {
        self.rowsSkipped = rowsSkipped
        self.path = path
        self.sha256 = sha256
        self.size = size
        self.format = format
        self.dialect = dialect
        self.encoding = encoding
        self.lastUpdate = lastUpdate
        self.source = source
        self.licence = licence
        self.rowsRead = rowsRead
        self.rowsAccepted = rowsAccepted
        self.rowsRejected = rowsRejected
        self.rejectsByCode = rejectsByCode
    }
}

/// One rejected row as reports show it (never the row's content).
public struct ReportReject: Sendable, Hashable, Comparable {
    /// Path relative to the pipeline definition.
    public var file: String
    public var line: Int
    /// 1-based field number, 0 = whole record.
    public var column: Int
    public var code: ErrorCode
    public var message: String

    public init(file: String, line: Int, column: Int, code: ErrorCode, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.code = code
        self.message = message
    }

    /// Builds a report row from an ingest `Reject`.
    public init(_ reject: Reject) {
        self.init(
            file: reject.location.file, line: reject.location.line, column: reject.location.column,
            code: reject.code, message: reject.message)
    }

    public static func < (lhs: ReportReject, rhs: ReportReject) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.code.rawValue, lhs.message)
            < (rhs.file, rhs.line, rhs.column, rhs.code.rawValue, rhs.message)
    }
}

/// A sector name the taxonomy could not map (the review queue).
public struct UnmappedName: Sendable, Hashable {
    /// The name as respondents wrote it.
    public var text: String
    /// How many survey rows carried it.
    public var count: Int
    /// Best fuzzy candidate below the threshold (`C10`), if any.
    public var bestCandidate: SectorKey?
    /// Its confidence 0...1.
    public var confidence: Double?

    public init(text: String, count: Int, bestCandidate: SectorKey? = nil, confidence: Double? = nil) {
        self.text = text
        self.count = count
        self.bestCandidate = bestCandidate
        self.confidence = confidence
    }
}

/// How many distinct names (sector names or skill labels) each matching method mapped.
public struct MappingMethodCounts: Sendable, Hashable {
    public var override: Int
    public var code: Int
    public var alias: Int
    public var transliteration: Int
    public var fuzzy: Int
    public var none: Int

    public init(override: Int = 0, code: Int = 0, alias: Int = 0, transliteration: Int = 0, fuzzy: Int = 0, none: Int = 0) {
        self.override = override
        self.code = code
        self.alias = alias
        self.transliteration = transliteration
        self.fuzzy = fuzzy
        self.none = none
    }

    /// One count per name, by the method that mapped it.
    public init(methods: [MatchMethod]) {
        self.init()
        for method in methods {
            switch method {
            case .override: override += 1
            case .code: code += 1
            case .alias: alias += 1
            case .transliteration: transliteration += 1
            case .fuzzy: fuzzy += 1
            case .none: none += 1
            }
        }
    }

    /// (method name, count) in the fixed matching order.
    public var ordered: [(String, Int)] {
        [("override", override), ("code", code), ("alias", alias), ("transliteration", transliteration),
         ("fuzzy", fuzzy), ("none", none)]
    }
}

/// What changed since the previous successful run of the same pipeline.
public struct RunComparison: Sendable, Hashable {
    public var previousRunID: String
    /// Ids of proposals present now and not then.
    public var newProposals: [String]
    /// Ids of proposals present then and not now.
    public var droppedProposals: [String]
    public var rankMoves: [RankMove]
    public var changedInputs: [ChangedInput]

    public init(
        previousRunID: String, newProposals: [String] = [], droppedProposals: [String] = [],
        rankMoves: [RankMove] = [], changedInputs: [ChangedInput] = []
    ) {
        self.previousRunID = previousRunID
        self.newProposals = newProposals
        self.droppedProposals = droppedProposals
        self.rankMoves = rankMoves
        self.changedInputs = changedInputs
    }

    /// Whether nothing changed.
    public var isEmpty: Bool {
        newProposals.isEmpty && droppedProposals.isEmpty && rankMoves.isEmpty && changedInputs.isEmpty
    }
}

/// A proposal whose rank changed between two runs.
public struct RankMove: Sendable, Hashable {
    public var proposalID: String
    public var oldRank: Int
    public var newRank: Int

    public init(proposalID: String, oldRank: Int, newRank: Int) {
        self.proposalID = proposalID
        self.oldRank = oldRank
        self.newRank = newRank
    }
}

/// An input whose content (sha256) differs from the previous run; `oldSHA256` nil = new input, `newSHA256` nil =
/// input removed.
public struct ChangedInput: Sendable, Hashable {
    public var path: String
    public var oldSHA256: String?
    public var newSHA256: String?

    public init(path: String, oldSHA256: String?, newSHA256: String?) {
        self.path = path
        self.oldSHA256 = oldSHA256
        self.newSHA256 = newSHA256
    }
}

/// One run listed in `index.md`.
public struct RunListing: Sendable, Hashable {
    public var runID: String
    public var startTime: String
    public var status: RunStatus
    /// Whether the run has a report folder of its own (failed, cancelled, abandoned and unchanged runs do not).
    public var published: Bool

    public init(runID: String, startTime: String, status: RunStatus = .success, published: Bool? = nil) {
        self.published = published ?? status.isPublished
        self.runID = runID
        self.startTime = startTime
        self.status = status
    }
}

/// How reports are written.
public struct ReportOptions: Sendable, Hashable {
    public enum CSVVariant: String, Sendable, Hashable, Codable, CaseIterable {
        /// RFC 4180: comma, `.` decimal point, CRLF, UTF-8 without BOM.
        case standard
        /// Excel in comma-decimal locales: UTF-8 BOM, `;` delimiter, decimal comma, CRLF.
        case excel
    }

    public var csvVariant: CSVVariant
    /// Gaps shown in the tables and the bar chart.
    public var topGaps: Int
    /// Language of `summary.md` (further languages get `summary.<lang>.md`) and of `index.md`.
    public var summaryLanguage: String

    public init(csvVariant: CSVVariant = .standard, topGaps: Int = 10, summaryLanguage: String = "en") {
        self.csvVariant = csvVariant
        self.topGaps = topGaps
        self.summaryLanguage = summaryLanguage
    }
}
