import Foundation
import StocktakeModel

/// Partners' publications in a shared PostgreSQL database (schema `stocktake`, `FederationSchema`).
///
/// `publish` replaces a country's publication in one transaction (readers see the old one or the new one, never a
/// mix); `read` returns a country's publication and checks its rows against the fingerprint the partner computed.
public final class FederationStore {
    let connection: PostgresConnection

    /// The publication table's columns, in `read`'s order.
    private static let publicationColumns = ["country", "run_id", "published_at", "tool_version", "pipeline",
                                             "definition_sha256", "taxonomy_versions", "fingerprint"]

    /// Connects (no schema change yet: `migrate` for writers, `requireSchema` for readers).
    public init(conninfo: String) throws {
        connection = try PostgresConnection(conninfo: conninfo)
        // Shortest round-trip text for doubles on every server setting; UTF-8 text both ways.
        try connection.query("SET extra_float_digits = 1")
        try connection.query("SET client_encoding = 'UTF8'")
    }

    /// Where the store is connected, without credentials (`postgresql host:port/database`).
    public var target: String { connection.target }
    public var usesTLS: Bool { connection.usesTLS }

    /// The schema version the database is at; 0 when it has no `stocktake` schema yet.
    public func schemaVersion() throws -> Int {
        let exists = try connection.query("SELECT to_regclass('stocktake.schema_migrations') IS NOT NULL")
        guard exists.first?.first == "t" else { return 0 }
        let rows = try connection.query("SELECT coalesce(max(version), 0) FROM stocktake.schema_migrations")
        return Int(rows.first?.first.flatMap { $0 } ?? "0") ?? 0
    }

    /// Applies the migrations the database lacks, in one transaction under an advisory lock; returns the version.
    /// - Throws: `StocktakeError` (78) when the database is newer than this build.
    @discardableResult
    public func migrate() throws -> Int {
        try connection.transaction {
            // One key for every stocktake migrator: concurrent partners wait here, the second finds nothing to do.
            try connection.query("SELECT pg_advisory_xact_lock(7311420161)")
            try connection.execute(script: """
                CREATE SCHEMA IF NOT EXISTS stocktake;
                CREATE TABLE IF NOT EXISTS stocktake.schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                """)
            let applied = Set(try connection.query("SELECT version FROM stocktake.schema_migrations").compactMap { $0.first.flatMap { $0 }.flatMap { Int($0) } })
            if let newest = applied.max(), newest > FederationSchema.currentVersion {
                throw Self.newerSchema(newest)
            }
            for migration in FederationSchema.migrations where !applied.contains(migration.version) {
                try connection.execute(script: migration.sql)
                try connection.query("INSERT INTO stocktake.schema_migrations (version, name) VALUES ($1, $2)",
                                     ["\(migration.version)", migration.name])
            }
            return FederationSchema.currentVersion
        }
    }

    /// - Throws: `StocktakeError` (66) when the database has no stocktake schema (nothing published yet), (78) when
    ///   its schema is newer than this build.
    public func requireSchema() throws {
        let version = try schemaVersion()
        guard version > 0 else {
            throw StocktakeError(.noInput, "federation database \(target): nothing published yet (no `stocktake` schema); partners run `stocktake publish` first")
        }
        if version > FederationSchema.currentVersion { throw Self.newerSchema(version) }
        if version < FederationSchema.currentVersion {
            throw StocktakeError(.config, "federation database \(target): schema version \(version) is older than this stocktake's (\(FederationSchema.currentVersion)); a partner's `stocktake publish` migrates it")
        }
    }

    private static func newerSchema(_ version: Int) -> StocktakeError {
        StocktakeError(.config, "the federation database's schema is at version \(version), newer than this stocktake's (\(FederationSchema.currentVersion)): upgrade stocktake")
    }

    /// Replaces the country's publication (and every row of it) in one transaction. Migrates first.
    public func publish(_ publication: CountryPublication) throws {
        try migrate()
        try connection.transaction {
            try connection.query("DELETE FROM stocktake.publication WHERE country = $1", [publication.country])
            try insert(table: "publication", columns: Self.publicationColumns, rows: [[
                publication.country, publication.runID, publication.publishedAt, publication.toolVersion,
                publication.pipeline, publication.definitionSHA256, Self.jsonArray(publication.taxonomyVersions),
                publication.fingerprint,
            ]])
            for table in FederationTables.all {
                try insert(table: table.name, columns: table.columns, rows: table.rows(publication))
            }
        }
    }

    /// One row per published country, sorted by country.
    public func publications() throws -> [(country: String, runID: String, publishedAt: String, fingerprint: String)] {
        guard try schemaVersion() > 0 else { return [] }
        return try connection.query("SELECT country, run_id, published_at, fingerprint FROM stocktake.publication ORDER BY country")
            .map { ($0[0] ?? "", $0[1] ?? "", $0[2] ?? "", $0[3] ?? "") }
    }

    /// The country's publication, read in one snapshot and checked against its fingerprint.
    /// - Throws: `StocktakeError` (66) when the country has no publication, (65) when its rows do not match the
    ///   fingerprint or hold values this build cannot read.
    public func read(country: String) throws -> CountryPublication {
        try requireSchema()
        return try connection.transaction {
            try connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            let head = try connection.query(
                "SELECT \(Self.publicationColumns.joined(separator: ", ")) FROM stocktake.publication WHERE country = $1", [country])
            guard let row = head.first else {
                throw StocktakeError(.noInput, "federation database \(target): no publication for \(country); its partner runs `stocktake publish --country \(country)`")
            }
            var decoder = FederationRowDecoder(country: country, table: "publication")
            guard let versions = try? JSONDecoder().decode([String].self, from: Data(try decoder.text(row[6], "taxonomy_versions").utf8)) else {
                throw decoder.fail("taxonomy_versions is not a list of texts")
            }
            var publication = CountryPublication(
                country: country, runID: try decoder.text(row[1], "run_id"), publishedAt: try decoder.text(row[2], "published_at"),
                toolVersion: try decoder.text(row[3], "tool_version"), pipeline: try decoder.text(row[4], "pipeline"),
                definitionSHA256: try decoder.text(row[5], "definition_sha256"), taxonomyVersions: versions,
                files: [], rejects: [], warnings: [], cells: [], respondents: [], labour: [], mappings: [])
            let expected = try decoder.text(row[7], "fingerprint")
            var rows: [String: [[String?]]] = [:]
            for table in FederationTables.all {
                let ordering = table.columns.contains("ordinal") ? " ORDER BY ordinal" : ""
                rows[table.name] = try connection.query(
                    "SELECT \(table.columns.joined(separator: ", ")) FROM stocktake.\(table.name) WHERE country = $1\(ordering)", [country])
            }
            try decoder.decode(into: &publication, rows: rows)
            publication.sortTables()
            let actual = publication.fingerprint
            guard actual == expected else {
                throw StocktakeError(.dataError, "federation database \(target): the rows of \(country)'s publication \(publication.runID) do not match its fingerprint (\(expected.prefix(12)) published, \(actual.prefix(12)) read): the database was changed outside `stocktake publish`; the partner publishes again")
            }
            return publication
        }
    }

    /// Inserts `rows` in batches of multi-row VALUES, every value a parameter cast to its column's type.
    private func insert(table: String, columns: [String], rows: [[String?]]) throws {
        guard !rows.isEmpty else { return }
        let casts = columns.map(Self.cast)
        let perBatch = max(1, 30_000 / columns.count)
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(rows.count, start + perBatch)]
            var placeholders: [String] = []
            var parameters: [String?] = []
            parameters.reserveCapacity(batch.count * columns.count)
            for row in batch {
                let first = parameters.count
                placeholders.append("(" + casts.enumerated().map { "$\(first + $0.offset + 1)\($0.element)" }.joined(separator: ", ") + ")")
                parameters += row
            }
            try connection.query("INSERT INTO stocktake.\(table) (\(columns.joined(separator: ", "))) VALUES \(placeholders.joined(separator: ", "))",
                                 parameters)
            start += perBatch
        }
    }

    /// The cast of a column's text parameter to the column's type.
    static func cast(_ column: String) -> String {
        if column.hasSuffix("_parts") || column == "target_group_counts" { return "::bigint[]" }
        if ["rejects_by_code", "skipped_by_reason", "taxonomy_versions"].contains(column) { return "::jsonb" }
        if ["value", "confidence"].contains(column) { return "::double precision" }
        let integers: Set<String> = ["ordinal", "size_bytes", "rows_read", "rows_accepted", "rows_rejected", "line", "col", "n",
                                     "answers", "hard_to_fill_answered", "demand_change_answered", "respondents", "rows"]
        if integers.contains(column) || column.hasSuffix("_whole") { return "::bigint" }
        return ""
    }

    static func jsonArray(_ values: [String]) -> String {
        "[" + values.map(FederationTables.jsonString).joined(separator: ",") + "]"
    }
}
