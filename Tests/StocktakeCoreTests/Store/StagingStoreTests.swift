import Foundation
import GRDB
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

@Suite struct StagingStoreTests {
    static func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-tests-\(UUID().uuidString)")
        return dir.appendingPathComponent(name).path
    }

    static func stores() throws -> [StagingStore] {
        [try StagingStore(), try StagingStore(path: temporaryPath("s.sqlite"))]
    }

    @Test func migrationsAreNamedAndApplied() throws {
        for store in try Self.stores() {
            #expect(try store.appliedMigrations() == ["v1_runs", "v2_partial_status", "v3_input_ledger", "v4_run_outcomes"])
        }
    }

    @Test func onDiskStoreUsesWAL() throws {
        let store = try StagingStore(path: Self.temporaryPath("wal.sqlite"))
        let mode = try store.dbQueue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func countsMustAddUp() throws {
        for store in try Self.stores() {
            try store.beginRun(runID: "r1", pipeline: "p", definitionSHA256: "x", startedAt: "t", taxonomyVersions: "")
            let good = InputFileRow(path: "a.csv", kind: .survey, country: "UA", format: .stocktakeSurvey,
                                    encoding: .utf8, delimiter: ",", sha256: "h", sizeBytes: 1, rowsRead: 3,
                                    rowsAccepted: 2, rowsRejected: 1, status: .used, lastUpdate: nil, source: nil, licence: nil)
            try store.recordInput(runID: "r1", good)
            var bad = good
            bad.path = "b.csv"
            bad.rowsRejected = 0
            #expect(throws: (any Error).self) { try store.recordInput(runID: "r1", bad) }
            // The ledger: skipped rows by reason are stored beside the counts, and never exceed the accepted ones.
            var skipped = good
            skipped.path = "c.csv"
            skipped.skippedByReason = ["missing-value": 1, "breakdown": 1]
            try store.recordInput(runID: "r1", skipped)
            let row = try store.dbQueue.read {
                try Row.fetchOne($0, sql: "SELECT rows_skipped, skipped_json FROM input_file WHERE path = 'c.csv'")
            }
            #expect(row?["rows_skipped"] == 2)
            #expect(row?["skipped_json"] == #"{"breakdown":1,"missing-value":1}"#)
            skipped.path = "d.csv"
            skipped.skippedByReason = ["missing-value": 3]
            #expect(throws: (any Error).self) { try store.recordInput(runID: "r1", skipped) }
        }
    }

    @Test func previousRunAndUnmappedQueue() throws {
        for store in try Self.stores() {
            for (id, time) in [("r1", "2026-01-01T00:00:00Z"), ("r2", "2026-01-02T00:00:00Z")] {
                try store.beginRun(runID: id, pipeline: "p", definitionSHA256: "x", startedAt: time, taxonomyVersions: "")
                try store.recordMappings(runID: id, [
                    MappingDecision(country: "UA", kind: .sector, text: "Щось \(id)", code: nil, method: .none,
                               confidence: 0.4, candidate: "F (0.40)", rows: 7),
                    MappingDecision(country: "UA", kind: .sector, text: "Будівництво", code: "F", method: .alias,
                               confidence: 1, candidate: nil, rows: 30),
                ])
                try store.finishRun(runID: id, finishedAt: time, status: .success, exitCode: 0, rowsRead: 0,
                                    rowsAccepted: 0, rowsRejected: 0, reportDir: nil, message: nil)
            }
            let previous = try #require(try store.previousRun(pipeline: "p", excluding: "r2"))
            #expect(previous.runID == "r1")
            let queue = try #require(try store.unmappedOfLastRun(pipeline: "p"))
            #expect(queue.runID == "r2")
            #expect(queue.rows.map(\.text) == ["Щось r2"])
            #expect(queue.rows.map(\.kind) == [.sector] && queue.rows.map(\.method) == [MatchMethod.none])
        }
    }

    /// Statuses, kinds and methods are enums in the code and text in the database: a value this version does not
    /// know is an error naming the column, never read as something else.
    @Test func unknownStoredValuesAreErrors() throws {
        let store = try StagingStore()
        try store.beginRun(runID: "r1", pipeline: "p", definitionSHA256: "x", startedAt: "t", taxonomyVersions: "")
        try store.recordMappings(runID: "r1", [
            MappingDecision(country: "UA", kind: .sector, text: "Щось", code: nil, method: .none, confidence: 0,
                            candidate: nil, rows: 1),
        ])
        try store.finishRun(runID: "r1", finishedAt: "t", status: .partial, exitCode: 65, rowsRead: 0,
                            rowsAccepted: 0, rowsRejected: 0, reportDir: "x", message: nil)
        #expect(try store.runListings(pipeline: "p").map(\.status) == [.partial])
        try store.dbQueue.write { try $0.execute(sql: "UPDATE sector_mapping SET method = 'guess'") }
        #expect {
            _ = try store.unmappedOfLastRun(pipeline: "p")
        } throws: { "\($0)".contains("`guess` in sector_mapping.method") }
    }

    @Test func rejectsAreKeptWithLocation() throws {
        let store = try StagingStore()
        try store.beginRun(runID: "r", pipeline: "p", definitionSHA256: "x", startedAt: "t", taxonomyVersions: "")
        try store.insertRejects(runID: "r", [
            Reject(location: SourceLocation(file: "s.csv", line: 4, column: 6), code: .constraintError,
                   message: "importance 7 is outside 1…5", columnName: "importance")
        ])
        let row = try store.dbQueue.read { db in
            try Row.fetchOne(db, sql: "SELECT file, line, col, code FROM reject")
        }
        #expect(row?["line"] == 4)
        #expect(row?["code"] == "constraint-error")
    }
}

@Suite struct RunLockTests {
    @Test func secondLockFailsWithTempFail() throws {
        let path = StagingStoreTests.temporaryPath("x.lock")
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let first = try RunLock(path: path)
        #expect {
            _ = try RunLock(path: path)
        } throws: { ($0 as? StocktakeError)?.status == .tempFail }
        first.release()
        _ = try RunLock(path: path)
    }
}

/// The JSON the store keeps must not depend on hash order (which differs between processes and with a set's
/// insertion history): flag sets encode sorted, dictionaries keyed by indicator as objects with sorted keys.
@Suite struct StoredJSONTests {
    @Test func flagSetsAndIndicatorDictionariesEncodeInAFixedOrder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var gap = GapScore(country: "DE", sector: SectorKey("C10")!, skill: SkillRef(code: "S1", uri: nil, label: "x", group: "S"), n: 3)
        var pressure = SectorPressure(country: "DE", sector: SectorKey("C")!)
        var texts: Set<String> = []
        // The same contents built in different orders and capacities.
        for order in [CellFlag.allCases, CellFlag.allCases.reversed(), CellFlag.allCases.shuffled()] {
            var flags = Set<CellFlag>(minimumCapacity: order.count * 50)
            for flag in order { flags.insert(flag) }
            gap.flags = flags
            var raw: [LabourIndicator: Double] = [:]
            raw.reserveCapacity(order.count * 40)
            for indicator in LabourIndicator.allCases.reversed() { raw[indicator] = Double(indicator.rawValue.count) }
            pressure.rawSubIndices = raw
            texts.insert(String(decoding: try encoder.encode(gap), as: UTF8.self)
                         + String(decoding: try encoder.encode(pressure), as: UTF8.self))
        }
        #expect(texts.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(gap)) as? [String: Any])
        #expect(object["flags"] as? [String] == CellFlag.allCases.map(\.rawValue).sorted())
        let raw = try #require(try JSONSerialization.jsonObject(with: encoder.encode(pressure)) as? [String: Any])
        #expect((raw["rawSubIndices"] as? [String: Double])?.count == LabourIndicator.allCases.count)
    }
}
