import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

@Suite struct SurveyRawAggregateTests {
    /// Aggregate of `readSurvey`'s records computed independently, by strings.
    static func reference(_ spec: InputSpec, country: String?) throws -> (IngestReport, [String: SurveyCellStats], [String: Int]) {
        var cells: [String: SurveyCellStats] = [:]
        var seen: Set<String> = []
        var respondents: [String: Int] = [:]
        let report = try Ingestor.readSurvey(spec, defaultCountry: country, onRecord: { r in
            cells["\(r.country)|\(r.sector)|\(r.skill)", default: SurveyCellStats()].add(r)
            if seen.insert("\(r.country)|\(r.sector)|\(r.respondentID)").inserted { respondents["\(r.country)|\(r.sector)", default: 0] += 1 }
        }, onReject: { _ in })
        return (report, cells, respondents)
    }

    @Test func nativeFastPathMatchesRecordByRecordAggregation() throws {
        var text = "country,respondent_id,organisation_type,sector,skill,importance,proficiency,hard_to_fill,demand_change,learning_mode,target_groups\n"
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let sectors = ["Bau", "IT", "Будівництво", "IT\u{00A0}", "Ugostiteljstvo"]
        let skills = ["Welding", "Teamwork", "Digital literacy", "Welding "]
        for i in 0..<3000 {
            let country = ["DE", "UA", "ua", "Ukraine"][next(4)]
            let respondent = "r\(next(400))"
            let importance = i % 97 == 0 ? "9" : String(1 + next(5))
            text += "\(country),\(respondent),employer,\(sectors[next(sectors.count)]),\(skills[next(skills.count)]),\(importance),\(1 + next(5)),"
            text += "\(["yes", "no", ""][next(3)]),\(["-1", "2", ""][next(3)]),\(["online", ""][next(2)]),\(["youth|rural", ""][next(2)])\n"
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("agg-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let spec = InputSpec(path: url.path, format: .stocktakeSurvey)
        let (expectedReport, expectedCells, expectedRespondents) = try Self.reference(spec, country: nil)
        var rejects = 0
        let (report, aggregate) = try Ingestor.aggregateSurvey(spec, defaultCountry: nil, onReject: { _ in rejects += 1 })
        #expect(report.rowsRead == expectedReport.rowsRead)
        #expect(report.rowsAccepted == expectedReport.rowsAccepted)
        #expect(report.rejectsByCode == expectedReport.rejectsByCode)
        #expect(report.rejectsByCode["unique-error", default: 0] > 0)
        #expect(rejects == report.rowsRejected)
        #expect(aggregate.records == report.rowsAccepted)
        var cells: [String: SurveyCellStats] = [:]
        for cell in aggregate.cells { cells["\(cell.country)|\(cell.sector)|\(cell.skill)"] = cell.stats }
        #expect(cells == expectedCells)
        var respondents: [String: Int] = [:]
        for sector in aggregate.sectors { respondents["\(sector.country)|\(sector.sector)"] = sector.respondents }
        #expect(respondents == expectedRespondents)
        #expect(aggregate.cells.map { [$0.country, $0.sector, $0.skill] }.elementsEqual(
            aggregate.cells.map { [$0.country, $0.sector, $0.skill] }.sorted { $0.lexicographicallyPrecedes($1) }))
    }

    /// More than 64 distinct skills (the overflow set), respondents answering for several sectors, undecodable and
    /// repeated respondent ids, every categorical column invalid somewhere: both paths agree on every count,
    /// every reject (line, column, code) and every cell.
    @Test func nativeFastPathMatchesRecordsWithManySkillsAndSectors() throws {
        var text = "country,respondent_id,organisation_type,sector,skill,importance,proficiency,hard_to_fill,demand_change,learning_mode,target_groups\n"
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var bytes = [UInt8](text.utf8)
        for i in 0..<4000 {
            let country = ["DE", "UA", "NO"][next(3)]
            let sector = ["C", "F", "Bau", " Bau", "Будівництво"][next(5)]
            let skill = "Skill \(next(90))"
            let organisation = i % 211 == 0 ? "agency" : ["employer", "NGO", " chamber"][next(3)]
            let demand = i % 173 == 0 ? "5" : ["-2", "+1", "", "\u{2212}1"][next(4)]
            let mode = i % 151 == 0 ? "radio" : ["online", "Blended", "on site", ""][next(4)]
            let groups = i % 139 == 0 ? "pensioners" : ["youth|rural", "", "adults| refugees", "unemployed|low-skilled|displaced-returnees"][next(4)]
            let htf = i % 131 == 0 ? "maybe" : ["yes", "no", "", "Y"][next(4)]
            var row = Array("\(country),".utf8)
            if i % 257 == 0 {
                row += [UInt8(ascii: "r"), 0xFF]  // not UTF-8
            } else {
                row += Array("r\(next(300))".utf8)
            }
            row += Array(",\(organisation),\(sector),\(skill),\(1 + next(5)),\(i % 97 == 0 ? "" : String(1 + next(5))),\(htf),\(demand),\(mode),\(groups)\n".utf8)
            bytes += row
        }
        text = ""
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("agg-many-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let spec = InputSpec(path: url.path, format: .stocktakeSurvey)
        var expectedRejects: [String] = []
        var cells: [String: SurveyCellStats] = [:]
        var seen: Set<String> = []
        var expectedRespondents: [String: Int] = [:]
        let expectedReport = try Ingestor.readSurvey(spec, defaultCountry: nil, onRecord: { r in
            cells["\(r.country)|\(r.sector)|\(r.skill)", default: SurveyCellStats()].add(r)
            if seen.insert("\(r.country)|\(r.sector)|\(r.respondentID)").inserted { expectedRespondents["\(r.country)|\(r.sector)", default: 0] += 1 }
        }, onReject: { expectedRejects.append("\($0.location.line):\($0.location.column):\($0.code.rawValue):\($0.message)") })
        var rejects: [String] = []
        let (report, aggregate) = try Ingestor.aggregateSurvey(spec, defaultCountry: nil, onReject: {
            rejects.append("\($0.location.line):\($0.location.column):\($0.code.rawValue):\($0.message)")
        })
        #expect(report == expectedReport)
        #expect(rejects == expectedRejects)
        for code in ["unique-error", "encoding-error", "constraint-error", "type-error", "required-value"] {
            #expect(report.rejectsByCode[code, default: 0] > 0, "no \(code) reject")
        }
        #expect(Set(aggregate.cells.map(\.skill)).count > 64)
        var got: [String: SurveyCellStats] = [:]
        for cell in aggregate.cells { got["\(cell.country)|\(cell.sector)|\(cell.skill)"] = cell.stats }
        #expect(got == cells)
        var respondents: [String: Int] = [:]
        for sector in aggregate.sectors { respondents["\(sector.country)|\(sector.sector)"] = sector.respondents }
        #expect(respondents == expectedRespondents)
        #expect(aggregate.records == report.rowsAccepted)
    }

    @Test func wideFormatsAggregateThroughRecords() throws {
        let mapping = SurveyMapping(
            respondentID: "_id", country: "country", sector: "sector",
            skills: [SkillColumns(skill: "Welding", importance: "imp_weld", proficiency: "prof_weld"),
                     SkillColumns(skill: "ICT", importance: "imp_ict", proficiency: "prof_ict")])
        let spec = InputSpec(path: ingestFixture("kobo.csv"), mapping: mapping)
        let (_, expectedCells, expectedRespondents) = try Self.reference(spec, country: nil)
        let (_, aggregate) = try Ingestor.aggregateSurvey(spec, defaultCountry: nil, onReject: { _ in })
        #expect(aggregate.cells.count == expectedCells.count)
        for cell in aggregate.cells { #expect(expectedCells["\(cell.country)|\(cell.sector)|\(cell.skill)"] == cell.stats) }
        #expect(aggregate.sectors.reduce(0) { $0 + $1.respondents } == expectedRespondents.values.reduce(0, +))
    }

    /// The accumulator's exact corrections (a respondent's answers to two labels of one cell, averaged) are found
    /// through a slot in the cell's integers: they must survive the buffer's growth, before and after it.
    @Test func combinedAnswersKeepTheirCorrectionsThroughGrowth() {
        var cells = CellAccumulator()
        var expected = SurveyCellStats()
        /// Respondent answers label 0, then label 1 of the same normalized cell.
        func respondentOfTwoLabels(_ importance: Int) {
            var first = SurveyAnswer()
            first.importance = importance
            first.proficiency = 1
            first.hardToFill = 1
            first.newRespondentInSector = true
            var second = first
            second.skill = 1
            second.proficiency = 4
            second.hardToFill = 0
            second.demand = 2
            second.newRespondentInSector = false
            cells.add(first, previous: RespondentAnswers())
            cells.add(second, previous: RespondentAnswers(packed: first.packedAnswer))
            var both = RespondentAnswers(packed: first.packedAnswer)
            both.add(packed: second.packedAnswer)
            expected.add(both)
        }
        respondentOfTwoLabels(5)
        for k in 2..<3000 {
            var other = SurveyAnswer()
            other.skill = k
            other.importance = 3
            other.proficiency = 3
            cells.add(other, previous: RespondentAnswers())
        }
        respondentOfTwoLabels(2)
        let aggregate = cells.build(countries: ["DE"], sectors: ["Food"], skills: (0..<3000).map { "s\($0)" })
        var merged = SurveyCellStats()
        for cell in aggregate.cells where cell.skill == "s0" || cell.skill == "s1" { merged.merge(cell.stats) }
        #expect(merged == expected)
        #expect(merged.n == 2 && merged.answers == 4)
        #expect(aggregate.cells.count == 3000)
        #expect(aggregate.sectors.first?.respondents == 2)
    }

    /// `prepare` and `prefetchSlot` (the native sink's cache hints) change no statistic: an accumulator fed the
    /// same answers with hints (right ones, stale ones, ones for answers never added, before and after new cells)
    /// builds the same aggregate as one fed without.
    @Test func cacheHintsChangeNoStatistic() {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var plain = CellAccumulator()
        var hinted = CellAccumulator()
        var stale = SurveyAnswer()
        for _ in 0..<20000 {
            var answer = SurveyAnswer()
            answer.country = next(3)
            answer.sector = next(40)
            answer.skill = next(300)
            answer.importance = 1 + next(5)
            answer.proficiency = 1 + next(5)
            answer.hardToFill = Int8(next(3) - 1)
            answer.demand = next(4) == 0 ? Int.min : next(5) - 2
            answer.mode = UInt8(next(4))
            answer.groups = UInt8(next(16))
            let newInSector = next(3) == 0
            var previous = RespondentAnswers()
            if next(10) == 0 { previous.add(RespondentAnswers(packed: stale.packedAnswer)) }
            switch next(4) {
            case 0: hinted.prepare(answer)
            case 1: hinted.prepare(stale)
            case 2:
                hinted.prefetchSlot(CellAccumulator.key(country: answer.country, sector: answer.sector, skill: answer.skill))
                hinted.prepare(answer)
            default: break
            }
            plain.add(answer, newInSector: newInSector, previous: previous)
            hinted.add(answer, newInSector: newInSector, previous: previous)
            if next(2) == 0 { stale = answer } else { stale.skill = next(400) }
        }
        let countries = ["DE", "UA", "RS"], sectors = (0..<40).map { "s\($0)" }, skills = (0..<400).map { "k\($0)" }
        let expected = plain.build(countries: countries, sectors: sectors, skills: skills)
        let actual = hinted.build(countries: countries, sectors: sectors, skills: skills)
        #expect(actual == expected)
        #expect(expected.cells.count > 10000)
    }
}
