import Testing
@testable import StocktakeModel

@Suite struct CountriesTests {
    @Test(arguments: [("DE", "DE"), ("deu", "DE"), ("EL", "GR"), ("UK", "GB"), ("NA", "NA"), ("MKD", "MK"),
                      ("North Macedonia", "MK"), ("Republic of Korea", "KR"), ("Україна", "UA"), ("Srbija", "RS"),
                      ("Kosovo", "XK"), ("Bolivia (Plurinational State of)", "BO"), ("  Germany ", "DE"),
                      ("Côte d’Ivoire", "CI"), ("საქართველო", "GE"), ("Հայաստան", "AM"), ("Crna Gora", "ME")])
    func resolves(text: String, code: String) {
        #expect(Countries.resolve(text) == code)
    }

    @Test(arguments: ["", "Atlantis", "EU27_2020", "ZZ", "X01"])
    func rejectsUnknown(text: String) {
        #expect(Countries.resolve(text) == nil)
    }

    @Test func tableIsCompleteAndUnique() {
        #expect(Countries.all.count >= 250)
        #expect(Set(Countries.all.map(\.code)).count == Countries.all.count)
        #expect(Set(Countries.all.map(\.iso3)).count == Countries.all.count)
        #expect(Countries.country(iso2: "GR")?.eurostat == "EL")
    }
}
