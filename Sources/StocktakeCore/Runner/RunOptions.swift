import Foundation
import StocktakeModel
import StocktakeIngest

/// What a run needs beyond the pipeline definition: overrides from the command line, and injected time.
public struct RunOptions: Sendable {
    public var pipelinePath: String
    /// Overrides `database:`.
    public var database: String?
    /// Overrides `output:`.
    public var output: String?
    /// Overrides `report.csv_variant:` (`standard` or `excel`).
    public var csvVariant: ReportOptions.CSVVariant?
    /// The clock; tests inject a fixed one so run ids and report headers are reproducible.
    public var now: @Sendable () -> Date
    /// `--strict`: warnings fail the run — of the definition (unknown keys) with 78 before anything runs; of the
    /// inputs (a declared encoding the bytes contradict, an ignored empty column) and unmapped survey answers above
    /// `strictUnmappedShare` with 65 (reports are still written).
    public var strict = false
    /// `--force`: run even when nothing changed since the last published run (`RunFingerprint`).
    public var force = false
    /// Where federated countries' connection variables (`connection_env`) are looked up; tests inject their own.
    public var environment: [String: String] = ProcessInfo.processInfo.environment

    /// Under `--strict`, the largest share of survey answers whose sector name did not map.
    public static let strictUnmappedShare = 0.05

    public init(pipelinePath: String, database: String? = nil, output: String? = nil,
                csvVariant: ReportOptions.CSVVariant? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        self.pipelinePath = pipelinePath
        self.database = database
        self.output = output
        self.csvVariant = csvVariant
        self.now = now
    }
}

/// Progress of a long run, for a terminal progress line.
public enum RunProgress: Sendable {
    /// A stage (or the file being ingested) started.
    case stage(String)
    case done
}

/// The outcome of `run` or `validate`.
public struct RunResult: Sendable {
    public var status: ExitStatus
    public var runID: String?
    /// Folder of the published reports.
    public var reportDirectory: String?
    /// Diagnostics and warnings, one per line, already formatted (`file:line:column: ...`).
    public var messages: [String]
    public var rowsRead = 0
    public var rowsAccepted = 0
    public var rowsRejected = 0
    /// Accepted rows that gave no record (`IngestReport.rowsSkipped`): accepted = used + skipped.
    public var rowsSkipped = 0
    public var seconds = 0.0
    /// Inputs that could not be used at all, as `path (status)`: the run is then *partial*.
    public var unusableInputs: [String] = []
    /// The command that ran (`run`, `validate`), named in the summary line.
    public var command = "run"
    /// The signal that stopped the run at a safe point (exit 75).
    public var cancelled: Cancelled?
    /// The published run whose inputs, definition, taxonomy and tool this run found unchanged: nothing was redone.
    public var unchangedSince: String?
    /// Each input's path and SHA-256, for the run's fingerprint.
    var inputHashes: [(path: String, sha256: String)] = []
    /// The published run's `run.json`.
    var record: RunRecord?
    /// The warnings and the first rejects among `messages`, as records (for `--log-format json`).
    public var warnings: [IngestWarning] = []
    public var rejects: [Reject] = []
    /// The messages that are neither `warnings` nor `rejects` (definition warnings, errors, "… N more rejects").
    public var otherMessages: [String] {
        let listed = Set(warnings.map(\.description) + rejects.map(\.description))
        return messages.filter { !listed.contains($0) }
    }

    public init(status: ExitStatus, runID: String? = nil, reportDirectory: String? = nil, messages: [String] = []) {
        self.status = status
        self.runID = runID
        self.reportDirectory = reportDirectory
        self.messages = messages
    }

    /// The run's status as recorded and reported: `success`, `data_errors` (rows rejected, every input used) or
    /// `partial` (an input could not be used at all: its evidence is missing from the results).
    public var runStatus: RunStatus {
        if cancelled != nil { return .cancelled }
        if unchangedSince != nil { return .unchanged }
        if !unusableInputs.isEmpty { return .partial }
        switch status {
        case .success: return .success
        case .dataError: return .dataErrors
        default: return .failed
        }
    }

    /// The one-line run summary printed on stderr (counts, rejects, duration, exit code).
    public var summaryLine: String {
        var parts = ["stocktake: \(command)" + (runID.map { " \($0)" } ?? "")]
        if let cancelled { parts.append(cancelled.description) }
        if let unchangedSince {
            parts.append("unchanged since run \(unchangedSince): definition, inputs, taxonomy and tool are the same, nothing redone (--force runs anyway)")
        } else {
            parts.append("rows read \(rowsRead), accepted \(rowsAccepted) (used \(rowsAccepted - rowsSkipped), skipped \(rowsSkipped)), rejected \(rowsRejected)")
        }
        if !unusableInputs.isEmpty {
            parts.append("partial: \(unusableInputs.count) input\(unusableInputs.count == 1 ? "" : "s") not used (\(unusableInputs.joined(separator: ", ")))")
        }
        parts.append(String(format: "%.2fs", seconds))
        if let reportDirectory { parts.append("reports \(reportDirectory)") }
        parts.append("exit \(status.rawValue)")
        return parts.joined(separator: " · ")
    }
}
