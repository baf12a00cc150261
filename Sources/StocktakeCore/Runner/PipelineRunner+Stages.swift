import Foundation

extension PipelineRunner {
    /// Most rejects kept in memory for the report; all of them are in the store.
    static let rejectsInReportLimit = 100_000

    func stages(_ loaded: LoadedPipeline, taxonomy: Taxonomy, store: StagingStore, runID: String, startedAt: Date,
                outputRoot: String) throws -> RunResult {
        let definition = loaded.definition
        var result = RunResult(status: .success, runID: runID)
        let clock = ContinuousClock()

        // MARK: ingest
        var ingestStart = clock.now
        var survey = SurveyAggregator()
        var labour = LabourCollector()
        var inputRows: [InputFileRow] = []
        var reportRejects: [Reject] = []
        var rejectedTotal = 0
        let countries = Set(definition.countryCodes)
        for input in loaded.inputs {
            progress?(.stage("ingest \(input.entry.displayPath)"))
            var pending: [Reject] = []
            let fileIngest = try Self.ingest(
                input, countries: countries,
                onReject: { reject in
                    pending.append(reject)
                    if pending.count >= 10_000 {
                        try? store.insertRejects(runID: runID, pending)
                        if reportRejects.count < Self.rejectsInReportLimit { reportRejects += pending }
                        pending.removeAll(keepingCapacity: true)
                    }
                })
            let report = fileIngest.report
            var status = fileIngest.fileReject == nil ? "used" : "unreadable"
            if fileIngest.fileReject == nil, report.rowsRead > 0,
               Double(report.rowsRejected) / Double(report.rowsRead) > definition.maxRejectRatio {
                status = "too-many-rejects"
                let share = Double(report.rowsRejected) / Double(report.rowsRead)
                pending.append(Reject(
                    location: SourceLocation(file: input.entry.displayPath, line: 1, column: 0), code: .tooManyRejects,
                    message: String(format: "%d of %d rows rejected (%.1f %%), above max_reject_ratio %.1f %%: the file is not used",
                                    report.rowsRejected, report.rowsRead, share * 100, definition.maxRejectRatio * 100)))
            }
            try store.insertRejects(runID: runID, pending)
            if reportRejects.count < Self.rejectsInReportLimit { reportRejects += pending }
            if status == "used" {
                survey.merge(fileIngest.survey)
                labour.merge(fileIngest.labour)
            }
            if fileIngest.outOfScope > 0 {
                logger.info("\(input.entry.displayPath): \(fileIngest.outOfScope) accepted rows of countries outside the pipeline left out")
            }
            rejectedTotal += report.rowsRejected
            if status != "used" { result.status = .dataError }
            if report.rowsRejected > 0 { result.status = .dataError }
            result.rowsRead += report.rowsRead
            result.rowsAccepted += report.rowsAccepted
            result.rowsRejected += report.rowsRejected
            let row = InputFileRow(
                path: input.entry.displayPath, kind: input.spec.kind.rawValue, country: input.entry.country,
                format: report.format.rawValue, encoding: report.encoding.rawValue, delimiter: report.delimiter, sha256: report.sha256,
                sizeBytes: report.sizeBytes, rowsRead: report.rowsRead, rowsAccepted: report.rowsAccepted,
                rowsRejected: report.rowsRejected, status: status, lastUpdate: report.lastUpdate,
                source: input.spec.source, licence: input.spec.licence,
                rejectsByCode: Dictionary(uniqueKeysWithValues: report.rejectsByCode.compactMap { code, count in
                    ErrorCode(rawValue: code).map { ($0, count) }
                }).merging(pending.filter { $0.code == .tooManyRejects }.map { ($0.code, 1) }, uniquingKeysWith: +))
            try store.recordInput(runID: runID, row)
            inputRows.append(row)
            logger.info("\(input.entry.displayPath): read \(report.rowsRead), accepted \(report.rowsAccepted), rejected \(report.rowsRejected)")
        }
        try store.recordStage(runID: runID, stage: "ingest", status: "done", rowsIn: result.rowsRead,
                              rowsOut: result.rowsAccepted, durationMs: Self.milliseconds(clock.now - ingestStart))
        reportRejects.sort()

        // MARK: normalize
        ingestStart = clock.now
        progress?(.stage("normalize"))
        let languages = Dictionary(uniqueKeysWithValues: definition.countries.map { ($0.code, $0.languages.first ?? "en") })
        let evidence = EvidenceNormalizer.normalize(survey: survey, labour: labour, taxonomy: taxonomy, languages: languages)
        try store.recordMappings(runID: runID, evidence.mappings)
        try store.recordStage(runID: runID, stage: "normalize", status: "done", rowsIn: survey.records + labour.records,
                              rowsOut: evidence.cells.count + evidence.labour.count,
                              durationMs: Self.milliseconds(clock.now - ingestStart))

        // MARK: score
        ingestStart = clock.now
        progress?(.stage("score"))
        let scores = GapScorer.score(cells: evidence.cells, sectorRespondents: evidence.respondents,
                                     labour: evidence.labour, countries: loaded.profiles, config: loaded.scoring)
        try store.recordStage(runID: runID, stage: "score", status: "done", rowsIn: evidence.cells.count,
                              rowsOut: scores.gaps.count, durationMs: Self.milliseconds(clock.now - ingestStart))

        // MARK: propose
        ingestStart = clock.now
        progress?(.stage("propose"))
        let provision = try definition.provision.map { try ProvisionLoader.load(path: $0) }
        var englishLabels: [SectorKey: String] = [:]
        for gap in scores.gaps { englishLabels[gap.sector] = taxonomy.label(for: gap.sector, language: "en") }
        let proposals = ProposalBuilder.build(scores: scores, cells: evidence.cells, countries: loaded.profiles,
                                              provision: provision, config: loaded.proposals, sectorLabels: englishLabels)
        let common = ProposalBuilder.common(proposals: proposals, scores: scores, config: loaded.proposals)
        try store.saveResults(runID: runID, cells: evidence.cells, labour: evidence.labour, gaps: scores.gaps,
                              pressures: scores.pressures, proposals: proposals)
        try store.recordStage(runID: runID, stage: "propose", status: "done", rowsIn: scores.gaps.count,
                              rowsOut: proposals.count, durationMs: Self.milliseconds(clock.now - ingestStart))

        // MARK: report
        ingestStart = clock.now
        progress?(.stage("report"))
        let previous = try store.previousRun(pipeline: definition.name, excluding: runID)
        let listings = try store.runListings(pipeline: definition.name)
            .map { RunListing(runID: $0.runID, startTime: $0.startedAt, status: $0.status) }
        let model = ReportModelBuilder.build(ReportModelBuilder.Inputs(
            loaded: loaded, runID: runID, startedAt: startedAt, taxonomy: taxonomy, files: inputRows,
            rejects: reportRejects, evidence: evidence, scores: scores, proposals: proposals, common: common,
            previous: previous,
            runs: [RunListing(runID: runID, startTime: Timestamp.iso8601(startedAt),
                              status: result.status == .success ? "success" : "data_errors")] + listings))
        let folder = try ReportPublisher.publish(
            model: model, root: URL(fileURLWithPath: outputRoot), runID: runID,
            options: ReportOptions(
                csvVariant: options.csvVariant ?? (definition.csvVariant == "excel" ? .excel : .standard),
                methodologyLink: Self.methodologyLink(from: "\(outputRoot)/\(runID)", definitionDirectory: definition.directory)))
        try store.recordStage(runID: runID, stage: "report", status: "done", rowsIn: proposals.count,
                              rowsOut: model.countries.count, durationMs: Self.milliseconds(clock.now - ingestStart))
        progress?(.done)
        result.reportDirectory = folder.path
        // On stderr, name files relative to the current directory so editors and terminals can open them.
        let local = Dictionary(loaded.inputs.map { ($0.entry.displayPath, Self.relativeToCurrentDirectory($0.entry.path)) },
                               uniquingKeysWith: { a, _ in a })
        result.messages = reportRejects.prefix(50).map { reject in
            var reject = reject
            reject.location.file = local[reject.location.file] ?? reject.location.file
            return reject.description
        }
        if reportRejects.count > 50 {
            result.messages.append("… \(rejectedTotal - 50) more rejects in \(folder.path)/rejects.csv")
        }
        return result
    }

    /// `path` relative to the current directory when it lies below it, else absolute.
    static func relativeToCurrentDirectory(_ path: String) -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }

    /// A relative link from the report folder to `docs/methodology.md` of the checkout the pipeline lives in
    /// (found by walking up from the definition's folder); the project's published copy when there is none.
    static func methodologyLink(from reportFolder: String, definitionDirectory: String) -> String {
        var folder = URL(fileURLWithPath: definitionDirectory).standardizedFileURL
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("docs/methodology.md")
            if FileManager.default.fileExists(atPath: candidate.path) {
                return relativePath(from: reportFolder, to: candidate.path)
            }
            folder.deleteLastPathComponent()
        }
        return "docs/methodology.md"
    }

    /// The relative path from folder `from` to file `to` (both absolute).
    static func relativePath(from: String, to: String) -> String {
        let a = URL(fileURLWithPath: from).standardizedFileURL.pathComponents
        let b = URL(fileURLWithPath: to).standardizedFileURL.pathComponents
        var common = 0
        while common < min(a.count, b.count), a[common] == b[common] { common += 1 }
        return (Array(repeating: "..", count: a.count - common) + b[common...]).joined(separator: "/")
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
