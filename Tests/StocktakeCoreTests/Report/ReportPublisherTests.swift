import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

@Suite struct ReportPublisherTests {
    static func destination(_ root: URL) throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: root.appendingPathComponent("latest").path)
    }

    @Test func publishSwitchesLatestAndListsRunsNewestFirst() throws {
        let root = try ReportInjectionTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try ReportFixture.catalog()
        let first = try ReportPublisher.publish(model: ReportFixture.model(runID: "20261128T080000Z"), root: root,
                                                runID: "20261128T080000Z", catalog: catalog)
        #expect(first.lastPathComponent == "20261128T080000Z")
        #expect(try Self.destination(root) == "20261128T080000Z")
        let second = try ReportPublisher.publish(model: ReportFixture.model(), root: root, runID: "20261129T080000Z",
                                                 catalog: catalog)
        #expect(try Self.destination(root) == "20261129T080000Z")
        // Files are complete and identical to what the renderer produces; no temporary files are left behind.
        let rendered = ReportRenderer(catalog: catalog).render(ReportFixture.model())
        for file in rendered {
            #expect(try Data(contentsOf: second.appendingPathComponent(file.path)) == file.contents, "\(file.path)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".") || $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
        let index = try String(contentsOf: root.appendingPathComponent("index.md"), encoding: .utf8)
        let newer = try #require(index.range(of: "[20261129T080000Z](20261129T080000Z/summary.md)"))
        let older = try #require(index.range(of: "[20261128T080000Z](20261128T080000Z/summary.md)"))
        #expect(newer.lowerBound < older.lowerBound)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("latest/summary.md").path))
    }

    @Test func failedPublishLeavesLatestOnThePreviousRun() throws {
        let root = try ReportInjectionTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try ReportFixture.catalog()
        try ReportPublisher.publish(model: ReportFixture.model(), root: root, runID: "run-1", catalog: catalog)
        let indexBefore = try Data(contentsOf: root.appendingPathComponent("index.md"))

        // A write failure inside the run: the partial directory cannot be created (a file is in the way).
        _ = FileManager.default.createFile(atPath: root.appendingPathComponent(".run-2.partial").path, contents: Data("x".utf8))
        #expect(throws: StocktakeError.self) {
            try ReportPublisher.publish(model: ReportFixture.model(), root: root, runID: "run-2", catalog: catalog)
        }
        #expect(try Self.destination(root) == "run-1")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("run-2").path))

        // A failure while writing the last file, after every other file was written: its path is taken.
        let files = ReportRenderer(catalog: catalog).render(ReportFixture.model())
        let failing = files + [ReportFile(path: "summary.md", text: "second write of the same path fails")]
        do {
            try ReportPublisher.publish(files: failing, model: ReportFixture.model(), root: root, runID: "run-3",
                                        options: ReportOptions(), catalog: catalog)
            Issue.record("a failed file write must throw")
        } catch let error as StocktakeError {
            #expect(error.status == .cantCreate)
        }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("run-3").path))
        #expect(try Self.destination(root) == "run-1")
        #expect(try Data(contentsOf: root.appendingPathComponent("index.md")) == indexBefore)

        // Publishing a run id that already exists fails with exit status 73 and changes nothing.
        do {
            try ReportPublisher.publish(model: ReportFixture.model(), root: root, runID: "run-1", catalog: catalog)
            Issue.record("publishing over an existing run must fail")
        } catch let error as StocktakeError {
            #expect(error.status == .cantCreate)
        }
        #expect(try Self.destination(root) == "run-1")
    }

    @Test func indexUsesTheRunListOfTheModelWhenGiven() throws {
        let root = try ReportInjectionTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var model = ReportFixture.model(runID: "r3", startTime: "2026-11-29T08:00:00Z")
        model.previousRuns = [RunListing(runID: "r2", startTime: "2026-11-28T08:00:00Z"),
                              RunListing(runID: "r1", startTime: "2026-11-27T08:00:00Z", status: .failed)]
        try ReportPublisher.publish(model: model, root: root, runID: "r3", catalog: ReportFixture.catalog())
        let index = try String(contentsOf: root.appendingPathComponent("index.md"), encoding: .utf8)
        let rows = index.split(separator: "\n").filter { $0.hasPrefix("| [") || $0.hasPrefix("| `") }
        #expect(rows == [
            "| [r3](r3/summary.md) | 2026-11-29 08:00:00 UTC | success |",
            "| [r2](r2/summary.md) | 2026-11-28 08:00:00 UTC | success |",
            "| `r1` | 2026-11-27 08:00:00 UTC | failed |",
        ])
    }

    @Test func runIDsThatEscapeTheRootAreRefused() throws {
        let root = try ReportInjectionTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for bad in ["../x", "a/b", "", ".hidden", "latest"] {
            #expect(throws: StocktakeError.self) {
                try ReportPublisher.publish(model: ReportFixture.model(), root: root, runID: bad)
            }
        }
    }
}
