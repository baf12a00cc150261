import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

/// Survey columns are declared once (`SurveyField`, `SurveyFields`): the native `stocktake-survey` reader and the
/// wide LimeSurvey/Kobo reader give the same code and message for the same bad value.
@Suite struct SurveyFieldTests {
    /// (column, bad value) pairs: every way a cell of each column kind can be wrong in both formats.
    static let bad: [(column: String, value: String)] = [
        ("importance", ""), ("importance", "x"), ("importance", "9"), ("importance", "0"), ("importance", "3.5"),
        ("proficiency", "high"), ("proficiency", "6"),
        ("hard_to_fill", "maybe"), ("hard_to_fill", "2"),
        ("demand_change", "5"), ("demand_change", "x"), ("demand_change", "−3"),
        ("learning_mode", "classroom"),
        ("target_groups", "youth|aliens"), ("target_groups", "pensioners"),
        ("country", "Atlantis"), ("country", ""),
        ("sector", ""),
        ("respondent_id", ""),
    ]

    static let good: [String: String] = [
        "country": "DE", "respondent_id": "r", "organisation_type": "employer", "sector": "Food", "skill": "Welding",
        "importance": "4", "proficiency": "2", "hard_to_fill": "yes", "demand_change": "+1", "learning_mode": "online",
        "target_groups": "youth",
    ]

    /// The native file: one row per bad value (each its own respondent).
    static func native() -> String {
        let columns = ["country", "respondent_id", "organisation_type", "sector", "skill", "importance", "proficiency",
                       "hard_to_fill", "demand_change", "learning_mode", "target_groups"]
        var lines = [columns.joined(separator: ",")]
        for (k, b) in bad.enumerated() {
            var row = good
            row["respondent_id"] = "r\(k)"
            row[b.column] = b.value
            lines.append(columns.map { row[$0]! }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same values in a Kobo export (one skill block), read through a mapping without answer-code tables.
    static func wide() -> (text: String, mapping: SurveyMapping) {
        let columns = ["_uuid", "id", "country", "org", "sector", "imp", "prof", "htf", "dem", "mode", "groups"]
        let names = ["_uuid": "_uuid", "id": "respondent_id", "country": "country", "org": "organisation_type",
                     "sector": "sector", "imp": "importance", "prof": "proficiency", "htf": "hard_to_fill",
                     "dem": "demand_change", "mode": "learning_mode", "groups": "target_groups"]
        var lines = [columns.joined(separator: ",")]
        for (k, b) in bad.enumerated() {
            var row = good
            row["_uuid"] = "u\(k)"
            row["respondent_id"] = "r\(k)"
            row[b.column] = b.value
            lines.append(columns.map { row[names[$0]!]! }.joined(separator: ","))
        }
        let mapping = SurveyMapping(
            respondentID: "id", country: "country", sector: "sector", organisationType: "org",
            skills: [SkillColumns(skill: "Welding", importance: "imp", proficiency: "prof", hardToFill: "htf", demandChange: "dem")],
            learningMode: "mode", targetGroups: "groups")
        return (lines.joined(separator: "\n") + "\n", mapping)
    }

    @Test func theSameBadValueGivesTheSameCodeAndMessageInBothFormats() throws {
        let native = try withTemporaryFile(Self.native().utf8) { url in
            try readSurvey(InputSpec(path: url.path, format: .stocktakeSurvey))
        }
        let (text, mapping) = Self.wide()
        let wide = try withTemporaryFile(text.utf8) { url in
            try readSurvey(InputSpec(path: url.path, format: .kobo, mapping: mapping))
        }
        #expect(native.rejects.count == Self.bad.count)
        #expect(wide.rejects.count == Self.bad.count)
        for (k, (n, w)) in zip(native.rejects, wide.rejects).enumerated() {
            #expect(n.location.line == k + 2 && w.location.line == k + 2)
            #expect(n.code == w.code && n.message == w.message, "\(Self.bad[k]): \(n.code) \(n.message) | \(w.code) \(w.message)")
            #expect(n.columnName == Self.bad[k].column, "the native reject names the bad cell's column")
        }
        #expect(native.report.countsAddUp && wide.report.countsAddUp)
    }

    @Test func aMappingsAnswerCodesComeBeforeTheDefaultTokens() throws {
        let fields = SurveyFields.wide(SurveyMapping(
            scaleValues: ["A1": 1, "A5": 5], importanceValues: ["A5": 4], hardToFillValues: ["Y": true, "": false],
            demandChangeValues: ["up": 2], learningModeValues: ["class": .onSite], targetGroupValues: ["idp": .displaced]),
            country: "DE")
        #expect(try fields.importance.parse("A5").get() == 4, "importance_values wins over scale_values")
        #expect(try fields.proficiency.parse("A5").get() == 5)
        #expect(try fields.importance.parse(" 3 ").get() == 3, "an integer is still read, trimmed")
        #expect(try fields.hardToFill.parse("").get() == false, "the \"\" key gives the value of an empty cell")
        #expect(try SurveyFields.native(country: nil).hardToFill.parse("").get() == nil)
        #expect(try fields.demand.parse("up").get() == 2)
        #expect(try fields.mode.parse("class").get() == .onSite)
        #expect(try fields.groups.parse("idp youth").get() == [.displaced, .youth])
        #expect(try fields.country.parse("").get() == "DE", "an empty country is the input's")
        guard case .failure(let problem) = fields.importance.parse("A9") else { Issue.record("A9 is no code"); return }
        #expect(problem.code == .typeError && problem.message.contains("answer code"))
    }

    @Test(arguments: [("3", 3), ("+2", 2), ("-2", -2), ("\u{2212}1", -1), ("123456789", 123_456_789)])
    func integersAreReadWithTheirSign(text: String, value: Int) {
        #expect(SurveyField<Int>.integer(Substring(text)) == value)
    }

    @Test(arguments: ["", "+", "1.0", "1 2", "1234567890", "\u{2212}", "x"])
    func nonIntegersAreNot(text: String) {
        #expect(SurveyField<Int>.integer(Substring(text)) == nil)
    }
}
