import Foundation
import GRDB
import StocktakeModel

/// The embedded SQLite store: runs, stage runs, input files, rejects, mappings, aggregates, scores, proposals.
///
/// Raw survey rows are never stored: ingest streams and aggregates them (sufficient statistics per cell), and
/// the store keeps what lineage needs — input hashes and counts per file, every reject with its location, every
/// mapping decision, the aggregates, scores and proposals of each run.
public final class StagingStore {
    public let dbQueue: DatabaseQueue

    /// Opens (creating if needed) the database at `path` in WAL mode and migrates it.
    /// - Throws: `StocktakeError.cantCreate` (73) when the file or its folder cannot be created.
    public init(path: String) throws {
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try Directories.ensure(folder)
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA foreign_keys = ON")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            dbQueue = try DatabaseQueue(path: path, configuration: configuration)
            try dbQueue.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try Self.migrator.migrate(dbQueue)
        } catch let error as StocktakeError {
            throw error
        } catch {
            throw StocktakeError.cantCreate(path, "\(error)")
        }
    }

    /// An in-memory store, for tests.
    public init() throws {
        dbQueue = try DatabaseQueue()
        try Self.migrator.migrate(dbQueue)
    }

    /// Names of the applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try dbQueue.read { db in try Self.migrator.appliedMigrations(db) }
    }
}
