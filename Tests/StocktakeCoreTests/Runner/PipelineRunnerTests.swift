import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

@Suite struct PipelineRunnerTests {
    @Test(arguments: [
        ("/srv/reports/R1", "/srv/docs/methodology.md", "../../docs/methodology.md"),
        ("/srv/reports/examples/x/R1", "/srv/docs/methodology.md", "../../../../docs/methodology.md"),
        ("/srv/out", "/srv/out/docs/m.md", "docs/m.md"),
    ])
    func relativePaths(from: String, to: String, expected: String) {
        #expect(PipelineRunner.relativePath(from: from, to: to) == expected)
    }

    @Test func methodologyLinkIsFoundFromTheDefinitionFolder() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        #expect(PipelineRunner.methodologyLink(from: root + "/reports/R1", definitionDirectory: root + "/pipelines")
                == "../../docs/methodology.md")
        #expect(PipelineRunner.methodologyLink(from: "/tmp/x/R1", definitionDirectory: "/") == "docs/methodology.md")
    }

    @Test func failuresMapToExitStatuses() {
        #expect(PipelineRunner.failure(StocktakeError(.tempFail, "busy")).status == .tempFail)
        #expect(PipelineRunner.failure(DefinitionError(diagnostics: [])).status == .config)
        struct Unexpected: Error {}
        #expect(PipelineRunner.failure(Unexpected()).status == .software)
    }

    @Test func runIDsAreSortableAndUnique() throws {
        let store = try StagingStore()
        let date = Date(timeIntervalSince1970: 1_796_000_000)
        let first = try PipelineRunner.makeRunID(date, outputRoot: "/nonexistent", store: store)
        #expect(first == Timestamp.compact(date))
        try store.beginRun(runID: first, pipeline: "p", definitionSHA256: "x", startedAt: "t", taxonomyVersions: "")
        #expect(try PipelineRunner.makeRunID(date, outputRoot: "/nonexistent", store: store) == first + "-2")
    }
}
