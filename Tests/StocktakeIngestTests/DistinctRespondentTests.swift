import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

/// Issue 11, defect 1: n counts respondents, not answers. A respondent who rates two labels of one normalized cell
/// counts once, with the mean of their answers — on every reading path, whatever the row order or spilling.
@Suite struct DistinctRespondentTests {
    static let header = "country,respondent_id,organisation_type,sector,skill,importance,proficiency,hard_to_fill,demand_change,learning_mode,target_groups\n"
    /// "apply HACCP" and "apply health and safety standards" are one cell (as ESCO S3.3.1 makes them in a run).
    static let cellOf: Ingestor.SkillCell = { $0 == "apply health and safety standards" ? "apply HACCP" : $0 }

    /// r1 answers both labels of the cell, r2 and r3 one each.
    static let rows = [
        "DE,r1,employer,Food,apply HACCP,5,1,yes,2,on-site,youth",
        "DE,r1,employer,Food,apply health and safety standards,3,3,no,1,online,rural",
        "DE,r2,employer,Food,apply HACCP,4,2,yes,,blended,",
        "DE,r3,employer,Food,apply health and safety standards,2,2,,-1,,adults",
        "DE,r3,employer,Food,Welding,4,3,no,0,,",
    ]

    /// The cell statistics computed independently from the rows, by the definition in docs/methodology.md §1:
    /// per respondent the mean of their answers in the cell, then sums over respondents (as Doubles).
    static func expected(_ rows: [String]) -> [String: [Double]] {
        var byRespondent: [String: [[String]]] = [:]
        for row in rows {
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            byRespondent["\(cellOf(f[4]))|\(f[1])", default: []].append(f)
        }
        var out: [String: [Double]] = [:]
        for (key, answers) in byRespondent {
            let cell = String(key.prefix { $0 != "|" })
            let m = Double(answers.count)
            let i = answers.map { Double($0[5])! }.reduce(0, +) / m
            let p = answers.map { Double($0[6])! }.reduce(0, +) / m
            let h = answers.compactMap { $0[7].isEmpty ? nil : ($0[7] == "yes" ? 1.0 : 0.0) }
            let c = answers.compactMap { Double($0[8]) }
            var s = out[cell] ?? [Double](repeating: 0, count: 8)
            s[0] += 1
            s[1] += i
            s[2] += i * i
            s[3] += (i - p)
            s[4] += (i - p) * (i - p)
            s[5] += i * (i - p)
            if !h.isEmpty { s[6] += h.reduce(0, +) / Double(h.count) }
            if !c.isEmpty { s[7] += c.reduce(0, +) / Double(c.count) }
            out[cell] = s
        }
        return out
    }

    /// Merges an aggregate's text cells by `cellOf`, as the normalize stage merges them by ESCO code.
    static func merged(_ aggregate: SurveyRawAggregate) -> [String: SurveyCellStats] {
        var out: [String: SurveyCellStats] = [:]
        for cell in aggregate.cells { out[cellOf(cell.skill), default: SurveyCellStats()].merge(cell.stats) }
        return out
    }

    static func values(_ s: SurveyCellStats) -> [Double] {
        [Double(s.n), s.sumImportance.value, s.sumImportanceSquared.value, s.sumDiscrepancy.value,
         s.sumDiscrepancySquared.value, s.sumImportanceTimesDiscrepancy.value, s.hardToFillYes.value,
         s.demandChangeSum.value]
    }

    func aggregate(_ rows: [String], window: Int? = nil) throws -> SurveyRawAggregate {
        try withTemporaryFile((Self.header + rows.joined(separator: "\n") + "\n").utf8) { url in
            let input = try PreparedInput(spec: InputSpec(path: url.path, format: .stocktakeSurvey), kind: .survey, defaultCountry: nil)
            let reader = try NativeSurveyReader(
                input: input, respondentWindow: window ?? RespondentLedger<NativeSurveySink.Row>.defaultWindow,
                skillCell: Self.cellOf)
            return try reader.runAggregating(onReject: { Issue.record("unexpected reject \($0)") }).1
        }
    }

    @Test func aRespondentWhoRatesTwoLabelsOfOneCellCountsOnceWithTheMean() throws {
        let cells = Self.merged(try aggregate(Self.rows))
        let haccp = try #require(cells["apply HACCP"])
        #expect(haccp.n == 3, "three respondents, not four answers")
        #expect(haccp.answers == 4)
        // r1: I = (5+3)/2 = 4, d = (4+0)/2 = 2; r2: I 4, d 2; r3: I 2, d 0.
        #expect(haccp.sumImportance.value == 10)
        #expect(haccp.sumImportanceSquared.value == 36)
        #expect(haccp.sumDiscrepancy.value == 4)
        // Hard to fill: r1 half yes, r2 yes, r3 unanswered → 1.5 of 2 respondents.
        #expect(haccp.hardToFillAnswered == 2 && haccp.hardToFillYes.value == 1.5)
        // Demand change: r1 (2+1)/2, r3 -1 → 0.5 of 2.
        #expect(haccp.demandChangeAnswered == 2 && haccp.demandChangeSum.value == 0.5)
        // Target groups: a respondent naming a group in any of their answers counts once for it.
        #expect(haccp.count(of: .youth) == 1 && haccp.count(of: .rural) == 1 && haccp.count(of: .adults) == 1)
        // Modes: r1's answers split between on-site and online.
        #expect(haccp.modeOnSite.value == 0.5 && haccp.modeOnline.value == 0.5 && haccp.modeBlended.value == 1)
        for (cell, expected) in Self.expected(Self.rows) {
            #expect(Self.values(try #require(cells[cell])) == expected, "cell \(cell)")
        }
        // Respondents per sector are distinct people too.
        #expect(try aggregate(Self.rows).sectors.map(\.respondents) == [3])
    }

    /// Seeded larger files: the native path with a window that spills, and with rows scattered so that answers of
    /// one respondent are combined after a spill, equals the independent model and the record path.
    /// Seeded rows: 60 respondents rating some of four labels (two of them one cell), answers partly missing; with
    /// several sectors, each respondent in one of them.
    static func seededRows(seed: UInt64, sectors: [String] = ["Food"]) -> [String] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let labels = ["apply HACCP", "apply health and safety standards", "Welding", "Teamwork"]
        var rows: [String] = []
        for r in 0..<60 {
            let sector = sectors.count == 1 ? sectors[0] : sectors[next(sectors.count)]
            for label in labels where next(3) > 0 {
                rows.append("DE,r\(r),employer,\(sector),\(label),\(1 + next(5)),\(1 + next(5)),\(["yes", "no", ""][next(3)]),\(["-2", "1", ""][next(3)]),\(["online", "blended", ""][next(3)]),\(["youth", ""][next(2)])")
            }
        }
        return rows
    }

    @Test(arguments: [1, 3, 1 << 15])
    func combiningHoldsAcrossSpillsAndRowOrders(window: Int) throws {
        let rows = Self.seededRows(seed: 7)
        let shuffled = rows.enumerated().sorted { ($0.offset * 7919) % rows.count < ($1.offset * 7919) % rows.count }.map(\.element)
        let expected = Self.expected(rows)
        for order in [rows, shuffled] {
            let cells = Self.merged(try aggregate(order, window: window))
            #expect(Set(cells.keys) == Set(expected.keys))
            for (cell, values) in expected {
                let got = Self.values(try #require(cells[cell]))
                #expect(zip(got, values).allSatisfy { abs($0 - $1) < 1e-9 }, "cell \(cell): \(got) vs \(values)")
            }
        }
        // Exact sums do not depend on the order of the rows.
        #expect(Self.merged(try aggregate(rows, window: window)) == Self.merged(try aggregate(shuffled, window: window)))
        // The record path (wide exports) combines the same way.
        var builder = SurveyAggregateBuilder()
        for (line, row) in rows.enumerated() {
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            builder.add(SurveyRecord(
                country: f[0], respondentID: f[1], organisationType: f[2], sector: f[3], skill: f[4],
                importance: Int(f[5])!, proficiency: Int(f[6])!, hardToFill: f[7].isEmpty ? nil : f[7] == "yes",
                demandChange: Int(f[8]), learningMode: LearningMode(rawValue: f[9]),
                targetGroups: f[10].isEmpty ? [] : [TargetGroup(rawValue: f[10])!], line: line + 2), skillCell: Self.cellOf)
        }
        #expect(Self.merged(builder.build()) == Self.merged(try aggregate(rows, window: window)))
    }

    /// More cells than the table's first allocation (1,024): growing it mid-row must not lose the row (the buffer
    /// pointer was once taken before the cell lookup that reallocates it).
    @Test func cellsBeyondTheFirstAllocationKeepEveryAnswer() throws {
        var rows: [String] = []
        for k in 0..<1500 {
            for r in 0..<2 { rows.append("DE,r\(r),employer,Food,skill \(k),\(1 + (k + r) % 5),\(1 + k % 5),,,,") }
        }
        let cells = Self.merged(try aggregate(rows))
        let expected = Self.expected(rows)
        #expect(cells.count == 1500)
        for (cell, values) in expected { #expect(Self.values(try #require(cells[cell])) == values, "cell \(cell)") }
    }
}
