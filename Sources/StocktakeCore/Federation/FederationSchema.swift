/// The federation database's schema: everything lives in the PostgreSQL schema `stocktake`, versioned by
/// `stocktake.schema_migrations` like the SQLite store's migrations. Never edit a migration that has shipped: add
/// the next version. `FederationStore` applies the missing ones in one transaction under an advisory lock, so
/// partners publishing at the same time migrate once.
enum FederationSchema {
    struct Migration {
        var version: Int
        var name: String
        var sql: String
    }

    static let migrations: [Migration] = [
        Migration(version: 1, name: "publications", sql: """
            CREATE TABLE stocktake.publication (
                country text PRIMARY KEY CHECK (country ~ '^[A-Z]{2}$'),
                run_id text NOT NULL,
                published_at text NOT NULL,
                tool_version text NOT NULL,
                pipeline text NOT NULL,
                definition_sha256 text NOT NULL,
                taxonomy_versions jsonb NOT NULL,
                fingerprint text NOT NULL
            );
            CREATE TABLE stocktake.input_file (
                country text NOT NULL REFERENCES stocktake.publication(country) ON DELETE CASCADE,
                ordinal integer NOT NULL,
                path text NOT NULL,
                kind text NOT NULL CHECK (kind IN ('survey', 'labour')),
                file_country text,
                format text NOT NULL,
                encoding text NOT NULL,
                delimiter text NOT NULL,
                sha256 text NOT NULL,
                size_bytes bigint NOT NULL,
                rows_read bigint NOT NULL,
                rows_accepted bigint NOT NULL,
                rows_rejected bigint NOT NULL,
                status text NOT NULL,
                last_update text,
                source text,
                licence text,
                rejects_by_code jsonb NOT NULL,
                skipped_by_reason jsonb NOT NULL,
                PRIMARY KEY (country, ordinal),
                CHECK (rows_read = rows_accepted + rows_rejected)
            );
            CREATE TABLE stocktake.reject (
                country text NOT NULL REFERENCES stocktake.publication(country) ON DELETE CASCADE,
                ordinal integer NOT NULL,
                file text NOT NULL,
                line bigint NOT NULL,
                col bigint NOT NULL,
                code text NOT NULL,
                message text NOT NULL,
                column_name text,
                PRIMARY KEY (country, ordinal)
            );
            CREATE TABLE stocktake.ingest_warning (
                country text NOT NULL REFERENCES stocktake.publication(country) ON DELETE CASCADE,
                ordinal integer NOT NULL,
                file text NOT NULL,
                line bigint NOT NULL,
                col bigint NOT NULL,
                code text NOT NULL,
                message text NOT NULL,
                PRIMARY KEY (country, ordinal)
            );
            CREATE TABLE stocktake.survey_cell (
                country text NOT NULL REFERENCES stocktake.publication(country) ON DELETE CASCADE,
                sector_text text NOT NULL,
                skill_key text NOT NULL,
                n bigint NOT NULL CHECK (n >= 0),
                answers bigint NOT NULL CHECK (answers >= n),
                sum_importance_whole bigint NOT NULL,
                sum_importance_parts bigint[] NOT NULL,
                sum_proficiency_whole bigint NOT NULL,
                sum_proficiency_parts bigint[] NOT NULL,
                sum_importance_squared_whole bigint NOT NULL,
                sum_importance_squared_parts bigint[] NOT NULL,
                sum_discrepancy_whole bigint NOT NULL,
                sum_discrepancy_parts bigint[] NOT NULL,
                sum_discrepancy_squared_whole bigint NOT NULL,
                sum_discrepancy_squared_parts bigint[] NOT NULL,
                sum_importance_times_discrepancy_whole bigint NOT NULL,
                sum_importance_times_discrepancy_parts bigint[] NOT NULL,
                hard_to_fill_yes_whole bigint NOT NULL,
                hard_to_fill_yes_parts bigint[] NOT NULL,
                demand_change_sum_whole bigint NOT NULL,
                demand_change_sum_parts bigint[] NOT NULL,
                mode_online_whole bigint NOT NULL,
                mode_online_parts bigint[] NOT NULL,
                mode_blended_whole bigint NOT NULL,
                mode_blended_parts bigint[] NOT NULL,
                mode_on_site_whole bigint NOT NULL,
                mode_on_site_parts bigint[] NOT NULL,
                hard_to_fill_answered bigint NOT NULL,
                demand_change_answered bigint NOT NULL,
                target_group_counts bigint[] NOT NULL,
                PRIMARY KEY (country, sector_text, skill_key)
            );
            CREATE TABLE stocktake.sector_respondents (
                country text NOT NULL REFERENCES stocktake.publication(country) ON DELETE CASCADE,
                sector_text text NOT NULL,
                respondents bigint NOT NULL CHECK (respondents >= 0),
                PRIMARY KEY (country, sector_text)
            );
            CREATE TABLE stocktake.labour_observation (
                country text NOT NULL REFERENCES stocktake.publication(country) ON DELETE CASCADE,
                sector text NOT NULL,
                indicator text NOT NULL,
                unit text NOT NULL,
                period text NOT NULL,
                value double precision NOT NULL,
                flag text NOT NULL,
                source text NOT NULL,
                PRIMARY KEY (country, sector, indicator, unit, period)
            );
            CREATE TABLE stocktake.mapping_decision (
                country text NOT NULL REFERENCES stocktake.publication(country) ON DELETE CASCADE,
                kind text NOT NULL,
                text text NOT NULL,
                code text,
                method text NOT NULL,
                confidence double precision NOT NULL,
                candidate text,
                rows bigint NOT NULL,
                respondents bigint,
                PRIMARY KEY (country, kind, text)
            );
            """),
        // The cell key perturbation (docs/methodology.md §5.1): a cell's and a sector count's keys are wrapping sums
        // of the respondents' record keys (and of their answers' content keys), stored as the bigint with the same
        // 64 bits. They merge by addition like the counts, so the coordinator perturbs exactly as a single run.
        Migration(version: 2, name: "cell keys", sql: """
            ALTER TABLE stocktake.survey_cell
                ADD COLUMN cell_key bigint NOT NULL DEFAULT 0,
                ADD COLUMN value_key bigint NOT NULL DEFAULT 0;
            ALTER TABLE stocktake.sector_respondents
                ADD COLUMN record_keys bigint NOT NULL DEFAULT 0;
            """),
    ]

    /// The newest schema version this build writes and reads.
    static var currentVersion: Int { migrations.map(\.version).max() ?? 0 }
}
