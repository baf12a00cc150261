import ArgumentParser
import Logging
import StocktakeCore
import StocktakeModel

extension StocktakeCommand {
    /// `stocktake validate [PIPELINE]`: the definition and every input checked; nothing written.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a pipeline definition and every input it names, without writing anything.",
            discussion: ExitStatus.helpText)

        @Argument(help: "Pipeline definition (YAML).")
        var pipeline = "pipelines/bem.yaml"

        @Flag(help: "Only errors and the summary line.")
        var quiet = false

        @Flag(help: "Warnings fail the check: unknown definition keys → 78, input warnings → 65.")
        var strict = false

        func run() throws {
            Console.bootstrapLogging(quiet: quiet, verbose: false)
            var options = RunOptions(pipelinePath: pipeline)
            options.strict = strict
            let result = PipelineRunner(options: options, logger: Logger(label: "stocktake")).validate()
            Console.report(result)
            if result.status != .success { throw ExitCode(result.status.rawValue) }
        }
    }
}
