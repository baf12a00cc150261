import ArgumentParser
import Foundation
import Logging
import StocktakeCore
import StocktakeModel

extension StocktakeCommand {
    /// `stocktake publish [PIPELINE] --to CONNINFO | --to-env VAR [--country XX]…`: a partner's aggregates to the
    /// federation database.
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a country's aggregates (cell statistics, respondent counts, labour series, mapping decisions, ledger, provenance) to a shared PostgreSQL database for a federated run.",
            discussion: """
                Reads the country's inputs as `run` does and replaces its publication in the database in one \
                transaction (schema `stocktake`, created or migrated on first use). Never publishes respondent ids, \
                raw rows or answers. A coordinator's pipeline reads the country with `source: store` \
                (docs/federation.md). Passwords belong in PGPASSWORD or a .pgpass file (PGPASSFILE), not in --to: \
                the command line is visible to other users. TLS is used whenever the server offers it \
                (sslmode=prefer); hosted databases should say sslmode=verify-full.

                \(ExitStatus.helpText)
                """)

        @Argument(help: "Pipeline definition (YAML) listing the country's input files.")
        var pipeline = "pipelines/bem.yaml"

        @Option(help: "The database: a libpq connection string (`host=… dbname=…`) or URI (`postgresql://user@host/db`).")
        var to: String?

        @Option(name: .customLong("to-env"), help: "Name of an environment variable holding the connection string (instead of --to).")
        var toEnv: String?

        @Option(help: "Country to publish (ISO alpha-2, repeatable); default every country of the pipeline with input files.")
        var country: [String] = []

        @Flag(help: "Only errors.")
        var quiet = false

        @Flag(help: "Warnings of the definition (unknown keys) fail with 78.")
        var strict = false

        func validate() throws {
            switch (to, toEnv) {
            case (nil, nil): throw ValidationError("name the database: --to CONNINFO or --to-env VAR")
            case (.some, .some): throw ValidationError("--to and --to-env exclude each other")
            default: break
            }
        }

        func run() throws {
            Console.bootstrapLogging(quiet: quiet, verbose: false)
            let conninfo: String
            if let toEnv {
                guard let value = ProcessInfo.processInfo.environment[toEnv], !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                    Console.error("--to-env: the environment variable \(toEnv) is not set")
                    throw ExitCode(ExitStatus.config.rawValue)
                }
                conninfo = value
            } else {
                conninfo = to!
                if PipelineRunner.conninfoHasPassword(conninfo) {
                    Console.error("warning: --to spells a password, which other users can see in the process list; use PGPASSWORD, a .pgpass file or --to-env")
                }
            }
            var options = RunOptions(pipelinePath: pipeline)
            options.strict = strict
            let runner = PipelineRunner(options: options, logger: Logger(label: "stocktake"))
            switch runner.publishing(countries: country.isEmpty ? nil : country.map { $0.uppercased() }, conninfo: conninfo) {
            case .success(let published):
                for item in published {
                    print([item.country, item.runID, "\(item.cells) cells", "\(item.labourValues) labour values",
                           "\(item.files) files", "\(item.rejects) rejects", "fingerprint \(item.fingerprint.prefix(12))"]
                        .joined(separator: "\t"))
                }
                if !quiet { Console.line("stocktake: published \(published.count) countr\(published.count == 1 ? "y" : "ies"): \(published.map(\.country).joined(separator: ", "))") }
                if published.contains(where: { $0.unusableFiles > 0 || $0.rejects > 0 }) {
                    // Published as a run would report it; the exit code says rows or files were rejected.
                    throw ExitCode(ExitStatus.dataError.rawValue)
                }
            case .failure(let error):
                Console.error(error.message)
                throw ExitCode(error.status.rawValue)
            }
        }
    }
}
