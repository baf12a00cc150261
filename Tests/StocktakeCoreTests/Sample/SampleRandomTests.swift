import Testing
@testable import StocktakeCore
@testable import StocktakeModel

@Suite struct SampleRandomTests {
    @Test func sameSeedSameSequenceAndStreamsDiffer() {
        var a = SampleRandom(seed: 42), b = SampleRandom(seed: 42), c = SampleRandom(seed: 43)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
        var de = SampleRandom(seed: 42, stream: "DE"), ua = SampleRandom(seed: 42, stream: "UA")
        #expect(de.next() != ua.next())
    }

    @Test func drawsStayInRange() {
        var random = SampleRandom(seed: 9)
        var seen = Set<Int>()
        var sum = 0.0
        for _ in 0..<10_000 {
            let k = random.int(below: 7)
            #expect((0..<7).contains(k))
            seen.insert(k)
            let u = random.uniform()
            #expect(u >= 0 && u < 1)
            let z = random.normal()
            #expect(abs(z) <= 3.5)
            sum += z
        }
        #expect(seen.count == 7)
        #expect(abs(sum / 10_000) < 0.05)
    }

    @Test func pickFollowsWeights() {
        var random = SampleRandom(seed: 3)
        var counts = [0, 0, 0]
        for _ in 0..<9_000 { counts[random.pick(weights: [1, 0, 2])] += 1 }
        #expect(counts[1] == 0)
        #expect((2_700...3_300).contains(counts[0]))
        #expect((5_700...6_300).contains(counts[2]))
    }

    @Test func fixedFormatting() {
        #expect(SampleCSV.decimal(12.345, decimals: 1) == "12.3")
        #expect(SampleCSV.decimal(0.05, decimals: 1) == "0.1")
        #expect(SampleCSV.decimal(-3.25, decimals: 0) == "-3")
        #expect(SampleCSV.decimal(1234567.891, decimals: 2) == "1234567.89")
        #expect(SampleCSV.decimal(7, decimals: 2) == "7.00")
        #expect(SampleCSV.field("a,b") == "\"a,b\"")
        #expect(SampleCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(SampleCSV.field("Građevinarstvo") == "Građevinarstvo")
    }
}
