import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

@Suite struct SurveyIngestTests {
    @Test func nativeSurveyGivesOneRecordPerRow() throws {
        let read = try readSurvey(InputSpec(path: ingestFixture("survey_ok.csv"), format: .stocktakeSurvey))
        #expect(read.report.rowsRead == 4)
        #expect(read.report.rowsAccepted == 4)
        #expect(read.report.countsAddUp)
        #expect(read.rejects.isEmpty)
        #expect(read.records.map(\.line) == [2, 3, 4, 5])
        let first = read.records[0]
        #expect(first.country == "UA")
        #expect(first.respondentID == "r1")
        #expect(first.importance == 5 && first.proficiency == 2)
        #expect(first.hardToFill == true && first.demandChange == 2)
        #expect(first.learningMode == .blended)
        #expect(first.targetGroups == [.unemployed, .displaced])
        #expect(read.records[2].sector == "Будівельна галузь")
        #expect(read.records[2].hardToFill == nil)
        #expect(read.records[3].demandChange == -1 && read.records[3].learningMode == nil)
        #expect(read.report.sha256.count == 64)
        #expect(read.report.columns.count == 11)
    }

    @Test func autoDetectsNativeSurveyAndGzip() throws {
        let read = try readSurvey(InputSpec(path: ingestFixture("survey_gzip.csv.gz")))
        #expect(read.report.format == .stocktakeSurvey)
        #expect(read.report.gzip)
        #expect(read.records.count == 4)
        #expect(read.report.countsAddUp)
    }

    @Test func crlfAndQuotedNewlineKeepPhysicalLines() throws {
        let read = try readSurvey(InputSpec(path: ingestFixture("survey_crlf.csv")))
        #expect(read.records.map(\.line) == [2, 4])
        #expect(read.records[0].sector == "Bau\r\nund Ausbau")
        #expect(read.report.physicalLines == 4)
    }

    @Test func bomSemicolonAndCountryFromInput() throws {
        let read = try readSurvey(InputSpec(path: ingestFixture("survey_bom_semicolon.csv")), country: "NO")
        #expect(read.report.bom)
        #expect(read.report.delimiter == ";")
        #expect(read.records.map(\.country) == ["NO", "NO"])
        #expect(read.records[0].skill == "Cloud; DevOps")
        #expect(read.records[1].hardToFill == nil && read.records[1].targetGroups.isEmpty)
    }

    @Test func missingCountryColumnWithoutInputCountryIsFileError() throws {
        #expect(throws: IngestError.self) {
            _ = try readSurvey(InputSpec(path: ingestFixture("survey_bom_semicolon.csv")))
        }
    }

    @Test(arguments: [("survey_cp1250.csv", TextEncoding.windows1250, "Građevinarstvo", "Šumarstvo i čišćenje"),
                      ("survey_cp1251.csv", TextEncoding.windows1251, "Будівництво", "Градежништво")])
    func windowsCodePages(file: String, encoding: TextEncoding, first: String, second: String) throws {
        let spec = InputSpec(path: ingestFixture(file), format: .stocktakeSurvey, dialect: InputDialect(encoding: encoding))
        let read = try readSurvey(spec)
        #expect(read.rejects.isEmpty)
        #expect(read.records.map(\.sector) == [first, second])
        #expect(read.report.encoding == encoding)
    }

    @Test func cp1250BytesReadAsUTF8AreEncodingErrors() throws {
        let read = try readSurvey(InputSpec(path: ingestFixture("survey_cp1250.csv"), format: .stocktakeSurvey))
        #expect(read.rejects.map(\.code) == [.encodingError, .encodingError])
        #expect(read.rejects.map(\.location.line) == [2, 3])
        #expect(read.rejects.map(\.location.column) == [4, 4])
        #expect(read.rejects[0].columnName == "sector")
        #expect(read.report.countsAddUp)
    }

    @Test func limeSurveyWithMapping() throws {
        let mapping = SurveyMapping(
            respondentID: "id", sector: "Q1", organisationType: "ORG",
            organisationTypeValues: ["A1": "employer", "A2": "vet-provider"],
            skills: [SkillColumns(skill: "Welding", importance: "IMP[SQ001]", proficiency: "PROF[SQ001]", hardToFill: "HTF[SQ001]"),
                     SkillColumns(skill: "Digital literacy", importance: "IMP[SQ002]", proficiency: "PROF[SQ002]")],
            scaleValues: ["A1": 1, "A2": 2, "A3": 3, "A4": 4, "A5": 5],
            learningMode: "MODE", learningModeValues: ["A1": .online, "A2": .blended, "A3": .onSite],
            targetGroupColumns: ["unemployed": "TG[unemp]", "youth": "TG[youth]"])
        let spec = InputSpec(path: ingestFixture("limesurvey.csv"), format: .limesurvey, mapping: mapping)
        let read = try readSurvey(spec, country: "RS")
        #expect(read.report.rowsRead == 4)
        #expect(read.report.skippedByReason == ["no-answers": 1])
        #expect(read.rejects.map(\.code) == [.typeError])
        #expect(read.rejects.map(\.location.line) == [4])
        #expect(read.rejects.map(\.location.column) == [7])
        #expect(read.report.countsAddUp)
        #expect(read.records.count == 4)
        let welding = try #require(read.records.first)
        #expect(welding.sector == "Građevinarstvo" && welding.organisationType == "employer")
        #expect(welding.importance == 5 && welding.proficiency == 2 && welding.hardToFill == true)
        #expect(welding.learningMode == .blended && welding.targetGroups == [.unemployed])
        #expect(read.records.last?.targetGroups == [.unemployed, .youth])
        #expect(read.records.last?.learningMode == .onSite)
    }

    /// A mapping may name each skill item's ESCO group (issue 17, item 3): the records carry the code instead of the
    /// label, so the normalize stage maps them by code, whatever language the label is in. A block's `esco:` wins
    /// over `skill_codes`, which is keyed by the importance column or the label.
    @Test func limeSurveySkillItemsWithESCOCodes() throws {
        var mapping = SurveyMapping(
            respondentID: "id", sector: "Q1",
            skills: [SkillColumns(skill: "Zavarivanje", importance: "IMP[SQ001]", proficiency: "PROF[SQ001]", esco: "S7.1.6"),
                     SkillColumns(skill: "Digitalna pismenost", importance: "IMP[SQ002]", proficiency: "PROF[SQ002]")],
            scaleValues: ["A1": 1, "A2": 2, "A3": 3, "A4": 4, "A5": 5],
            skillCodes: ["IMP[SQ001]": "S8", "IMP[SQ002]": " S5 "])
        var read = try readSurvey(InputSpec(path: ingestFixture("limesurvey.csv"), format: .limesurvey, mapping: mapping), country: "RS")
        #expect(Set(read.records.map(\.skill)) == ["S7.1.6", "S5"])
        mapping.skillCodes = ["Digitalna pismenost": "S5.6"]
        mapping.skills[0].esco = nil
        read = try readSurvey(InputSpec(path: ingestFixture("limesurvey.csv"), format: .limesurvey, mapping: mapping), country: "RS")
        #expect(Set(read.records.map(\.skill)) == ["Zavarivanje", "S5.6"])
        #expect(SurveyMapping.knownKeys.contains("skill_codes") && SkillColumns.knownKeys.contains("esco"))
    }

    @Test func limeSurveyWithoutMappingIsFileError() throws {
        let error = #expect(throws: IngestError.self) {
            _ = try readSurvey(InputSpec(path: ingestFixture("limesurvey.csv")), country: "RS")
        }
        #expect(error?.code == .missingColumn)
    }

    @Test func koboWithPerOptionColumns() throws {
        let mapping = SurveyMapping(
            respondentID: "_id", country: "country", sector: "sector", organisationType: "org_type",
            organisationTypeValues: ["vet_provider": "vet-provider"],
            skills: [SkillColumns(skill: "Welding", importance: "imp_weld", proficiency: "prof_weld"),
                     SkillColumns(skill: "ICT", importance: "skills/imp_ict", proficiency: "skills/prof_ict")],
            learningMode: "mode", targetGroupColumns: ["unemployed": "target_groups/unemployed", "youth": "target_groups/youth"])
        let read = try readSurvey(InputSpec(path: ingestFixture("kobo.csv"), format: .auto, mapping: mapping))
        #expect(read.report.format == .kobo)
        #expect(read.report.countsAddUp)
        #expect(read.records.count == 3)
        #expect(read.records[0].country == "GE" && read.records[0].targetGroups == [.unemployed, .youth])
        #expect(read.records[2].country == "AM" && read.records[2].organisationType == "vet-provider")
        #expect(read.rejects.map(\.code) == [.requiredValue])
        #expect(read.rejects.first?.location.line == 4)
        #expect(read.rejects.first?.location.column == 7)
    }
}
