import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel
@testable import StocktakeIngest

@Suite struct ReviewQueueTests {
    @Test func rendersRowsReadyForOverridesCSV() throws {
        let entries = [
            ReviewQueueEntry(kind: .sector, text: "Handel, Handwerk", language: "de", country: "DE", count: 2,
                             candidateCode: "G", candidateConfidence: 0.7),
            ReviewQueueEntry(kind: .sector, text: "Hotel industry", language: "en", country: "NO", count: 9,
                             candidateCode: "55", candidateConfidence: 0.786),
            ReviewQueueEntry(kind: .skill, text: "say \"hi\"", language: nil, country: "UA", count: 1,
                             candidateCode: nil, candidateConfidence: nil),
        ]
        let text = ReviewQueue.overridesLines(entries, includeHeader: true)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("queue-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var records: [[String]] = []
        try CSVReader.forEachRecord(path: path) { records.append($0.fields) }
        #expect(records.count == 4)
        #expect(records[0] == ["text", "language", "kind", "code", "who", "why"])
        // Most frequent first; code and who left empty for the reviewer.
        #expect(records[1] == ["Hotel industry", "en", "sector", "", "", "review: 9 rows in NO; candidate 55 (0.786)"])
        #expect(records[2][0] == "Handel, Handwerk")
        #expect(records[3][0] == "say \"hi\"")
        #expect(records.allSatisfy { $0.count == 6 })
    }

    @Test func entriesFromMatches() {
        let match = TaxonomyFixture.shared.matchSector("Zdravstvena zastita", language: "sr-Latn")
        let entry = ReviewQueueEntry(match, language: "sr-Latn", country: "RS", count: 4)
        #expect(entry.kind == .sector)
        #expect(entry.candidateCode == match.candidate?.code)
        #expect(entry.candidateCode != nil)
    }
}
