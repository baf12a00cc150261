import Foundation
import GRDB
import StocktakeModel

/// One run as `stocktake history` lists it.
public struct RunHistoryEntry: Sendable, Hashable, Codable {
    public var runID: String
    public var startedAt: String
    public var finishedAt: String?
    public var status: RunStatus
    public var exitCode: Int?
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var rowsRejected: Int
    /// The published folder; nil for runs that published nothing.
    public var reportDir: String?
    /// The stage a failed or cancelled run stopped in.
    public var stage: String?
    public var message: String?

    /// Whether the run published a report folder.
    public var isPublished: Bool {
        reportDir != nil && [.success, .dataErrors, .partial].contains(status)
    }
}

extension StagingStore {
    /// Every run of `pipeline`, newest first.
    public func history(pipeline: String) throws -> [RunHistoryEntry] {
        try dbQueue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT run_id, started_at, finished_at, status, exit_code, rows_read, rows_accepted, rows_rejected,
                           report_dir, stage, message
                    FROM pipeline_run WHERE pipeline = ? ORDER BY started_at DESC, run_id DESC
                    """,
                arguments: [pipeline]
            ).map { row in
                RunHistoryEntry(
                    runID: row["run_id"], startedAt: row["started_at"], finishedAt: row["finished_at"],
                    status: try Self.stored(row["status"], in: "pipeline_run.status"), exitCode: row["exit_code"],
                    rowsRead: row["rows_read"], rowsAccepted: row["rows_accepted"], rowsRejected: row["rows_rejected"],
                    reportDir: row["report_dir"], stage: row["stage"], message: row["message"])
            }
        }
    }

    /// Deletes runs and everything recorded for them (their stages, inputs, rejects, mappings and results).
    public func deleteRuns(_ ids: [String]) throws {
        try dbQueue.write { db in
            for id in ids { try db.execute(sql: "DELETE FROM pipeline_run WHERE run_id = ?", arguments: [id]) }
        }
    }
}
