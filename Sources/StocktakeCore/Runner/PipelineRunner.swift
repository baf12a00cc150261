import Foundation
import Logging
import StocktakeModel
import StocktakeIngest

/// Runs a pipeline end to end: definition → lock → store → ingest → normalize → score → propose → report.
///
/// The stages in the middle are pure; this type does the I/O around them (files, SQLite, clock) and maps every
/// failure to an `ExitStatus`. It never throws: `run()` returns a `RunResult` whatever happens.
public final class PipelineRunner {
    public let options: RunOptions
    let logger: Logger
    let progress: (@Sendable (RunProgress) -> Void)?

    public init(options: RunOptions, logger: Logger, progress: (@Sendable (RunProgress) -> Void)? = nil) {
        self.options = options
        self.logger = logger
        self.progress = progress
    }

    /// Runs the pipeline.
    public func run() -> RunResult {
        Self.timed {
            do { return try execute() } catch { return Self.failure(error) }
        }
    }

    /// Checks the definition and every input without writing anything.
    public func validate() -> RunResult {
        Self.timed {
            do {
                let loaded = try LoadedPipeline.load(path: options.pipelinePath)
                try loaded.requireReadableInputs()
                var result = RunResult(status: .success, messages: loaded.definition.warnings.map(\.description))
                // The taxonomy is checked while the inputs are read.
                let taxonomyDirectory = loaded.definition.taxonomy
                _ = try Taxonomy.reportedVersions(directory: taxonomyDirectory)
                let taxonomy = BackgroundWork { try Taxonomy.load(directory: taxonomyDirectory) }
                if let provision = loaded.definition.provision { _ = try ProvisionLoader.load(path: provision) }
                let local = loaded.currentDirectoryPaths
                for input in loaded.inputs {
                    var rejects: [String] = []
                    let check = try Self.ingest(input, countries: Set(loaded.definition.countryCodes), onReject: { reject in
                        var reject = reject
                        reject.location.file = local[reject.location.file] ?? reject.location.file
                        rejects.append(reject.description)
                    })
                    result.messages += check.report.warnings.map { warning in
                        var warning = warning
                        warning.location.file = local[warning.location.file] ?? warning.location.file
                        return warning.description
                    }
                    result.messages += rejects
                    result.rowsRead += check.report.rowsRead
                    result.rowsAccepted += check.report.rowsAccepted
                    result.rowsSkipped += check.report.rowsSkipped
                    result.rowsRejected += check.report.rowsRejected
                    if check.fileReject != nil || check.report.rowsRejected > 0 { result.status = .dataError }
                }
                _ = try taxonomy.value()
                return result
            } catch {
                return Self.failure(error)
            }
        }
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
        case let error as StocktakeError:
            return RunResult(status: error.status, messages: ["stocktake: \(error.message)"])
        case let error as TaxonomyError:
            if case .cannotRead = error { return RunResult(status: .noInput, messages: ["stocktake: \(error)"]) }
            return RunResult(status: .dataError, messages: ["stocktake: taxonomy: \(error)"])
        case let error as CSVReadError:
            switch error {
            case .cannotOpen, .readFailed: return RunResult(status: .noInput, messages: ["stocktake: \(error)"])
            default: return RunResult(status: .dataError, messages: ["stocktake: \(error)"])
            }
        default:
            return RunResult(status: .software, messages: ["stocktake: internal error: \(error)"])
        }
    }

    private func execute() throws -> RunResult {
        let loaded = try LoadedPipeline.load(path: options.pipelinePath)
        let definition = loaded.definition
        var messages = definition.warnings.map(\.description)
        try loaded.requireReadableInputs()
        let databasePath = options.database.map(Self.absolute) ?? definition.database
        let outputRoot = options.output.map(Self.absolute) ?? definition.output
        for folder in [outputRoot, URL(fileURLWithPath: databasePath).deletingLastPathComponent().path] {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StocktakeError.cantCreate(folder, "\(error.localizedDescription)")
            }
        }
        let lock = try RunLock(path: databasePath + ".lock")
        defer { lock.release() }
        let store = try StagingStore(path: databasePath)
        // The taxonomy's indexes are built while the inputs are read (normalize is the first stage to need them).
        let taxonomyDirectory = definition.taxonomy
        let taxonomyVersions = try Taxonomy.reportedVersions(directory: taxonomyDirectory)
        let taxonomy = BackgroundWork { try Taxonomy.load(directory: taxonomyDirectory) }
        let startedAt = options.now()
        let runID = try Self.makeRunID(startedAt, outputRoot: outputRoot, store: store)
        try store.beginRun(runID: runID, pipeline: definition.name, definitionSHA256: loaded.sha256,
                           startedAt: Timestamp.iso8601(startedAt), taxonomyVersions: taxonomyVersions.joined(separator: "; "))
        logger.info("run \(runID) started", metadata: ["pipeline": "\(definition.file)"])
        do {
            var result = try stages(loaded, taxonomy: taxonomy, store: store, runID: runID, startedAt: startedAt,
                                    outputRoot: outputRoot)
            messages += result.messages
            result.messages = messages
            try store.finishRun(runID: runID, finishedAt: Timestamp.iso8601(options.now()),
                                status: result.runStatus,
                                exitCode: result.status.rawValue, rowsRead: result.rowsRead,
                                rowsAccepted: result.rowsAccepted, rowsRejected: result.rowsRejected,
                                reportDir: result.reportDirectory, message: nil)
            return result
        } catch {
            let failed = Self.failure(error)
            try? store.finishRun(runID: runID, finishedAt: Timestamp.iso8601(options.now()), status: .failed,
                                 exitCode: failed.status.rawValue, rowsRead: 0, rowsAccepted: 0, rowsRejected: 0,
                                 reportDir: nil, message: failed.messages.joined(separator: "\n"))
            throw error
        }
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
    }

    /// `YYYYMMDDTHHMMSSZ`, with `-2`, `-3`… when a run of the same second exists.
    static func makeRunID(_ date: Date, outputRoot: String, store: StagingStore) throws -> String {
        let base = Timestamp.compact(date)
        var candidate = base
        var counter = 1
        while try FileManager.default.fileExists(atPath: "\(outputRoot)/\(candidate)") || store.hasRun(candidate) {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        return candidate
    }
}
