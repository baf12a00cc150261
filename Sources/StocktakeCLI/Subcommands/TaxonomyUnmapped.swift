import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeModel

extension StocktakeCommand.Taxonomy {
    /// `stocktake taxonomy unmapped [PIPELINE] [--kind sector|skill]`: the review queue of the last run.
    struct Unmapped: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the names the last run could not map, ready to paste into overrides.csv.",
            discussion: """
                Prints CSV with the header of inputs/taxonomy/overrides.csv (text,language,kind,code,who,why). \
                Fill in `code` (a NACE section/division such as F or C10, or an ESCO skill group), `who` and \
                `why`, append the lines to overrides.csv and run again: overrides always win. The `why` column \
                is pre-filled with the countries, the number of rows and the best candidate. `--kind skill` lists \
                only the survey skill labels (ESCO), `--kind sector` only the sector names.
                """)

        @Argument(help: "Pipeline definition (YAML).")
        var pipeline = "pipelines/bem.yaml"

        @Option(help: "SQLite database path (overrides `database:` in the pipeline).")
        var db: String?

        @Option(help: "Only names of this kind: sector or skill (default: both).")
        var kind: Kind?

        func run() throws {
            let result = UnmappedQueue.lastRun(pipelinePath: pipeline, database: db)
            switch result {
            case .success(var queue):
                if let kind { queue.entries = queue.entries.filter { $0.kind == (kind == .skill ? .skill : .sector) } }
                print(queue.csv, terminator: "")
                FileHandle.standardError.write(Data("stocktake: \(queue.summary)\n".utf8))
            case .failure(let error):
                FileHandle.standardError.write(Data("stocktake: \(error.message)\n".utf8))
                throw ExitCode(error.status.rawValue)
            }
        }
    }
}
