import Foundation
import Testing
@testable import StocktakeCore

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
}
