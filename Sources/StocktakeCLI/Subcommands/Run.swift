import ArgumentParser
import Logging
import StocktakeCore
import StocktakeModel

extension ReportOptions.CSVVariant: ExpressibleByArgument {}

extension StocktakeCommand {
    /// `stocktake run [PIPELINE]`: the whole batch.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a pipeline: ingest, normalize, score, propose, report.",
            discussion: """
                Writes <output>/<run-id>/ (Markdown, CSV, SVG) and switches <output>/latest to it when the run is \
                complete. Never prompts; safe under cron. A one-line summary goes to stderr.

                \(ExitStatus.helpText)
                """)

        @Argument(help: "Pipeline definition (YAML).")
        var pipeline = "pipelines/bem.yaml"

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Run even when the definition, every input, the taxonomy, the provision file and the tool are the same as in the last published run (otherwise such a run is recorded as `unchanged` and writes nothing).")
        var force = false

        @Option(help: "CSV variant of the reports: standard (RFC 4180, UTF-8, ',') or excel (UTF-8 BOM, ';', decimal comma). Overrides `report.csv_variant`.")
        var csvVariant: ReportOptions.CSVVariant?

        func run() throws {
            Console.bootstrapLogging(quiet: global.quiet, verbose: global.verbose, format: global.logFormat)
            Console.stopOnSignals()
            var options = RunOptions(pipelinePath: pipeline, database: global.db, output: global.out, csvVariant: csvVariant)
            options.strict = global.strict
            options.force = force
            let result = PipelineRunner(options: options, logger: Logger(label: "stocktake"),
                                        progress: Console.progress(quiet: global.quiet)).run()
            Console.report(result)
            if result.status != .success { throw ExitCode(result.status.rawValue) }
        }
    }
}
