import Foundation
import Testing
@testable import StocktakeCore
import StocktakeModel

/// End-to-end: the built binary on the `mini` fixture pipeline (two countries, native formats).
@Suite(.serialized) struct RunCommandTests {
    static let fm = FileManager.default

    static func files(in folder: URL, ext: String) throws -> [String] {
        try fm.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".\(ext)") }.sorted()
    }

    static func latest(_ dir: URL) throws -> URL {
        let link = dir.appendingPathComponent("reports/latest")
        let target = try fm.destinationOfSymbolicLink(atPath: link.path)
        return URL(fileURLWithPath: target, relativeTo: dir.appendingPathComponent("reports/")).standardizedFileURL
    }

    /// Markdown or HTML lines of `name` without the lines that carry the run id (the only ones allowed to differ).
    static func markdownWithoutRunLine(_ run: URL, _ name: String) throws -> [String] {
        let id = run.lastPathComponent
        return try String(contentsOf: run.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .filter { !$0.contains(id) }
    }

    /// Every file below `run`, relative paths, sorted.
    static func allFiles(_ run: URL) throws -> [String] {
        let enumerator = fm.enumerator(atPath: run.path)!
        return enumerator.compactMap { $0 as? String }.filter { !$0.hasPrefix("charts") || $0.hasSuffix(".svg") }
            .filter { $0.contains(".") }.sorted()
    }

    static func expectSameOutputs(_ run1: URL, _ run2: URL) throws {
        let files = try allFiles(run1)
        #expect(files == (try allFiles(run2)))
        for name in files {
            if name == "run.json" {
                // The run's own record: ids, times and durations differ by design (docs/run-json.md).
                continue
            } else if name.hasSuffix(".md") || name.hasSuffix(".html") {
                let a = try markdownWithoutRunLine(run1, name), b = try markdownWithoutRunLine(run2, name)
                let firstDifference = zip(a, b).first { $0 != $1 }
                #expect(a == b, "\(name) differs in more than the run id line: \(String(describing: firstDifference))")
            } else {
                let a = try Data(contentsOf: run1.appendingPathComponent(name))
                let b = try Data(contentsOf: run2.appendingPathComponent(name))
                #expect(a == b, "\(name) differs between runs on the same inputs")
            }
        }
    }

    @Test func runWritesReportsForEveryCountryAndIsDeterministic() throws {
        let first = try BinaryRunner.fixture("mini")
        let result = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: first)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("exit 0"))
        #expect(result.stderr.split(separator: "\n").count == 1, "--quiet prints only the summary line")
        let run1 = try Self.latest(first)
        for name in ["UA.md", "UA.en.md", "RS.md", "RS.en.md", "summary.md", "gaps.csv", "proposals.csv", "sectors.csv",
                     "rejects.csv", "unmapped.csv"] {
            #expect(Self.fm.fileExists(atPath: run1.appendingPathComponent(name).path), "missing \(name)")
        }
        #expect(Self.fm.fileExists(atPath: first.appendingPathComponent("reports/index.md").path))

        // The same inputs in another folder: identical CSV and SVG bytes, Markdown equal but for the run line.
        let second = try BinaryRunner.fixture("mini")
        #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: second).status == 0)
        try Self.expectSameOutputs(run1, try Self.latest(second))

        // Repeated runs in one folder (forced: nothing changed): each compares with its predecessor, and the
        // comparisons read the same.
        #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet", "--force"], in: first).status == 0)
        let run2 = try Self.latest(first)
        #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet", "--force"], in: first).status == 0)
        let run3 = try Self.latest(first)
        #expect(run2 != run3)
        try Self.expectSameOutputs(run2, run3)
    }

    @Test func csvOutputsMatchGoldenFiles() throws {
        let dir = try BinaryRunner.fixture("mini")
        let result = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let run = try Self.latest(dir)
        let golden = BinaryRunner.packageRoot.appendingPathComponent("Tests/StocktakeCLITests/Fixtures/mini-golden")
        let update = ProcessInfo.processInfo.environment["STOCKTAKE_UPDATE_GOLDEN"] == "1"
        if update { try? Self.fm.createDirectory(at: golden, withIntermediateDirectories: true) }
        let names = try Self.files(in: run, ext: "csv")
        #expect(!names.isEmpty)
        for name in names {
            let actual = try Data(contentsOf: run.appendingPathComponent(name))
            let goldenFile = golden.appendingPathComponent(name)
            if update { try actual.write(to: goldenFile) }
            let expected = try Data(contentsOf: goldenFile)
            #expect(actual == expected, "\(name) differs from golden (STOCKTAKE_UPDATE_GOLDEN=1 to regenerate)")
        }
    }

    @Test func rejectedRowsExit65AndReportsAreStillWritten() throws {
        let dir = try BinaryRunner.fixture("mini")
        let survey = dir.appendingPathComponent("inputs/survey-ua.csv")
        var text = try String(contentsOf: survey, encoding: .utf8)
        text += "UA,R-UA-999,employer,Будівництво,read technical drawings,9,2,yes,0,online,\n"
        try text.write(to: survey, atomically: true, encoding: .utf8)
        let lines = text.split(separator: "\n").count
        let result = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("inputs/survey-ua.csv:\(lines):6"), "\(result.stderr)")
        let run = try Self.latest(dir)
        #expect(Self.fm.fileExists(atPath: run.appendingPathComponent("UA.md").path))
        let rejects = try String(contentsOf: run.appendingPathComponent("rejects.csv"), encoding: .utf8)
        #expect(rejects.contains("constraint-error"))
    }

    @Test func missingInputExits66() throws {
        let dir = try BinaryRunner.fixture("mini")
        try Self.fm.removeItem(at: dir.appendingPathComponent("inputs/survey-rs.csv"))
        let result = try BinaryRunner.run(["run", "pipeline.yaml"], in: dir)
        #expect(result.status == 66)
        #expect(result.stderr.contains("inputs/survey-rs.csv"))
        #expect(!Self.fm.fileExists(atPath: dir.appendingPathComponent("reports/latest").path))
    }

    @Test func missingTaxonomyOrProvisionExits66() throws {
        let dir = try BinaryRunner.fixture("mini")
        try Self.fm.removeItem(at: dir.appendingPathComponent("taxonomy"))
        #expect(try BinaryRunner.run(["run", "pipeline.yaml"], in: dir).status == 66)
        #expect(try BinaryRunner.run(["validate", "pipeline.yaml"], in: dir).status == 66)

        let other = try BinaryRunner.fixture("mini")
        let pipeline = other.appendingPathComponent("pipeline.yaml")
        let yaml = try String(contentsOf: pipeline, encoding: .utf8) + "provision: inputs/no-such-provision.csv\n"
        try yaml.write(to: pipeline, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["run", "pipeline.yaml"], in: other)
        #expect(result.status == 66)
        #expect(result.stderr.contains("no-such-provision.csv"))
    }

    /// An invalid overrides file is configuration (78, issue 13; it was 65, "reports still written"), with
    /// `file:line` and what a valid code looks like.
    @Test func brokenOverridesRowExits78WithLocationAndTheValidForm() throws {
        let dir = try BinaryRunner.fixture("mini")
        let overrides = dir.appendingPathComponent("taxonomy/overrides.csv")
        let original = try String(contentsOf: overrides, encoding: .utf8)
        let line = original.split(separator: "\n", omittingEmptySubsequences: false).count
        try (original + "Bauwesen,de,sector,ZZ99,me,no such code\n").write(to: overrides, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["run", "pipeline.yaml"], in: dir)
        #expect(result.status == 78, "\(result.stderr)")
        #expect(result.stderr.contains("overrides.csv:\(line): unknown sector code `ZZ99`"), "\(result.stderr)")
        #expect(result.stderr.contains("division (`C10`)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("reports/latest").path))
    }

    @Test func brokenDefinitionExits78WithLocation() throws {
        let dir = try BinaryRunner.fixture("mini")
        let path = dir.appendingPathComponent("pipeline.yaml")
        var text = try String(contentsOf: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "max_reject_ratio: 0.5", with: "max_reject_ratio: [0.5")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["run", "pipeline.yaml"], in: dir)
        #expect(result.status == 78)
        #expect(result.stderr.contains("pipeline.yaml:"), "\(result.stderr)")
        let invalid = try BinaryRunner.run(["validate", "pipeline.yaml"], in: dir)
        #expect(invalid.status == 78)
    }

    /// A perturbation key file that is missing or not 16 bytes is configuration (78), named with its path;
    /// `debug new-perturbation-key` makes a usable one.
    @Test func badPerturbationKeyExits78AndANewKeyRuns() throws {
        let dir = try BinaryRunner.fixture("mini")
        let key = dir.appendingPathComponent("perturbation.key")
        try FileManager.default.removeItem(at: key)
        let missing = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir)
        #expect(missing.status == 78, "\(missing.stderr)")
        #expect(missing.stderr.contains("perturbation.key") && missing.stderr.contains("does not exist"), "\(missing.stderr)")
        try Data("short".utf8).write(to: key)
        let short = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir)
        #expect(short.status == 78 && short.stderr.contains("exactly 16 bytes"), "\(short.stderr)")
        try FileManager.default.removeItem(at: key)
        let made = try BinaryRunner.run(["debug", "new-perturbation-key", "--out", "perturbation.key"], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try BinaryRunner.run(["debug", "new-perturbation-key", "--out", "perturbation.key"], in: dir).status == 73)
        let run = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func concurrentRunExits75AndChangesNothing() throws {
        let dir = try BinaryRunner.fixture("mini")
        try Self.fm.createDirectory(at: dir.appendingPathComponent("reports"), withIntermediateDirectories: true)
        let lock = try RunLock(path: dir.appendingPathComponent("reports/mini.sqlite.lock").path)
        defer { lock.release() }
        let result = try BinaryRunner.run(["run", "pipeline.yaml"], in: dir)
        #expect(result.status == 75)
        #expect(try Self.fm.contentsOfDirectory(atPath: dir.appendingPathComponent("reports").path) == ["mini.sqlite.lock"])
    }

    @Test func unwritableOutputExits73() throws {
        let dir = try BinaryRunner.fixture("mini")
        try Data("not a folder".utf8).write(to: dir.appendingPathComponent("blocked"))
        let result = try BinaryRunner.run(["run", "pipeline.yaml", "--out", "blocked/reports"], in: dir)
        #expect(result.status == 73, "\(result.stderr)")
    }

    /// --strict: an unknown key in the definition fails run and validate with 78 before anything is written.
    @Test func strictTurnsDefinitionWarningsInto78() throws {
        let dir = try BinaryRunner.fixture("mini")
        let definition = dir.appendingPathComponent("pipeline.yaml")
        let yaml = try String(contentsOf: definition, encoding: .utf8).replacingOccurrences(of: "max_reject_ratio:", with: "colour: blue\nmax_reject_ratio:")
        try yaml.write(to: definition, atomically: true, encoding: .utf8)
        #expect(try BinaryRunner.run(["validate", "pipeline.yaml"], in: dir).status == 0)
        for command in [["validate", "pipeline.yaml", "--strict"], ["run", "pipeline.yaml", "--strict"]] {
            let result = try BinaryRunner.run(command, in: dir)
            #expect(result.status == 78, "\(command[0]): \(result.stderr)")
            #expect(result.stderr.contains("colour"), "\(result.stderr)")
        }
        #expect(!Self.fm.fileExists(atPath: dir.appendingPathComponent("reports").path))
    }

    @Test func validateChecksInputsAndWritesNothing() throws {
        let dir = try BinaryRunner.fixture("mini")
        let result = try BinaryRunner.run(["validate", "pipeline.yaml"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!Self.fm.fileExists(atPath: dir.appendingPathComponent("reports").path))
    }

    @Test func aWindows1250InputDeclaredAsWindows1252WarnsInRunValidateAndInspect() throws {
        let dir = try BinaryRunner.fixture("mini")
        let survey = dir.appendingPathComponent("inputs/survey-rs.csv")
        // Re-save the Serbian survey (Građevinarstvo) in windows-1250 and declare windows-1252 for it.
        let text = try String(contentsOf: survey, encoding: .utf8)
        try Data(text.unicodeScalars.map { $0 == "đ" ? 0xF0 : UInt8($0.value) }).write(to: survey)
        let definition = dir.appendingPathComponent("pipeline.yaml")
        var yaml = try String(contentsOf: definition, encoding: .utf8)
        yaml = yaml.replacingOccurrences(
            of: "{ path: inputs/survey-rs.csv, kind: survey, format: stocktake-survey,",
            with: "{ path: inputs/survey-rs.csv, kind: survey, format: stocktake-survey, dialect: { encoding: windows-1252 },")
        try yaml.write(to: definition, atomically: true, encoding: .utf8)
        let expected = "inputs/survey-rs.csv:2:0: warning: [encoding-mismatch]"
        for command in [["validate", "pipeline.yaml"], ["run", "pipeline.yaml", "--quiet"]] {
            let result = try BinaryRunner.run(command, in: dir)
            #expect(result.status == 0, "\(command[0]): \(result.stderr)")
            #expect(result.stderr.contains(expected) && result.stderr.contains("reads as windows-1250"), "\(command[0]): \(result.stderr)")
        }
        // Under --strict the same warning fails validate and run with 65 (the run still writes its reports).
        for command in [["validate", "pipeline.yaml", "--strict"], ["run", "pipeline.yaml", "--quiet", "--strict"]] {
            let result = try BinaryRunner.run(command, in: dir)
            #expect(result.status == 65, "\(command[0]) --strict: \(result.stderr)")
            #expect(result.stderr.contains("--strict: 1"), "\(command[0]): \(result.stderr)")
        }
        let record = try Data(contentsOf: RunCommandTests.latest(dir).appendingPathComponent("run.json"))
        #expect(String(decoding: record, as: UTF8.self).contains("\"status\" : \"data_errors\""))
        let inspect = try BinaryRunner.run(["inspect", "inputs/survey-rs.csv", "--encoding", "windows-1252", "--json"], in: dir)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        let warnings = try #require(json["warnings"] as? [[String: Any]])
        #expect(warnings.map { $0["code"] as? String } == ["encoding-mismatch"] && warnings.first?["line"] as? Int == 2)
        #expect((json["suggested_dialect"] as? [String: Any])?["encoding"] as? String == "windows-1250")
    }

    @Test func helpListsExitCodes() throws {
        let result = try BinaryRunner.run(["run", "--help"], in: BinaryRunner.packageRoot)
        for code in ["65", "66", "70", "73", "75", "78"] { #expect(result.stdout.contains(code)) }
    }
}

/// Human decisions in overrides.csv win on the next run and are reported.
@Suite struct OverrideTests {
    @Test func overrideChangesTheNextRunAndIsCounted() throws {
        let dir = try BinaryRunner.fixture("mini")
        #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir).status == 0)
        let before = try String(contentsOf: try RunCommandTests.latest(dir).appendingPathComponent("gaps.csv"), encoding: .utf8)
        #expect(before.contains("\r\nRS,J,"))
        let overrides = dir.appendingPathComponent("taxonomy/overrides.csv")
        var text = try String(contentsOf: overrides, encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        text += "IT,sr-Latn,sector,62,e2e test,the respondents are software firms\n"
        try text.write(to: overrides, atomically: true, encoding: .utf8)
        #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir).status == 0)
        let run = try RunCommandTests.latest(dir)
        let after = try String(contentsOf: run.appendingPathComponent("gaps.csv"), encoding: .utf8)
        #expect(after.contains("\r\nRS,J62,"), "the override moved IT to division 62")
        #expect(!after.contains("\r\nRS,J,"))
        let report = try String(contentsOf: run.appendingPathComponent("RS.en.md"), encoding: .utf8)
        #expect(report.contains("| override | 1 |"), "the mapping section counts the override")
    }
}

/// Respondents' free text stays out of published reports unless the definition allows it.
@Suite struct FreeTextTests {
    static let secret = "Petrović i sinovi d.o.o."

    static func runWithRareName(freeText: Bool) throws -> URL {
        let dir = try BinaryRunner.fixture("mini")
        let survey = dir.appendingPathComponent("inputs/survey-rs.csv")
        var text = try String(contentsOf: survey, encoding: .utf8)
        text += "RS,R-RS-900,employer,\(secret),programming,5,2,yes,1,online,\n"
        try text.write(to: survey, atomically: true, encoding: .utf8)
        if freeText {
            let pipeline = dir.appendingPathComponent("pipeline.yaml")
            let yaml = try String(contentsOf: pipeline, encoding: .utf8) + "report:\n  free_text: true\n"
            try yaml.write(to: pipeline, atomically: true, encoding: .utf8)
        }
        let result = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        return try RunCommandTests.latest(dir)
    }

    static func published(_ run: URL) throws -> String {
        try FileManager.default.contentsOfDirectory(atPath: run.path).filter { $0.hasSuffix(".md") || $0.hasSuffix(".csv") }
            .map { try String(contentsOf: run.appendingPathComponent($0), encoding: .utf8) }.joined()
    }

    @Test func rareUnmappedNamesAreCountedButNotPublished() throws {
        let run = try Self.runWithRareName(freeText: false)
        let all = try Self.published(run)
        #expect(!all.contains("Petrović"))
        let report = try String(contentsOf: run.appendingPathComponent("RS.en.md"), encoding: .utf8)
        #expect(report.contains("1 further names, each written by fewer than 5 respondents (1 rows), are withheld"))
    }

    @Test func freeTextIsPublishedWhenConfigured() throws {
        let run = try Self.runWithRareName(freeText: true)
        #expect(try Self.published(run).contains("Petrović"))
    }
}
