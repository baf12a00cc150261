import Foundation
import GRDB
import Testing
import StocktakeCore
import StocktakeModel

#if canImport(Glibc)
import Glibc
#endif

/// Issue 13: a run that an administrator stops, schedules twice or points at a planted link behaves as documented.
@Suite(.serialized) struct OperationsTests {
    static let fm = FileManager.default

    static func runRecord(_ dir: URL) throws -> [(id: String, status: String, stage: String?)] {
        let queue = try DatabaseQueue(path: dir.appendingPathComponent("reports/mini.sqlite").path)
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT run_id, status, stage FROM pipeline_run ORDER BY started_at, run_id")
                .map { ($0["run_id"], $0["status"], $0["stage"]) }
        }
    }

    static func partials(_ dir: URL) throws -> [String] {
        try fm.contentsOfDirectory(atPath: dir.appendingPathComponent("reports").path).filter { $0.hasSuffix(".partial") }
    }

    /// SIGTERM, SIGINT and SIGHUP at a safe point mid-ingest and mid-report: `cancelled` with its stage, exit 75,
    /// the summary line printed, no `.partial` left, `latest` unchanged, and the next run succeeds.
    @Test(arguments: [(SIGTERM, "ingest-files"), (SIGINT, "report-files"), (SIGHUP, "score")])
    func aSignalStopsTheRunCleanly(signal: Int32, point: String) throws {
        let dir = try BinaryRunner.fixture("mini")
        #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir).status == 0)
        let before = try RunCommandTests.latest(dir)

        let run = try RunningBinary(["run", "pipeline.yaml", "--quiet", "--force"], in: dir, environment: ["STOCKTAKE_TEST_PAUSE": point])
        #expect(run.waitFor("paused at \(point)"))
        kill(run.process.processIdentifier, signal)
        #expect(run.finish() == 75, "\(run.stderr)")
        let stage = ["ingest-files": "ingest", "report-files": "report"][point] ?? point
        #expect(run.stderr.contains("stocktake: run 2"), "the summary line names the command and the run")
        #expect(run.stderr.contains("during \(stage)"), "\(run.stderr)")
        let records = try Self.runRecord(dir)
        #expect(records.last?.status == "cancelled" && records.last?.stage == stage)
        #expect(try Self.partials(dir).isEmpty)
        #expect(try RunCommandTests.latest(dir) == before)
        #expect(!Self.fm.fileExists(atPath: dir.appendingPathComponent("reports/\(records.last!.id)").path))

        let next = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet", "--force"], in: dir)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Self.runRecord(dir).last?.status == "success")
        // index.md lists every run with its true status; the cancelled one without a link (it has no folder).
        let index = try String(contentsOf: dir.appendingPathComponent("reports/index.md"), encoding: .utf8)
        #expect(index.contains("| `\(records.last!.id)` |") && index.contains("| cancelled |"), "\(index)")
    }

    /// A second signal exits at once; the next run marks the run `abandoned` and removes its folder.
    @Test func aSecondSignalStopsAtOnceAndTheNextRunTidiesUp() throws {
        let dir = try BinaryRunner.fixture("mini")
        let run = try RunningBinary(["run", "pipeline.yaml", "--quiet", "--force"], in: dir, environment: ["STOCKTAKE_TEST_PAUSE": "report-files"])
        #expect(run.waitFor("paused at report-files"))
        // Both signals before the paused run looks again: the second one ends the process where it is.
        kill(run.process.processIdentifier, SIGTERM)
        #expect(run.waitFor("stopping at the next safe point"))
        kill(run.process.processIdentifier, SIGTERM)
        let status = run.finish()
        #expect(status == 75, "\(run.stderr)")
        let next = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet", "--force"], in: dir)
        #expect(next.status == 0, "\(next.stderr)")
        let statuses = try Self.runRecord(dir).map(\.status)
        // The first run either got to record its cancellation or was stopped before: never left `running`.
        #expect(statuses.count == 2 && ["abandoned", "cancelled"].contains(statuses[0]) && statuses[1] == "success")
        #expect(try Self.partials(dir).isEmpty)
    }

    /// The lock is on the database's identity: the same database reached through a symlink is busy (75).
    @Test func aSymlinkedDatabaseSharesTheLock() throws {
        let dir = try BinaryRunner.fixture("mini")
        #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir).status == 0)
        #expect(symlink(dir.appendingPathComponent("reports/mini.sqlite").path, dir.appendingPathComponent("alias.sqlite").path) == 0)
        let first = try RunningBinary(["run", "pipeline.yaml", "--quiet", "--force"], in: dir, environment: ["STOCKTAKE_TEST_PAUSE": "ingest-files"])
        #expect(first.waitFor("paused at ingest-files"))
        let second = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet", "--db", "alias.sqlite", "--out", "other"], in: dir)
        #expect(second.status == 75, "\(second.stderr)")
        kill(first.process.processIdentifier, SIGTERM)
        #expect(first.finish() == 75)
    }

    /// A planted `.RUNID.partial` symlink (run ids are predictable) is never written through.
    @Test func aPlantedPartialLinkIsNotFollowed() throws {
        let dir = try BinaryRunner.fixture("mini")
        let outside = dir.appendingPathComponent("outside")
        try Self.fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try Self.fm.createDirectory(at: dir.appendingPathComponent("reports"), withIntermediateDirectories: true)
        // Every id of the next few seconds.
        let now = Date()
        for offset in 0..<5 {
            let id = Timestamp.compact(now.addingTimeInterval(Double(offset)))
            #expect(symlink(outside.path, dir.appendingPathComponent("reports/.\(id).partial").path) == 0)
        }
        let result = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.fm.contentsOfDirectory(atPath: outside.path).isEmpty, "nothing written outside --out")
        #expect(try Self.partials(dir).isEmpty, "the planted links are removed")
    }

    /// Two processes with different databases publishing to one `--out` in the same second: each gets its own id
    /// and complete folder; `latest` points at a complete one.
    @Test func twoDatabasesPublishToOneOutputFolder() throws {
        let dir = try BinaryRunner.fixture("mini")
        let runs = try ["a.sqlite", "b.sqlite"].map {
            try RunningBinary(["run", "pipeline.yaml", "--quiet", "--db", $0, "--out", "shared"], in: dir)
        }
        #expect(runs.map { $0.finish() } == [0, 0], "\(runs.map(\.stderr))")
        let names = try Self.fm.contentsOfDirectory(atPath: dir.appendingPathComponent("shared").path)
        let folders = try Self.runFolders(dir, "shared")
        #expect(folders.count == 2)
        let count = { (name: String) in try Self.fm.subpathsOfDirectory(atPath: dir.appendingPathComponent("shared/\(name)").path).count }
        #expect(try folders.map(count).allSatisfy { $0 == (try count(folders[0])) && $0 > 10 })
        let latest = try Self.fm.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("shared/latest").path)
        #expect(folders.contains(latest))
        #expect(!names.contains { $0.hasSuffix(".partial") || $0.hasSuffix(".tmp") })
    }

    /// A `latest` that is a directory is someone else's: the run fails with the fix named and leaves it alone.
    @Test func latestThatIsADirectoryIsNeverReplaced() throws {
        let dir = try BinaryRunner.fixture("mini")
        let latest = dir.appendingPathComponent("reports/latest")
        try Self.fm.createDirectory(at: latest, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: latest.appendingPathComponent("notes.txt"))
        let result = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir)
        #expect(result.status == 73)
        #expect(result.stderr.contains("is a directory") && result.stderr.contains("mv "), "\(result.stderr)")
        #expect(Self.fm.fileExists(atPath: latest.appendingPathComponent("notes.txt").path))
        #expect(try Self.partials(dir).isEmpty)
        #expect(try Self.runRecord(dir).last?.status == "failed")
    }

    /// A full disk under the database is exit 73 with what to do, not an internal error; the database stays intact.
    /// Needs a small tmpfs (root); says so when it cannot mount one (`PipelineRunnerTests` checks the mapping).
    @Test func aFullDatabaseDiskIsExit73() throws {
        let dir = try BinaryRunner.fixture("mini")
        let disk = dir.appendingPathComponent("disk")
        try Self.fm.createDirectory(at: disk, withIntermediateDirectories: true)
        let mount = try BinaryRunner.system(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.path])
        guard mount == 0 else {
            print("OperationsTests.aFullDatabaseDiskIsExit73: skipped the full-disk run (cannot mount a tmpfs here)")
            return
        }
        defer { _ = try? BinaryRunner.system(["umount", disk.path]) }
        let database = disk.appendingPathComponent("db.sqlite").path
        #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet", "--db", database], in: dir).status == 0)
        // Fill what is left of the disk.
        _ = try BinaryRunner.system(["dd", "if=/dev/zero", "of=\(disk.path)/filler", "bs=4k"])   // stops at ENOSPC
        let full = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet", "--db", database], in: dir)
        #expect(full.status == 73, "\(full.stderr)")
        #expect(full.stderr.contains(database), "the message names the database: \(full.stderr)")
        #expect(!full.stderr.contains("internal error"))
        try? Self.fm.removeItem(at: disk.appendingPathComponent("filler"))
        let queue = try DatabaseQueue(path: database)
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    }

    /// `run.json` in the run folder (and through `latest`): valid against the schema in docs/run-json.md, every
    /// other file listed with its real SHA-256, the ledger adding up.
    @Test func runJSONDescribesThePublishedRun() throws {
        let dir = try BinaryRunner.fixture("mini")
        let result = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let run = try RunCommandTests.latest(dir)
        let url = run.appendingPathComponent("run.json")
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        #expect(record["run_id"] as? String == run.lastPathComponent)
        #expect(record["status"] as? String == "success" && record["exit_code"] as? Int == 0)
        let rows = record["rows"] as? [String: Int] ?? [:]
        #expect(rows["read"] == (rows["used"] ?? -1) + (rows["skipped"] ?? -1) + (rows["rejected"] ?? -1))
        #expect((record["stages"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
                == ["ingest", "normalize", "score", "propose", "report"])
        let outputs = record["outputs"] as? [[String: Any]] ?? []
        let files = try Self.fm.subpathsOfDirectory(atPath: run.path).filter {
            var isDirectory: ObjCBool = false
            return Self.fm.fileExists(atPath: run.appendingPathComponent($0).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        #expect(Set(outputs.compactMap { $0["path"] as? String }) == Set(files).subtracting(["run.json"]))
        for output in outputs {
            let path = try #require(output["path"] as? String)
            #expect(try BinaryRunner.sha256(run.appendingPathComponent(path)) == output["sha256"] as? String, "\(path)")
        }
        // The schema, read from the docs; validated with Python's jsonschema when it is installed.
        let validator = """
            import json, re, sys
            try:
                import jsonschema
            except ImportError:
                print("skipped: python3 jsonschema is not installed"); sys.exit(0)
            text = open(sys.argv[1]).read()
            schema = json.loads(re.search(r"<!-- run-json-schema:begin -->\\n```json\\n(.*?)```", text, re.S).group(1))
            jsonschema.validate(json.load(open(sys.argv[2])), schema)
            print("valid")
            """
        let docs = BinaryRunner.packageRoot.appendingPathComponent("docs/run-json.md").path
        func validate(_ file: URL) throws {
            let output = try BinaryRunner.capture(["python3", "-c", validator, docs, file.path])
            #expect(output.status == 0, "\(file.lastPathComponent) does not match its schema: \(output.text)")
            if output.text.hasPrefix("skipped") { print("OperationsTests.runJSONDescribesThePublishedRun: schema check \(output.text)") }
        }
        try validate(url)

        // last-run.json: the newest run's record whatever its outcome — published, unchanged, cancelled.
        let lastRun = dir.appendingPathComponent("reports/last-run.json")
        func last() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: lastRun)) as? [String: Any] ?? [:]
        }
        try validate(lastRun)
        #expect(try last()["run_id"] as? String == run.lastPathComponent && (try last()["report_dir"] as? String) == run.path)
        #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir).status == 0)
        try validate(lastRun)
        #expect(try last()["status"] as? String == "unchanged" && (try last()["report_dir"] as? String) == run.path)
        let cancelled = try RunningBinary(["run", "pipeline.yaml", "--quiet", "--force"], in: dir,
                                          environment: ["STOCKTAKE_TEST_PAUSE": "score"])
        #expect(cancelled.waitFor("paused at score"))
        kill(cancelled.process.processIdentifier, SIGTERM)
        #expect(cancelled.finish() == 75)
        try validate(lastRun)
        #expect(try last()["status"] as? String == "cancelled" && (try last()["stage"] as? String) == "score")
        #expect(try last()["exit_code"] as? Int == 75 && (try last()["report_dir"]) == nil)
    }

    /// `--log-format json`: every stderr line is one JSON object with time and level; rejects carry file, line,
    /// column and code; the last object is the summary with the status and exit code.
    @Test func jsonLogLinesParse() throws {
        let dir = try BinaryRunner.fixture("mini")
        let survey = dir.appendingPathComponent("inputs/survey-ua.csv")
        let text = try String(contentsOf: survey, encoding: .utf8)
        let badLine = text.split(separator: "\n").count + 1
        try (text + "R999,UA,Будівництво,company,welding,9,3,yes,0,blended,unemployed\n").write(to: survey, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["run", "pipeline.yaml", "--log-format", "json"], in: dir)
        #expect(result.status == 65)
        let objects = try result.stderr.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
        #expect(objects.count >= 3)
        #expect(objects.allSatisfy { $0["time"] is String && $0["level"] is String && $0["message"] is String })
        let reject = try #require(objects.first { $0["code"] as? String == "unknown-country" })
        #expect(reject["file"] as? String == "inputs/survey-ua.csv" && reject["line"] as? Int == badLine
                && reject["column"] as? Int == 1 && reject["level"] as? String == "error")
        let summary = try #require(objects.last)
        #expect(summary["stage"] as? String == "summary" && summary["status"] as? String == "data_errors")
        #expect(summary["exit_code"] as? Int == 65 && summary["command"] as? String == "run")
        #expect(objects.dropLast().contains { $0["run_id"] as? String == summary["run_id"] as? String && $0["stage"] as? String == "ingest" })
    }

    static func runFolders(_ dir: URL, _ output: String = "reports") throws -> [String] {
        try fm.contentsOfDirectory(atPath: dir.appendingPathComponent(output).path)
            .filter { $0.first?.isNumber == true }.sorted()
    }

    /// `history` lists every run with its status; `prune --keep N` removes older runs' folders and database rows
    /// together, never the one `latest` points at.
    @Test func historyAndPrune() throws {
        let dir = try BinaryRunner.fixture("mini")
        for _ in 0..<3 { #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet", "--force"], in: dir).status == 0) }
        let cancelled = try RunningBinary(["run", "pipeline.yaml", "--quiet", "--force"], in: dir, environment: ["STOCKTAKE_TEST_PAUSE": "score"])
        #expect(cancelled.waitFor("paused at score"))
        kill(cancelled.process.processIdentifier, SIGTERM)
        #expect(cancelled.finish() == 75)

        let history = try BinaryRunner.run(["history", "pipeline.yaml", "--json"], in: dir)
        #expect(history.status == 0, "\(history.stderr)")
        let entries = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(entries.compactMap { $0["status"] as? String } == ["cancelled", "success", "success", "success"])
        #expect(entries.first?["stage"] as? String == "score")
        let text = try BinaryRunner.run(["history", "pipeline.yaml"], in: dir)
        #expect(text.stdout.split(separator: "\n").count == 5 && text.stdout.contains("cancelled"))

        let folders = try Self.runFolders(dir)
        #expect(folders.count == 3)
        let latest = try RunCommandTests.latest(dir).lastPathComponent
        let prune = try BinaryRunner.run(["prune", "pipeline.yaml", "--keep", "1"], in: dir)
        #expect(prune.status == 0, "\(prune.stderr)")
        #expect(try Self.runFolders(dir) == [latest])
        let after = try BinaryRunner.run(["history", "pipeline.yaml", "--json"], in: dir)
        let remaining = try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]] ?? []
        // The cancelled run is newer than the one kept, so it stays (recent history).
        #expect(remaining.compactMap { $0["run_id"] as? String } == [entries[0]["run_id"] as? String, latest])
        #expect(try BinaryRunner.run(["prune", "pipeline.yaml", "--keep", "0"], in: dir).status == 78)
    }

    /// `output: { path: DIR, keep: N }` prunes after every published run.
    @Test func outputKeepPrunesAfterEachRun() throws {
        let dir = try BinaryRunner.fixture("mini")
        let pipeline = dir.appendingPathComponent("pipeline.yaml")
        let text = try String(contentsOf: pipeline, encoding: .utf8)
            .replacingOccurrences(of: "output: reports\n", with: "output: { path: reports, keep: 2 }\n")
        try text.write(to: pipeline, atomically: true, encoding: .utf8)
        for _ in 0..<4 { #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet", "--force"], in: dir).status == 0) }
        let folders = try Self.runFolders(dir)
        #expect(folders.count == 2)
        #expect(folders.contains(try RunCommandTests.latest(dir).lastPathComponent))
        let history = try BinaryRunner.run(["history", "pipeline.yaml", "--json"], in: dir)
        let entries = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(entries.count == 2)
    }

    /// The systemd units in deploy/systemd pass `systemd-analyze verify` (with the built binary as ExecStart).
    @Test func systemdUnitsVerify() throws {
        guard (try? BinaryRunner.capture(["systemd-analyze", "--version"]).status) == 0 else {
            print("OperationsTests.systemdUnitsVerify: skipped (systemd-analyze is not installed)")
            return
        }
        let dir = try BinaryRunner.fixture("mini")
        let units = BinaryRunner.packageRoot.appendingPathComponent("deploy/systemd")
        var paths: [String] = []
        for name in ["stocktake.service", "stocktake.timer", "stocktake-failure@.service"] {
            let text = try String(contentsOf: units.appendingPathComponent(name), encoding: .utf8)
                .replacingOccurrences(of: "/usr/local/bin/stocktake", with: BinaryRunner.binary.path)
                .replacingOccurrences(of: "WorkingDirectory=/srv/stocktake", with: "WorkingDirectory=\(dir.path)")
            #expect(name.hasSuffix(".timer") || text.contains("ExecStart="))
            let url = dir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let verify = try BinaryRunner.capture(["systemd-analyze", "verify"] + paths)
        #expect(verify.status == 0, "\(verify.text)")
        let timer = try String(contentsOf: units.appendingPathComponent("stocktake.timer"), encoding: .utf8)
        #expect(timer.contains("Persistent=true"))
        let service = try String(contentsOf: units.appendingPathComponent("stocktake.service"), encoding: .utf8)
        #expect(service.contains("OnFailure=stocktake-failure@%n.service"))
    }

    /// A run over unchanged inputs is recorded as `unchanged`, writes no folder and exits 0; a changed input or
    /// `--force` runs again.
    @Test func unchangedInputsAreNotRedone() throws {
        let dir = try BinaryRunner.fixture("mini")
        #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir).status == 0)
        let first = try RunCommandTests.latest(dir)
        let again = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir)
        #expect(again.status == 0)
        #expect(again.stderr.contains("unchanged since run \(first.lastPathComponent)"), "\(again.stderr)")
        #expect(try Self.runFolders(dir) == [first.lastPathComponent])
        #expect(try Self.runRecord(dir).map(\.status) == ["success", "unchanged"])
        #expect(try RunCommandTests.latest(dir) == first)
        // A different csv variant changes the reports: it runs.
        #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet", "--csv-variant", "excel"], in: dir).status == 0)
        #expect(try Self.runFolders(dir).count == 2)
        // One byte more in an input: it runs.
        let survey = dir.appendingPathComponent("inputs/survey-ua.csv")
        try (try String(contentsOf: survey, encoding: .utf8) + "\n").write(to: survey, atomically: true, encoding: .utf8)
        #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet", "--csv-variant", "excel"], in: dir).status == 0)
        #expect(try Self.runFolders(dir).count == 3)
        // The same content with the same size, changed: hashed, it runs.
        let text = try String(contentsOf: survey, encoding: .utf8)
        try text.replacingOccurrences(of: "yes", with: "Yes").write(to: survey, atomically: true, encoding: .utf8)
        #expect(text.contains("yes"))
        #expect(try BinaryRunner.run(["run", "pipeline.yaml", "--quiet", "--csv-variant", "excel"], in: dir).status == 0)
        #expect(try Self.runFolders(dir).count == 4)
        let forced = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet", "--csv-variant", "excel", "--force"], in: dir)
        #expect(forced.status == 0 && !forced.stderr.contains("unchanged"))
        #expect(try Self.runFolders(dir).count == 5)
    }
}
