import ArgumentParser
import StocktakeModel

/// Flags shared by the commands that run a pipeline.
struct GlobalOptions: ParsableArguments {
    @Option(help: "SQLite database path (overrides `database:` in the pipeline).")
    var db: String?

    @Option(help: "Reports root folder (overrides `output:` in the pipeline).")
    var out: String?

    @Flag(help: "Only errors and the one-line summary on stderr; no progress line.")
    var quiet = false

    @Flag(help: "Debug logging on stderr.")
    var verbose = false

    @Flag(help: "Warnings fail the run: unknown definition keys → 78 before anything runs; input warnings (encoding mismatch, ignored empty columns) or more than 5 % of survey answers with an unmapped sector → 65.")
    var strict = false

    @Option(help: "Log lines on stderr: text (default) or json (one object per line: time, level, run_id, stage, file, line, column, code, message).")
    var logFormat: LogFormat = .text
}

/// How stderr lines are written.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
