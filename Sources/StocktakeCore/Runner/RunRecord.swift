import Crypto
import Foundation
import StocktakeIngest
import StocktakeModel

/// `run.json`: the machine-readable record of a published run, written into the run folder as its last file (so
/// `latest/run.json` is the newest published run's), and `last-run.json` beside the run folders: the record of the
/// most recent run whatever its outcome (also failed, cancelled and unchanged runs, which have no folder). Its JSON
/// Schema is in docs/run-json.md; keys are snake_case and sorted, so the same run gives the same bytes.
public struct RunRecord: Sendable, Hashable, Codable {
    public struct Tool: Sendable, Hashable, Codable {
        public var name = "stocktake"
        public var version: String
    }

    public struct Pipeline: Sendable, Hashable, Codable {
        public var name: String
        /// The definition file's name (not its absolute path: the record travels with the reports).
        public var file: String
        public var sha256: String
    }

    /// Rows of the whole run: read = used + skipped + rejected.
    public struct Rows: Sendable, Hashable, Codable {
        public var read: Int
        public var accepted: Int
        public var used: Int
        public var skipped: Int
        public var rejected: Int
    }

    /// One input file: its ledger and whether its rows reached the results.
    public struct Input: Sendable, Hashable, Codable {
        public var path: String
        public var kind: String
        public var country: String?
        public var format: String
        public var encoding: String
        public var sha256: String
        public var sizeBytes: Int
        public var rowsRead: Int
        public var rowsAccepted: Int
        public var rowsUsed: Int
        public var rowsSkipped: Int
        public var rowsRejected: Int
        public var skippedByReason: [String: Int]
        public var rejectsByCode: [String: Int]
        /// `used`, `too-many-rejects` or `unreadable`.
        public var outcome: String
    }

    public struct Stage: Sendable, Hashable, Codable {
        public var name: String
        public var rowsIn: Int
        public var rowsOut: Int
        /// Milliseconds; the report stage's duration runs up to the writing of this record.
        public var durationMs: Int
    }

    public struct Warning: Sendable, Hashable, Codable {
        public var code: String
        public var file: String
        public var line: Int
        public var column: Int
        public var message: String
    }

    public struct Output: Sendable, Hashable, Codable {
        /// Relative to the run folder.
        public var path: String
        public var sha256: String
        public var sizeBytes: Int
    }

    public var schemaVersion = 1
    public var tool: Tool
    public var command: String
    public var runID: String
    public var pipeline: Pipeline
    /// `success`, `data_errors`, `partial` (published); `failed`, `cancelled`, `unchanged` (in `last-run.json`
    /// only: these runs have no folder).
    public var status: String
    public var exitCode: Int32
    public var startedAt: String
    public var finishedAt: String
    public var rows: Rows
    public var inputs: [Input]
    public var stages: [Stage]
    public var warnings: [Warning]
    /// Every other file of the run folder, sorted by path (empty for a run without a folder).
    public var outputs: [Output]
    /// The cell key perturbation of the published values (docs/methodology.md §5.1): `off`, `demo-key` (the public
    /// demo key) or `key-file` (a secret key file).
    public var perturbation = "off"
    /// The published folder (a path as given to `--out`/`output:`); for an unchanged run, the folder of the run it
    /// repeats; absent when the run published nothing.
    public var reportDir: String? = nil
    /// The stage a failed or cancelled run stopped in.
    public var stage: String? = nil
    /// What stopped a failed or cancelled run, or what an unchanged run repeats.
    public var message: String? = nil

    /// The name of the most recent run's record, beside the run folders.
    public static let lastRunFileName = "last-run.json"

    /// The file name in the run folder.
    public static let fileName = "run.json"

    /// Sorted keys, two-space indentation, a final newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// The record's view of one rendered file.
    static func output(_ file: ReportFile) -> Output {
        Output(path: file.path, sha256: SHA256.hash(data: file.contents).lowercaseHex, sizeBytes: file.contents.count)
    }

    static func input(_ row: InputFileRow) -> Input {
        Input(path: row.path, kind: row.kind.rawValue, country: row.country, format: row.format.rawValue,
              encoding: row.encoding.rawValue, sha256: row.sha256, sizeBytes: row.sizeBytes, rowsRead: row.rowsRead,
              rowsAccepted: row.rowsAccepted, rowsUsed: row.rowsUsed, rowsSkipped: row.rowsSkipped,
              rowsRejected: row.rowsRejected, skippedByReason: row.skippedByReason,
              rejectsByCode: Dictionary(uniqueKeysWithValues: row.rejectsByCode.map { ($0.key.rawValue, $0.value) }),
              outcome: row.status.rawValue)
    }

    static func warning(_ warning: IngestWarning) -> Warning {
        Warning(code: warning.code.rawValue, file: warning.location.file, line: warning.location.line,
                column: warning.location.column, message: warning.message)
    }
}
