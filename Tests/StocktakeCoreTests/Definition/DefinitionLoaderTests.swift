import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

@Suite struct DefinitionLoaderTests {
    static let minimal = """
        version: 1
        name: demo
        countries:
          - code: UA
            awarding_bodies: [Agency]
            inputs:
              - { path: data/survey.csv, kind: survey, format: stocktake-survey }
        """

    @Test func resolvesPathsAgainstTheDefinitionFolder() throws {
        let definition = try DefinitionLoader.parse(yaml: Self.minimal, file: "/srv/pipes/demo.yaml")
        #expect(definition.countries.first?.inputs.first?.path == "/srv/pipes/data/survey.csv")
        #expect(definition.countries.first?.inputs.first?.displayPath == "data/survey.csv")
        #expect(definition.output == "/srv/reports")
        #expect(definition.database == "/srv/reports/stocktake.sqlite")
        #expect(definition.taxonomy == "/srv/inputs/taxonomy")
        #expect(definition.countries.first?.languages == ["uk", "en"])
        #expect(definition.warnings.isEmpty)
    }

    @Test func unknownKeysWarnWithLocationAndSuggestion() throws {
        let yaml = Self.minimal + "\nmax_reject_ration: 0.3\n"
        let definition = try DefinitionLoader.parse(yaml: yaml, file: "p.yaml")
        let warning = try #require(definition.warnings.first)
        #expect(warning.location == SourceLocation(file: "p.yaml", line: 8, column: 1))
        #expect(warning.keyPath == "max_reject_ration")
        #expect(warning.description.contains("did you mean `max_reject_ratio`"))
    }

    @Test func brokenYAMLNamesLineAndColumn() {
        let yaml = "version: 1\ncountries:\n  - code: UA\n   name: [unclosed\n"
        #expect {
            try DefinitionLoader.parse(yaml: yaml, file: "bad.yaml")
        } throws: { error in
            guard let error = error as? DefinitionError, let first = error.diagnostics.first else { return false }
            return first.location.file == "bad.yaml" && first.location.line >= 3 && first.message.hasPrefix("invalid YAML")
        }
    }

    @Test(arguments: [
        ("version: 1\ncountries: []\n", "countries", 2),
        ("countries:\n  - code: UA\n    awarding_bodies: [A]\n", "version", 1),
        ("version: 9\ncountries:\n  - { code: UA, awarding_bodies: [A] }\n", "version", 1),
        ("version: 1\ncountries:\n  - { code: Ukraine, awarding_bodies: [A] }\n", "countries.0.code", 3),
        ("version: 1\ncountries:\n  - { code: UA, awarding_bodies: [A], languages: [xx] }\n", "countries.0.languages.0", 3),
        ("version: 1\ncountries:\n  - code: UA\n    awarding_bodies: [A]\n    inputs:\n      - { path: a.csv, kind: poll }\n",
         "countries.0.inputs.0.kind", 6),
        ("version: 1\nmax_reject_ratio: 2\ncountries:\n  - { code: UA, awarding_bodies: [A] }\n", "max_reject_ratio", 2),
        ("version: 1\nreport: { free_text: yes }\ncountries:\n  - { code: UA, awarding_bodies: [A] }\n", "report.free_text", 2),
    ])
    func invalidDefinitionsNameTheKeyPath(yaml: String, keyPath: String, line: Int) {
        #expect {
            try DefinitionLoader.parse(yaml: yaml, file: "d.yaml")
        } throws: { error in
            guard let error = error as? DefinitionError else { return false }
            return error.diagnostics.contains { $0.keyPath == keyPath && $0.location.line == line && $0.severity == .error }
        }
    }

    @Test func stageSectionsDecodeWithLocations() throws {
        struct Weights: Decodable { var survey: Double }
        let yaml = Self.minimal + "\nscoring:\n  survey: lots\n"
        let definition = try DefinitionLoader.parse(yaml: yaml, file: "s.yaml")
        #expect {
            _ = try DefinitionLoader.decode(Weights.self, from: definition.scoring, at: "scoring", file: "s.yaml")
        } throws: { error in
            guard let error = error as? DefinitionError, let first = error.diagnostics.first else { return false }
            return first.keyPath == "scoring.survey" && first.location.line == 9 && first.location.column == 11
        }
    }

    @Test func missingFileIsNoInput() {
        #expect(throws: StocktakeError.self) { try DefinitionLoader.load(path: "/nonexistent/p.yaml") }
    }

    @Test func bundledPipelineIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let definition = try DefinitionLoader.load(path: root.appendingPathComponent("pipelines/bem.yaml").path)
        #expect(definition.countryCodes == ["DE", "NO", "MK", "RS", "ME", "AM", "GE", "UA"])
        #expect(definition.warnings.isEmpty)
        // A synthetic survey per country; real ILOSTAT employment and hours for all eight, unemployment by
        // previous activity for all but Armenia (inputs/ilostat/SOURCES.md).
        #expect(definition.allInputs.count == 8 + 8 + 8 + 7)
        #expect(definition.allInputs.filter { $0.kind == "labour" && $0.displayPath.hasPrefix("../inputs/ilostat/datapoints/") }.count == 23)
    }
}
