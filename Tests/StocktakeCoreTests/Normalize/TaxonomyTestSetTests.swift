import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel
@testable import StocktakeIngest

/// The sector test set: names as respondents and statistics offices write them, in all BEM languages and
/// every code notation (Fixtures/normalize/sector_testset.csv: text,language,expected_section,expected_division).
@Suite struct TaxonomyTestSetTests {
    struct Row {
        let text: String
        let language: String?
        let section: String
        let division: String?
        let line: Int
    }

    static func rows() throws -> [Row] {
        let path = try #require(Bundle.module.path(forResource: "Fixtures/normalize/sector_testset", ofType: "csv"))
        var rows: [Row] = []
        try CSVReader.forEachRecord(path: path) { record in
            guard record.line > 1 else { return }
            let f = record.fields + ["", "", "", ""]
            rows.append(Row(text: f[0], language: f[1].isEmpty ? nil : f[1], section: f[2],
                            division: f[3].isEmpty ? nil : f[3], line: record.line))
        }
        return rows
    }

    /// Whether `match` is the right answer for `row`: aggregates by code, otherwise by section and division.
    static func isRight(_ match: SectorMatch, _ row: Row) -> Bool {
        guard let code = match.code else { return false }
        if match.level == .aggregate { return code == row.section }
        guard let key = match.key, key.section == row.section else { return false }
        if let division = row.division { return key.division == division }
        return true
    }

    @Test func testSetCoversEveryLanguageAndEnoughNames() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 150)
        let languages = Set(rows.compactMap(\.language))
        for language in ["en", "de", "nb", "sr-Latn", "sr-Cyrl", "cnr", "mk", "uk", "ka", "hy"] {
            #expect(languages.contains(language), "no test names in \(language)")
        }
        #expect(rows.filter { $0.language == nil }.count >= 30, "code notations")
    }

    @Test func atLeast95PercentRightAndNoWrongAnswerAboveThreshold() throws {
        let taxonomy = TaxonomyFixture.shared
        let rows = try Self.rows()
        var right = 0
        var wrong: [String] = []
        var unmapped: [String] = []
        for row in rows {
            let match = taxonomy.matchSector(row.text, language: row.language)
            if Self.isRight(match, row) {
                right += 1
            } else if match.code != nil {
                wrong.append("line \(row.line) '\(row.text)' → \(match.code ?? "") (\(match.method.rawValue) \(match.confidence))")
            } else {
                unmapped.append(row.text)
                #expect(match.method == .none || match.method == .override)
            }
        }
        let accuracy = Double(right) / Double(rows.count)
        #expect(wrong.isEmpty, "wrong answers: \(wrong)")
        #expect(accuracy >= 0.95, "accuracy \(accuracy); unmapped: \(unmapped)")
    }

    @Test func everyLanguageAliasOfTheTestSetMapsTheSameWithoutLanguageHint() throws {
        // Without the language the matcher may send more names to review, but must never answer differently.
        let taxonomy = TaxonomyFixture.shared
        for row in try Self.rows() where row.language != nil {
            let hinted = taxonomy.matchSector(row.text, language: row.language)
            let blind = taxonomy.matchSector(row.text, language: nil)
            if let code = blind.code, hinted.code != nil {
                #expect(blind.key?.section == hinted.key?.section, "'\(row.text)': \(code) vs \(hinted.code ?? "")")
            }
        }
    }
}
