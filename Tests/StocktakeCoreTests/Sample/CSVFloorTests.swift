import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel
@testable import StocktakeIngest

@Suite struct CSVFloorTests {
    @Test func parsesWholeFileAndCountsRows() throws {
        let dir = try SampleTemporaryDirectory()
        defer { dir.cleanUp() }
        let summary = try SampleGenerator.generate(
            SampleOptions(outputDirectory: dir.path, respondents: 40, countries: ["RS"], writesProvision: false))
        let survey = try #require(summary.files.first { $0.kind == "survey" })
        let result = try CSVFloor.parse(path: survey.path)
        #expect(result.bytes == survey.bytes)
        #expect(result.rows == survey.rows + 1)
    }

    @Test func missingFileIsNoInput() {
        #expect(throws: StocktakeError.self) { try CSVFloor.parse(path: "/nonexistent/stocktake.csv") }
    }
}
