import Foundation
import GRDB
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

@Suite struct PipelineRunnerTests {
    @Test func failuresMapToExitStatuses() {
        #expect(PipelineRunner.failure(StocktakeError(.tempFail, "busy")).status == .tempFail)
        #expect(PipelineRunner.failure(DefinitionError(diagnostics: [])).status == .config)
        struct Unexpected: Error {}
        #expect(PipelineRunner.failure(Unexpected()).status == .software)
        // A full, read-only or failing database disk: the output cannot be written (73), not an internal error.
        #expect(PipelineRunner.failure(DatabaseError(resultCode: .SQLITE_FULL)).status == .cantCreate)
        #expect(PipelineRunner.failure(DatabaseError(resultCode: .SQLITE_READONLY)).status == .cantCreate)
        #expect(PipelineRunner.failure(DatabaseError(resultCode: .SQLITE_CONSTRAINT)).status == .software)
        let cancelled = PipelineRunner.failure(Cancelled(signal: SIGTERM, stage: "ingest"))
        #expect(cancelled.status == .tempFail && cancelled.runStatus == .cancelled)
        #expect(cancelled.summaryLine.hasPrefix("stocktake: run · cancelled by SIGTERM during ingest"))
    }
}
