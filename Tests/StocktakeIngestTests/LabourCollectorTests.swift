import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

@Suite struct LabourCollectorTests {
    /// `inspect`'s key set rejects exactly the records the collector rejects: same series key, same period text
    /// (more than 64 distinct periods, so a series' bits span several words; periods first seen in other series).
    @Test func keySetAgreesWithTheCollector() {
        var generator = SystemRandomNumberGenerator()
        var collector = LabourCollector()
        var keys = LabourKeySet()
        var rejected = 0
        for line in 1...20_000 {
            let record = LabourRecord(
                country: ["RS", "ME", "DE"][Int.random(in: 0..<3, using: &generator)],
                sector: ["C", "C10", "F"][Int.random(in: 0..<3, using: &generator)],
                indicator: [.employment, .unemployment][Int.random(in: 0..<2, using: &generator)],
                period: "\(1900 + Int.random(in: 0..<150, using: &generator))",
                value: 1, unit: ["THS_PER", "PC"][Int.random(in: 0..<2, using: &generator)], line: line)
            let kept = collector.add(record)
            #expect(keys.insert(record) == kept, "line \(line)")
            if !kept { rejected += 1 }
        }
        #expect(rejected > 0)
        #expect(collector.records + rejected == 20_000)
    }
}
