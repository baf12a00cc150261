import Foundation
import Testing

/// `inspect`, `taxonomy` and `sample` as a user runs them.
@Suite struct OtherCommandsTests {
    static let root = BinaryRunner.packageRoot

    static func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func inspectJSONHasTheDocumentedKeysAndExitCodes() throws {
        let file = try Self.temporaryFile("s.csv", """
            country,respondent_id,organisation_type,sector,skill,importance,proficiency,hard_to_fill,demand_change,learning_mode,target_groups
            UA,R1,employer,Bau,welding,4,2,yes,0,online,
            UA,R2,employer,Bau,welding,9,2,yes,0,online,

            """)
        let result = try BinaryRunner.run(["inspect", file.path, "--json"], in: Self.root)
        #expect(result.status == 65)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["file", "format", "encoding", "bom", "delimiter", "rows_read", "rows_accepted", "rows_rejected",
                    "columns", "rejects"] {
            #expect(json[key] != nil, "missing key \(key)")
        }
        #expect(json["format"] as? String == "stocktake-survey")
        #expect(json["rows_read"] as? Int == 2 && json["rows_accepted"] as? Int == 1 && json["rows_rejected"] as? Int == 1)
        let reject = try #require((json["rejects"] as? [[String: Any]])?.first)
        #expect(reject["line"] as? Int == 3 && reject["column"] as? Int == 6 && reject["code"] as? String == "constraint-error")
        #expect(try BinaryRunner.run(["inspect", "/nonexistent/x.csv"], in: Self.root).status == 66)
    }

    @Test func taxonomyMatchPrintsJSONAndReadsStdin() throws {
        let result = try BinaryRunner.run(["taxonomy", "match", "--json"], in: Self.root, stdin: "Будівельна галузь\nxyzzy\n")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["code"] as? String == "F" && rows[0]["method"] as? String == "alias")
        #expect(rows[1]["code"] is NSNull && rows[1]["method"] as? String == "none")
        for key in ["input", "code", "level", "label", "method", "confidence"] { #expect(rows[0][key] != nil) }
    }

    @Test func taxonomyUnmappedListsTheLastRunsQueue() throws {
        let dir = try BinaryRunner.fixture("mini")
        let survey = dir.appendingPathComponent("inputs/survey-ua.csv")
        var text = try String(contentsOf: survey, encoding: .utf8)
        for n in 1...6 { text += "UA,R-UA-9\(n),employer,Щось незрозуміле,welding,5,2,yes,0,online,\n" }
        for n in 1...6 { text += "UA,R-UA-8\(n),employer,Будівництво,щось незрозуміле вміння,5,2,yes,0,online,\n" }
        try text.write(to: survey, atomically: true, encoding: .utf8)
        #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir).status == 0)
        let result = try BinaryRunner.run(["taxonomy", "unmapped", "pipeline.yaml"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "text,language,kind,code,who,why")
        #expect(lines.contains { $0.hasPrefix("Щось незрозуміле,uk,sector,,,") })
        #expect(lines.contains { $0.hasPrefix("щось незрозуміле вміння,uk,skill,,,") })
        // --kind keeps one kind: skill labels (ESCO) or sector names.
        let skills = try BinaryRunner.run(["taxonomy", "unmapped", "pipeline.yaml", "--kind", "skill"], in: dir)
        #expect(skills.status == 0, "\(skills.stderr)")
        let skillLines = skills.stdout.split(separator: "\n").dropFirst()
        #expect(!skillLines.isEmpty && skillLines.allSatisfy { $0.contains(",skill,") })
        let sectors = try BinaryRunner.run(["taxonomy", "unmapped", "pipeline.yaml", "--kind", "sector"], in: dir)
        #expect(!sectors.stdout.contains(",skill,") && sectors.stdout.contains("Щось незрозуміле,uk,sector"))
        #expect(try BinaryRunner.run(["taxonomy", "unmapped", "pipeline.yaml", "--db", "/nonexistent/db.sqlite"], in: dir).status == 66)
    }

    @Test func sampleIsDeterministic() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-sample-\(UUID().uuidString)")
        for name in ["a", "b"] {
            let result = try BinaryRunner.run(["sample", "--out", base.appendingPathComponent(name).path, "--seed", "7",
                                               "--respondents", "12", "--countries", "UA,GE", "--quiet"], in: Self.root)
            #expect(result.status == 0, "\(result.stderr)")
        }
        for file in ["UA/survey.csv", "UA/labour.csv", "GE/survey.csv", "GE/labour.csv"] {
            let a = try Data(contentsOf: base.appendingPathComponent("a/\(file)"))
            let b = try Data(contentsOf: base.appendingPathComponent("b/\(file)"))
            #expect(!a.isEmpty && a == b, "\(file)")
        }
    }
}
