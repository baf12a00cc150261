import Foundation
import Testing
import Yams
@testable import StocktakeIngest
@testable import StocktakeModel

/// Issue 11, defect 6: common export quirks that used to break whole files.
@Suite struct ExportQuirksTests {
    // MARK: - A trailing delimiter on every line

    @Test func trailingDelimiterColumnIsIgnoredWithANote() throws {
        let text = """
            country,sector,indicator,period,value,
            DE,C,employment,2023,1,
            DE,F,employment,2023,2,x
            DE,G,employment,2023,3

            """
        let read = try withTemporaryFile(Array(text.utf8)) { url in
            try readLabour(InputSpec(path: url.path, kind: .labour))
        }
        #expect(read.report.format == .stocktakeLabour)
        #expect(read.report.columns == ["country", "sector", "indicator", "period", "value"])
        #expect(read.report.rowsRead == 3 && read.report.rowsAccepted == 2 && read.report.countsAddUp)
        #expect(read.records.map(\.line) == [2, 4])
        #expect(read.rejects.map(\.code) == [.extraCell])
        #expect(read.rejects.first?.location.line == 3)
        #expect(read.rejects.first?.location.column == 6)
        #expect(read.report.warnings.map(\.code) == [.emptyTrailingColumns])
        #expect(read.report.warnings.first?.message.contains("column 6") == true)
    }

    /// The native survey reader checks cells inside libcsv's callbacks: the same rule there, on both paths.
    @Test func trailingDelimiterInNativeSurvey() throws {
        let text = """
            country,respondent_id,organisation_type,sector,skill,importance,proficiency,,
            DE,r1,employer,Bau,Welding,3,2,,
            DE,r2,employer,Bau,Welding,3,2,,oops
            DE,r3,employer,Bau,Welding,4,2

            """
        try withTemporaryFile(Array(text.utf8)) { url in
            let spec = InputSpec(path: url.path)
            let read = try readSurvey(spec)
            #expect(read.report.format == .stocktakeSurvey)
            #expect(read.report.columns.count == 7)
            #expect(read.records.map(\.line) == [2, 4])
            #expect(read.rejects.map(\.code) == [.extraCell])
            #expect(read.rejects.first?.location.line == 3 && read.rejects.first?.location.column == 9)
            #expect(read.report.countsAddUp && read.report.warnings.count == 1)
            let (report, aggregate) = try Ingestor.aggregateSurvey(spec, defaultCountry: nil, onReject: { _ in })
            #expect(report.rowsAccepted == 2 && report.rowsRejected == 1 && report.rejectsByCode == ["extra-cell": 1])
            #expect(aggregate.records == 2)
        }
    }

    @Test func blankLabelInsideTheHeaderIsStillAnError() throws {
        let error = #expect(throws: IngestError.self) {
            _ = try readLabour(InputSpec(path: ingestFixture("file_blank_label.csv"), kind: .labour))
        }
        #expect(error?.code == .blankLabel)
        #expect(error?.reject.location.column == 3)
    }

    // MARK: - Duplicate column names

    @Test func koboCaseVariantsAndRepeatedTruncatedTitlesAreFine() throws {
        let text = """
            REGION,region,imp_weld,prof_weld,Please rate,Please rate,_id,_uuid
            north,GE,5,2,a,b,101,u-1
            south,GE,4,4,c,d,102,u-2

            """
        let mapping = SurveyMapping(respondentID: "_id", country: "region", sectorValue: "IT",
                                    skills: [SkillColumns(skill: "Welding", importance: "imp_weld", proficiency: "prof_weld")])
        let read = try withTemporaryFile(Array(text.utf8)) { url in
            try readSurvey(InputSpec(path: url.path, mapping: mapping))
        }
        #expect(read.report.format == .kobo)
        #expect(read.records.map(\.country) == ["GE", "GE"])
        #expect(read.rejects.isEmpty && read.report.countsAddUp)
    }

    @Test func aRepeatedColumnTheMappingUsesIsAnError() throws {
        let text = """
            _id,_uuid,imp_weld,prof_weld,prof_weld
            101,u-1,5,2,3

            """
        let mapping = SurveyMapping(respondentID: "_id", sectorValue: "IT",
                                    skills: [SkillColumns(skill: "Welding", importance: "imp_weld", proficiency: "prof_weld")])
        let error = try withTemporaryFile(Array(text.utf8)) { url in
            #expect(throws: IngestError.self) { _ = try readSurvey(InputSpec(path: url.path, mapping: mapping), country: "GE") }
        }
        #expect(error?.code == .duplicateHeader)
        #expect(error?.reject.location.line == 1 && error?.reject.location.column == 5)
        #expect(error?.reject.columnName == "prof_weld")
    }

    @Test func anUnusedRepeatedColumnInANativeFileIsFine() throws {
        let text = """
            country,sector,indicator,period,value,comment,Comment
            DE,C,employment,2023,1,a,b

            """
        let read = try withTemporaryFile(Array(text.utf8)) { url in
            try readLabour(InputSpec(path: url.path, kind: .labour))
        }
        #expect(read.records.count == 1 && read.report.countsAddUp)
    }

    // MARK: - Eurostat aggregates

    @Test func eurostatAggregatesAreSkippedNotUnknownCountries() throws {
        let areas = ["EA", "EU", "EA19", "EU28", "EU27_2020", "EA20"]
        var text = "country,sector,indicator,period,value\n"
        for area in areas { text += "\(area),C,employment,2023,1\n" }
        let read = try withTemporaryFile(Array(text.utf8)) { url in
            try readLabour(InputSpec(path: url.path, kind: .labour))
        }
        #expect(read.rejects.isEmpty)
        #expect(read.report.skippedByReason == ["aggregate-area": areas.count])

        var tsv = "freq,unit,nace_r2,geo\\TIME_PERIOD\t2023 \n"
        for area in areas { tsv += "A,THS_PER,C,\(area)\t1 \n" }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("agg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("estat_lfsa_egan2.tsv").path
        try Data(tsv.utf8).write(to: URL(fileURLWithPath: path))
        let tsvRead = try readLabour(InputSpec(path: path, kind: .labour))
        #expect(tsvRead.rejects.isEmpty)
        #expect(tsvRead.report.skippedByReason == ["aggregate-area": areas.count])
    }

    // MARK: - Eurostat TSV with the current header, dataset codes from file names

    @Test(arguments: ["ilc_di03.csv", "ilc_di03.tsv", "ilc_di03.tsv.gz", "ilc_di03.csv.gz", "estat_ilc_di03.tsv"])
    func eurostatTSVOfAnUnknownDatasetAsksForTheIndicator(name: String) throws {
        let tsv = "freq,unit,indic_il,geo\\TIME_PERIOD\t2021 \t2022 \nA,EUR,MED_E,DE\t25000 \t26000 p\n"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tsv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(name).path
        try Data(tsv.utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: IngestError.self) { _ = try readLabour(InputSpec(path: path, kind: .labour)) }
        #expect(error?.code == .missingColumn)
        #expect(error?.reject.message.contains("`ilc_di03`") == true)
        #expect(error?.reject.message.contains("indicator:") == true)
        let read = try readLabour(InputSpec(path: path, kind: .labour, indicator: .wages))
        #expect(read.report.format == .eurostatTSV)
        #expect(read.report.datasets == ["ilc_di03"])
        #expect(read.records.map(\.source) == ["Eurostat ilc_di03", "Eurostat ilc_di03"])
        let inspected = try Inspector.inspect(path: path)
        #expect(inspected.format == "eurostat-tsv" && inspected.delimiter == "tab")
        #expect(inspected.rejects.first?.message.contains("indicator:") == true)
    }

    @Test func datasetCodeNeverKeepsTheExtension() {
        #expect(EurostatDataset.code(fileName: "/a/b/estat_lfsa_egan2.tsv.gz") == "lfsa_egan2")
        #expect(EurostatDataset.code(fileName: "ilc_di03.csv") == "ilc_di03")
        #expect(EurostatDataset.code(fileName: "ilc_di03.csv.gz") == "ilc_di03")
        #expect(EurostatDataset.code(fileName: "jvs_q_nace2.txt") == "jvs_q_nace2")
        #expect(EurostatDataset.code(fileName: "une_rt_a") == "une_rt_a")
    }

    // MARK: - inspect on a header of no known format

    @Test func inspectReadsACSVOfNoKnownFormat() throws {
        let text = "name;amount;note\na;1;x\nb;2\nc;3;z\n"
        let report = try withTemporaryFile(Array(text.utf8)) { url in try Inspector.inspect(path: url.path) }
        #expect(report.format == "csv")
        #expect(!report.fileError)
        #expect(report.delimiter == ";" && report.encoding == "utf-8")
        #expect(report.columns == ["name", "amount", "note"])
        #expect(report.rowsRead == 3 && report.rowsAccepted == 2 && report.rowsRejected == 1)
        #expect(report.rejects.map(\.code) == ["missing-cell"])
        #expect(report.rejects.first?.line == 3 && report.rejects.first?.column == 3)
        #expect(report.note.contains("format:"))
    }

    // MARK: - Spaces around a quoted value

    @Test func spacesAroundAQuotedValueAreTrimmed() throws {
        let text = "a,b,c\nx, \"b, c\" ,z\n\t\"q\"\t,\"r\" , s \n"
        var rows: [[String]] = []
        _ = try withTemporaryFile(Array(text.utf8)) { url in
            try CSVReader.forEachRecord(path: url.path) { rows.append($0.fields) }
        }
        #expect(rows == [["a", "b", "c"], ["x", "b, c", "z"], ["q", "r", "s"]])
    }

    @Test func spacesAroundAQuotedValueInAPipelineRow() throws {
        let text = "country,sector,indicator,period,value,unit,flag,source\nDE, \"C, F\" ,employment,2023, \"1\" ,THS,,x\n"
        let read = try withTemporaryFile(Array(text.utf8)) { url in
            try readLabour(InputSpec(path: url.path, kind: .labour))
        }
        #expect(read.rejects.isEmpty)
        #expect(read.records.map(\.sector) == ["C, F"])
        #expect(read.records.map(\.value) == [1])
    }

    /// The native survey reader (libcsv callbacks, chunk-level quote check): a quoted value after a space may hold
    /// a line break; text after the closing quote is still a stray quote, at its cell.
    @Test func spacesAroundAQuotedValueInTheNativeSurvey() throws {
        let text = "country,respondent_id,organisation_type,sector,skill,importance,proficiency\n"
            + "DE,r1,employer, \"Bau\nund Ausbau\" ,Welding,3,2\n"
            + "DE,r2,employer,Bau,Welding,3,2\n"
            + "DE,r3,employer, \"Bau\" x,Welding,3,2\n"
        let read = try withTemporaryFile(Array(text.utf8)) { url in try readSurvey(InputSpec(path: url.path)) }
        #expect(read.records.map(\.line) == [2, 4])
        #expect(read.records.first?.sector == "Bau\nund Ausbau")
        #expect(read.rejects.map(\.code) == [.malformedQuote])
        #expect(read.rejects.first?.location.line == 5 && read.rejects.first?.location.column == 4)
        #expect(read.report.countsAddUp)
    }
}

/// Issue 11, defect 7: LimeSurvey exports with incomplete responses and `Y`/blank tick columns.
@Suite struct LimeSurveyCompletenessTests {
    static let mapping = SurveyMapping(
        respondentID: "id", sector: "Q1",
        skills: [SkillColumns(skill: "Welding", importance: "IMP[SQ001]", proficiency: "PROF[SQ001]", hardToFill: "HTF[SQ001]")],
        scaleValues: ["A1": 1, "A2": 2, "A3": 3, "A4": 4, "A5": 5])

    @Test func mappingParsesRequireColumnAndABlankHardToFillKey() throws {
        let yaml = """
            path: ls.csv
            format: limesurvey
            mapping:
              respondent_id: id
              sector: Q1
              require_column: submitdate
              hard_to_fill_values: { Y: true, "": false }
              skills:
                - { skill: Welding, importance: "IMP[SQ001]", proficiency: "PROF[SQ001]", hard_to_fill: "HTF[SQ001]" }
            """
        let spec = try YAMLDecoder().decode(InputSpec.self, from: yaml)
        let mapping = try #require(spec.mapping)
        #expect(mapping.requireColumn == "submitdate")
        #expect(mapping.hardToFillValues == ["Y": true, "": false])
        #expect(SurveyMapping.knownKeys.contains("require_column"))
    }

    @Test func withoutTheNewKeysIncompleteRowsAreRejectedAndBlankIsUnanswered() throws {
        let read = try readSurvey(InputSpec(path: ingestFixture("limesurvey_incomplete.csv"), format: .limesurvey,
                                            mapping: Self.mapping), country: "RS")
        #expect(read.report.rowsRead == 5 && read.report.countsAddUp)
        #expect(read.rejects.map(\.code) == [.requiredValue])
        #expect(read.report.skippedByReason == ["no-answers": 1])
        #expect(read.records.map(\.hardToFill) == [true, nil, false])
    }

    @Test func requireColumnSkipsIncompleteResponsesAndBlankMeansNo() throws {
        var mapping = Self.mapping
        mapping.requireColumn = "submitdate"
        mapping.hardToFillValues = ["Y": true, "": false]
        let read = try readSurvey(InputSpec(path: ingestFixture("limesurvey_incomplete.csv"), format: .limesurvey,
                                            mapping: mapping), country: "RS")
        #expect(read.report.rowsRead == 5 && read.report.rowsAccepted == 5 && read.report.countsAddUp)
        #expect(read.rejects.isEmpty)
        #expect(read.report.skippedByReason == ["incomplete-response": 2])
        #expect(read.records.map(\.line) == [2, 4, 6])
        #expect(read.records.map(\.hardToFill) == [true, false, false])
    }

    @Test func requireColumnMustExist() throws {
        var mapping = Self.mapping
        mapping.requireColumn = "completed"
        let error = #expect(throws: IngestError.self) {
            _ = try readSurvey(InputSpec(path: ingestFixture("limesurvey_incomplete.csv"), format: .limesurvey,
                                         mapping: mapping), country: "RS")
        }
        #expect(error?.code == .missingColumn && error?.reject.columnName == "completed")
    }
}
