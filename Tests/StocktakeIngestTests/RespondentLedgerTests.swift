import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

/// The respondent ledger in bounded memory: spilled generations and deferred rows must give exactly the verdicts
/// of one unbounded table.
@Suite struct RespondentLedgerTests {
    struct TestRow { var serial: Int }

    /// A seeded stream of (respondent, skill, sector) rows checked against a plain set-based model: small windows,
    /// a filter that answers "maybe" to almost everything, skills past 64 and several sectors per respondent.
    @Test(arguments: [(window: 1, bloomWords: 8), (window: 3, bloomWords: 8), (window: 16, bloomWords: 1 << 12)])
    func boundedLedgerGivesTheVerdictsOfOneUnboundedTable(window: Int, bloomWords: Int) throws {
        var state: UInt64 = 11
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var ledger = RespondentLedger<TestRow>(window: window, bloomWords: bloomWords,
                                               spillDirectory: FileManager.default.temporaryDirectory.path)
        defer { ledger.release() }
        var seenSkills: Set<String> = []
        var seenSectors: Set<String> = []
        var expected: [Int: RespondentLedger<TestRow>.Verdict] = [:]
        var got: [Int: RespondentLedger<TestRow>.Verdict] = [:]
        // Skills share normalized ids (skill % 5), so accepted answers combine: the earlier answers of the same
        // respondent, normalized skill and sector must come back, across spills and deferrals.
        var answered: [String: RespondentAnswers] = [:]
        var expectedPrevious: [Int: RespondentAnswers] = [:]
        var gotPrevious: [Int: RespondentAnswers] = [:]
        func answer(_ serial: Int) -> UInt32 {
            RespondentAnswers.pack(importance: serial % 5 + 1, proficiency: serial / 5 % 5 + 1, hardToFill: serial % 3 - 1,
                                   demand: serial % 7 == 0 ? nil : serial % 5 - 2, mode: UInt8(serial % 4),
                                   groups: UInt8(serial % 128))
        }
        var maxResident = 0
        for serial in 0..<6000 {
            // Mostly a walk through respondents (rows together), sometimes one from long ago.
            let respondent = next(8) == 0 ? next(serial / 3 + 1) : serial / 3
            let skill = next(10) == 0 ? 64 + next(16) : next(8)
            let sector = next(6) == 0 ? next(3) : 0
            let id = "C\(respondent % 2)-respondent-\(respondent)"
            let norm = skill % 5
            let word = RespondentLedger<TestRow>.word(norm: norm, sector: sector, answer: answer(serial))
            if !seenSkills.insert("\(id)|\(skill)").inserted {
                expected[serial] = .duplicate
                expectedPrevious[serial] = RespondentAnswers()
            } else {
                expected[serial] = .accepted(newInSector: seenSectors.insert("\(id)|\(sector)").inserted)
                let cell = "\(id)|\(norm)|\(sector)"
                expectedPrevious[serial] = answered[cell] ?? RespondentAnswers()
                answered[cell, default: RespondentAnswers()].add(RespondentAnswers(packed: answer(serial)))
            }
            let bytes = Array(id.utf8)
            try bytes.withUnsafeBufferPointer { key in
                let hash = ByteTable<Int>.hash(key)
                var r = ledger.find(key, hash: hash)
                if r < 0 {
                    if ledger.mayHaveSpilled(key, hash: hash) {
                        ledger.deferRow(key, hash: hash, line: serial, skill: skill, sector: sector, word: word,
                                        row: TestRow(serial: serial))
                        return
                    }
                    r = ledger.insert(key, hash: hash)
                }
                var previous = RespondentAnswers()
                got[serial] = ledger.answer(r, skill: skill, sector: sector, word: word, shared: true, previous: &previous)
                gotPrevious[serial] = previous
                if let failure = ledger.failure { throw failure }
            }
            maxResident = max(maxResident, ledger.resident)
        }
        try ledger.settleDeferred(isShared: { _ in true }) { _, line, row, verdict, previous in
            #expect(row.serial == line)
            #expect(got[line] == nil, "a row is settled once")
            got[line] = verdict
            gotPrevious[line] = previous
        }
        #expect(got == expected)
        #expect(gotPrevious == expectedPrevious)
        #expect(expectedPrevious.values.contains { $0.count >= 2 }, "some answers combine with two or more earlier ones")
        #expect(maxResident <= 2 * window, "memory holds at most two generations")
        #expect(ledger.spilledCount > 0 && ledger.deferredCount > 0, "the stream exercises spilling and deferring")
        #expect(expected.values.contains(.duplicate))
    }

    /// The native reader with a window of a few respondents against the independent reference of
    /// `NativeSurveySinkTests` (interleaved respondents, duplicates far apart, ids in two countries).
    @Test func nativeReaderWithATinyWindowAgreesWithTheReference() throws {
        try withTemporaryFile(NativeSurveySinkTests.makeFile().utf8) { url in
            let expected = try NativeSurveySinkTests.reference(path: url.path)
            let (report, rejects, accepted) = try NativeSurveySinkTests.verdicts(path: url.path, respondentWindow: 4)
            #expect(rejects.sorted() == expected.rejects.sorted())
            #expect(accepted.sorted() == expected.accepted.sorted())
            let lines = accepted.map { Int($0.prefix { $0 != "|" })! }
            #expect(lines != lines.sorted(), "some rows were deferred and delivered last")
            #expect(report.rowsRead == report.rowsAccepted + report.rowsRejected)

            // The aggregate (respondents per sector included) equals the one of a window that never spills.
            let input = try PreparedInput(spec: InputSpec(path: url.path, format: .stocktakeSurvey), kind: .survey, defaultCountry: nil)
            let small = try NativeSurveyReader(input: input, respondentWindow: 4).runAggregating(onReject: { _ in })
            let large = try NativeSurveyReader(input: input).runAggregating(onReject: { _ in })
            #expect(small.1 == large.1)
            #expect(small.0.rowsAccepted == large.0.rowsAccepted && small.0.rowsRejected == large.0.rowsRejected)
        }
    }

    @Test func spillFileReadsBackRecordsLongerThanItsBuffer() throws {
        let file = try SpillFile(directory: FileManager.default.temporaryDirectory.path)
        let keys = [Array("a".utf8), [UInt8](repeating: 0x41, count: 3 * file.bufferSize), Array("".utf8), Array("last".utf8)]
        for (i, key) in keys.enumerated() {
            key.withUnsafeBufferPointer { file.begin(hash: UInt32(i), key: $0, tailLength: 8) }
            file.append(Int64(i * 1000))
        }
        for _ in 0..<2 {
            var read: [(UInt32, [UInt8], Int64)] = []
            try file.read { reader in
                while let record = try reader.next() { read.append((record.hash, Array(record.key), record.load(0))) }
            }
            #expect(read.map(\.0) == [0, 1, 2, 3])
            #expect(read.map(\.1) == keys)
            #expect(read.map(\.2) == [0, 1000, 2000, 3000])
        }
    }

    @Test func aReaderThatCannotSpillStopsWithExit73() throws {
        try withTemporaryFile(NativeSurveySinkTests.makeFile().utf8) { url in
            let input = try PreparedInput(spec: InputSpec(path: url.path, format: .stocktakeSurvey), kind: .survey, defaultCountry: nil)
            let folder = "/nonexistent-\(UUID().uuidString)"
            let error = #expect(throws: StocktakeError.self) {
                try NativeSurveyReader(input: input, respondentWindow: 4, spillDirectory: folder).runAggregating(onReject: { _ in })
            }
            #expect(error?.status == .cantCreate)
            #expect(error?.message.contains(folder) == true)
            // A window that never spills needs no folder.
            #expect(throws: Never.self) {
                try NativeSurveyReader(input: input, spillDirectory: folder).runAggregating(onReject: { _ in })
            }
        }
    }

    @Test func aSpillFileInAMissingFolderIsAClearError() {
        #expect(throws: StocktakeError.self) { try SpillFile(directory: "/nonexistent-\(UUID().uuidString)") }
        var ledger = RespondentLedger<TestRow>(window: 1, spillDirectory: "/nonexistent-\(UUID().uuidString)")
        defer { ledger.release() }
        for i in 0..<3 {
            Array("r\(i)".utf8).withUnsafeBufferPointer { key in
                let r = ledger.insert(key, hash: ByteTable<Int>.hash(key))
                var previous = RespondentAnswers()
                _ = ledger.answer(r, skill: 1, sector: 0, word: 0, shared: false, previous: &previous)
            }
        }
        #expect(ledger.failure?.status == .cantCreate)
    }
}
