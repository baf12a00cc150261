import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeIngest
import StocktakeModel

extension StocktakeCommand {
    /// `stocktake debug`: hidden tools for benchmarks and diagnosis.
    struct Debug: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Benchmark and diagnosis tools.",
            shouldDisplay: false,
            subcommands: [CSVFloorCommand.self, NewPerturbationKeyCommand.self]
        )

        /// `body`'s value; a `StocktakeError` is printed and becomes its exit code.
        static func exitOnError<T>(_ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch let error as StocktakeError {
                FileHandle.standardError.write(Data("stocktake: \(error.message)\n".utf8))
                throw ExitCode(error.status.rawValue)
            }
        }

        /// `stocktake debug new-perturbation-key --out FILE`: a secret key for `scoring.perturbation.key_file`.
        struct NewPerturbationKeyCommand: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "new-perturbation-key",
                abstract: "Write a new secret cell key perturbation key (16 random bytes, mode 0600) to FILE, for scoring.perturbation.key_file or STOCKTAKE_PERTURBATION_KEY_FILE."
            )

            @Option(help: "The key file to create (never overwritten).")
            var out: String

            func run() throws {
                try Debug.exitOnError { try PerturbationKey.writeNew(to: out) }
                print("\(out): new perturbation key (16 bytes, mode 0600). Keep it secret and use the same key for every release and partner: the record keys, and so the perturbation, follow it.")
            }
        }

        /// `stocktake debug csv-floor FILE`: libcsv with no-op callbacks over FILE; prints bytes, seconds, MB/s.
        struct CSVFloorCommand: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "csv-floor",
                abstract: "Parse FILE with libcsv and no-op callbacks (the reader's chunk size): the throughput floor of ingest."
            )

            @Argument(help: "The CSV file to parse.")
            var file: String

            @Flag(help: "Print one machine-readable line: bytes seconds mb_per_s rows.")
            var raw = false

            @Flag(help: "Tab-separated (a Eurostat TSV) instead of comma-separated.")
            var tab = false

            func run() throws {
                let start = ContinuousClock.now
                let result = try Debug.exitOnError { try CSVFloor.parse(path: file, delimiter: tab ? 0x09 : 0x2C) }
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let rate = seconds > 0 ? Double(result.bytes) / 1e6 / seconds : 0
                if raw {
                    print("\(result.bytes) \(String(format: "%.3f", seconds)) \(String(format: "%.1f", rate)) \(result.rows)")
                } else {
                    print("\(file): \(result.bytes) bytes, \(result.rows) rows, \(String(format: "%.3f", seconds)) s, \(String(format: "%.1f", rate)) MB/s (libcsv floor)")
                }
            }
        }
    }
}
