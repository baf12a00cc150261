import Testing
@testable import StocktakeCore

@Suite struct LightStemmerTests {
    @Test func stemsIgnoreWordOrderEndingsAndGenericWords() {
        #expect(LightStemmer.key("zavarivanju", language: "sr-Latn") == LightStemmer.key("zavarivanje", language: "sr-Latn"))
        #expect(LightStemmer.key("kenntnisse in ms excel", language: "de") == "excel ms")
        #expect(LightStemmer.key("python programming", language: "en") == LightStemmer.key("programming python", language: "en"))
        #expect(LightStemmer.key("եռակցման", language: "hy") == "եռակց")
        // A case ending written after a hyphen is not a word; a lone generic word leaves nothing.
        #expect(LightStemmer.key("excel ის ცოდნა", language: "ka") == LightStemmer.key("excel", language: "ka"))
        #expect(LightStemmer.key("skills", language: "en") == nil)
    }

    @Test func germanAndNorwegianCompoundsKeepTheirStemWithoutGenericHeads() {
        #expect(LightStemmer.key("buchhaltungskenntnisse", language: "de") == LightStemmer.key("buchhaltung", language: "de"))
        #expect(LightStemmer.key("forstehjelpskurs", language: "nb") == LightStemmer.key("forstehjelp", language: "nb"))
        // Long compounds are not cut to their first six letters.
        #expect(LightStemmer.key("schichtarbeit", language: "de") != LightStemmer.key("schichtleitung", language: "de"))
        #expect(LightStemmer.key("zavarivac", language: "sr-Latn") == LightStemmer.key("zavarivanje", language: "sr-Latn"))
    }

    /// Phrases that once landed in the wrong ESCO branch through shared stems stay unmapped.
    @Test func sharedStemsOfOtherBranchesDoNotMatch() {
        let taxonomy = TaxonomyFixture.shared
        for (text, language) in [("Schichtarbeit", "de"), ("Montage von Solaranlagen", "de"), ("other", "en"),
                                 ("time managment", "en"), ("ledelse av team", "nb"), ("ელექტრონულ ცხრილებში", "ka"),
                                 ("հիմնական թվային հմտություններ", "hy")] {
            let match = taxonomy.matchSkill(text, language: language)
            let code = match.code ?? ""
            #expect(match.code == nil || ["S4.2", "S5.5.2", "S5", "S4.5"].contains(code), "'\(text)' → \(code)")
        }
        #expect(taxonomy.matchSkill("GDPR compliance", language: "en").code == "S3.3.6")
        // `developer` is left over, and ESCO uses `develop` only in other branches (S4.1, S5.6.1): review.
        #expect(taxonomy.matchSkill("Python developer", language: "en").code == nil)
        #expect(taxonomy.matchSkill("personvern (GDPR)", language: "nb").code == "S3.3.6")
        #expect(taxonomy.matchSkill("Python programiranje", language: "sr-Latn").note?.contains("same word stems") == true)
        // A compound whose first part names another branch speaks against the match like a word of its own:
        // `Photovoltaik` is S8.8.1, so `Montage` (assembly, S6.5) does not take the text.
        #expect(taxonomy.matchSkill("Montage von Photovoltaikanlagen", language: "de").code == nil)
    }

    /// A name may cover only a third of the text's stems when the vocabulary knows none of the others: what is
    /// welded or repaired does not make the skill another one. A known word of another branch still stops it.
    @Test func aNameWithWordsTheVocabularyDoesNotKnow() {
        let taxonomy = TaxonomyFixture.shared
        #expect(taxonomy.matchSkill("welding galvanized gutters", language: "en").code == "S7.1.6")
        #expect(taxonomy.matchSkill("tractor repair vintage carburettors", language: "en").code == "S8.7.1")
        #expect(taxonomy.matchSkill("welding galvanized gutters", language: "en").confidence == Taxonomy.containmentConfidence)
    }
}
