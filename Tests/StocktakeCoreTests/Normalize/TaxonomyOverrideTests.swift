import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

@Suite struct TaxonomyOverrideTests {
    @Test func bundledOverridesWin() {
        let taxonomy = TaxonomyFixture.shared
        let handwerk = taxonomy.matchSector("Handwerk", language: "de")
        #expect(handwerk.method == .override)
        #expect(handwerk.code == nil)
        let agro = taxonomy.matchSector("Agroturizam", language: "sr-Latn")
        #expect(agro.method == .override)
        #expect(agro.key == SectorKey("I55"))
        #expect(taxonomy.matchSkill("Excel", language: "en").code == "S5")
    }

    @Test func overridesBeatAliasesAndCodes() throws {
        let directory = try TaxonomyFixture.copy(appending: [
            "overrides.csv": [
                "Bau,de,sector,41,test,building construction only in this survey",
                "B-E,,sector,C,test,this office's B-E is manufacturing only",
                "Hotels and restaurants,,sector,NONE,test,kept unmapped on purpose",
            ],
        ])
        let taxonomy = try Taxonomy.load(directory: directory)
        let bau = taxonomy.matchSector("bau", language: "de")
        #expect(bau.method == .override)
        #expect(bau.code == "41")
        #expect(bau.note?.contains("building construction") == true)
        // A language-specific override does not apply to another language's text...
        #expect(taxonomy.matchSector("Bau", language: "nb").code == "F")
        // ...but applies when the language is unknown.
        #expect(taxonomy.matchSector("Bau", language: nil).code == "41")
        let be = taxonomy.matchSector("B-E", language: nil)
        #expect(be.method == .override)
        #expect(be.code == "C")
        let hotels = taxonomy.matchSector("Hotels and restaurants", language: "en")
        #expect(hotels.method == .override)
        #expect(hotels.code == nil)
    }

    @Test func pendingReviewRowsAreIgnoredAndBadCodesRejected() throws {
        let queue = ReviewQueue.overridesLines([
            ReviewQueueEntry(kind: .sector, text: "Zdravstvena zastita", language: "sr-Latn", country: "RS", count: 3,
                             candidateCode: "Q", candidateConfidence: 0.621),
        ])
        let pending = try TaxonomyFixture.copy(appending: ["overrides.csv": [String(queue.dropLast())]])
        #expect(try Taxonomy.load(directory: pending).matchSector("Zdravstvena zastita", language: "sr-Latn").code == nil)

        let bad = try TaxonomyFixture.copy(appending: ["overrides.csv": ["Bau,de,sector,Z9,test,typo"]])
        #expect(throws: TaxonomyError.self) { try Taxonomy.load(directory: bad) }
    }

    @Test func missingFileIsAnError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-empty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(throws: TaxonomyError.self) { try Taxonomy.load(directory: empty) }
    }
}
