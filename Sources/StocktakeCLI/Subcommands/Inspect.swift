import ArgumentParser
import StocktakeCore

import Foundation
import StocktakeModel
import StocktakeIngest

extension TextEncoding: ExpressibleByArgument {}

extension StocktakeCommand {
    /// `stocktake inspect FILE [--json]`: parse one file as the pipeline would, without a pipeline definition.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Detect a file's format, encoding and delimiter, parse it fully and report rows and rejects.",
            discussion: """
                Exit codes: 0 no row rejected; 65 rows rejected or the file is unusable; 66 the file is missing \
                or unreadable.
                """
        )

        @Argument(help: "The CSV/TSV file (optionally .gz) to inspect.")
        var file: String

        @Flag(help: "Print one JSON object (sorted keys) instead of a table.")
        var json = false

        @Option(help: "List at most this many rejects.")
        var maxRejects = 1000

        @Option(help: "Read the file in this encoding (utf-8, windows-1250, windows-1251, windows-1252), as a pipeline input with `dialect.encoding` would; a warning says when the bytes disagree. Default: the detected encoding.")
        var encoding: TextEncoding?

        func run() throws {
            let report: InspectReport
            do {
                report = try Inspector.inspect(path: file, encoding: encoding, maxRejects: maxRejects)
            } catch let error as StocktakeError {
                FileHandle.standardError.write(Data("stocktake: \(error.message)\n".utf8))
                throw ExitCode(error.status.rawValue)
            }
            print(json ? try report.jsonString() : report.table, terminator: json ? "\n" : "")
            if report.rowsRejected > 0 || report.fileError { throw ExitCode(ExitStatus.dataError.rawValue) }
        }
    }
}
