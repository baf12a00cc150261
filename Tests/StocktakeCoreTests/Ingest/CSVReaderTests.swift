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

@Suite struct CSVReaderProgressTests {
    final class Box: @unchecked Sendable { var values: [Int] = [] }

    @Test func boundProgressSeesEveryChunkUpToTheFileSize() throws {
        let path = try #require(Bundle.module.path(forResource: "Fixtures/ingest/quoted_newline_crlf", ofType: "csv"))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let box = Box()
        try CSVReader.$progress.withValue({ box.values.append($0) }) {
            _ = try CSVReader.forEachRecord(path: path) { _ in }
        }
        #expect(box.values == [size])
    }
}
