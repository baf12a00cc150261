import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// Issue 11, defect 9: the summary and the country reports count the same unmapped names.
@Suite struct SummaryMarkdownTests {
    @Test func unmappedNamesInTheSummaryIncludeTheWithheldOnes() throws {
        var model = ReportFixture.model()
        let index = try #require(model.countries.indices.first)
        model.countries[index].withheldUnmappedNames = 3
        let listed = model.countries[index].unmapped.count
        let summary = SummaryMarkdown(model: model, strings: try ReportFixture.catalog().strings("en"),
                                      format: .forLanguage("en"), options: ReportOptions())
        let code = model.countries[index].code
        let row = try #require(summary.quality().split(separator: "\n").first { $0.hasPrefix("| \(code) ") })
        let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(cells[6] == String(listed + 3), "\(row)")
    }
}
