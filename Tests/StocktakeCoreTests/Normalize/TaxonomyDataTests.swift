import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel
@testable import StocktakeIngest

/// Integrity of the bundled vocabulary: every label and alias lands on its own section, and typos never land
/// on another one.
@Suite struct TaxonomyDataTests {
    struct Name {
        let code: String
        let language: String
        let text: String
    }

    static func names() throws -> [Name] {
        var out: [Name] = []
        try CSVReader.forEachRecord(path: TaxonomyFixture.directory + "/sector_aliases.csv") { record in
            guard record.line > 1 else { return }
            out.append(Name(code: record.fields[0], language: record.fields[1], text: record.fields[2]))
        }
        try CSVReader.forEachRecord(path: TaxonomyFixture.directory + "/nace_rev2.csv") { record in
            guard record.line > 1 else { return }
            out.append(Name(code: record.fields[0], language: "en", text: record.fields[4]))
            out.append(Name(code: record.fields[0], language: "de", text: record.fields[5]))
        }
        return out
    }

    static func section(of code: String, in taxonomy: Taxonomy) -> String? {
        taxonomy.storage.nodes[code]?.section
    }

    @Test func everyLabelAndAliasMapsToItsOwnSection() throws {
        let taxonomy = TaxonomyFixture.shared
        var failures: [String] = []
        for name in try Self.names() {
            let match = taxonomy.matchSector(name.text, language: name.language)
            if match.key?.section != Self.section(of: name.code, in: taxonomy) {
                failures.append("\(name.language) '\(name.text)' (\(name.code)) → \(match.code ?? "none")")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")
    }

    @Test func typosNeverLandOnAnotherSection() throws {
        let taxonomy = TaxonomyFixture.shared
        var right = 0
        var total = 0
        var wrong: [String] = []
        for (n, name) in try Self.names().enumerated() where name.text.count >= 8 && n % 10 == 0 {
            // Drop the middle character: a deterministic one-letter typo.
            var letters = Array(name.text)
            letters.remove(at: letters.count / 2)
            let typo = String(letters)
            guard TextFolding.exact(typo) != TextFolding.exact(name.text) else { continue }
            total += 1
            let match = taxonomy.matchSector(typo, language: name.language)
            guard let section = match.key?.section else { continue }
            if section == Self.section(of: name.code, in: taxonomy) {
                right += 1
            } else {
                wrong.append("'\(typo)' (\(name.code)) → \(match.code ?? "") \(match.method.rawValue) \(match.confidence)")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
        #expect(Double(right) / Double(total) >= 0.8, "\(right)/\(total)")
    }
}
