import Testing
@testable import StocktakeCore
@testable import StocktakeModel

@Suite struct TaxonomyMatcherTests {
    @Test func countsEveryRowAndQueuesUnmappedNames() {
        var matcher = TaxonomyMatcher(taxonomy: TaxonomyFixture.shared)
        for _ in 0..<3 { _ = matcher.sector("Građevinarstvo", language: "sr-Latn", country: "RS") }
        _ = matcher.sector("Gradjevinarstvo", language: "sr-Latn", country: "RS")
        _ = matcher.sector("Zdravstvena zastita", language: "sr-Latn", country: "RS", rows: 4)
        _ = matcher.sector("Zdravstvena zastita", language: "sr-Latn", country: "ME")
        _ = matcher.sector("Handwerk", language: "de", country: "DE", rows: 2)
        _ = matcher.skill("teamwork", language: "en", country: "DE")

        let counts = Dictionary(uniqueKeysWithValues: matcher.methodCounts(kind: .sector).map { ($0.method, $0) })
        #expect(counts[.alias] == MappingCount(method: .alias, names: 1, rows: 3))
        #expect(counts[.transliteration] == MappingCount(method: .transliteration, names: 1, rows: 1))
        #expect(counts[.none] == MappingCount(method: .none, names: 2, rows: 5))
        #expect(counts[.override] == MappingCount(method: .override, names: 1, rows: 2))
        #expect(matcher.methodCounts(kind: .sector).reduce(0) { $0 + $1.rows } == 11)
        #expect(matcher.methodCounts(kind: .sector, country: "ME").first { $0.method == .none }?.rows == 1)
        #expect(matcher.methodCounts(kind: .skill).first { $0.method == .alias }?.rows == 1)

        let queue = matcher.reviewQueue()
        #expect(queue.map(\.country) == ["RS", "ME"])
        #expect(queue.map(\.count) == [4, 1])
        #expect(queue.allSatisfy { $0.text == "Zdravstvena zastita" && $0.candidateCode != nil })
    }
}
