import Foundation
import Logging
import StocktakeModel

/// `stocktake history` and `stocktake prune`: the runs a pipeline's database records, and removing old ones — their
/// report folders and database rows together.
public enum RunHistory {
    /// What `prune` removed.
    public struct Pruned: Sendable, Hashable, Codable {
        /// Runs removed from the database, newest first.
        public var runs: [String]
        /// Report folders removed.
        public var folders: [String]
        /// Runs kept (the newest published ones and the one `latest` points at).
        public var kept: [String]
    }

    /// The runs of the pipeline at `pipelinePath` (database from `database` or the definition), newest first.
    public static func list(pipelinePath: String, database: String? = nil) -> Result<[RunHistoryEntry], StocktakeError> {
        PipelineRunner.catching {
            let definition = try DefinitionLoader.load(path: pipelinePath)
            let path = try PipelineRunner.existingDatabase(definition, override: database)
            return try StagingStore(path: path).history(pipeline: definition.name)
        }
    }

    /// Keeps the `keep` newest published runs (and whatever `latest` points at) and removes every older run: its
    /// folder under the output root and its database rows. Runs newer than the oldest kept one stay, whatever their
    /// status (they are the recent history); a run still `running` is never touched. Takes the database's run lock.
    public static func prune(pipelinePath: String, database: String? = nil, output: String? = nil,
                             keep: Int) -> Result<Pruned, StocktakeError> {
        PipelineRunner.catching {
            guard keep >= 1 else { throw StocktakeError(.config, "keep must be at least 1 run") }
            let definition = try DefinitionLoader.load(path: pipelinePath)
            let path = try PipelineRunner.existingDatabase(definition, override: database)
            let lock = try RunLock(database: path)
            defer { lock.release() }
            let store = try StagingStore(path: path)
            let root = URL(fileURLWithPath: output.map(PipelineRunner.absolute) ?? definition.output)
            return try prune(store: store, pipeline: definition.name, root: root, keep: keep)
        }
    }

    /// `prune` with the lock held and the store open (also run after each published run when `output.keep` is set).
    static func prune(store: StagingStore, pipeline: String, root: URL, keep: Int) throws -> Pruned {
        let entries = try store.history(pipeline: pipeline)
        let latest = try? FileManager.default.destinationOfSymbolicLink(atPath: root.appendingPathComponent("latest").path)
        let published = entries.filter(\.isPublished)
        var kept = Set(published.prefix(keep).map(\.runID))
        if let latest = latest.map({ URL(fileURLWithPath: $0).lastPathComponent }) { kept.insert(latest) }
        guard let oldestKept = entries.last(where: { kept.contains($0.runID) }) else {
            return Pruned(runs: [], folders: [], kept: [])
        }
        let rootPath = root.standardizedFileURL.path
        var removedRuns: [String] = []
        var removedFolders: [String] = []
        for entry in entries where !kept.contains(entry.runID) && entry.status != .running
            && (entry.startedAt, entry.runID) < (oldestKept.startedAt, oldestKept.runID)
        {
            if let folder = entry.reportDir {
                let url = URL(fileURLWithPath: folder).standardizedFileURL
                // Only folders of this output root, named by their run id: never anything else.
                if url.deletingLastPathComponent().path == rootPath, url.lastPathComponent == entry.runID,
                   FileManager.default.fileExists(atPath: url.path) {
                    try FileManager.default.removeItem(at: url)
                    removedFolders.append(url.path)
                }
            }
            removedRuns.append(entry.runID)
        }
        try store.deleteRuns(removedRuns)
        return Pruned(runs: removedRuns, folders: removedFolders,
                      kept: entries.map(\.runID).filter { kept.contains($0) })
    }
}
