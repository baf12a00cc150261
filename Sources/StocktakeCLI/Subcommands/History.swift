import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeModel

extension StocktakeCommand {
    /// `stocktake history [PIPELINE]`: the runs the database records.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the runs of a pipeline with their status and counts, newest first.",
            discussion: """
                Statuses: success, data_errors, partial (published); failed, cancelled (with the stage they stopped \
                in), abandoned (the process died), running.
                """)

        @Argument(help: "Pipeline definition (YAML).")
        var pipeline = "pipelines/bem.yaml"

        @Option(help: "SQLite database path (overrides `database:` in the pipeline).")
        var db: String?

        @Flag(help: "One JSON array of run objects (snake_case keys) on stdout.")
        var json = false

        func run() throws {
            switch RunHistory.list(pipelinePath: pipeline, database: db) {
            case .success(let entries):
                if json {
                    let encoder = JSONEncoder()
                    encoder.keyEncodingStrategy = .convertToSnakeCase
                    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                    print(String(decoding: try encoder.encode(entries), as: UTF8.self))
                    return
                }
                print(["run", "started", "status", "exit", "read", "accepted", "rejected", "stage"]
                    .joined(separator: "\t"))
                for entry in entries {
                    print([entry.runID, entry.startedAt, entry.status.rawValue, entry.exitCode.map(String.init) ?? "",
                           String(entry.rowsRead), String(entry.rowsAccepted), String(entry.rowsRejected),
                           entry.stage ?? ""].joined(separator: "\t"))
                }
            case .failure(let error):
                Console.error(error.message)
                throw ExitCode(error.status.rawValue)
            }
        }
    }

    /// `stocktake prune --keep N [PIPELINE]`: removes old runs, folders and database rows together.
    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove all but the N newest published runs: their report folders and database rows together.",
            discussion: """
                Never removes the run `latest` points at, nor a run still running; runs newer than the oldest one \
                kept stay whatever their status. Takes the database's lock (exit 75 while a run holds it). \
                `output: { path: DIR, keep: N }` in the pipeline does the same after every published run.
                """)

        @Argument(help: "Pipeline definition (YAML).")
        var pipeline = "pipelines/bem.yaml"

        @Option(help: "Published runs to keep (at least 1).")
        var keep: Int

        @Option(help: "SQLite database path (overrides `database:` in the pipeline).")
        var db: String?

        @Option(help: "Reports root folder (overrides `output:` in the pipeline).")
        var out: String?

        func run() throws {
            switch RunHistory.prune(pipelinePath: pipeline, database: db, output: out, keep: keep) {
            case .success(let pruned):
                for folder in pruned.folders { print("removed \(folder)") }
                Console.line("stocktake: prune · \(pruned.runs.count) run\(pruned.runs.count == 1 ? "" : "s") removed, \(pruned.folders.count) folder\(pruned.folders.count == 1 ? "" : "s"), kept \(pruned.kept.joined(separator: ", "))")
            case .failure(let error):
                Console.error(error.message)
                throw ExitCode(error.status.rawValue)
            }
        }
    }
}
