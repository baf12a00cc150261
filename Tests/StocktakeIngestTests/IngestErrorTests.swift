import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

@Suite struct IngestErrorTests {
    /// One fixture per row-level code: line 2 is valid, the record starting on line 3 is not.
    @Test(arguments: [
        ("err_extra_cell.csv", ErrorCode.extraCell, 12),
        ("err_missing_cell.csv", .missingCell, 8),
        ("err_type_error.csv", .typeError, 6),
        ("err_constraint_error.csv", .constraintError, 7),
        ("err_required_value.csv", .requiredValue, 2),
        ("err_unique_error.csv", .uniqueError, 5),
        ("err_blank_row.csv", .blankRow, 0),
        ("err_unknown_country.csv", .unknownCountry, 1),
        ("err_encoding_error.csv", .encodingError, 4),
        ("err_unclosed_quote.csv", .unclosedQuote, 4),
        ("err_malformed_quote.csv", .malformedQuote, 5),
    ])
    func rowLevelCode(file: String, code: ErrorCode, column: Int) throws {
        let read = try readSurvey(InputSpec(path: ingestFixture(file), format: .stocktakeSurvey))
        #expect(read.report.rowsRead == 2)
        #expect(read.report.rowsAccepted == 1)
        #expect(read.report.countsAddUp)
        #expect(read.rejects.count == 1)
        let reject = try #require(read.rejects.first)
        #expect(reject.code == code)
        #expect(reject.location.line == 3)
        #expect(reject.location.column == column)
        #expect(reject.location.file == ingestFixture(file))
        #expect(read.records.map(\.line) == [2])
    }

    @Test func rejectMessagesNeverEchoSurveyContent() throws {
        let read = try readSurvey(InputSpec(path: ingestFixture("err_unclosed_quote.csv"), format: .stocktakeSurvey))
        for reject in read.rejects { #expect(!reject.message.contains("Construction")) }
    }

    /// Stray quotes in every position, through the record path (labour) and the native survey sink, across a
    /// chunk boundary; a doubled quote inside a quoted value is not one.
    @Test func strayQuotesAreMalformedQuotesWhereverTheyAre() throws {
        var labour = "country,sector,indicator,period,value,unit,flag,source\n"
        var survey = "country,respondent_id,organisation_type,sector,skill,importance,proficiency\n"
        var expected: [Int: Int] = [:]  // line → column
        for i in 0..<12_000 {
            let line = i + 2
            switch i % 1000 {
            case 17:
                labour += "DE,C,employment,2023,1\"2,THS,,x\n"
                survey += "DE,r\(i),employer,Bau\"teil,Skill \(i % 7),3,2\n"
                expected[line] = 5
            case 400:
                labour += "DE,C,employment,2023,12,THS,,\"Destatis\" 2024\n"
                survey += "DE,\"r\(i)\"x,employer,Bau,Skill \(i % 7),3,2\n"
                expected[line] = 8
            case 900:
                labour += "DE,C,employment,2023,12,THS,,\"Destatis \"\"new\"\"\"\n"
                survey += "DE,r\(i),employer,\"Bau \"\"neu\"\"\",Skill \(i % 7),3,2\n"
            default:
                labour += "DE,C,employment,\(1990 + i % 30),12,THS,,Destatis\n"
                survey += "DE,r\(i),employer,Bau,Skill \(i % 7),3,2\n"
            }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quotes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let labourURL = dir.appendingPathComponent("labour.csv"), surveyURL = dir.appendingPathComponent("survey.csv")
        try Data(labour.utf8).write(to: labourURL)
        try Data(survey.utf8).write(to: surveyURL)
        #expect(survey.utf8.count > CSVReader.chunkSize)

        var labourRejects: [Int: Int] = [:]
        for reject in try readLabour(InputSpec(path: labourURL.path, kind: .labour, format: .stocktakeLabour)).rejects
        where reject.code == .malformedQuote { labourRejects[reject.location.line] = reject.location.column }
        #expect(labourRejects == expected)

        let read = try readSurvey(InputSpec(path: surveyURL.path, format: .stocktakeSurvey, country: "DE"))
        let surveyRejects = Dictionary(uniqueKeysWithValues: read.rejects.map { ($0.location.line, $0.location.column) })
        #expect(read.rejects.allSatisfy { $0.code == .malformedQuote })
        #expect(surveyRejects.mapValues { _ in 0 } == expected.mapValues { _ in 0 })
        #expect(surveyRejects.filter { $0.value == 4 }.count == 12 && surveyRejects.filter { $0.value == 2 }.count == 12)
        #expect(read.records.contains { $0.sector == "Bau \"neu\"" })
        #expect(read.records.contains { $0.respondentID == "r401" }, "the row after `\"r400\"x` is read on its own")
        #expect(read.report.countsAddUp && read.report.rowsRead == 12_000 && read.report.rowsRejected == 24)
    }

    @Test func undefinedWindows1252ByteIsEncodingError() throws {
        let spec = InputSpec(path: ingestFixture("err_cp1252_undefined.csv"), kind: .labour, format: .stocktakeLabour,
                             dialect: InputDialect(encoding: .windows1252))
        let read = try readLabour(spec)
        #expect(read.rejects.map(\.code) == [.encodingError])
        #expect(read.rejects.first?.location.line == 3)
        #expect(read.rejects.first?.location.column == 8)
        #expect(read.records.count == 1)
    }

    @Test(arguments: [
        ("file_empty.csv", ErrorCode.emptyFile, 0, 0),
        ("file_binary.csv", .formatError, 1, 0),
        ("file_duplicate_header.csv", .duplicateHeader, 1, 6),
        ("file_blank_header.csv", .blankHeader, 1, 0),
        ("file_blank_label.csv", .blankLabel, 1, 3),
        ("file_utf16.csv", .encodingError, 1, 0),
        ("file_corrupt.csv.gz", .compressionError, 0, 0),
        ("file_unclosed_header.csv", .unclosedQuote, 1, 0),
    ])
    func fileLevelCode(file: String, code: ErrorCode, line: Int, column: Int) throws {
        let error = #expect(throws: IngestError.self) {
            _ = try readLabour(InputSpec(path: ingestFixture(file), kind: .labour, format: .stocktakeLabour))
        }
        #expect(error?.code == code)
        #expect(error?.reject.location.line == line)
        #expect(error?.reject.location.column == column)
        #expect(error?.status == .dataError)
    }

    @Test func missingRequiredColumn() throws {
        let error = #expect(throws: IngestError.self) {
            _ = try readSurvey(InputSpec(path: ingestFixture("file_missing_column.csv"), format: .stocktakeSurvey))
        }
        #expect(error?.code == .missingColumn)
        #expect(error?.reject.columnName == "proficiency")
    }

    @Test func missingFileIsNoInput() throws {
        let error = #expect(throws: StocktakeError.self) {
            _ = try readSurvey(InputSpec(path: "/nonexistent/survey.csv"))
        }
        #expect(error?.status == .noInput)
    }
}

@Suite struct IngestFileShapeTests {
    @Test func nulByteAfterTheSniffedSampleStopsTheFileWithItsLine() throws {
        var text = "country,sector,indicator,period,value\n"
        for i in 0..<4000 { text += "DE,C,employment,\(1990 + i % 30),\(i).5\n" }
        var bytes = Array(text.utf8)
        bytes += Array("DE,C,employment,2023,1".utf8) + [0] + Array("\n".utf8)
        try withTemporaryFile(bytes) { url in
            let error = #expect(throws: IngestError.self) {
                _ = try readLabour(InputSpec(path: url.path, kind: .labour))
            }
            #expect(error?.code == .formatError)
            #expect(error?.reject.location.line == 4002)
        }
    }

    @Test func headerRowSkipsTitleLines() throws {
        let text = "Labour statistics, extracted 2024-05-01\ncountry,sector,indicator,period,value\nDE,C,employment,2023,7650.1\n"
        try withTemporaryFile(text.utf8) { url in
            let read = try readLabour(InputSpec(path: url.path, kind: .labour, dialect: InputDialect(headerRow: 2)))
            #expect(read.report.rowsRead == 1)
            #expect(read.records.map(\.line) == [3])
            #expect(read.report.columns == ["country", "sector", "indicator", "period", "value"])
        }
    }
}
