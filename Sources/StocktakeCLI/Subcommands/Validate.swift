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

        func run() throws {
            Console.bootstrapLogging(quiet: quiet, verbose: false)
            let result = PipelineRunner(options: RunOptions(pipelinePath: pipeline), logger: Logger(label: "stocktake"))
                .validate()
            Console.report(result)
            if result.status != .success { throw ExitCode(result.status.rawValue) }
        }
    }
}
