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

/// Item 4 of the report-readability issue: one summary per report language, counting what the country reports count.
@Suite struct SummaryLanguagesTests {
    @Test func everyListedLanguageGetsASummaryAndAHeatmap() throws {
        let model = ReportFixture.model()
        let files = ReportRenderer(catalog: try ReportFixture.catalog()).render(model).map(\.path)
        let languages = Set(model.countries.flatMap(\.reportLanguages))
        for language in languages {
            #expect(files.contains(language == "en" ? "summary.md" : "summary.\(language).md"), "\(language)")
            #expect(files.contains("charts/heatmap.\(language).svg"), "\(language)")
        }
        #expect(files.filter { $0.hasPrefix("summary") && $0.hasSuffix(".md") }.count == languages.count)
    }

    @Test(arguments: ["en", "de", "uk"])
    func countsAgreeWithTheCountryReports(language: String) throws {
        var model = ReportFixture.model()
        model.countries[0].withheldUnmappedNames = 2
        let summary = SummaryMarkdown(model: model, strings: try ReportFixture.catalog().strings(language),
                                      format: .forLanguage(language), options: ReportOptions())
        for country in model.countries {
            let row = try #require(summary.quality().split(separator: "\n").first { $0.hasPrefix("| \(country.code) ") })
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells[6] == String(country.unmapped.count + country.withheldUnmappedNames), "\(row)")
            #expect(cells[7] == String(country.gaps.filter { $0.flags.contains(.suppressed) }.count), "\(row)")
        }
    }
}
