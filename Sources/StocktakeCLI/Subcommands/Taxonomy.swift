import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeModel

extension StocktakeCommand {
    /// `stocktake taxonomy`: look at how names and codes map onto NACE Rev. 2 and ESCO.
    struct Taxonomy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Match sector and skill names against the taxonomy (NACE Rev. 2, ESCO).",
            subcommands: [Match.self, Unmapped.self]
        )
    }
}

extension StocktakeCommand.Taxonomy {
    /// What kind of name to match.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case sector, skill
    }

    /// `stocktake taxonomy match TEXT... [--kind sector|skill] [--lang CODE] [--json] [--taxonomy DIR]`.
    struct Match: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how each TEXT maps: code, level, English label, method and confidence.",
            discussion: "Reads one text per line from standard input when no TEXT is given. Methods, in order: override, code, alias, transliteration, fuzzy, none (unmapped: goes to the review queue)."
        )

        @Argument(help: "Sector or skill names or codes (default: lines of standard input).")
        var texts: [String] = []

        @Option(help: "What to match: sector or skill.")
        var kind: Kind = .sector

        @Option(name: .customLong("lang"), help: "Language of the texts (en, de, nb, sr-Latn, sr-Cyrl, cnr, mk, uk, ka, hy).")
        var language: String?

        @Flag(help: "Print one JSON array of {input, code, level, label, method, confidence}.")
        var json = false

        @Option(help: "Taxonomy directory (default: inputs/taxonomy, or the one pipelines/bem.yaml names).")
        var taxonomy: String?

        @Option(help: "Minimum fuzzy similarity in 0...1 (default 0.85).")
        var threshold: Double?

        func validate() throws {
            if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be in 0...1") }
        }

        func run() throws {
            let directory = taxonomy ?? TaxonomyLocator.defaultDirectory(currentDirectory: FileManager.default.currentDirectoryPath)
            var loaded: StocktakeCore.Taxonomy
            do { loaded = try StocktakeCore.Taxonomy.load(directory: directory) } catch let error as TaxonomyError {
                FileHandle.standardError.write(Data("stocktake: \(error)\n".utf8))
                throw ExitCode(ExitStatus.noInput.rawValue)
            }
            if let threshold { loaded.threshold = threshold }
            var inputs = texts
            if inputs.isEmpty { while let line = readLine() { if !line.isEmpty { inputs.append(line) } } }
            let rows = inputs.map { text in
                kind == .sector ? TaxonomyMatchRow(loaded.matchSector(text, language: language))
                    : TaxonomyMatchRow(loaded.matchSkill(text, language: language))
            }
            print(json ? try TaxonomyMatchRow.json(rows) : TaxonomyMatchRow.text(rows), terminator: json ? "\n" : "")
        }
    }
}
