import Testing
@testable import StocktakeCore

@Suite struct TextFoldingTests {
    @Test func exactFoldsCaseWhitespaceAndPunctuation() {
        #expect(TextFolding.exact("  Hotels &  Restaurants! ") == "hotels restaurants")
        #expect(TextFolding.exact("Bygge- og anleggsvirksomhet") == "bygge og anleggsvirksomhet")
        #expect(TextFolding.exact("Охорона здоров'я") == "охорона здоровя")
        #expect(TextFolding.exact("ＩＴ") == "it")  // NFKC: full-width letters
    }

    @Test func southSlavicTransliteration() {
        #expect(TextFolding.latin("Грађевинарство", scheme: .southSlavic) == "gradjevinarstvo")
        #expect(TextFolding.latin("Građevinarstvo", scheme: .southSlavic) == "gradjevinarstvo")
        #expect(TextFolding.latin("Gradjevinarstvo", scheme: .southSlavic) == "gradjevinarstvo")
        #expect(TextFolding.latin("Прерађивачка", scheme: .southSlavic) == "preradjivacka")
        #expect(TextFolding.latin("Угостителство", scheme: .southSlavic) == "ugostitelstvo")
        #expect(TextFolding.latin("Ѓорче Ќерка", scheme: .southSlavic) == "gjorce kjerka")
    }

    @Test func ukrainianTransliteration() {
        #expect(TextFolding.latin("Будівництво", scheme: .ukrainian) == "budivnytstvo")
        #expect(TextFolding.latin("Охорона здоров'я", scheme: .ukrainian) == "okhorona zdorovia")
        #expect(TextFolding.looksUkrainian("Інформаційні"))
        #expect(!TextFolding.looksUkrainian("Информации"))
    }

    @Test func diacriticsAndSpecialLetters() {
        #expect(TextFolding.latin("Sjøfart Straße Ærø", scheme: .southSlavic) == "sjofart strasse aero")
        #expect(TextFolding.latin("Čačak Šabac Žabljak", scheme: .southSlavic) == "cacak sabac zabljak")
    }

    @Test func coreDropsGenericWords() {
        #expect(TextFolding.core("construction industry") == "construction")
        #expect(TextFolding.core("transport und logistik") == "transport logistik")
        #expect(TextFolding.core("sector") == "")
    }

    @Test func languageTags() {
        #expect(TextFolding.language("sr_latn") == "sr-Latn")
        #expect(TextFolding.language("SR-CYRL") == "sr-Cyrl")
        #expect(TextFolding.language("no") == "nb")
        #expect(TextFolding.language(" ") == nil)
        #expect(TextFolding.language("uk") == "uk")
    }

    @Test func fuzzyRatio() {
        let a = Array("manufacturing".unicodeScalars)
        #expect(FuzzyIndex.levenshtein(a, Array("manufacuring".unicodeScalars)) == 1)
        #expect(FuzzyIndex.ratio(a, a) == 1)
        let index = FuzzyIndex(keys: ["hotels and restaurants", "construction"])
        let hit = index.search("restaurants and hotels").first
        #expect(hit?.index == 0)
        #expect(hit?.score == 1)
    }
}
