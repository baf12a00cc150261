import Crypto
import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

/// The native survey sink (validation inside libcsv's callbacks) against an independent reference: the same file
/// read through `CSVReader.forEachRecord` (the copying record path) with the native rules written out plainly on
/// strings. The file spans many read chunks and mixes every kind of row the sink treats differently.
@Suite struct NativeSurveySinkTests {
    static let header = "country,respondent_id,organisation_type,sector,skill,importance,proficiency,hard_to_fill,demand_change,learning_mode,target_groups"

    /// A seeded file of about 1.3 MB: consecutive and interleaved respondents, one id in two countries, duplicates,
    /// invalid values, wrong cell counts, blank lines, quoted fields with commas and line breaks, CRLF and ids
    /// longer than the key buffer.
    static func makeFile() -> String {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let sectors = ["Bau", "\"Land-, Forst- und Fischwirtschaft\"", "\"Line\nbreak sector\"", "Будівництво", "IT"]
        let skills = (0..<70).map { "skill number \($0) with a fairly long descriptive name" } + ["x", "Teamwork"]
        var text = header + "\n"
        var lines: [String] = []
        for i in 0..<12000 {
            let country = ["DE", "UA"][next(2)]
            let respondent = next(10) == 0 ? "R-\(next(50))" : (next(40) == 0 ? String(repeating: "long-id-", count: 12) + "\(next(3))" : "R-\(i / 4)")
            var organisation = "employer"
            var importance = String(1 + next(5))
            var hard = ["yes", "no", ""][next(3)]
            switch next(60) {
            case 0: organisation = "boss"
            case 1: importance = "9"
            case 2: importance = "x"
            case 3: importance = ""
            case 4: hard = "maybe"
            default: break
            }
            var row = "\(country),\(respondent),\(organisation),\(sectors[next(sectors.count)]),\(skills[next(skills.count)]),\(importance),\(1 + next(5)),\(hard),\(["-1", "0", ""][next(3)]),\(["online", "blended", ""][next(3)]),\(["youth|rural", "", "adults"][next(3)])"
            switch next(200) {
            case 0: row += ",extra"
            case 1: row = row.components(separatedBy: ",").dropLast(2).joined(separator: ",")
            case 2: lines.append("")
            case 3: row = ",,,,,,,,,,"
            default: break
            }
            lines.append(row + (next(30) == 0 ? "\r" : ""))
        }
        text += lines.joined(separator: "\n") + "\n"
        return text
    }

    /// What the native rules say of every data row, computed on decoded records (one verdict per record). A tiny
    /// oracle for this file only: it knows just the bad values `makeFile` writes and the code each must give (the
    /// rules themselves are declared once, in `SurveyFields`; `SurveyFieldTests` checks them), so it checks the
    /// sink's machinery — interning, caches, cell counts, uniqueness, chunk boundaries — not a copy of the rules.
    static func reference(path: String) throws -> (rejects: [String], accepted: [String]) {
        let columns = header.split(separator: ",").count
        var rejects: [String] = []
        var accepted: [String] = []
        var seen: Set<String> = []
        var first = true
        try CSVReader.forEachRecord(path: path) { record in
            if first { first = false; return }
            let f = record.fields
            func reject(_ column: Int, _ code: ErrorCode) { rejects.append("\(record.line):\(column):\(code.rawValue)") }
            if f.allSatisfy(\.isEmpty) { return reject(0, .blankRow) }
            if f.count > columns { return reject(columns + 1, .extraCell) }
            if f.count < columns { return reject(f.count + 1, .missingCell) }
            if f[1].isEmpty { return reject(2, .requiredValue) }
            if f[2] != "employer" { return reject(3, .constraintError) }
            if f[5].isEmpty { return reject(6, .requiredValue) }
            guard let importance = Int(f[5]) else { return reject(6, .typeError) }
            if !(1...5).contains(importance) { return reject(6, .constraintError) }
            if !["yes", "no", ""].contains(f[7]) { return reject(8, .typeError) }
            let key = "\(f[0])|\(f[1])|\(f[4])"
            if !seen.insert(key).inserted { return reject(5, .uniqueError) }
            accepted.append("\(record.line)|\(f[0])|\(f[1])|\(f[3])|\(f[4])|\(f[5])|\(f[6])|\(f[7])|\(f[8])|\(f[9])")
        }
        return (rejects, accepted)
    }

    /// What the native reader says of every data row, in the reference's notation (the record path, in delivery order).
    static func verdicts(path: String, respondentWindow: Int = RespondentLedger<NativeSurveySink.Row>.defaultWindow)
        throws -> (report: IngestReport, rejects: [String], accepted: [String]) {
        let input = try PreparedInput(spec: InputSpec(path: path, format: .stocktakeSurvey), kind: .survey, defaultCountry: nil)
        var rejects: [String] = []
        var accepted: [String] = []
        let report = try NativeSurveyReader(input: input, respondentWindow: respondentWindow).run(
            onRecord: { r in
                let hard = r.hardToFill.map { $0 ? "yes" : "no" } ?? ""
                let demand = r.demandChange.map(String.init) ?? ""
                accepted.append("\(r.line)|\(r.country)|\(r.respondentID)|\(r.sector)|\(r.skill)|\(r.importance)|\(r.proficiency)|\(hard)|\(demand)|\(r.learningMode?.rawValue ?? "")")
            },
            onReject: { rejects.append("\($0.location.line):\($0.location.column):\($0.code.rawValue)") })
        return (report, rejects, accepted)
    }

    @Test func sinkAgreesWithTheRecordPathOnEveryRow() throws {
        let text = Self.makeFile()
        #expect(text.utf8.count > 4 * CSVReader.chunkSize)
        try withTemporaryFile(text.utf8) { url in
            let expected = try Self.reference(path: url.path)
            let (report, rejects, accepted) = try Self.verdicts(path: url.path)
            #expect(rejects == expected.rejects)
            #expect(accepted == expected.accepted)
            #expect(report.rowsRead == report.rowsAccepted + report.rowsRejected)
            #expect(report.rowsRejected == expected.rejects.count)
            #expect(Set(expected.rejects.map { $0.split(separator: ":")[2] }).count >= 7, "the file exercises every verdict")
            #expect(accepted.contains { $0.contains("|DE|R-1|") } && accepted.contains { $0.contains("|UA|R-1|") },
                    "one id in two countries is two respondents")

            // The aggregating path sees the same rows.
            var aggregateRejects = 0
            let (aggregateReport, aggregate) = try Ingestor.aggregateSurvey(
                InputSpec(path: url.path, format: .stocktakeSurvey), defaultCountry: nil, onReject: { _ in aggregateRejects += 1 })
            #expect(aggregate.records == accepted.count)
            #expect(aggregateRejects == rejects.count)
            #expect(aggregateReport.rowsRead == report.rowsRead)
        }
    }

    @Test func skillsInQuestionnaireOrderAreReadThroughTheirPredecessors() throws {
        // 300 distinct long skills (more than the successor table's first capacity) answered in questionnaire
        // order, by some respondents backwards, with repeats and invalid values in between.
        let skills = (0..<300).map { "questionnaire skill \($0) with a long enough name" }
        var text = Self.header + "\n"
        for respondent in 0..<40 {
            let order = respondent % 3 == 2 ? Array(skills.reversed()) : skills
            for (k, skill) in order.enumerated() {
                let importance = k % 97 == 5 ? "9" : String(1 + (k + respondent) % 5)
                text += "DE,R-\(respondent),employer,Bau,\(skill),\(importance),3,,,,\n"
                if k % 50 == 7 { text += "DE,R-\(respondent),employer,Bau,\(skill),2,2,,,,\n" }
            }
        }
        try withTemporaryFile(text.utf8) { url in
            let expected = try Self.reference(path: url.path)
            let (_, rejects, accepted) = try Self.verdicts(path: url.path)
            #expect(rejects == expected.rejects)
            #expect(accepted == expected.accepted)
            #expect(Set(expected.rejects.map { $0.split(separator: ":")[2] }) == ["constraint-error", "unique-error"])
        }
    }

    @Test func manyDistinctInvalidValuesDoNotStaleTheLastValueCache() throws {
        // A long valid organisation type is cached as the column's last value (a pointer into its table); thousands
        // of distinct invalid ones then grow that table's byte buffer past the point where the old one is unmapped.
        var text = Self.header + "\n"
        for i in 0..<6000 {
            let organisation = i % 2 == 0 ? "public-employment-service" : "invalid-organisation-type-number-\(i)"
            text += "DE,R-\(i),\(organisation),Bau,Teamwork,3,2,,,,\n"
        }
        try withTemporaryFile(text.utf8) { url in
            let (report, aggregate) = try Ingestor.aggregateSurvey(
                InputSpec(path: url.path, format: .stocktakeSurvey), defaultCountry: nil, onReject: { _ in })
            #expect(report.rowsAccepted == 3000 && report.rowsRejected == 3000)
            #expect(aggregate.records == 3000)
        }
    }

    @Test func theReportHashesTheWholeFileDuringTheParse() throws {
        let text = Self.makeFile()
        try withTemporaryFile(text.utf8) { url in
            let report = try Ingestor.aggregateSurvey(InputSpec(path: url.path, format: .stocktakeSurvey), defaultCountry: nil,
                                                      onReject: { _ in }).report
            #expect(report.sha256 == SHA256.hash(data: Data(text.utf8)).lowercaseHex)
            let summary = try CSVReader.forEachRawRecord(path: url.path) { _ in }
            #expect(summary.sha256 == report.sha256)
        }
    }

    @Test func aParseThatStopsEarlyStopsItsHashingThread() throws {
        // A NUL byte past the sniffed sample fails the parse; the background hash is cancelled and joined.
        var bytes = Array(Self.makeFile().utf8)
        bytes[bytes.count / 2] = 0
        try withTemporaryFile(bytes) { url in
            #expect(throws: CSVReadError.self) { try CSVReader.forEachRawRecord(path: url.path) { _ in } }
            // A consumer that stops at the first record (as the header reader does) leaves no thread behind either.
            struct Stop: Error {}
            for _ in 0..<50 {
                #expect(throws: Stop.self) { try CSVReader.forEachRawRecord(path: url.path) { _ in throw Stop() } }
            }
        }
    }
}

@Suite struct ByteTableTests {
    @Test func findsEveryKeyOfEveryLengthThroughGrowth() {
        let table = ByteTable<Int>(capacity: 4)
        defer { table.release() }
        // Keys that differ in one byte at every position, lengths 0–40 (the word-at-a-time paths and their tails).
        var keys: [[UInt8]] = []
        for length in 0...40 {
            let base = [UInt8](repeating: 0x61, count: length)
            keys.append(base)
            for position in 0..<length {
                var key = base
                key[position] = 0x62
                keys.append(key)
            }
        }
        for (i, key) in keys.enumerated() {
            key.withUnsafeBufferPointer { bytes in
                #expect(table.find(bytes) == -1)
                #expect(table.insert(bytes, i * 10) == i)
            }
        }
        #expect(table.count == keys.count)
        for (i, key) in keys.enumerated().reversed() {
            key.withUnsafeBufferPointer { bytes in
                let index = table.find(bytes)
                #expect(index == i)
                #expect(table[index] == i * 10)
                #expect(Array(table.storedKey(index)) == key)
            }
        }
    }

    @Test func anExternalHashThatAlwaysCollidesStillFindsTheRightKey() {
        let table = ByteTable<Int>(capacity: 4)
        defer { table.release() }
        let keys = (0..<300).map { Array("id-\($0)".utf8) }
        for (i, key) in keys.enumerated() { key.withUnsafeBufferPointer { _ = table.insert($0, hash: 7, i) } }
        for (i, key) in keys.enumerated().shuffled() { key.withUnsafeBufferPointer { #expect(table.find($0, hash: 7) == i) } }
        Array("id-300".utf8).withUnsafeBufferPointer { #expect(table.find($0, hash: 7) == -1) }
    }
}

@Suite struct CSVLineTrackerTests {
    @Test(arguments: [
        // (chunk, byte before it, may a quoted field hold a line break?)
        ("", UInt8(0x0A), false),
        ("a,b,c\nd,e,f\n", 0x0A, false),
        ("a,\"b,c\",d\ne,\"f\"\n", 0x0A, false),
        ("a,\"b\nc\",d\n", 0x0A, true),
        ("a,\"b\rc\",d\r\n", 0x0A, true),
        ("a,\"b\"\"c\",d\n", 0x0A, false),
        ("a,\"b\"\"\nc\",d\n", 0x0A, true),
        ("a,\"\",d\n", 0x0A, false),
        ("a,\"b\"\"\"\n", 0x0A, false),
        ("\"a\",b\n", 0x0A, false),
        ("\"a\",b\n", 0, false),
        ("\"a\",b\n", UInt8(ascii: "x"), true),
        ("ab\"c,d\ne\n", 0x0A, true),
        ("a, \"b\",c\n", 0x0A, true),
        ("a,\"b\"c,d\n", 0x0A, true),
        ("a,\"b\" ,d\n", 0x0A, true),
        ("a,\"b,c\nd", 0x0A, true),
        ("a,\"b,c\"", 0x0A, false),
    ])
    func quotedLineBreaksAreFoundPerChunkOrTheChunkIsScanned(chunk: String, before: UInt8, expected: Bool) {
        let bytes = Array(chunk.utf8)
        let found = bytes.withUnsafeBytes {
            CSVLineTracker.quotedFieldsMayHoldLineBreaks($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, bytes.count,
                                                         dialect: CSVDialect(), before: before)
        }
        #expect(found == expected)
    }

    @Test func everyLineBreakPositionIsSeenAndPlainTextPasses() {
        for length in 1...40 {
            var plain = [UInt8](repeating: 0x41, count: length)
            plain.withUnsafeMutableBytes { #expect(!CSVLineTracker.mayHoldLineBreak($0.baseAddress!, length)) }
            for position in 0..<length {
                for byte: UInt8 in [0x0A, 0x0D] {
                    var text = plain
                    text[position] = byte
                    text.withUnsafeMutableBytes { #expect(CSVLineTracker.mayHoldLineBreak($0.baseAddress!, length)) }
                }
            }
            // Bytes ≥ 0x0E never trigger the exact count (UTF-8 continuation bytes included).
            plain = (0..<length).map { UInt8(0x0E + ($0 * 37) % 0xF0) }
            plain.withUnsafeMutableBytes { #expect(!CSVLineTracker.mayHoldLineBreak($0.baseAddress!, length)) }
        }
    }
}
