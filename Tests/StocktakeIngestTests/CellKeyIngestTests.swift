import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

/// Record keys at ingest (docs/methodology.md §5.1): each cell's `cellKey` is the wrapping sum of the record keys of
/// the respondents counted in its n, its `valueKey` the sum of their content keys (the mean of all their answers in the
/// cell), and each sector's key the sum over its respondents — on the native path whatever the row order and
/// spilling, and on the record path.
@Suite struct CellKeyIngestTests {
    static let keyer = RecordKeyer(keyBytes: (0..<16).map { UInt8(3 * $0 + 1) })!

    /// Seeded rows in two sectors, two labels of one cell (combined), answers partly missing.
    static let rows = DistinctRespondentTests.seededRows(seed: 11, sectors: ["Food", "Metal"])

    static func fields(_ row: String) -> [String] { row.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }

    static func record(_ f: [String], line: Int) -> SurveyRecord {
        SurveyRecord(
            country: f[0], respondentID: f[1], organisationType: f[2], sector: f[3], skill: f[4],
            importance: Int(f[5])!, proficiency: Int(f[6])!, hardToFill: f[7].isEmpty ? nil : f[7] == "yes",
            demandChange: Int(f[8]), learningMode: LearningMode(rawValue: f[9]),
            targetGroups: f[10].isEmpty ? [] : [TargetGroup(rawValue: f[10])!], line: line)
    }

    /// Cells merged by sector and normalized skill (`DistinctRespondentTests.cellOf`).
    static func merged(_ aggregate: SurveyRawAggregate) -> [String: SurveyCellStats] {
        var out: [String: SurveyCellStats] = [:]
        for cell in aggregate.cells {
            out[cell.sector + "|" + DistinctRespondentTests.cellOf(cell.skill), default: SurveyCellStats()].merge(cell.stats)
        }
        return out
    }

    func aggregate(_ rows: [String], window: Int) throws -> SurveyRawAggregate {
        try withTemporaryFile((DistinctRespondentTests.header + rows.joined(separator: "\n") + "\n").utf8) { url in
            let input = try PreparedInput(spec: InputSpec(path: url.path, format: .stocktakeSurvey), kind: .survey, defaultCountry: nil)
            let reader = try NativeSurveyReader(input: input, respondentWindow: window,
                                                skillCell: DistinctRespondentTests.cellOf, keyer: Self.keyer)
            return try reader.runAggregating(onReject: { Issue.record("unexpected reject \($0)") }).1
        }
    }

    @Test(arguments: [1, 3, 1 << 15])
    func keysFollowTheRespondentsOnEveryPath(window: Int) throws {
        // The independent model: per cell, each respondent's answers added up, then their keys.
        var answers: [String: [String: RespondentAnswers]] = [:]
        var sectors: [String: Set<String>] = [:]
        for row in Self.rows {
            let f = Self.fields(row)
            answers[f[3] + "|" + DistinctRespondentTests.cellOf(f[4]), default: [:]][f[1], default: RespondentAnswers()]
                .add(RespondentAnswers(Self.record(f, line: 0)))
            sectors[f[3], default: []].insert(f[1])
        }
        let shuffled = Self.rows.enumerated().sorted { ($0.offset * 7919) % Self.rows.count < ($1.offset * 7919) % Self.rows.count }
            .map(\.element)
        for order in [Self.rows, shuffled] {
            let aggregate = try aggregate(order, window: window)
            let cells = Self.merged(aggregate)
            #expect(Set(cells.keys) == Set(answers.keys))
            for (cell, people) in answers {
                let stats = try #require(cells[cell])
                #expect(stats.n == people.count)
                #expect(stats.cellKey == people.keys.reduce(0) { $0 &+ Self.keyer.recordKey(country: "DE", respondent: $1) })
                #expect(stats.valueKey == people.reduce(0) {
                    $0 &+ RecordKeyer.contentKey(recordKey: Self.keyer.recordKey(country: "DE", respondent: $1.key), answers: $1.value)
                })
            }
            for sector in aggregate.sectors {
                let people = try #require(sectors[sector.sector])
                #expect(sector.respondents == people.count)
                #expect(sector.recordKeys == people.reduce(0) { $0 &+ Self.keyer.recordKey(country: "DE", respondent: $1) })
            }
        }
        // The record path (wide exports) computes the same keys.
        var builder = SurveyAggregateBuilder(keyer: Self.keyer)
        for (line, row) in Self.rows.enumerated() { builder.add(Self.record(Self.fields(row), line: line + 2), skillCell: DistinctRespondentTests.cellOf) }
        let recordPath = builder.build()
        #expect(Self.merged(recordPath) == Self.merged(try aggregate(Self.rows, window: window)))
        #expect(recordPath.sectors.map(\.recordKeys) == (try aggregate(Self.rows, window: window)).sectors.map(\.recordKeys))
    }

    /// Without a keyer every cell key is 0 (the pure stages' tests and `inspect`), and a non-ASCII id is keyed by its
    /// UTF-8 bytes on the native path as on the record path.
    @Test func noKeyerNoKeysAndNonASCIIIDs() throws {
        let rows = ["DE,відповідач-1,employer,Food,Welding,4,2,yes,1,,", "DE,r2,employer,Food,Welding,3,3,no,0,,"]
        let plain = try withTemporaryFile((DistinctRespondentTests.header + rows.joined(separator: "\n") + "\n").utf8) { url in
            let input = try PreparedInput(spec: InputSpec(path: url.path, format: .stocktakeSurvey), kind: .survey, defaultCountry: nil)
            return try NativeSurveyReader(input: input).runAggregating(onReject: { Issue.record("unexpected reject \($0)") }).1
        }
        #expect(plain.cells.allSatisfy { $0.stats.cellKey == 0 } && plain.sectors.allSatisfy { $0.recordKeys == 0 })
        let keyed = try aggregate(rows, window: 1 << 15)
        #expect(keyed.cells.first?.stats.cellKey == Self.keyer.recordKey(country: "DE", respondent: "відповідач-1")
            &+ Self.keyer.recordKey(country: "DE", respondent: "r2"))
    }
}
