import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel
@testable import StocktakeIngest

/// The multilingual skill test set (Fixtures/normalize/skill_testset_multilingual.csv: text,language,expected_code):
/// skill phrases as employers write them in all ten BEM languages, written after `skill_vocabulary.csv` and kept
/// apart from it, each with the ESCO group it should map to or `none` for a phrase that must stay unmapped.
///
/// A match is right when its code is the expected one, a group below it, or a group above it inside the same
/// top-level group (`S5` for `S5.5.2`: the proposal bundles by top-level group either way); a whole pillar (`S`)
/// is right only where the phrase names it (`L` for language skills). Any other code is wrong.
@Suite struct MultilingualSkillTestSetTests {
    struct Row {
        let text: String
        let language: String
        let expected: String?
        let line: Int
    }

    static let languages = ["en", "de", "nb", "sr-Latn", "sr-Cyrl", "cnr", "mk", "uk", "ka", "hy"]

    static func rows(_ name: String = "skill_testset_multilingual") throws -> [Row] {
        let path = try #require(Bundle.module.path(forResource: "Fixtures/normalize/\(name)", ofType: "csv"))
        var rows: [Row] = []
        try CSVReader.forEachRecord(path: path) { record in
            guard record.line > 1 else { return }
            let f = record.fields + ["", "", ""]
            rows.append(Row(text: f[0], language: f[1], expected: f[2] == "none" ? nil : f[2], line: record.line))
        }
        return rows
    }

    /// The groups from `code` up to its pillar (`S5.5.2`, `S5.5`, `S5`, `S`).
    static func chain(_ code: String, _ taxonomy: Taxonomy) -> [String] {
        var out = [code]
        while let parent = taxonomy.storage.skillGroups[out.last!]?.parent, out.count < 8 { out.append(parent) }
        return out
    }

    static func isRight(_ match: SkillMatch, _ row: Row, _ taxonomy: Taxonomy) -> Bool {
        guard let expected = row.expected else { return match.code == nil }
        guard let code = match.code else { return false }
        if code == expected { return true }
        guard code.count > 1 else { return false }
        if chain(code, taxonomy).contains(expected) { return true }
        return chain(expected, taxonomy).contains(code)
            && TaxonomyStorage.topSkillGroup(code) == TaxonomyStorage.topSkillGroup(expected)
    }

    @Test func testSetHasThirtyPhrasesInEveryLanguage() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 300)
        for language in Self.languages {
            #expect(rows.filter { $0.language == language }.count >= 30, "\(language)")
        }
        #expect(rows.filter { $0.expected == nil }.count >= 20, "phrases that must not map")
        let taxonomy = TaxonomyFixture.shared
        for row in rows { if let code = row.expected { #expect(taxonomy.storage.skillGroups[code] != nil, "line \(row.line): \(code)") } }
    }

    @Test func atLeast90PercentRightAndNoWrongAnswerAboveThreshold() throws {
        let taxonomy = TaxonomyFixture.shared
        let rows = try Self.rows()
        var right: [String: Int] = [:]
        var total: [String: Int] = [:]
        var wrong: [String] = []
        var unmapped: [String] = []
        for row in rows {
            let match = taxonomy.matchSkill(row.text, language: row.language)
            total[row.language, default: 0] += 1
            if Self.isRight(match, row, taxonomy) {
                right[row.language, default: 0] += 1
            } else if match.code != nil {
                wrong.append("line \(row.line) '\(row.text)' → \(match.code ?? "") (\(match.method.rawValue) \(match.confidence))")
            } else {
                unmapped.append("\(row.language): \(row.text)")
                #expect(match.method == .none || match.method == .override)
            }
        }
        let figures = Self.languages.map { "\($0) \(right[$0] ?? 0)/\(total[$0] ?? 0)" }.joined(separator: ", ")
        let all = right.values.reduce(0, +)
        print("skill test set: \(all)/\(rows.count) right; \(figures)")
        #expect(wrong.isEmpty, "wrong answers: \(wrong)")
        #expect(Double(all) / Double(rows.count) >= 0.9, "\(figures); unmapped: \(unmapped)")
    }

    /// A last probe (Fixtures/normalize/skill_probe_unseen.csv, 60 phrases in all ten languages), written after the
    /// vocabulary changes of 2026-12-06 and never used to change the vocabulary or the rules: no wrong answer, and the
    /// figure docs/taxonomy.md gives (54 of 60).
    @Test func unseenProbeMapsWithoutWrongAnswers() throws {
        let taxonomy = TaxonomyFixture.shared
        let rows = try Self.rows("skill_probe_unseen")
        #expect(rows.count == 60 && Set(rows.map(\.language)) == Set(Self.languages))
        var right = 0
        var wrong: [String] = []
        for row in rows {
            let match = taxonomy.matchSkill(row.text, language: row.language)
            if Self.isRight(match, row, taxonomy) { right += 1 } else if let code = match.code { wrong.append("\(row.text) → \(code)") }
        }
        #expect(wrong.isEmpty, "wrong answers: \(wrong)")
        #expect(right >= 54, "\(right) of \(rows.count) right")
    }

    /// Integrity of `skill_vocabulary.csv`: every row, matched in its own language, lands on its own group or on a
    /// group above or below it (rows that collide across branches would come back ambiguous or elsewhere).
    @Test func everyVocabularyRowMapsOnItsOwnBranch() throws {
        let taxonomy = TaxonomyFixture.shared
        var rows = 0
        var off: [String] = []
        try CSVReader.forEachRecord(path: TaxonomyFixture.directory + "/skill_vocabulary.csv") { record in
            guard record.line > 1, record.fields.count >= 3 else { return }
            rows += 1
            let row = Row(text: record.fields[2], language: record.fields[1], expected: record.fields[0], line: record.line)
            let match = taxonomy.matchSkill(row.text, language: row.language)
            let onBranch = match.code.map { Self.chain($0, taxonomy).contains(row.expected!) || ($0.count > 1 && Self.chain(row.expected!, taxonomy).contains($0)) } ?? false
            if !onBranch { off.append("line \(row.line) \(row.language) '\(row.text)' → \(match.code ?? "none")") }
        }
        #expect(rows >= 2500)
        #expect(off.isEmpty, "\(off.count) rows off their branch: \(off.prefix(20))")
    }

    @Test func noPhraseOfTheTestSetIsAVocabularyRowOfItsLanguage() throws {
        // The test set is kept apart from the vocabulary: none of its phrases is one of `skill_vocabulary.csv`'s
        // texts in the same language as written (after case folding).
        let path = TaxonomyFixture.directory + "/skill_vocabulary.csv"
        var vocabulary = Set<String>()
        try CSVReader.forEachRecord(path: path) { record in
            guard record.line > 1, record.fields.count >= 3 else { return }
            vocabulary.insert(record.fields[1] + "\u{1}" + TextFolding.exact(record.fields[2]))
        }
        let copies = try Self.rows().filter { vocabulary.contains($0.language + "\u{1}" + TextFolding.exact($0.text)) }
        #expect(copies.count * 5 <= 300, "\(copies.count) phrases copy the vocabulary: \(copies.map(\.text))")
    }
}
