import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

@Suite struct RawCSVReaderTests {
    /// Records spanning the 1 MiB chunk boundary (long quoted fields with newlines) read the same raw and decoded.
    @Test func rawAndDecodedAgreeAcrossChunkBoundaries() throws {
        var text = "id,note,value\n"
        var i = 0
        while text.utf8.count < (3 << 20) / 2 {
            let note = String(repeating: "x", count: (i * 7919) % 3000) + (i % 3 == 0 ? "\n\"q\"," : "") + "é"
            text += "\(i),\"\(note.replacingOccurrences(of: "\"", with: "\"\""))\",\(i % 5)\n"
            i += 1
        }
        text += "last,\"never closed,1\nmore\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("raw-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var decoded: [CSVRecord] = []
        let summary = try CSVReader.forEachRecord(path: url.path) { decoded.append($0) }
        var raw: [CSVRecord] = []
        let rawSummary = try CSVReader.forEachRawRecord(path: url.path) { raw.append($0.decoded(encoding: .utf8)) }
        #expect(raw.count == decoded.count)
        #expect(raw.count == i + 2)
        for (a, b) in zip(raw, decoded) {
            #expect(a.fields == b.fields && a.line == b.line && a.isUnclosedQuote == b.isUnclosedQuote)
        }
        #expect(summary == rawSummary)
        #expect(decoded.last?.isUnclosedQuote == true)
        #expect(summary.unclosedQuoteLine == decoded.last?.line)
        #expect(decoded.dropLast().allSatisfy { !$0.isUnclosedQuote })
    }
}
