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
        reportDir != nil && status.isPublished
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

extension StagingStore {
    /// Records what a run read (`RunFingerprint`).
    public func setFingerprint(runID: String, _ fingerprint: String) throws {
        try dbQueue.write { db in
            try db.execute(sql: "UPDATE pipeline_run SET fingerprint = ? WHERE run_id = ?", arguments: [fingerprint, runID])
        }
    }

    /// The newest published run of `pipeline` that has a fingerprint, with its inputs' hashes and sizes.
    public func lastPublishedFingerprint(pipeline: String) throws -> StoredFingerprint? {
        try dbQueue.read { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT run_id, fingerprint, report_dir FROM pipeline_run
                    WHERE pipeline = ? AND status IN ('success', 'data_errors', 'partial') AND report_dir IS NOT NULL
                    ORDER BY started_at DESC, run_id DESC LIMIT 1
                    """,
                arguments: [pipeline])
            else { return nil }
            guard let fingerprint: String = row["fingerprint"] else { return nil }
            let id: String = row["run_id"]
            var inputs: [String: (sha256: String, size: Int)] = [:]
            for input in try Row.fetchAll(db, sql: "SELECT path, sha256, size_bytes FROM input_file WHERE run_id = ?",
                                          arguments: [id]) {
                inputs[input["path"]] = (input["sha256"], input["size_bytes"])
            }
            return StoredFingerprint(runID: id, fingerprint: fingerprint, reportDir: row["report_dir"], inputs: inputs)
        }
    }
}
