import Foundation
import GRDB
import StocktakeModel

extension StagingStore {
    /// Records the start of a run (status `running`).
    public func beginRun(runID: String, pipeline: String, definitionSHA256: String, startedAt: String,
                         taxonomyVersions: String) throws {
        try dbQueue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO pipeline_run (run_id, pipeline, definition_sha256, tool_version, taxonomy_versions,
                                              started_at, status)
                    VALUES (?, ?, ?, ?, ?, ?, 'running')
                    """,
                arguments: [runID, pipeline, definitionSHA256, StocktakeVersion.current, taxonomyVersions, startedAt])
        }
    }

    /// Records the end of a run; `stage` is the stage a failed or cancelled run stopped in.
    public func finishRun(runID: String, finishedAt: String, status: RunStatus, exitCode: Int32, rowsRead: Int,
                          rowsAccepted: Int, rowsRejected: Int, reportDir: String?, message: String?,
                          stage: String? = nil) throws {
        try dbQueue.write { db in
            try db.execute(
                sql: """
                    UPDATE pipeline_run SET finished_at = ?, status = ?, exit_code = ?, rows_read = ?,
                        rows_accepted = ?, rows_rejected = ?, report_dir = ?, message = ?, stage = ?
                    WHERE run_id = ?
                    """,
                arguments: [finishedAt, status.rawValue, exitCode, rowsRead, rowsAccepted, rowsRejected, reportDir,
                            message, stage, runID])
        }
    }

    /// Marks runs of this database left `running` as `abandoned` (their process died: the caller holds the run
    /// lock, so none of them is still running). Returns their ids, oldest first.
    public func abandonStaleRuns(at time: String) throws -> [String] {
        try dbQueue.write { db in
            let ids = try String.fetchAll(
                db, sql: "SELECT run_id FROM pipeline_run WHERE status = 'running' ORDER BY started_at, run_id")
            try db.execute(
                sql: """
                    UPDATE pipeline_run SET status = 'abandoned', finished_at = ?,
                        message = 'the process ended without recording the end of the run (killed or stopped)'
                    WHERE status = 'running'
                    """,
                arguments: [time])
            return ids
        }
    }

    /// Records one finished stage's counts and duration (status `done`; a failed stage fails the run instead).
    public func recordStage(runID: String, stage: String, rowsIn: Int, rowsOut: Int, durationMs: Int) throws {
        try dbQueue.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO stage_run VALUES (?, ?, 'done', ?, ?, ?)",
                arguments: [runID, stage, rowsIn, rowsOut, durationMs])
        }
    }

    /// Records one input file with its hash and counts.
    public func recordInput(runID: String, _ row: InputFileRow) throws {
        try dbQueue.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO input_file (run_id, path, kind, country, format, encoding, delimiter,
                        sha256, size_bytes, rows_read, rows_accepted, rows_rejected, status, last_update, source, licence,
                        rows_skipped, skipped_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [runID, row.path, row.kind.rawValue, row.country, row.format.rawValue, row.encoding.rawValue, row.delimiter,
                            row.sha256, row.sizeBytes, row.rowsRead, row.rowsAccepted, row.rowsRejected,
                            row.status.rawValue, row.lastUpdate, row.source, row.licence, row.rowsSkipped,
                            try Self.json(row.skippedByReason)])
        }
    }

    /// Appends rejects (one transaction per batch).
    public func insertRejects(runID: String, _ rejects: [Reject]) throws {
        guard !rejects.isEmpty else { return }
        try dbQueue.write { db in
            let statement = try db.makeStatement(
                sql: "INSERT INTO reject (run_id, file, line, col, code, column_name, message) VALUES (?, ?, ?, ?, ?, ?, ?)")
            for reject in rejects {
                try statement.execute(arguments: [
                    runID, reject.location.file, reject.location.line, reject.location.column, reject.code.rawValue,
                    reject.columnName, reject.message,
                ])
            }
        }
    }

    /// Records the run's mapping decisions.
    public func recordMappings(runID: String, _ rows: [MappingDecision]) throws {
        try dbQueue.write { db in
            let statement = try db.makeStatement(sql: "INSERT OR REPLACE INTO sector_mapping VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for row in rows {
                try statement.execute(arguments: [
                    runID, row.country, row.kind.rawValue, row.text, row.code, row.method.rawValue, row.confidence, row.candidate, row.rows,
                ])
            }
        }
    }

    /// A stored status, kind or method read back as its enum; a value this version does not know (written by a
    /// newer one, or by hand) is an error naming the column, never a guess.
    static func stored<Value: RawRepresentable>(_ text: String, in column: String) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            throw StocktakeError(.dataError, "the database holds `\(text)` in \(column), which this version of stocktake does not know")
        }
        return value
    }

    /// JSON with sorted keys (the stored columns do not depend on hash order).
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Saves the normalized aggregates and the results of scoring and proposing, in one transaction.
    public func saveResults(runID: String, cells: [SurveyCell], labour: [LabourSeries], gaps: [GapScore],
                            pressures: [SectorPressure], proposals: [Proposal]) throws {
        func json<T: Encodable>(_ value: T) throws -> String { try Self.json(value) }
        try dbQueue.write { db in
            for cell in cells {
                try db.execute(
                    sql: "INSERT INTO survey_cell VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [runID, cell.country, cell.sector.description, cell.skill.code, cell.skill.label,
                                cell.stats.n, try json(cell.stats)])
            }
            for series in labour {
                try db.execute(
                    sql: "INSERT INTO labour_series VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [runID, series.country, series.scope.description, series.indicator.rawValue, series.unit,
                                try json(series.observations)])
            }
            for gap in gaps {
                try db.execute(
                    sql: "INSERT INTO gap_score VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [runID, gap.country, gap.sector.description, gap.skill.code, gap.skill.label, gap.n,
                                gap.score, gap.rank, gap.flags.map(\.rawValue).sorted().joined(), try json(gap)])
            }
            for pressure in pressures {
                try db.execute(
                    sql: "INSERT INTO sector_pressure VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [runID, pressure.country, pressure.sector.description, pressure.coverage,
                                pressure.pressure, try json(pressure)])
            }
            for proposal in proposals {
                try db.execute(
                    sql: "INSERT INTO proposal VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [runID, proposal.id, proposal.country, proposal.rank, proposal.title, proposal.priority,
                                try json(proposal)])
            }
        }
    }

    /// The newest finished run of `pipeline` other than `excluding` whose status is success or data_errors.
    public func previousRun(pipeline: String, excluding runID: String) throws -> StoredRun? {
        try dbQueue.read { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT run_id, started_at, status FROM pipeline_run
                    WHERE pipeline = ? AND run_id <> ? AND status IN ('success', 'data_errors')
                    ORDER BY started_at DESC, run_id DESC LIMIT 1
                    """,
                arguments: [pipeline, runID])
            else { return nil }
            let id: String = row["run_id"]
            var inputs: [String: String] = [:]
            for input in try Row.fetchAll(db, sql: "SELECT path, sha256 FROM input_file WHERE run_id = ?", arguments: [id]) {
                inputs[input["path"]] = input["sha256"]
            }
            let proposals = try Row.fetchAll(
                db, sql: "SELECT id, country, rank, title FROM proposal WHERE run_id = ? ORDER BY country, rank",
                arguments: [id]
            ).map { StoredProposal(id: $0["id"], country: $0["country"], rank: $0["rank"], title: $0["title"]) }
            return StoredRun(runID: id, startedAt: row["started_at"], status: try Self.stored(row["status"], in: "pipeline_run.status"), inputs: inputs,
                             proposals: proposals)
        }
    }

    /// Unmapped names (code NULL) of the newest finished run of `pipeline`, most frequent first.
    public func unmappedOfLastRun(pipeline: String) throws -> (runID: String, rows: [MappingDecision])? {
        try dbQueue.read { db in
            guard let runID = try String.fetchOne(
                db,
                sql: """
                    SELECT run_id FROM pipeline_run WHERE pipeline = ? AND status <> 'running'
                    ORDER BY started_at DESC, run_id DESC LIMIT 1
                    """,
                arguments: [pipeline])
            else { return nil }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT country, kind, text, code, method, confidence, candidate, rows FROM sector_mapping
                    WHERE run_id = ? AND code IS NULL ORDER BY rows DESC, kind, country, text
                    """,
                arguments: [runID]
            ).map {
                MappingDecision(country: $0["country"], kind: try Self.stored($0["kind"], in: "sector_mapping.kind"),
                                text: $0["text"], code: $0["code"],
                                method: try Self.stored($0["method"], in: "sector_mapping.method"),
                                confidence: $0["confidence"], candidate: $0["candidate"], rows: $0["rows"])
            }
            return (runID, rows)
        }
    }
}

extension StagingStore {
    /// Whether a run with this id is recorded.
    public func hasRun(_ runID: String) throws -> Bool {
        try dbQueue.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pipeline_run WHERE run_id = ?)", arguments: [runID]) ?? false
        }
    }
}

extension StagingStore {
    /// Every finished run of `pipeline`, newest first, and whether it published a folder of its own (for
    /// `index.md`, which lists every run with its true status and links the published ones).
    public func runListings(pipeline: String) throws -> [(runID: String, startedAt: String, status: RunStatus, published: Bool)] {
        try dbQueue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT run_id, started_at, status, report_dir FROM pipeline_run
                    WHERE pipeline = ? AND status <> 'running'
                    ORDER BY started_at DESC, run_id DESC
                    """,
                arguments: [pipeline]
            ).map { row in
                let status: RunStatus = try Self.stored(row["status"], in: "pipeline_run.status")
                let folder: String? = row["report_dir"]
                let id: String = row["run_id"]
                let published = status.isPublished
                    && folder.map { URL(fileURLWithPath: $0).lastPathComponent == id } == true
                return (id, row["started_at"], status, published)
            }
        }
    }
}
