import Testing
@testable import StocktakeCore
@testable import StocktakeModel
@testable import StocktakeIngest

@Suite struct LabourCollectorTests {
    @Test func aRepeatedPeriodKeepsTheFirstValue() {
        var collector = LabourCollector()
        let first = LabourRecord(country: "UA", sector: "F", indicator: .wages, period: "2023", value: 100, unit: "UAH")
        var second = first
        second.value = 999
        let addedFirst = collector.add(first)
        let addedSecond = collector.add(second)
        #expect(addedFirst)
        #expect(!addedSecond)
        #expect(collector.records == 1)
        let key = LabourCollector.RawKey(country: "UA", sector: "F", indicator: .wages, unit: "UAH")
        #expect(collector.series[key]?["2023"]?.value == 100)
    }
}
