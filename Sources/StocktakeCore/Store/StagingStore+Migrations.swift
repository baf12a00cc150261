import GRDB
import StocktakeModel

extension StagingStore {
    /// Named migrations. Never edit one that has shipped: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1_runs") { db in
            try db.execute(sql: """
                CREATE TABLE pipeline_run (
                    run_id TEXT PRIMARY KEY NOT NULL,
                    pipeline TEXT NOT NULL,
                    definition_sha256 TEXT NOT NULL,
                    tool_version TEXT NOT NULL,
                    taxonomy_versions TEXT NOT NULL DEFAULT '',
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    status TEXT NOT NULL CHECK (status IN ('running', 'success', 'data_errors', 'failed')),
                    exit_code INTEGER,
                    rows_read INTEGER NOT NULL DEFAULT 0,
                    rows_accepted INTEGER NOT NULL DEFAULT 0,
                    rows_rejected INTEGER NOT NULL DEFAULT 0,
                    report_dir TEXT,
                    message TEXT
                );
                CREATE TABLE stage_run (
                    run_id TEXT NOT NULL REFERENCES pipeline_run(run_id) ON DELETE CASCADE,
                    stage TEXT NOT NULL,
                    status TEXT NOT NULL,
                    rows_in INTEGER NOT NULL,
                    rows_out INTEGER NOT NULL,
                    duration_ms INTEGER NOT NULL,
                    PRIMARY KEY (run_id, stage)
                );
                CREATE TABLE input_file (
                    run_id TEXT NOT NULL REFERENCES pipeline_run(run_id) ON DELETE CASCADE,
                    path TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('survey', 'labour')),
                    country TEXT,
                    format TEXT NOT NULL,
                    encoding TEXT NOT NULL,
                    delimiter TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    size_bytes INTEGER NOT NULL,
                    rows_read INTEGER NOT NULL,
                    rows_accepted INTEGER NOT NULL,
                    rows_rejected INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    last_update TEXT,
                    source TEXT,
                    licence TEXT,
                    PRIMARY KEY (run_id, path),
                    CHECK (rows_read = rows_accepted + rows_rejected)
                );
                CREATE TABLE reject (
                    run_id TEXT NOT NULL REFERENCES pipeline_run(run_id) ON DELETE CASCADE,
                    file TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    col INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    column_name TEXT,
                    message TEXT NOT NULL
                );
                CREATE INDEX reject_run ON reject(run_id, file, line);
                CREATE TABLE sector_mapping (
                    run_id TEXT NOT NULL REFERENCES pipeline_run(run_id) ON DELETE CASCADE,
                    country TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('sector', 'skill', 'labour-sector')),
                    text TEXT NOT NULL,
                    code TEXT,
                    method TEXT NOT NULL,
                    confidence REAL NOT NULL,
                    candidate TEXT,
                    rows INTEGER NOT NULL,
                    PRIMARY KEY (run_id, country, kind, text)
                );
                CREATE TABLE survey_cell (
                    run_id TEXT NOT NULL REFERENCES pipeline_run(run_id) ON DELETE CASCADE,
                    country TEXT NOT NULL,
                    sector TEXT NOT NULL,
                    skill_code TEXT,
                    skill_label TEXT NOT NULL,
                    n INTEGER NOT NULL,
                    stats_json TEXT NOT NULL
                );
                CREATE TABLE labour_series (
                    run_id TEXT NOT NULL REFERENCES pipeline_run(run_id) ON DELETE CASCADE,
                    country TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    indicator TEXT NOT NULL,
                    unit TEXT NOT NULL,
                    observations_json TEXT NOT NULL
                );
                CREATE TABLE gap_score (
                    run_id TEXT NOT NULL REFERENCES pipeline_run(run_id) ON DELETE CASCADE,
                    country TEXT NOT NULL,
                    sector TEXT NOT NULL,
                    skill_code TEXT,
                    skill_label TEXT NOT NULL,
                    n INTEGER NOT NULL,
                    score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
                    rank INTEGER,
                    flags TEXT NOT NULL,
                    json TEXT NOT NULL
                );
                CREATE TABLE sector_pressure (
                    run_id TEXT NOT NULL REFERENCES pipeline_run(run_id) ON DELETE CASCADE,
                    country TEXT NOT NULL,
                    sector TEXT NOT NULL,
                    coverage INTEGER NOT NULL CHECK (coverage BETWEEN 0 AND 5),
                    pressure REAL,
                    json TEXT NOT NULL
                );
                CREATE TABLE proposal (
                    run_id TEXT NOT NULL REFERENCES pipeline_run(run_id) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    country TEXT NOT NULL,
                    rank INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    priority REAL NOT NULL,
                    json TEXT NOT NULL,
                    PRIMARY KEY (run_id, id)
                );
                """)
        }
        // A run with an input it could not use is `partial` (issue 11). SQLite cannot change a CHECK constraint,
        // so the table is rebuilt (GRDB runs migrations with foreign keys off and checks them afterwards).
        migrator.registerMigration("v2_partial_status") { db in
            try db.execute(sql: """
                CREATE TABLE pipeline_run_new (
                    run_id TEXT PRIMARY KEY NOT NULL,
                    pipeline TEXT NOT NULL,
                    definition_sha256 TEXT NOT NULL,
                    tool_version TEXT NOT NULL,
                    taxonomy_versions TEXT NOT NULL DEFAULT '',
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    status TEXT NOT NULL CHECK (status IN ('running', 'success', 'data_errors', 'partial', 'failed')),
                    exit_code INTEGER,
                    rows_read INTEGER NOT NULL DEFAULT 0,
                    rows_accepted INTEGER NOT NULL DEFAULT 0,
                    rows_rejected INTEGER NOT NULL DEFAULT 0,
                    report_dir TEXT,
                    message TEXT
                );
                INSERT INTO pipeline_run_new SELECT * FROM pipeline_run;
                DROP TABLE pipeline_run;
                ALTER TABLE pipeline_run_new RENAME TO pipeline_run;
                """)
        }
        // The file's ledger (issue 11): accepted = used + skipped, skipped by reason as a sorted JSON object.
        migrator.registerMigration("v3_input_ledger") { db in
            try db.execute(sql: """
                ALTER TABLE input_file ADD COLUMN rows_skipped INTEGER NOT NULL DEFAULT 0 CHECK (rows_skipped <= rows_accepted);
                ALTER TABLE input_file ADD COLUMN skipped_json TEXT NOT NULL DEFAULT '{}';
                """)
        }
        // Runs stopped by a signal are `cancelled` (with the stage they stopped in), runs whose process died are
        // marked `abandoned` by the next run, and a run over unchanged inputs is recorded as `unchanged`
        // (issue 13); `fingerprint` identifies what a run read (definition, inputs, taxonomy, provision, tool) so an
        // unchanged rerun is recognised. The CHECK constraint changes, so the table is rebuilt as in v2.
        migrator.registerMigration("v4_run_outcomes") { db in
            try db.execute(sql: """
                CREATE TABLE pipeline_run_new (
                    run_id TEXT PRIMARY KEY NOT NULL,
                    pipeline TEXT NOT NULL,
                    definition_sha256 TEXT NOT NULL,
                    tool_version TEXT NOT NULL,
                    taxonomy_versions TEXT NOT NULL DEFAULT '',
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    status TEXT NOT NULL CHECK (status IN ('running', 'success', 'data_errors', 'partial', 'failed',
                                                           'cancelled', 'abandoned', 'unchanged')),
                    exit_code INTEGER,
                    rows_read INTEGER NOT NULL DEFAULT 0,
                    rows_accepted INTEGER NOT NULL DEFAULT 0,
                    rows_rejected INTEGER NOT NULL DEFAULT 0,
                    report_dir TEXT,
                    message TEXT,
                    stage TEXT,
                    fingerprint TEXT
                );
                INSERT INTO pipeline_run_new (run_id, pipeline, definition_sha256, tool_version, taxonomy_versions,
                    started_at, finished_at, status, exit_code, rows_read, rows_accepted, rows_rejected, report_dir, message)
                SELECT run_id, pipeline, definition_sha256, tool_version, taxonomy_versions, started_at, finished_at,
                    status, exit_code, rows_read, rows_accepted, rows_rejected, report_dir, message FROM pipeline_run;
                DROP TABLE pipeline_run;
                ALTER TABLE pipeline_run_new RENAME TO pipeline_run;
                """)
        }
        return migrator
    }
}
