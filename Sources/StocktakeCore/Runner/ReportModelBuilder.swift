import Foundation
import StocktakeModel

/// Builds the report stage's `ReportModel` from what a run produced. Pure: everything arrives as arguments.
enum ReportModelBuilder {
    struct Inputs {
        var loaded: LoadedPipeline
        var runID: String
        var startedAt: Date
        var taxonomy: Taxonomy
        var files: [InputFileRow]
        var rejects: [Reject]
        var evidence: NormalizedEvidence
        var scores: ScoreResult
        var proposals: [Proposal]
        var common: [CommonProposal]
        var previous: StoredRun?
        /// The run's status (`RunResult.runStatus`) and the inputs it could not use.
        var status = RunStatus.success
        var unusableInputs: [String] = []
        var runs: [RunListing]
    }

    static func build(_ inputs: Inputs) -> ReportModel {
        let definition = inputs.loaded.definition
        let sensitivity = ProposalBuilder.markFragile(inputs.scores.sensitivity, proposals: inputs.proposals)
        var countries: [CountryReport] = []
        for country in definition.countries {
            let code = country.code
            let files = inputs.files.filter { $0.country == code || $0.country == nil }
            let paths = Set(files.map(\.path))
            let mappings = inputs.evidence.mappings.filter { $0.country == code }
            // Distinct names per method (issue 4: "how many names each method mapped"); skill labels too (issue 17).
            let methods = MappingMethodCounts(methods: mappings.filter { $0.kind == .sector }.map(\.method))
            // Free text the score stage withheld (`FreeTextDisclosure`) is counted, not listed. A set: with
            // 100,000 distinct unmapped names an array lookup per name was quadratic (issue 11).
            let withheld = inputs.scores.withheld.filter { $0.country == code }
            let withheldSet = Set(withheld)
            let unmapped = inputs.evidence.mappings
                .filter { $0.country == code && $0.code == nil && $0.kind != .skill && !withheldSet.contains($0) }
                .map { row in
                    UnmappedName(text: row.text, count: row.rows,
                                 bestCandidate: row.candidate.flatMap { inputs.taxonomy.matchSector($0, language: nil).key },
                                 confidence: row.candidate == nil ? nil : row.confidence)
                }
                .sorted { ($1.count, $0.text) < ($0.count, $1.text) }
            let gaps = inputs.scores.gaps.filter { $0.country == code }
            let proposals = inputs.proposals.filter { $0.country == code }
            var comparison: RunComparison?
            if let previous = inputs.previous {
                comparison = RunComparison(
                    previousRunID: previous.runID,
                    previousProposals: Dictionary(previous.proposals.filter { $0.country == code }.map { ($0.id, $0.rank) },
                                                  uniquingKeysWith: min),
                    currentProposals: Dictionary(proposals.map { ($0.id, $0.rank) }, uniquingKeysWith: min),
                    previousInputs: previous.inputs.filter { paths.contains($0.key) },
                    currentInputs: Dictionary(files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a }))
            }
            var report = CountryReport(
                code: code, name: country.name, languages: country.languages,
                inputs: files.map(provenance),
                rejects: inputs.rejects.filter { paths.contains($0.location.file) }.map(ReportReject.init),
                unmapped: unmapped, mappingMethods: methods,
                sectorPressures: inputs.scores.pressures.filter { $0.country == code },
                gaps: gaps,
                proposals: proposals,
                sensitivity: sensitivity.first { $0.country == code },
                comparison: comparison)
            report.labourChecks = inputs.scores.labourChecks.filter { $0.country == code }
            report.skillMappingMethods = MappingMethodCounts(methods: mappings.filter { $0.kind == .skill }.map(\.method))
            report.growthWindowYears = inputs.loaded.scoring.growthWindowYears
            report.withheldUnmappedNames = withheld.count
            report.withheldUnmappedRows = withheld.reduce(0) { $0 + $1.rows }
            report.withheldThreshold = inputs.loaded.scoring.minCellSize
            countries.append(report)
        }
        return ReportModel(
            run: runInfo(inputs), countries: countries, sectorLabels: sectorLabels(inputs),
            commonProposals: inputs.common, previousRuns: inputs.runs)
    }

    static func provenance(_ file: InputFileRow) -> InputProvenance {
        InputProvenance(
            path: file.path, sha256: file.sha256, size: file.sizeBytes, format: file.format.rawValue,
            dialect: "delimiter \(file.delimiter)", encoding: file.encoding.rawValue, lastUpdate: file.lastUpdate,
            source: file.source ?? "", licence: file.licence ?? "", rowsRead: file.rowsRead,
            rowsAccepted: file.rowsAccepted, rowsRejected: file.rowsRejected,
            rejectsByCode: file.rejectsByCode, rowsSkipped: file.rowsSkipped)
    }

    static func runInfo(_ inputs: Inputs) -> ReportRunInfo {
        let scoring = inputs.loaded.scoring
        let definition = inputs.loaded.definition
        var weights: [ReportKeyValue] = [
            ReportKeyValue("weight.survey", number: scoring.weights.survey),
            ReportKeyValue("weight.hard_to_fill", number: scoring.weights.hardToFill),
            ReportKeyValue("weight.demand_change", number: scoring.weights.demandChange),
            ReportKeyValue("weight.labour", number: scoring.weights.labour),
        ]
        for indicator in LabourIndicator.allCases {
            weights.append(ReportKeyValue("labour.\(indicator.rawValue)", number: scoring.labourWeights.weight(for: indicator)))
        }
        let thresholds = [
            ReportKeyValue("min_cell_size", number: Double(scoring.minCellSize)),
            ReportKeyValue("reliability_threshold", number: Double(scoring.reliabilityThreshold)),
            ReportKeyValue("confidence_level", number: scoring.confidenceLevel),
            ReportKeyValue("top_n", number: Double(scoring.topN)),
            ReportKeyValue("growth_window_years", number: Double(scoring.growthWindowYears)),
            ReportKeyValue("max_reject_ratio", number: definition.maxRejectRatio),
            ReportKeyValue("taxonomy_match_threshold", number: inputs.taxonomy.threshold),
            ReportKeyValue("perturbation", text: inputs.loaded.perturbationKey.map {
                $0.isDemo ? "cell key ±2, demo key (public)" : "cell key ±2, secret key file"
            } ?? "off"),
        ]
        var info = ReportRunInfo(
            runID: inputs.runID, startTime: Timestamp.iso8601(inputs.startedAt), pipelineName: definition.name,
            pipelinePath: URL(fileURLWithPath: definition.file).lastPathComponent,
            definitionSHA256: inputs.loaded.sha256, toolVersion: StocktakeVersion.current,
            taxonomyVersions: inputs.taxonomy.versions.map { version in
                let parts = version.split(separator: " ", maxSplits: 1).map(String.init)
                return ReportKeyValue(parts[0], text: parts.count > 1 ? parts[1] : version)
            },
            weights: weights, thresholds: thresholds, status: inputs.status, unusableInputs: inputs.unusableInputs)
        info.perturbed = inputs.loaded.perturbationKey != nil
        return info
    }

    /// Labels of every sector the reports mention, in every report language.
    static func sectorLabels(_ inputs: Inputs) -> [String: [String: String]] {
        var keys = Set(inputs.scores.gaps.map(\.sector))
        keys.formUnion(inputs.scores.pressures.map(\.sector))
        keys.formUnion(inputs.proposals.map(\.sector))
        keys.formUnion(keys.map(\.parent))
        var languages = Set(inputs.loaded.definition.countries.flatMap(\.languages))
        languages.insert("en")
        var labels: [String: [String: String]] = [:]
        for language in languages {
            for key in keys { labels[language, default: [:]][key.description] = inputs.taxonomy.label(for: key, language: language) }
        }
        return labels
    }
}
