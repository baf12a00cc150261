import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

@Suite struct TaxonomyMatchingTests {
    let taxonomy = TaxonomyFixture.shared

    @Test func loadsTheFullNACEHierarchy() {
        let counts = taxonomy.sectorCodeCounts
        #expect(counts[.section] == 21)
        #expect(counts[.division] == 88)
        #expect(counts[.group] == 272)
        #expect(counts[.class] == 615)
        for language in ["en", "de", "nb", "sr-Latn", "sr-Cyrl", "cnr", "mk", "uk", "ka", "hy"] {
            #expect(taxonomy.labelLanguages.contains(language))
        }
        #expect(taxonomy.versions.contains("NACE Rev. 2"))
        #expect(taxonomy.versions.contains { $0.hasPrefix("ESCO v1") })
    }

    // MARK: - Codes

    @Test(arguments: [
        ("F", "F", SectorLevel.section), ("f", "F", .section), ("62", "62", .division), ("C10", "10", .division),
        ("J62", "62", .division), ("10.1", "10.1", .group), ("101", "10.1", .group), ("10.11", "10.11", .class),
        ("1011", "10.11", .class), ("43.21.0", "43.21", .class), ("62.010", "62.01", .class),
        ("62010", "62.01", .class), ("ISIC 0111", "01", .division), ("ECO_ISIC4_C", "C", .section),
        ("eco_isic4_c", "C", .section), ("NACE 62.01", "62.01", .class), ("WZ 2008 43.21.0", "43.21", .class),
        ("C - Manufacturing", "C", .section), ("Economic activity (ISIC-Rev.4): F. Construction", "F", .section),
    ])
    func codeNotations(text: String, code: String, level: SectorLevel) {
        let match = taxonomy.matchSector(text, language: nil)
        #expect(match.code == code, "\(text)")
        #expect(match.level == level, "\(text)")
        #expect(match.method == .code, "\(text)")
        #expect(match.confidence == 1)
    }

    @Test func groupsAndClassesRollUpToTheirDivision() {
        #expect(taxonomy.matchSector("43.21.0", language: nil).key == SectorKey(section: "F", division: "43"))
        #expect(taxonomy.matchSector("10.1", language: nil).key == SectorKey("C10"))
        #expect(taxonomy.matchSector("C", language: nil).key == SectorKey("C"))
        #expect(taxonomy.matchSector("43.21.0", language: nil).note?.contains("WZ 2008") == true)
    }

    @Test(arguments: ["C62", "99.99", "ECO_ISIC4_X", "ECO_ISIC3_D", "ISIC 9999", "NACE Rev. 2.1 77.77"])
    func invalidCodesAreUnmappedWithANote(text: String) {
        let match = taxonomy.matchSector(text, language: nil)
        #expect(match.code == nil, "\(text) → \(match.code ?? "")")
        #expect(match.method == .none)
        #expect(match.note != nil)
    }

    @Test func nace21CodesMapThroughTheCorrespondence() {
        // Section 2.1 V (extraterritorial) is Rev. 2 U; divisions that kept their code map one-to-one.
        let v = taxonomy.matchSector("NACE Rev. 2.1 V", language: nil)
        #expect(v.code == "U")
        #expect(v.note?.contains("Rev. 2.1") == true)
        let division = taxonomy.matchSector("NACE 2.1 10", language: nil)
        #expect(division.key?.section == "C")
    }

    // MARK: - Aggregates

    @Test func aggregatesAreNeverForcedOntoOneSection() {
        let be = taxonomy.matchSector("B-E", language: nil)
        #expect(be.level == .aggregate)
        #expect(be.key == nil)
        #expect(be.scope == .aggregate(code: "B-E", sections: ["B", "C", "D", "E"]))
        let mn = taxonomy.matchSector("M_N", language: nil)
        #expect(mn.scope == .aggregate(code: "M_N", sections: ["M", "N"]))
        #expect(mn.key == nil)
        let ind = taxonomy.matchSector("ECO_SECTOR_IND", language: nil)
        #expect(ind.scope == .aggregate(code: "ECO_SECTOR_IND", sections: ["B", "C", "D", "E", "F"]))
        #expect(ind.key == nil)
        let total = taxonomy.matchSector("TOTAL", language: nil)
        #expect(total.scope == .total)
        #expect(total.key == nil)
        #expect(taxonomy.matchSector("ECO_AGGREGATE_TOTAL", language: nil).scope == .total)
        // An aggregate inside one section keeps that section as its key.
        let food = taxonomy.matchSector("C10-C12", language: nil)
        #expect(food.scope == .aggregate(code: "C10-C12", sections: ["C"]))
        #expect(food.key == SectorKey("C"))
    }

    @Test func labourScopes() {
        #expect(taxonomy.labourScope(forCode: "C10") == .sector(SectorKey(section: "C", division: "10")))
        #expect(taxonomy.labourScope(forCode: "G-I") == .aggregate(code: "G-I", sections: ["G", "H", "I"]))
        #expect(taxonomy.labourScope(forCode: "TOTAL") == .total)
        #expect(taxonomy.labourScope(forCode: "not a sector at all") == nil)
    }

    // MARK: - Names

    @Test func exactAliasAfterFolding() {
        let bau = taxonomy.matchSector("  BAU ", language: "de")
        #expect(bau.code == "F")
        #expect(bau.method == .alias)
        let hotels = taxonomy.matchSector("Hotels  and   Restaurants!", language: "en")
        #expect(hotels.code == "I")
        #expect(hotels.method == .alias)
    }

    @Test func transliterationBetweenScriptsAndSpellings() {
        let latin = taxonomy.matchSector("Gradjevinarstvo", language: "sr-Latn")
        #expect(latin.code == "F")
        #expect(latin.method == .transliteration)
        let cyrillicInLatinText = taxonomy.matchSector("Ugostitelstvo", language: "mk")
        #expect(cyrillicInLatinText.code == "I")
        let ukrainian = taxonomy.matchSector("Budivnytstvo", language: nil)
        #expect(ukrainian.code == "F")
        #expect(ukrainian.method == .transliteration)
    }

    @Test func sameWordsUpToEndings() {
        for (text, language, code) in [("Helsevesenet", "nb", "Q"), ("Turizmu", "sr-Latn", "I"), ("Туризмот", "mk", "I"),
                                       ("Շինարարությունը", "hy", "F"), ("Retailing", "en", "47")] {
            let match = taxonomy.matchSector(text, language: language)
            #expect(match.code == code, "\(text)")
            #expect(match.method == .fuzzy, "\(text)")
            #expect(match.note?.contains("endings") == true, "\(text)")
        }
    }

    @Test func severalNamesInOneAnswer() {
        // All parts under one section: mapped to it; parts in different sections: never guessed.
        #expect(taxonomy.matchSector("IT & Telecom", language: "en").code == "J")
        #expect(taxonomy.matchSector("Poljoprivreda/ribarstvo", language: "sr-Latn").code == "A")
        #expect(taxonomy.matchSector("Wholesale & retail", language: "en").code == "G")
        for text in ["Construction / Manufacturing", "Education and health", "Energetika i rudarstvo"] {
            let match = taxonomy.matchSector(text, language: nil)
            #expect(match.code == nil, "\(text)")
            #expect(match.note?.contains("several sectors") == true, "\(text)")
        }
        #expect(Taxonomy.parts(of: "Hotels, restaurants und Bau") == ["Hotels", "restaurants", "Bau"])
    }

    @Test func fuzzyMatchAboveThreshold() {
        let match = taxonomy.matchSector("Manufacuring", language: "en")
        #expect(match.code == "C")
        #expect(match.method == .fuzzy)
        #expect(match.confidence >= taxonomy.threshold && match.confidence < 1)
    }

    @Test func belowThresholdGoesToReviewWithACandidate() {
        let match = taxonomy.matchSector("Zdravstvena zastita", language: "sr-Latn")
        #expect(match.code == nil)
        #expect(match.method == .none)
        #expect(match.key == nil)
        #expect(match.candidate != nil)
        #expect((match.candidate?.confidence ?? 1) < taxonomy.threshold)
    }

    @Test func thresholdIsConfigurable() {
        var strict = taxonomy
        strict.threshold = 0.95
        #expect(strict.matchSector("Manufacuring", language: "en").code == nil)
        #expect(taxonomy.matchSector("Manufacuring", language: "en").code == "C")
    }

    @Test func closeFuzzyCandidatesInDifferentSectionsAreNotGuessed() throws {
        let directory = try TaxonomyFixture.copy(appending: [
            "sector_aliases.csv": ["A,en,zentrix works,alias", "B,en,zentrox works,alias"],
        ])
        let taxonomy = try Taxonomy.load(directory: directory)
        let match = taxonomy.matchSector("zentrax works", language: "en")
        #expect(match.code == nil)
        #expect(match.note?.contains("ambiguous") == true)
        #expect(match.candidate != nil)
        // A name close to only one of them is accepted.
        #expect(taxonomy.matchSector("zentrixxx works", language: "en").code == "A")
    }

    @Test func resolutionTakesTheCommonParentOrGivesUp() {
        let parent: (String) -> String? = { ["10": "C", "11": "C", "C": nil, "41": "F", "F": nil][$0] ?? nil }
        let entries = ["10", "11"].map { NameEntry(code: $0, language: "en", uri: nil) }
        guard case .code("C", _) = resolve(entries, language: nil, parent: parent) else {
            Issue.record("10 and 11 should resolve to C")
            return
        }
        let mixed = ["10", "41"].map { NameEntry(code: $0, language: "en", uri: nil) }
        #expect(resolve(mixed, language: nil, parent: parent) == .ambiguous(["10", "41"]))
        let preferred = [NameEntry(code: "10", language: "de", uri: nil), NameEntry(code: "41", language: "en", uri: nil)]
        #expect(resolve(preferred, language: "de", parent: parent) == .code("10", note: nil))
    }

    // MARK: - Labels

    @Test func labelsInReportLanguagesFallBackToEnglish() {
        let f = SectorKey("F")!
        #expect(taxonomy.label(for: f, language: "uk") == "Будівництво")
        #expect(taxonomy.label(for: f, language: "sr-Cyrl") == "Грађевинарство")
        #expect(taxonomy.label(for: f, language: "sr-Latn") == "Građevinarstvo")
        #expect(taxonomy.label(for: f, language: "ka") == "მშენებლობა")
        #expect(taxonomy.label(for: f, language: "hy") == "Շինարարություն")
        #expect(taxonomy.label(for: f, language: "de") == "Baugewerbe")
        #expect(taxonomy.label(for: f, language: "fr") == "Construction")
        #expect(taxonomy.label(for: SectorKey("C10")!, language: "nb") == "Produksjon av nærings- og nytelsesmidler")
        for language in ["de", "nb", "sr-Latn", "sr-Cyrl", "cnr", "mk", "uk", "ka", "hy", "en"] {
            for section in "ABCDEFGHIJKLMNOPQRSTU" {
                let label = taxonomy.label(for: SectorKey(section: String(section)), language: language)
                #expect(!label.isEmpty && label != String(section))
            }
        }
    }

    @Test func matchingIsDeterministic() {
        for text in ["Gradevinarstvo", "Manufacuring", "Hotel industry", "B-E"] {
            #expect(taxonomy.matchSector(text, language: nil) == taxonomy.matchSector(text, language: nil))
        }
    }
}
