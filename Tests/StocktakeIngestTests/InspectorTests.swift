import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

@Suite struct InspectorTests {
    @Test func jsonHasTheRequiredKeys() throws {
        let report = try Inspector.inspect(path: ingestFixture("err_type_error.csv"))
        let json = try report.jsonString()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["file", "format", "encoding", "bom", "delimiter", "rows_read", "rows_accepted", "rows_rejected", "columns", "rejects"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["format"] as? String == "stocktake-survey")
        let rejects = try #require(object["rejects"] as? [[String: Any]])
        #expect(rejects.count == 1)
        #expect(rejects[0]["line"] as? Int == 3 && rejects[0]["column"] as? Int == 6 && rejects[0]["code"] as? String == "type-error")
        #expect(try report.jsonString() == json)
    }

    @Test(arguments: [("survey_cp1251.csv", "windows-1251"), ("survey_cp1250.csv", "windows-1250"), ("survey_ok.csv", "utf-8")])
    func detectsEncoding(file: String, encoding: String) throws {
        let report = try Inspector.inspect(path: ingestFixture(file))
        #expect(report.encoding == encoding)
        #expect(report.rowsRejected == 0)
    }

    @Test(arguments: [("limesurvey.csv", "limesurvey", ";"), ("kobo.csv", "kobo", ","), ("estat_lfsa_egan2.tsv", "eurostat-tsv", "tab"),
                      ("ilostat_labels.csv", "ilostat", ","), ("eurostat_sdmx_labels.csv", "eurostat-sdmx", ","),
                      ("survey_bom_semicolon.csv", "stocktake-survey", ";")])
    func detectsFormatAndDelimiter(file: String, format: String, delimiter: String) throws {
        let report = try Inspector.inspect(path: ingestFixture(file))
        #expect(report.format == format)
        #expect(report.delimiter == delimiter)
        #expect(report.rowsRead == report.rowsAccepted + report.rowsRejected)
    }

    @Test func suggestsADecimalCommaAndReadsTheFileWithIt() throws {
        let report = try Inspector.inspect(path: ingestFixture("labour_decimal_comma.csv"))
        #expect(report.suggestedDialect.decimal == "," && report.suggestedDialect.thousands == ".")
        #expect(report.rowsRejected == 0 && report.rowsAccepted == 4)
        let plain = try Inspector.inspect(path: ingestFixture("labour_ok.csv"))
        #expect(plain.suggestedDialect.decimal == "." && plain.suggestedDialect.thousands == nil)
    }

    @Test(arguments: [("12,5", ","), ("-0,3", ","), ("1.234,5", ","), ("1 234,5", ","), ("12 345 678,25", ","),
                      ("12.5", "."), ("1,234.5", "."), ("−0.25", "."),
                      ("1,234", nil), ("1.234", nil), ("1234", nil), ("12,", nil), (",5", nil), ("1.23.4,5", nil),
                      ("12,5 %", nil), ("Land-, Forst", nil), ("", nil)] as [(String, Character?)])
    func decimalMarks(text: String, mark: Character?) {
        #expect(Inspector.decimalMark(of: Substring(text)) == mark)
    }

    /// A value repeating a (series, period) of the file is a `unique-error` for `inspect` as for `run`
    /// (`Ingestor.collectLabour`, which the runner calls), so both show one ledger.
    @Test func repeatedSeriesPeriodsAreRejectedAsRunRejectsThem() throws {
        let csv = "country,sector,indicator,period,value,unit\nDE,C,employment,2023,10,THS\nDE,C,employment,2023,11,THS\n"
            + "DE,C,employment,2024,12,THS\nDE,C,employment,2023,13,THS\n"
        try withTemporaryFile(Array(csv.utf8)) { url in
            let inspected = try Inspector.inspect(path: url.path)
            var runRejects: [Reject] = []
            let run = try Ingestor.collectLabour(InputSpec(path: url.path, kind: .labour), defaultCountry: nil,
                                                 countries: ["DE"], onReject: { runRejects.append($0) })
            #expect(inspected.rejectsByCode == ["unique-error": 2])
            #expect(run.report.rejectsByCode == inspected.rejectsByCode)
            #expect(inspected.rowsRead == 4 && inspected.rowsAccepted == 2 && inspected.rowsRejected == 2 && inspected.records == 2)
            #expect(run.report.rowsAccepted == inspected.rowsAccepted && run.report.countsAddUp)
            #expect(inspected.rejects.map(\.line) == [3, 5] && runRejects.map(\.location.line) == [3, 5])
            #expect(run.collector.series.values.first?["2023"]?.value == 10)
        }
    }

    @Test func fileLevelProblemIsReportedNotThrown() throws {
        let report = try Inspector.inspect(path: ingestFixture("file_duplicate_header.csv"))
        #expect(report.fileError)
        #expect(report.rejects.map(\.code) == ["duplicate-header"])
    }

    @Test func realSamples() throws {
        let samples = [("/work/shared/samples/ilostat/EMP_TEMP_SEX_INS_NB_A-20240725T0039.csv", "ilostat", 15_839),
                       ("/work/shared/samples/limesurvey/results-survey673185.csv", "limesurvey", 10)]
        for (path, format, rows) in samples where FileManager.default.fileExists(atPath: path) {
            let report = try Inspector.inspect(path: path)
            #expect(report.format == format)
            #expect(report.rowsRead == rows)
            #expect(report.rowsRead == report.rowsAccepted + report.rowsRejected)
        }
    }
}
