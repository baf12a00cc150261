import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// `Taxonomy.loadSkills` (the skill half, which a run loads first so that ingest resolves skill labels without
/// waiting for the sector indexes) must match skills exactly as the whole taxonomy does.
@Suite struct TaxonomySkillHalfTests {
    /// Every skill text of the bundled taxonomy (labels, group codes, URIs and labels, aliases, overrides), with
    /// variants that exercise case folding, whitespace, the fuzzy matcher and no match at all.
    static func skillTexts(directory: String) throws -> [String] {
        var texts: [String] = []
        let files = ["esco_skill_groups.csv": ["code", "uri", "label"], "esco_skill_labels.csv": ["text", "uri"],
                     "skill_aliases.csv": ["text"], "overrides.csv": ["text"]]
        for (name, columns) in files.sorted(by: { $0.key < $1.key }) {
            let table = try TaxonomyTable.read(directory: directory, name: name, required: columns)
            for (_, fields) in table.rows {
                for column in columns {
                    let text = table.value(fields, column)
                    texts += [text, text.uppercased(), " \(text) ", String(text.dropLast()), text + "s"]
                }
            }
        }
        return texts + ["", "   ", "Excel", "Schweißen", "зварювання", "teamwork and something else entirely", "zzzz"]
    }

    @Test func skillHalfMatchesLikeTheWholeTaxonomy() throws {
        let directory = TaxonomyFixture.directory
        let whole = TaxonomyFixture.shared
        let skills = try Taxonomy.loadSkills(directory: directory)
        let all = try Self.skillTexts(directory: directory)
        #expect(all.count > 5000)
        // Every 8th text (each text's variants fall on different strides; fuzzy matching is slow in debug builds).
        let texts = stride(from: 0, to: all.count, by: 8).map { all[$0] } + all.suffix(7)
        for text in texts {
            for language in [nil, "de"] {
                #expect(skills.matchSkill(text, language: language) == whole.matchSkill(text, language: language),
                        "\(text) (\(language ?? "no language"))")
            }
        }
        // The whole taxonomy built on a skill half is the same as one loaded in one go.
        let rebuilt = try Taxonomy.load(directory: directory, skills: skills)
        for text in texts.prefix(100) { #expect(rebuilt.matchSkill(text, language: nil) == whole.matchSkill(text, language: nil)) }
        for text in ["Bau", "Baugewerbe", "IT", "C10", "Hotels and restaurants"] {
            #expect(rebuilt.matchSector(text, language: nil) == whole.matchSector(text, language: nil))
        }
    }

    @Test func skillHalfAppliesSkillOverridesAndIgnoresSectorOnes() throws {
        let directory = try TaxonomyFixture.copy(appending: [
            "overrides.csv": [
                "Welding,,skill,T2,test,counted as a thinking skill in this survey",
                "Bau,de,sector,Z9,test,a typo the whole load rejects",
            ],
        ])
        let skills = try Taxonomy.loadSkills(directory: directory)
        let welding = skills.matchSkill("Welding", language: nil)
        #expect(welding.method == .override)
        #expect(welding.code == "T2")
        // The bad sector override fails the run when the whole taxonomy is loaded (at normalize), as before.
        #expect(throws: TaxonomyError.self) { try Taxonomy.load(directory: directory) }
        #expect(throws: TaxonomyError.self) { try Taxonomy.load(directory: directory, skills: skills) }

        let badSkill = try TaxonomyFixture.copy(appending: ["overrides.csv": ["Welding,,skill,S99.9,test,typo"]])
        #expect(throws: TaxonomyError.self) { try Taxonomy.loadSkills(directory: badSkill) }
    }

    @Test func runnerSkillCellsAreTheSameFromEitherHalf() throws {
        let directory = TaxonomyFixture.directory
        let half = PipelineRunner.skillCell(BackgroundWork { try Taxonomy.loadSkills(directory: directory) })
        let whole = PipelineRunner.skillCell(BackgroundWork { try Taxonomy.load(directory: directory) })
        for text in try Self.skillTexts(directory: directory).prefix(300) { #expect(half(text) == whole(text), "\(text)") }
    }
}
