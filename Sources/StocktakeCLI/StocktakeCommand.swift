import ArgumentParser
import StocktakeCore
import StocktakeModel
import CHints

/// The `stocktake` command: a thin front end over `StocktakeCore`.
@main
struct StocktakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stocktake",
        abstract: "Turn skills-needs evidence (surveys, labour statistics) into gap reports and micro-credential proposals.",
        discussion: ExitStatus.helpText,
        version: StocktakeVersion.current,
        subcommands: [Run.self, Validate.self, Publish.self, Inspect.self, History.self, Prune.self, Taxonomy.self, Sample.self, Debug.self]
    )

    static func main() {
        // The taxonomy's index building frees megabytes a run never reuses; without this glibc keeps them mapped
        // (peak RSS of a run −6 MB, docs/performance.md).
        stocktake_fixed_malloc_thresholds()
        main(nil)
    }
}
