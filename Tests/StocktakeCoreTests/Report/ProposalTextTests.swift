import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// The proposal pages in the reader's language (`ProposalText`, `CountryMarkdown.proposalsSection`).
@Suite struct ProposalTextTests {
    /// Every fixed English text of the proposal pages (keys added for proposals, longer than a word).
    static func englishFixedTexts() throws -> [String] {
        let english = try ReportFixture.catalog().tables["en"]!
        let prefixes = ["proposal.", "assessment.", "quality_assurance.", "prerequisite.", "supervision.", "stackability.",
                        "further_information.", "use.", "setting.", "eqf.autonomy."]
        return english.filter { key, _ in prefixes.contains { key.hasPrefix($0) } }.values
            .flatMap { $0.components(separatedBy: CharacterSet(charactersIn: "{}")) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)) }
            .filter { $0.count >= 12 }
    }

    /// The proposals section of `country`'s report in `language`, for the report fixture.
    static func page(_ country: CountryReport, _ language: String) throws -> String {
        CountryMarkdown(model: ReportFixture.model(), country: country, strings: try ReportFixture.catalog().strings(language),
                        format: .forLanguage(language), options: ReportOptions()).proposalsSection()
    }

    @Test(arguments: ReportStringCatalog.supportedLanguages.filter { $0 != "en" })
    func noFixedEnglishInOtherLanguages(language: String) throws {
        let texts = try Self.englishFixedTexts()
        #expect(texts.count > 40)
        for country in ReportFixture.model().countries {
            let page = try Self.page(country, language)
            for text in texts { #expect(!page.contains(text), "\(language) \(country.code): “\(text)”") }
        }
    }

    @Test func numbersFollowTheReportLocale() throws {
        let ua = try #require(ReportFixture.model().countries.first { $0.code == "UA" })
        let page = try Self.page(ua, "uk")
        #expect(page.contains("78,5 (70,2–85,1)") && page.contains("81,3"))
        // No number with a decimal point outside code spans (ids, ISO durations) and ESCO codes (`S6.2`).
        let prose = page.replacingOccurrences(of: "`[^`]*`", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\\([A-Z][0-9.]+\\)", with: "", options: .regularExpression)
        #expect(prose.range(of: "[0-9]\\.[0-9]", options: .regularExpression) == nil)
        let en = try Self.page(ua, "en")
        #expect(en.contains("78.5 (70.2–85.1)"))
    }

    @Test func englishLabelsAreMarkedAndNeverJoinedByATranslatedWord() throws {
        let catalog = try ReportFixture.catalog()
        let text = ProposalText(strings: catalog.strings("uk"), format: .forLanguage("uk"), sectorLabel: { _ in "Будівництво" })
        #expect(text.skillList(["welding metal parts", "following rules"]) == "Welding metal parts / following rules (англ.)")
        let en = ProposalText(strings: catalog.strings("en"), format: .forLanguage("en"), sectorLabel: { _ in "Construction" })
        #expect(en.skillList(["a", "b", "c"]) == "A, b and c")
        #expect(en.outcome(ProposalOutcome(kind: .skill, uri: "u", label: "weld metal parts", reuseLevel: "", source: "S6"))
                == "Skill: weld metal parts")
    }

    @Test func theProposalPageOpensWithTheWhyThenOutcomesThenTheTable() throws {
        let ua = try #require(ReportFixture.model().countries.first { $0.code == "UA" })
        let page = try Self.page(ua, "en")
        let why = try #require(page.range(of: "**Why this proposal**"))
        let outcomes = try #require(page.range(of: "**Learning outcomes**"))
        let table = try #require(page.range(of: "| Element |"))
        #expect(why.lowerBound < outcomes.lowerBound && outcomes.lowerBound < table.lowerBound)
        #expect(page.contains("Responsibility and autonomy: " + EQFDescriptors.autonomy(3)))
    }

    @Test func englishEQFDescriptorsMatchTheStringTable() throws {
        let english = try ReportFixture.catalog().tables["en"]!
        for level in 1...8 { #expect(english["eqf.autonomy.\(level)"] == EQFDescriptors.autonomy(level)) }
    }
}
