import Foundation
import GRDB
import Logging
import StocktakeModel
import StocktakeIngest

/// Runs a pipeline end to end: definition → lock → store → ingest → normalize → score → propose → report.
///
/// The stages in the middle are pure; this type does the I/O around them (files, SQLite, clock) and maps every
/// failure to an `ExitStatus`. It never throws: `run()` returns a `RunResult` whatever happens.
public final class PipelineRunner {
    public let options: RunOptions
    /// Carries `run_id` as metadata once the run has an id (JSON log lines show it as a field).
    var logger: Logger
    /// The id of the run once it is reserved, for the summary line of a run that fails later.
    private var runID: String?
    let progress: (@Sendable (RunProgress) -> Void)?

    public init(options: RunOptions, logger: Logger, progress: (@Sendable (RunProgress) -> Void)? = nil) {
        self.options = options
        self.logger = logger
        self.progress = progress
    }

    /// Runs the pipeline.
    public func run() -> RunResult {
        Self.timed {
            do {
                return try execute()
            } catch {
                var result = Self.failure(error)
                result.runID = runID
                return result
            }
        }
    }

    /// Checks the definition and every input without writing anything.
    public func validate() -> RunResult {
        var result = Self.timed {
            do {
                let loaded = try LoadedPipeline.load(path: options.pipelinePath)
                if options.strict, !loaded.definition.warnings.isEmpty {
                    throw DefinitionError(diagnostics: loaded.definition.warnings)
                }
                try loaded.requireReadableInputs()
                try loaded.requireFederationEnvironment(options.environment)
                var result = RunResult(status: .success, messages: loaded.definition.warnings.map(\.description))
                // The taxonomy is checked while the inputs are read.
                let taxonomyDirectory = loaded.definition.taxonomy
                _ = try Taxonomy.reportedVersions(directory: taxonomyDirectory)
                let taxonomy = BackgroundWork { try Taxonomy.load(directory: taxonomyDirectory) }
                if let provision = loaded.definition.provision { _ = try ProvisionLoader.load(path: provision) }
                let local = loaded.currentDirectoryPaths
                for input in loaded.inputs {
                    var rejects: [Reject] = []
                    let check = try Self.ingest(input, countries: Set(loaded.definition.countryCodes), onReject: { reject in
                        var reject = reject
                        reject.location = LoadedPipeline.local(reject.location, local)
                        rejects.append(reject)
                    })
                    let warnings = check.report.warnings.map { warning in
                        var warning = warning
                        warning.location = LoadedPipeline.local(warning.location, local)
                        return warning
                    }
                    result.warnings += warnings
                    result.rejects += rejects
                    result.messages += warnings.map(\.description) + rejects.map(\.description)
                    result.rowsRead += check.report.rowsRead
                    result.rowsAccepted += check.report.rowsAccepted
                    result.rowsSkipped += check.report.rowsSkipped
                    result.rowsRejected += check.report.rowsRejected
                    if check.fileReject != nil || check.report.rowsRejected > 0 { result.status = .dataError }
                }
                // A federated country: its publication must be there and match its fingerprint (read, not merged).
                var federation = FederationSources(logger: logger, environment: options.environment,
                                                   taxonomyVersions: loaded.isFederated ? try Taxonomy.reportedVersions(directory: taxonomyDirectory) : nil)
                for case let .store(country, variable) in loaded.sources {
                    let publication = try federation.publication(country: country, variable: variable)
                    for file in publication.files {
                        result.rowsRead += file.rowsRead
                        result.rowsAccepted += file.rowsAccepted
                        result.rowsSkipped += file.rowsSkipped
                        result.rowsRejected += file.rowsRejected
                        if file.status != .used || file.rowsRejected > 0 { result.status = .dataError }
                    }
                    result.messages.append("\(country): publication \(publication.runID) (\(publication.files.count) files, \(publication.cells.count) cells, \(publication.labour.count) labour values)")
                }
                _ = try taxonomy.value()
                if options.strict, !result.warnings.isEmpty {
                    result.status = .dataError
                    result.messages.append("stocktake: --strict: \(result.warnings.count) warning\(result.warnings.count == 1 ? "" : "s") fail the check")
                }
                return result
            } catch {
                return Self.failure(error)
            }
        }
        result.command = "validate"
        return result
    }

    static func timed(_ body: () -> RunResult) -> RunResult {
        let clock = ContinuousClock()
        let start = clock.now
        var result = body()
        let elapsed = clock.now - start
        result.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return result
    }

    // MARK: - Private

    static func failure(_ error: any Error) -> RunResult {
        switch error {
        case let error as DefinitionError:
            return RunResult(status: .config, messages: error.diagnostics.map(\.description))
        case let error as Cancelled:
            var result = RunResult(status: .tempFail, messages: ["stocktake: \(error)"])
            result.cancelled = error
            return result
        case let error as StocktakeError:
            return RunResult(status: error.status, messages: ["stocktake: \(error.message)"])
        case let error as TaxonomyError:
            if case .cannotRead = error { return RunResult(status: .noInput, messages: ["stocktake: \(error)"]) }
            // The taxonomy folder (with the reviewers' overrides.csv) is configuration: nothing was published.
            return RunResult(status: .config, messages: ["stocktake: taxonomy: \(error)"])
        case let error as CSVReadError:
            switch error {
            case .cannotOpen, .readFailed: return RunResult(status: .noInput, messages: ["stocktake: \(error)"])
            default: return RunResult(status: .dataError, messages: ["stocktake: \(error)"])
            }
        case let error as DatabaseError where Self.isStorageFailure(error.resultCode):
            // The database's disk is full, read-only or failing: the output cannot be written (73), not a bug.
            return RunResult(status: .cantCreate, messages: [
                "stocktake: the database cannot be written (\(error.resultCode.primaryResultCode)): \(error.message ?? "\(error)"); free space or fix the permissions of the database folder and run again",
            ])
        default:
            return RunResult(status: .software, messages: ["stocktake: internal error: \(error)"])
        }
    }

    /// `body`'s value, or its error mapped to an exit status as `failure` maps a run's (for the commands that
    /// read a pipeline's database: `history`, `prune`, `taxonomy unmapped`).
    static func catching<T>(_ body: () throws -> T) -> Result<T, StocktakeError> {
        do {
            return .success(try body())
        } catch let error as StocktakeError {
            return .failure(error)
        } catch {
            // The command prints "stocktake: " before the message itself.
            let mapped = failure(error)
            let lines = mapped.messages.map { $0.hasPrefix("stocktake: ") ? String($0.dropFirst("stocktake: ".count)) : $0 }
            return .failure(StocktakeError(mapped.status, lines.joined(separator: "\n")))
        }
    }

    /// The pipeline's database (`override` when given), which must exist: these commands read earlier runs.
    static func existingDatabase(_ definition: PipelineDefinition, override: String?) throws -> String {
        let path = override.map(absolute) ?? definition.database
        guard FileManager.default.fileExists(atPath: path) else {
            throw StocktakeError.noInput(path, "no database yet: run the pipeline first")
        }
        return path
    }

    /// SQLite result codes that mean the storage, not the program, failed.
    static func isStorageFailure(_ code: ResultCode) -> Bool {
        [.SQLITE_FULL, .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_PERM]
            .contains(code.primaryResultCode)
    }

    private func execute() throws -> RunResult {
        let loaded = try LoadedPipeline.load(path: options.pipelinePath)
        let definition = loaded.definition
        var messages = definition.warnings.map(\.description)
        if options.strict, !definition.warnings.isEmpty { throw DefinitionError(diagnostics: definition.warnings) }
        try loaded.requireReadableInputs()
        try loaded.requireFederationEnvironment(options.environment)
        let databasePath = options.database.map(Self.absolute) ?? definition.database
        let outputRoot = options.output.map(Self.absolute) ?? definition.output
        // The lock comes first: on the database file's identity, so a symlink or another spelling of the path
        // cannot start a second run on the same database. Only the database's folder exists before it.
        let databaseFolder = URL(fileURLWithPath: databasePath).deletingLastPathComponent().path
        try Directories.ensure(databaseFolder)
        let lock = try RunLock(database: databasePath)
        defer { lock.release() }
        let store = try StagingStore(path: databasePath)
        // The taxonomy's indexes are built while the inputs are read (normalize is the first stage to need them):
        // the skill half first, which ingest needs at the first skill label, then the sector half.
        let taxonomyDirectory = definition.taxonomy
        let taxonomyVersions = try Taxonomy.reportedVersions(directory: taxonomyDirectory)
        let skills = BackgroundWork { try Taxonomy.loadSkills(directory: taxonomyDirectory) }
        let taxonomy = BackgroundWork { try Taxonomy.load(directory: taxonomyDirectory, skills: skills.value()) }
        let startedAt = options.now()
        // Leftovers of runs that died: their records say `running`, their folders `.partial`.
        let abandoned = try store.abandonStaleRuns(at: Timestamp.iso8601(startedAt))
        if !abandoned.isEmpty { logger.warning("runs left running by a process that died, marked abandoned: \(abandoned.joined(separator: ", "))") }
        let root = URL(fileURLWithPath: outputRoot)
        let removed = RunFolder.removeLeftovers(root: root)
        if !removed.isEmpty { logger.info("removed leftovers of earlier runs in \(outputRoot): \(removed.joined(separator: ", "))") }
        let csvVariant = (options.csvVariant ?? (definition.csvVariant == "excel" ? .excel : .standard)).rawValue
        let fingerprintOptions = "csv=\(csvVariant) strict=\(options.strict)"
        // A federated run always runs: the partners' publications may have changed without any file here changing.
        if !options.force, !loaded.isFederated, let last = try store.lastPublishedFingerprint(pipeline: definition.name),
           let current = try RunFingerprint.ifUnchanged(loaded: loaded, last: last, options: fingerprintOptions),
           current == last.fingerprint
        {
            return try recordUnchanged(loaded, store: store, startedAt: startedAt, last: last,
                                       taxonomyVersions: taxonomyVersions, messages: messages)
        }
        let folder = try RunFolder.reserve(root: root, base: Timestamp.compact(startedAt), isTaken: store.hasRun)
        let runID = folder.runID
        self.runID = runID
        logger[metadataKey: "run_id"] = "\(runID)"
        try store.beginRun(runID: runID, pipeline: definition.name, definitionSHA256: loaded.sha256,
                           startedAt: Timestamp.iso8601(startedAt), taxonomyVersions: taxonomyVersions.joined(separator: "; "))
        logger.info("run \(runID) started", metadata: ["pipeline": "\(definition.file)"])
        var stage = StageTracker()
        do {
            var result = try stages(loaded, skills: skills, taxonomy: taxonomy, store: store, runID: runID, startedAt: startedAt,
                                    folder: folder, tracker: &stage)
            folder.release()
            messages += result.messages
            result.messages = messages
            try store.setFingerprint(runID: runID, try RunFingerprint.compute(loaded: loaded, inputs: result.inputHashes,
                                                                              options: fingerprintOptions))
            try store.finishRun(runID: runID, finishedAt: Timestamp.iso8601(options.now()),
                                status: result.runStatus,
                                exitCode: result.status.rawValue, rowsRead: result.rowsRead,
                                rowsAccepted: result.rowsAccepted, rowsRejected: result.rowsRejected,
                                reportDir: result.reportDirectory, message: nil)
            if var record = result.record {
                record.reportDir = result.reportDirectory
                writeLastRun(record, root: root)
            }
            if let keep = definition.keepRuns {
                // The run is published and recorded: a failed clean-up is a warning, never the run's outcome.
                do {
                    let pruned = try RunHistory.prune(store: store, pipeline: definition.name, root: root, keep: keep)
                    if !pruned.runs.isEmpty {
                        logger.info("output.keep \(keep): pruned \(pruned.runs.count) old runs (\(pruned.folders.count) folders)")
                    }
                } catch {
                    logger.warning("output.keep \(keep): pruning old runs failed: \(error)")
                }
            }
            return result
        } catch {
            folder.discard()
            let failed = Self.failure(error)
            let status: RunStatus = failed.cancelled == nil ? .failed : .cancelled
            let stoppedIn = failed.cancelled?.stage ?? stage.current
            try? store.finishRun(runID: runID, finishedAt: Timestamp.iso8601(options.now()), status: status,
                                 exitCode: failed.status.rawValue, rowsRead: 0, rowsAccepted: 0, rowsRejected: 0,
                                 reportDir: nil, message: failed.messages.joined(separator: "\n"), stage: stoppedIn)
            var record = bareRecord(loaded, runID: runID, startedAt: startedAt, status: status,
                                    exitCode: failed.status.rawValue, stages: stage.finished)
            record.stage = stoppedIn
            record.message = failed.messages.joined(separator: "\n")
            writeLastRun(record, root: root)
            throw error
        }
    }

    /// Records a run that found nothing changed since `last`: no stage runs, no folder is written, `latest` stays.
    private func recordUnchanged(_ loaded: LoadedPipeline, store: StagingStore, startedAt: Date, last: StoredFingerprint,
                                 taxonomyVersions: [String], messages: [String]) throws -> RunResult {
        var counter = 1
        var runID = Timestamp.compact(startedAt)
        while try store.hasRun(runID) {
            counter += 1
            runID = RunFolder.candidateID(Timestamp.compact(startedAt), counter)
        }
        self.runID = runID
        try store.beginRun(runID: runID, pipeline: loaded.definition.name, definitionSHA256: loaded.sha256,
                           startedAt: Timestamp.iso8601(startedAt), taxonomyVersions: taxonomyVersions.joined(separator: "; "))
        try store.finishRun(runID: runID, finishedAt: Timestamp.iso8601(options.now()), status: .unchanged, exitCode: 0,
                            rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, reportDir: last.reportDir,
                            message: "unchanged since run \(last.runID)")
        try store.setFingerprint(runID: runID, last.fingerprint)
        var result = RunResult(status: .success, runID: runID, reportDirectory: last.reportDir, messages: messages)
        result.unchangedSince = last.runID
        var record = bareRecord(loaded, runID: runID, startedAt: startedAt, status: .unchanged, exitCode: 0, stages: [])
        record.reportDir = last.reportDir
        record.message = "unchanged since run \(last.runID)"
        writeLastRun(record, root: URL(fileURLWithPath: options.output.map(Self.absolute) ?? loaded.definition.output))
        return result
    }

    /// The record of a run before its figures: tool, pipeline, status and times; no rows counted, no inputs or
    /// outputs (as it stays for a run that published nothing, in `last-run.json`).
    func bareRecord(_ loaded: LoadedPipeline, runID: String, startedAt: Date, status: RunStatus, exitCode: Int32,
                    stages: [RunRecord.Stage]) -> RunRecord {
        var record = RunRecord(
            tool: RunRecord.Tool(version: StocktakeVersion.current), command: "run", runID: runID,
            pipeline: RunRecord.Pipeline(name: loaded.definition.name,
                                         file: URL(fileURLWithPath: loaded.definition.file).lastPathComponent,
                                         sha256: loaded.sha256),
            status: status.rawValue, exitCode: exitCode, startedAt: Timestamp.iso8601(startedAt),
            finishedAt: Timestamp.iso8601(options.now()),
            rows: RunRecord.Rows(read: 0, accepted: 0, used: 0, skipped: 0, rejected: 0),
            inputs: [], stages: stages, warnings: [], outputs: [])
        record.perturbation = loaded.perturbationKey.map { $0.isDemo ? "demo-key" : "key-file" } ?? "off"
        return record
    }

    /// Replaces `<root>/last-run.json` atomically; a failure to write it is a warning, never the run's outcome.
    func writeLastRun(_ record: RunRecord, root: URL) {
        do {
            try ReportPublisher.replaceAtomically(try record.encoded(),
                                                  at: root.appendingPathComponent(RunRecord.lastRunFileName).path,
                                                  directory: root.path)
        } catch {
            logger.warning("\(RunRecord.lastRunFileName) could not be written: \(error)")
        }
    }

    /// The stage a run is in (for the record of a run that fails) and the stages it finished (for `run.json`).
    struct StageTracker {
        var current = "start"
        private var started = ContinuousClock.now
        private(set) var finished: [RunRecord.Stage] = []

        mutating func start(_ name: String) {
            current = name
            started = ContinuousClock.now
        }

        mutating func finish(rowsIn: Int, rowsOut: Int, durationMs: Int) {
            finished.append(RunRecord.Stage(name: current, rowsIn: rowsIn, rowsOut: rowsOut, durationMs: durationMs))
        }

        /// `finished` and the stage `name` begun at `start`, timed up to now.
        static func stages(_ finished: [RunRecord.Stage], current name: String, rowsIn: Int, rowsOut: Int,
                           since start: ContinuousClock.Instant) -> [RunRecord.Stage] {
            finished + [RunRecord.Stage(name: name, rowsIn: rowsIn, rowsOut: rowsOut,
                                        durationMs: PipelineRunner.milliseconds(ContinuousClock.now - start))]
        }
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
    }

}
