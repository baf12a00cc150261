import Testing
@testable import StocktakeCore
@testable import StocktakeModel
@testable import StocktakeIngest

/// Issue 11, defect 7: `hard_to_fill_values: { "": false }` in a pipeline gave "missing key ``".
@Suite struct DefinitionLoaderQuotedKeyTests {
    @Test func quotedKeysThatReadAsNullOrNumbersDecodeInAPipeline() throws {
        let yaml = """
            version: 1
            name: demo
            countries:
              - code: RS
                awarding_bodies: [Agency]
                inputs:
                  - path: data/ls.csv
                    kind: survey
                    format: limesurvey
                    mapping:
                      require_column: submitdate
                      hard_to_fill_values: { Y: true, "": false }
                      scale_values: { "1": 1, '2': 2, 3: 3 }
                      skills: [{ skill: Welding, importance: "IMP[SQ001]", proficiency: "PROF[SQ001]" }]
            """
        let definition = try DefinitionLoader.parse(yaml: yaml, file: "p.yaml")
        let entry = try #require(definition.countries.first?.inputs.first)
        let spec = try DefinitionLoader.decode(InputSpec.self, from: entry.node, at: entry.keyPath, file: "p.yaml")
        #expect(spec.mapping?.hardToFillValues == ["Y": true, "": false])
        #expect(spec.mapping?.scaleValues == ["1": 1, "2": 2, "3": 3])
        #expect(spec.mapping?.requireColumn == "submitdate")
    }
}
