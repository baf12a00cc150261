import Foundation
import StocktakeModel

/// The review queue of the last run of a pipeline, read from its database: every name that did not map.
public struct UnmappedQueue: Sendable {
    public var runID: String
    public var entries: [ReviewQueueEntry]

    /// Reads the queue of the newest finished run recorded in the pipeline's database.
    public static func lastRun(pipelinePath: String, database: String? = nil) -> Result<UnmappedQueue, StocktakeError> {
        PipelineRunner.catching {
            let definition = try DefinitionLoader.load(path: pipelinePath)
            let path = try PipelineRunner.existingDatabase(definition, override: database)
            let store = try StagingStore(path: path)
            guard let (runID, rows) = try store.unmappedOfLastRun(pipeline: definition.name) else {
                throw StocktakeError(.noInput, "\(path): no finished run of pipeline \(definition.name)")
            }
            // Sector names and skill labels are both matched with the country's first language.
            let languages = Dictionary(uniqueKeysWithValues: definition.countries.map { ($0.code, $0.languages.first ?? "en") })
            let entries = rows.map { row in
                ReviewQueueEntry(
                    kind: row.kind == .skill ? .skill : .sector, text: row.text,
                    language: languages[row.country], country: row.country,
                    count: row.rows, candidateCode: row.candidate, candidateConfidence: row.candidate == nil ? nil : row.confidence)
            }
            return UnmappedQueue(runID: runID, entries: entries)
        }
    }

    /// `overrides.csv` lines with the header, most frequent first.
    public var csv: String { ReviewQueue.overridesLines(entries, includeHeader: true) }

    public var summary: String {
        "\(entries.count) unmapped names (\(entries.reduce(0) { $0 + $1.count }) rows) in run \(runID)"
    }
}
