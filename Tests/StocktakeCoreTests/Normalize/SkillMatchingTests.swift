import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel
@testable import StocktakeIngest

@Suite struct SkillMatchingTests {
    let taxonomy = TaxonomyFixture.shared

    @Test func codesOfTheSkillsPillar() {
        for (text, code) in [("S5", "S5"), ("t2", "T2"), ("K06", "K06"), ("S1.0.0", "S1.0.0")] {
            let match = taxonomy.matchSkill(text, language: nil)
            #expect(match.code == code, "\(text)")
            #expect(match.method == .code)
        }
        #expect(taxonomy.matchSkill("http://data.europa.eu/esco/skill/S8", language: nil).code == "S8")
    }

    /// Two labels matching different concepts of one ESCO group normalize to the same skill (the group): one cell
    /// and one disclosure margin per country × sector × group. They used to keep the concept's URI and label, which
    /// split S5.5.2 into two margins and left a unit next to a lone suppressed one published (issue 11, audit).
    @Test func labelsOfOneGroupShareTheGroupsRef() {
        let concept = taxonomy.matchSkill("use spreadsheets software", language: "en")
        let group = taxonomy.matchSkill("analyse big data", language: "en")
        #expect(concept.code == "S5.5.2" && group.code == "S5.5.2")
        #expect(concept.ref == group.ref)
        #expect(concept.ref.uri == "http://data.europa.eu/esco/skill/S5.5.2")
        #expect(concept.label == "use spreadsheets software", "the mapping record keeps the concept matched")
    }

    @Test func labelsFromHierarchyAndCollections() {
        let group = taxonomy.matchSkill("working with computers", language: "en")
        #expect(group.code == "S5")
        #expect(group.ref.group == "S5")
        let collection = taxonomy.matchSkill("Use spreadsheets software", language: "en")
        #expect(collection.code?.hasPrefix("S5") == true)
        #expect(collection.method == .alias)
        #expect(collection.ref.uri?.hasPrefix("http://data.europa.eu/esco/skill/") == true)
        let knowledge = taxonomy.matchSkill("information and communication technologies (icts)", language: "en")
        #expect(knowledge.code == "K06")
        #expect(knowledge.ref.group == "K06")
    }

    @Test func everydaySurveyFormsAndOverrides() {
        let teamwork = taxonomy.matchSkill("Team work", language: "en")
        #expect(teamwork.code == "S1.8")
        #expect(teamwork.ref.group == "S1")
        let leadership = taxonomy.matchSkill("Leadership skills", language: "en")
        #expect(leadership.code == "S4.5")
        // "problem solving" is both S1.9 and transversal in ESCO v1.0: ambiguous, decided by an override.
        let problem = taxonomy.matchSkill("problem solving", language: "en")
        #expect(problem.method == .override)
        #expect(problem.code == "S1.9")
    }

    /// A label naming two skill groups of different branches ("sales and customer service": S3.4 and a selling
    /// group) used to map to their common parent, the whole skills pillar `S`, with the confidence of an alias:
    /// a wrong mapping that says nothing. It is unmapped now, with a note naming the groups; sectors keep mapping
    /// to a common NACE section (`Poljoprivreda/ribarstvo` → A).
    @Test func twoSkillGroupsNeverMapToTheWholePillar() {
        for (text, language) in [("salg og kundeservice", "nb"), ("prodaja i rad sa kupcima", "sr"),
                                 ("selling and customer service", "en")] {
            let match = taxonomy.matchSkill(text, language: language)
            #expect(match.code != "S", "\(text) → \(match.code ?? "-")")
            if match.code == nil { #expect(match.note?.contains("names several skill groups") == true, "\(text)") }
        }
        #expect(taxonomy.matchSector("Poljoprivreda/ribarstvo", language: "sr").code == "A")
    }

    @Test func unmappedSkillKeepsItsOwnLabel() {
        let match = taxonomy.matchSkill("  Qzxv blorp handling ", language: "en")
        #expect(match.code == nil)
        #expect(match.method == .none)
        #expect(match.ref == SkillRef(code: nil, uri: nil, label: "Qzxv blorp handling", group: nil))
        #expect(!match.ref.isMapped)
    }

    @Test func topGroups() {
        #expect(TaxonomyStorage.topSkillGroup("S5.6.1") == "S5")
        #expect(TaxonomyStorage.topSkillGroup("K0613") == "K06")
        #expect(TaxonomyStorage.topSkillGroup("T2") == "T2")
        #expect(TaxonomyStorage.topSkillGroup("K") == "K")
    }
}

/// Survey skill labels as employers write them (Fixtures/normalize/skill_testset.csv: text,expected_code).
@Suite struct EnglishSkillTestSetTests {
    @Test func skillTestSetMapsRightAndNeverWrong() throws {
        let path = try #require(Bundle.module.path(forResource: "Fixtures/normalize/skill_testset", ofType: "csv"))
        var rows: [(String, String)] = []
        try CSVReader.forEachRecord(path: path) { record in
            if record.line > 1 { rows.append((record.fields[0], record.fields[1])) }
        }
        #expect(rows.count >= 30)
        var right = 0
        for (text, expected) in rows {
            let match = TaxonomyFixture.shared.matchSkill(text, language: "en")
            if match.code == expected { right += 1 } else {
                #expect(match.code == nil, "'\(text)' → \(match.code ?? "") instead of \(expected)")
            }
        }
        #expect(Double(right) / Double(rows.count) >= 0.95)
    }
}
