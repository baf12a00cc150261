import Foundation
import StocktakeModel
import StocktakeIngest

extension PipelineRunner {
    /// Most rejects kept in memory for the report and `rejects.csv`; the store's `reject` table has all of them.
    static let rejectsInReportLimit = 100_000

    /// What the ingest stage produced for the whole run.
    struct IngestOutcome {
        var survey = SurveyAggregator()
        var labour = LabourCollector()
        var files: [InputFileRow] = []
        /// The first `rejectsInReportLimit` rejects (file-level ones included), sorted by location.
        var rejects: [Reject] = []
        /// Every reject recorded in the store.
        var rejectsRecorded = 0
        /// The inputs' warnings (`encoding-mismatch`, `empty-trailing-columns`), in input order.
        var warnings: [IngestWarning] = []
        var rowsRead = 0
        var rowsAccepted = 0
        var rowsSkipped = 0
        var rowsRejected = 0
        /// A file was rejected whole or rows were rejected.
        var hasDataErrors = false
    }

    func stages(_ loaded: LoadedPipeline, skills: BackgroundWork<Taxonomy>, taxonomy pending: BackgroundWork<Taxonomy>, store: StagingStore, runID: String, startedAt: Date,
                folder: RunFolder, tracker: inout StageTracker) throws -> RunResult {
        let outputRoot = folder.root.path
        var strictMessages: [String] = []
        let definition = loaded.definition
        let ingested = try stage("ingest", tracker: &tracker, store: store, runID: runID, counts: { ($0.rowsRead, $0.rowsAccepted) }) {
            try ingestInputs(loaded, store: store, runID: runID, skillCell: Self.skillCell(skills))
        }
        var result = RunResult(status: ingested.hasDataErrors ? .dataError : .success, runID: runID)
        result.unusableInputs = ingested.files.filter { $0.status != .used }.map { "\($0.path) (\($0.status.rawValue))" }
        result.rowsRead = ingested.rowsRead
        result.rowsAccepted = ingested.rowsAccepted
        result.rowsSkipped = ingested.rowsSkipped
        result.rowsRejected = ingested.rowsRejected
        result.inputHashes = ingested.files.map { (path: $0.path, sha256: $0.sha256) }

        // The taxonomy was loading during ingest: a load error fails the run here, and waiting for it counts as
        // normalize time.
        let (evidence, taxonomy) = try stage("normalize", tracker: &tracker, store: store, runID: runID, counts: {
            (ingested.survey.records + ingested.labour.records, $0.0.cells.count + $0.0.labour.count)
        }) {
            let taxonomy = try pending.value()
            let languages = Dictionary(uniqueKeysWithValues: definition.countries.map { ($0.code, $0.languages.first ?? "en") })
            let evidence = EvidenceNormalizer.normalize(survey: ingested.survey, labour: ingested.labour,
                                                        taxonomy: taxonomy, languages: languages)
            try store.recordMappings(runID: runID, evidence.mappings)
            return (evidence, taxonomy)
        }

        if options.strict {
            var failures: [String] = []
            if !ingested.warnings.isEmpty {
                failures.append("\(ingested.warnings.count) input warning\(ingested.warnings.count == 1 ? "" : "s")")
            }
            let answers = ingested.survey.records
            if answers > 0, Double(evidence.unmappedSurveyRows) > RunOptions.strictUnmappedShare * Double(answers) {
                failures.append(String(format: "%d of %d survey answers (%.1f %%, above %.0f %%) have a sector name that did not map (stocktake taxonomy unmapped)",
                                       evidence.unmappedSurveyRows, answers, 100 * Double(evidence.unmappedSurveyRows) / Double(answers),
                                       100 * RunOptions.strictUnmappedShare))
            }
            if !failures.isEmpty {
                result.status = .dataError
                strictMessages.append("stocktake: --strict: " + failures.joined(separator: "; ") + " fail the run")
            }
        }

        let scores = try stage("score", tracker: &tracker, store: store, runID: runID, counts: { (evidence.cells.count, $0.gaps.count) }) {
            GapScorer.score(cells: evidence.cells, sectorRespondents: evidence.respondents, labour: evidence.labour,
                            countries: loaded.profiles, config: loaded.scoring, names: evidence.mappings,
                            publishFreeText: definition.publishFreeText, perturbed: loaded.perturbationKey != nil)
        }

        let (proposals, common) = try stage("propose", tracker: &tracker, store: store, runID: runID, counts: { (scores.gaps.count, $0.0.count) }) {
            let provision = try definition.provision.map { try ProvisionLoader.load(path: $0) }
            var englishLabels: [SectorKey: String] = [:]
            for gap in scores.gaps { englishLabels[gap.sector] = taxonomy.label(for: gap.sector, language: "en") }
            // Outcomes are drawn for proposals, and proposals from gaps: a run without survey gaps (labour
            // statistics alone) does not read the 13,000 concepts.
            let concepts = scores.gaps.isEmpty ? ESCOConcepts([]) : try ESCOConcepts.load(directory: definition.taxonomy)
            let proposals = ProposalBuilder.build(scores: scores, cells: evidence.cells, countries: loaded.profiles,
                                                  provision: provision, config: loaded.proposals, sectorLabels: englishLabels,
                                                  concepts: concepts, perturbed: loaded.perturbationKey != nil)
            try store.saveResults(runID: runID, cells: evidence.cells, labour: evidence.labour, gaps: scores.gaps,
                                  pressures: scores.pressures, proposals: proposals)
            return (proposals, ProposalBuilder.common(proposals: proposals, scores: scores, config: loaded.proposals))
        }

        let finishedStages = tracker.finished
        let reportStart = ContinuousClock.now
        let folder = try stage("report", tracker: &tracker, store: store, runID: runID, counts: { _ in (proposals.count, definition.countries.count) }) {
            let listings = try store.runListings(pipeline: definition.name)
                .map { RunListing(runID: $0.runID, startTime: $0.startedAt, status: $0.status, published: $0.published) }
            let model = ReportModelBuilder.build(ReportModelBuilder.Inputs(
                loaded: loaded, runID: runID, startedAt: startedAt, taxonomy: taxonomy, files: ingested.files,
                rejects: ingested.rejects, evidence: evidence, scores: scores, proposals: proposals, common: common,
                previous: try store.previousRun(pipeline: definition.name, excluding: runID),
                status: result.runStatus, unusableInputs: result.unusableInputs,
                runs: [RunListing(runID: runID, startTime: Timestamp.iso8601(startedAt),
                                  status: result.runStatus)] + listings))
            let reportOptions = ReportOptions(
                csvVariant: options.csvVariant ?? (definition.csvVariant == "excel" ? .excel : .standard))
            let catalog = try ReportStringCatalog.bundled()
            // Each file is written as soon as it is rendered (the run never holds all of them); run.json comes
            // last: it lists every other file with its hash.
            let writer = try ReportPublisher.FileWriter(folder: folder)
            var outputs: [RunRecord.Output] = []
            try ReportRenderer(catalog: catalog, options: reportOptions).renderRun(model) { file in
                try writer.write(file)
                outputs.append(RunRecord.output(file))
            }
            let record = runRecord(loaded, runID: runID, startedAt: startedAt, result: result, ingested: ingested,
                                   stages: StageTracker.stages(finishedStages, current: "report", rowsIn: proposals.count,
                                                               rowsOut: definition.countries.count, since: reportStart),
                                   outputs: outputs)
            try writer.write(ReportFile(path: RunRecord.fileName, contents: try record.encoded()))
            result.record = record
            return try writer.publish(model: model, options: reportOptions, catalog: catalog)
        }
        progress?(.done)
        result.reportDirectory = folder.path
        (result.messages, result.warnings, result.rejects) = Self.rejectMessages(ingested, loaded: loaded,
                                                                                 reportFolder: folder.path)
        result.messages += strictMessages
        return result
    }

    /// The record of the run written as `run.json` (`RunRecord`).
    func runRecord(_ loaded: LoadedPipeline, runID: String, startedAt: Date, result: RunResult, ingested: IngestOutcome,
                   stages: [RunRecord.Stage], outputs: [RunRecord.Output]) -> RunRecord {
        var record = bareRecord(loaded, runID: runID, startedAt: startedAt, status: result.runStatus,
                                exitCode: result.status.rawValue, stages: stages)
        record.rows = RunRecord.Rows(read: result.rowsRead, accepted: result.rowsAccepted,
                                     used: result.rowsAccepted - result.rowsSkipped, skipped: result.rowsSkipped,
                                     rejected: result.rowsRejected)
        record.inputs = ingested.files.map(RunRecord.input)
        record.warnings = ingested.warnings.map(RunRecord.warning)
        record.outputs = outputs.sorted { $0.path < $1.path }
        return record
    }

    /// Runs `body` as the stage `name`, recording its row counts and duration in the store. A stage starts at a
    /// safe point: a signal received before it stops the run here (`Cancellation`).
    private func stage<T>(_ name: String, tracker: inout StageTracker, store: StagingStore, runID: String,
                          counts: (T) -> (in: Int, out: Int), _ body: () throws -> T) throws -> T {
        tracker.start(name)
        Cancellation.pauseForTests(before: name)
        try Cancellation.check(name)
        progress?(.stage(name))
        let clock = ContinuousClock()
        let start = clock.now
        let value = try body()
        let (rowsIn, rowsOut) = counts(value)
        tracker.finish(rowsIn: rowsIn, rowsOut: rowsOut, durationMs: Self.milliseconds(clock.now - start))
        try store.recordStage(runID: runID, stage: name, rowsIn: rowsIn, rowsOut: rowsOut,
                              durationMs: Self.milliseconds(clock.now - start))
        return value
    }

    /// Reads every input into run-level aggregates; records each file, and every reject, in the store. A federated
    /// country (`source: store`) contributes its partner's publication instead, at its place in the definition: the
    /// same ledger rows and aggregates its files would have given.
    func ingestInputs(_ loaded: LoadedPipeline, store: StagingStore, runID: String,
                      skillCell: @escaping Ingestor.SkillCell) throws -> IngestOutcome {
        var federation = FederationSources(
            logger: logger, environment: options.environment,
            taxonomyVersions: loaded.isFederated ? try Taxonomy.reportedVersions(directory: loaded.definition.taxonomy) : nil)
        return try ingestSources(loaded, skillCell: skillCell, recordRejects: { try store.insertRejects(runID: runID, $0) },
                                 recordInput: { try store.recordInput(runID: runID, $0) },
                                 publication: { try federation.publication(country: $0, variable: $1) })
    }

    /// `ingestInputs` with the store's side effects as closures (a partner's `publish` keeps every reject instead).
    /// - Parameter publication: a federated country's publication, given its code and connection variable.
    func ingestSources(_ loaded: LoadedPipeline, countries only: Set<String>? = nil, skillCell: @escaping Ingestor.SkillCell,
                       recordRejects: ([Reject]) throws -> Void, recordInput: (InputFileRow) throws -> Void,
                       publication: (String, String) throws -> CountryPublication) throws -> IngestOutcome {
        let definition = loaded.definition
        let countries = only ?? Set(definition.countryCodes)
        var outcome = IngestOutcome()
        var pending: [Reject] = []
        var storeError: (any Error)?
        func flush() throws {
            try recordRejects(pending)
            outcome.rejectsRecorded += pending.count
            if outcome.rejects.count < Self.rejectsInReportLimit {
                outcome.rejects += pending.prefix(Self.rejectsInReportLimit - outcome.rejects.count)
            }
            pending.removeAll(keepingCapacity: true)
        }
        func account(_ row: InputFileRow) throws {
            if row.status != .used || row.rowsRejected > 0 { outcome.hasDataErrors = true }
            outcome.rowsRead += row.rowsRead
            outcome.rowsAccepted += row.rowsAccepted
            outcome.rowsSkipped += row.rowsSkipped
            outcome.rowsRejected += row.rowsRejected
            try recordInput(row)
            outcome.files.append(row)
        }
        var index = 0
        for source in loaded.sources {
            switch source {
            case let .store(country, variable):
                guard countries.contains(country) else { continue }
                try Cancellation.check("ingest")
                progress?(.stage("ingest \(country) from the federation database"))
                let published = try publication(country, variable)
                for chunk in stride(from: 0, to: published.rejects.count, by: 10_000) {
                    pending += published.rejects[chunk..<min(published.rejects.count, chunk + 10_000)]
                    try flush()
                }
                outcome.warnings += published.warnings
                for row in published.files { try account(row) }
                outcome.survey.merge(published.surveyAggregate)
                outcome.labour.merge(published.labourCollector)
            case let .file(input):
                guard input.entry.country.map(countries.contains) ?? (only == nil) else { continue }
                if index == 1 { Cancellation.pauseForTests(before: "ingest-files") }
                index += 1
                try Cancellation.check("ingest")
                progress?(.stage("ingest \(input.entry.displayPath)"))
                let file = try Self.ingest(input, countries: countries, skillCell: skillCell,
                                           keyer: loaded.perturbationKey?.keyer, onReject: { reject in
                    pending.append(reject)
                    // Rejects reach the store in batches while the file streams, so memory stays bounded.
                    if pending.count >= 10_000, storeError == nil {
                        do { try flush() } catch { storeError = error }
                    }
                })
                if let storeError { throw storeError }
                let report = file.report
                outcome.warnings += report.warnings
                var status: InputStatus = file.fileReject == nil ? .used : .unreadable
                var byCode = Dictionary(uniqueKeysWithValues: report.rejectsByCode.compactMap { code, count in
                    ErrorCode(rawValue: code).map { ($0, count) }
                })
                if file.fileReject == nil, report.rejectRatio > definition.maxRejectRatio {
                    status = .tooManyRejects
                    byCode[.tooManyRejects] = 1
                    pending.append(Reject(
                        location: SourceLocation(file: input.entry.displayPath, line: 1, column: 0), code: .tooManyRejects,
                        message: String(format: "%d of %d rows rejected (%.1f %%), above max_reject_ratio %.1f %%: the file is not used",
                                        report.rowsRejected, report.rowsRead, report.rejectRatio * 100,
                                        definition.maxRejectRatio * 100)))
                }
                try flush()
                if status == .used {
                    outcome.survey.merge(file.survey)
                    outcome.labour.merge(file.labour)
                }
                if file.outOfScope > 0 {
                    logger.info("\(Self.relativeToCurrentDirectory(input.entry.path)): \(file.outOfScope) accepted rows of countries outside the pipeline left out",
                                metadata: ["stage": "ingest", "file": "\(input.entry.displayPath)"])
                }
                var row = InputFileRow(
                    path: input.entry.displayPath, kind: input.spec.kind, country: input.entry.country,
                    format: report.format, encoding: report.encoding, delimiter: report.delimiter,
                    sha256: report.sha256, sizeBytes: report.sizeBytes, rowsRead: report.rowsRead,
                    rowsAccepted: report.rowsAccepted, rowsRejected: report.rowsRejected, status: status,
                    lastUpdate: report.lastUpdate, source: input.spec.source, licence: input.spec.licence, rejectsByCode: byCode)
                row.skippedByReason = report.skippedByReason
                try account(row)
                logger.info("\(Self.relativeToCurrentDirectory(input.entry.path)): read \(report.rowsRead), accepted \(report.rowsAccepted), rejected \(report.rowsRejected)",
                            metadata: ["stage": "ingest", "file": "\(input.entry.displayPath)"])
            }
        }
        outcome.rejects.sort()
        return outcome
    }

    /// The inputs' warnings and the first 50 rejects for stderr, with files named relative to the current directory
    /// so that editors and terminals can open them, and where to find the rest of the rejects.
    static func rejectMessages(_ ingested: IngestOutcome, loaded: LoadedPipeline, reportFolder: String)
        -> (messages: [String], warnings: [IngestWarning], rejects: [Reject])
    {
        let local = loaded.currentDirectoryPaths
        let warnings = ingested.warnings.map { warning in
            var warning = warning
            warning.location = LoadedPipeline.local(warning.location, local)
            return warning
        }
        let rejects = ingested.rejects.prefix(50).map { reject in
            var reject = reject
            reject.location = LoadedPipeline.local(reject.location, local)
            return reject
        }
        var messages = warnings.map(\.description) + rejects.map(\.description)
        if ingested.rejectsRecorded > rejects.count {
            let listed = ingested.rejects.count < ingested.rejectsRecorded
                ? "the first \(ingested.rejects.count) in \(reportFolder)/rejects.csv, all in the database table `reject`"
                : "all in \(reportFolder)/rejects.csv"
            messages.append("… \(ingested.rejectsRecorded - rejects.count) more rejects: \(listed)")
        }
        return (messages, warnings, rejects)
    }

    /// `path` relative to the current directory when it lies below it, else absolute.
    static func relativeToCurrentDirectory(_ path: String) -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
