import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

@Suite struct ReportStringsTests {
    @Test func everyLanguageHasATable() throws {
        let catalog = try ReportStringCatalog.bundled()
        let missingTables = ReportStringCatalog.supportedLanguages.filter { catalog.tables[$0] == nil }
        #expect(missingTables.isEmpty, "languages without a string table: \(missingTables)")
    }

    /// Lists every missing translation; fails while any language lacks a key English has.
    @Test(arguments: ReportStringCatalog.supportedLanguages)
    func noTranslationIsMissing(language: String) throws {
        let catalog = try ReportFixture.catalog()
        let missing = catalog.missingKeys(language)
        #expect(missing.isEmpty, "\(language).yaml lacks \(missing.count) keys: \(missing.joined(separator: ", "))")
        let extra = Set(catalog.tables[language]?.keys.map { $0 } ?? []).subtracting(catalog.tables["en"]?.keys.map { $0 } ?? [])
        #expect(extra.isEmpty, "\(language).yaml has keys English lacks (typos?): \(extra.sorted())")
    }

    /// A translation must keep exactly the placeholders of the English text, or values would vanish.
    @Test(arguments: ReportStringCatalog.supportedLanguages)
    func placeholdersMatchEnglish(language: String) throws {
        let catalog = try ReportFixture.catalog()
        let english = try #require(catalog.tables["en"])
        let table = catalog.tables[language] ?? [:]
        for (key, text) in english {
            guard let translated = table[key] else { continue }
            #expect(Self.placeholders(translated) == Self.placeholders(text), "\(language) \(key)")
        }
    }

    @Test func missingKeyFallsBackToEnglishAndIsListed() {
        let catalog = ReportStringCatalog(tables: [
            "en": ["a": "Alpha", "b": "Beta {x}"],
            "de": ["a": "Alfa", "b": ""],
        ])
        let german = catalog.strings("de")
        #expect(german["a"] == "Alfa")
        #expect(german["b"] == "Beta {x}")
        #expect(german.format("b", ["x": "1"]) == "Beta 1")
        #expect(german["unknown.key"] == "unknown.key")
        #expect(catalog.missingKeys("de") == ["b"])
        #expect(catalog.missingKeys("uk") == ["a", "b"])
        #expect(catalog.strings("uk")["a"] == "Alpha")
    }

    @Test func reportsUseTheTranslatedText() throws {
        let catalog = try ReportFixture.catalog()
        let files = ReportRenderer(catalog: catalog).render(ReportFixture.model())
        let ukrainian = try #require(files.first { $0.path == "UA.md" })
        let english = try #require(files.first { $0.path == "UA.en.md" })
        let german = try #require(files.first { $0.path == "DE.md" })
        let ukText = String(decoding: ukrainian.contents, as: UTF8.self)
        #expect(ukText.contains("## " + catalog.strings("uk")["gaps.heading"]))
        #expect(ukText.contains("Будівництво (F)"))
        #expect(String(decoding: english.contents, as: UTF8.self).contains("## Top skill gaps"))
        #expect(String(decoding: english.contents, as: UTF8.self).contains("Construction (F)"))
        #expect(String(decoding: german.contents, as: UTF8.self).contains("## " + catalog.strings("de")["gaps.heading"]))
    }

    static func placeholders(_ text: String) -> Set<String> {
        var result: Set<String> = []
        var current: String?
        for character in text {
            if character == "{" { current = "" } else if character == "}", let name = current {
                result.insert(name)
                current = nil
            } else if current != nil { current!.append(character) }
        }
        return result
    }
}
