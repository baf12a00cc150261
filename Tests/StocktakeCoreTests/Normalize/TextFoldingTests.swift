import Testing
@testable import StocktakeCore
@testable import StocktakeModel

@Suite struct TextFoldingTests {
    /// The ASCII fast path folds exactly like the Unicode path, on every printable ASCII character and on random
    /// strings of them (and ASCII keys have nothing to transliterate).
    @Test func asciiFastPathAgreesWithTheUnicodePath() {
        let printable = (0x20...0x7E).map { String(UnicodeScalar(UInt8($0))) } + ["\t", "\n"]
        for c in printable { #expect(TextFolding.exactASCII("a\(c)B\(c)") == TextFolding.exactUnicode("a\(c)B\(c)")) }
        var state: UInt64 = 11
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(state >> 60) + 1 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += printable[Int((state >> 33) % UInt64(printable.count))]
            }
            let key = TextFolding.exactASCII(text)
            #expect(key == TextFolding.exactUnicode(text), "\(text)")
            for scheme in TextFolding.Scheme.allCases { #expect(TextFolding.latinFromExact(key, scheme: scheme) == key) }
        }
        #expect(TextFolding.exact("Café ‘IT’") == TextFolding.exactUnicode("Café ‘IT’"))
    }

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
