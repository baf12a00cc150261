import Foundation
import Testing
@testable import StocktakeCore

@Suite struct CSVReaderTests {
    @Test func physicalLinesFollowQuotedNewlinesAndCRLF() throws {
        let path = try #require(Bundle.module.path(forResource: "Fixtures/ingest/quoted_newline_crlf", ofType: "csv"))
        var records: [CSVRecord] = []
        let summary = try CSVReader.forEachRecord(path: path) { records.append($0) }
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records[1].fields == ["1", "a\nb"])
        #expect(summary.records == 3)
        #expect(summary.physicalLines == 4)
    }
}

