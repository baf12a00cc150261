import Testing
import Yams
@testable import StocktakeIngest
@testable import StocktakeModel

@Suite struct InputSpecTests {
    @Test func decodesDefaults() throws {
        let spec = try YAMLDecoder().decode(InputSpec.self, from: "{ path: a.csv }")
        #expect(spec.kind == .survey && spec.format == .auto && spec.dialect == InputDialect() && spec.mapping == nil)
    }

    @Test func decodesEverything() throws {
        let yaml = """
            path: ls.csv
            kind: survey
            format: limesurvey
            country: RS
            source: Partner survey 2024
            licence: CC BY 4.0
            dialect: { delimiter: ";", decimal: ",", thousands: ".", encoding: windows-1250, header_row: 2, missing: ["NA"] }
            mapping:
              respondent_id: id
              sector: Q1
              scale_values: { A1: 1, A5: 5 }
              hard_to_fill_values: { Y: true, N: false }
              learning_mode_values: { A3: on-site }
              target_group_columns: { displaced-returnees: "TG[idp]" }
              skill_codes: { "IMP[SQ002]": S5.1 }
              skills:
                - { skill: Welding, importance: "IMP[SQ001]", proficiency: "PROF[SQ001]", demand_change: "DEM[SQ001]", esco: S7.1.6 }
                - { skill: Programiranje, importance: "IMP[SQ002]", proficiency: "PROF[SQ002]" }
            """
        let spec = try YAMLDecoder().decode(InputSpec.self, from: yaml)
        #expect(spec.format == .limesurvey && spec.country == "RS" && spec.licence == "CC BY 4.0")
        #expect(spec.dialect.delimiterByte == UInt8(ascii: ";") && spec.dialect.decimalByte == UInt8(ascii: ","))
        #expect(spec.dialect.encoding == .windows1250 && spec.dialect.headerRow == 2 && spec.dialect.missing == ["NA"])
        let mapping = try #require(spec.mapping)
        #expect(mapping.scaleValues == ["A1": 1, "A5": 5])
        #expect(mapping.learningModeValues == ["A3": .onSite])
        #expect(mapping.targetGroupColumns == ["displaced-returnees": "TG[idp]"])
        #expect(mapping.skills.first?.demandChange == "DEM[SQ001]")
        #expect(mapping.skills.map { mapping.escoCode(for: $0) } == ["S7.1.6", "S5.1"])
    }

    @Test func knownKeysListEveryCodingKey() {
        #expect(InputSpec.knownKeys.contains("mapping") && InputSpec.knownKeys.contains("licence"))
        #expect(InputDialect.knownKeys == ["delimiter", "quote", "decimal", "thousands", "encoding", "header_row", "missing"])
        #expect(SurveyMapping.knownKeys.contains("target_group_columns"))
        #expect(SkillColumns.knownKeys == ["skill", "importance", "proficiency", "hard_to_fill", "demand_change", "esco"])
        #expect(SurveyMapping.knownKeys.contains("skill_codes"))
    }
}
