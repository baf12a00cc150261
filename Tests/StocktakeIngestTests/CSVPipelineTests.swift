import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

/// `CSVReader.parsePipelined` must hand a sink exactly what libcsv delivered, whatever the threads do: the records
/// (fields, lines, counts, quote flags) of `forEachRawRecord`, chunk by chunk, and a read failure only after the
/// chunks before it.
@Suite struct CSVPipelineTests {
    /// Rebuilds records from the replayed calls.
    struct Log: CSVReplaySink {
        struct Record: Equatable {
            var fields: [[UInt8]]
            var line: Int
            var unclosed: Bool
            var malformedQuoteField: Int
        }
        var records: [Record] = []
        var fields: [[UInt8]] = []
        /// Set when a field arrives with an index other than the next one.
        var outOfOrder = false

        mutating func field(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) {
            if index != fields.count { outOfOrder = true }
            fields.append(Array(bytes))
        }

        mutating func endRecord(_ end: CSVLineTracker.RecordEnd) {
            if end.count != fields.count { outOfOrder = true }
            records.append(Record(fields: fields, line: end.line, unclosed: end.unclosed,
                                  malformedQuoteField: end.malformedQuoteField))
            fields = []
        }
    }

    /// The records and summary of the one-thread engine on `path`.
    func direct(_ path: String, maxRecordBytes: Int = CSVReader.defaultMaxRecordBytes) throws
        -> (records: [Log.Record], summary: CSVReadSummary) {
        var records: [Log.Record] = []
        let summary = try CSVReader.forEachRawRecord(path: path, maxRecordBytes: maxRecordBytes) { raw in
            records.append(Log.Record(fields: (0..<raw.count).map { Array(raw[$0]) }, line: raw.line,
                                      unclosed: raw.isUnclosedQuote, malformedQuoteField: raw.malformedQuoteField ?? -1))
        }
        return (records, summary)
    }

    func pipelined(_ path: String, maxRecordBytes: Int = CSVReader.defaultMaxRecordBytes,
                   afterChunk: (Int, Log) throws -> Void = { _, _ in }) throws
        -> (log: Log, summary: CSVReadSummary, chunks: Int) {
        let sink = UnsafeMutablePointer<Log>.allocate(capacity: 1)
        sink.initialize(to: Log())
        defer { sink.deinitialize(count: 1); sink.deallocate() }
        var chunks = 0
        let summary = try CSVReader.parsePipelined(path: path, dialect: CSVDialect(), maxRecordBytes: maxRecordBytes,
                                                   sink: sink) {
            chunks += 1
            try afterChunk(chunks, sink.pointee)
            return 0
        }
        return (sink.pointee, summary, chunks)
    }

    /// Many chunks (more than the batches in flight), fields and records across chunk boundaries, a quoted field
    /// longer than a chunk, blank lines, CRLF, a stray quote and a last record whose quote never closes.
    func awkwardFile() -> [UInt8] {
        var text = "id,name,note\n"
        var k = 0
        while text.utf8.count < 9 * CSVReader.chunkSize {
            switch k % 11 {
            case 0: text += "\(k),\"quoted, with \"\"escapes\"\"\",\"two\nlines\"\r\n"
            case 3: text += "\n\n"
            case 5: text += "\(k),ab\"c,x\n"
            case 7: text += "\(k),\"\(String(repeating: "long ", count: k % 3 == 0 ? 70_000 : 30))\",y\n"
            default: text += "\(k),plain \(k),\(k * 7)\n"
            }
            k += 1
        }
        text += "\(k),\"never closed,z\n"
        return Array(text.utf8)
    }

    @Test func replaysWhatTheOneThreadEngineReads() throws {
        try withTemporaryFile(awkwardFile()) { url in
            let (expected, directSummary) = try direct(url.path)
            let (log, summary, chunks) = try pipelined(url.path)
            #expect(!log.outOfOrder)
            #expect(log.fields.isEmpty)
            #expect(log.records.count == expected.count)
            #expect(log.records == expected)
            #expect(expected.last?.unclosed == true)
            #expect(expected.contains { $0.malformedQuoteField == 1 })
            // One call per chunk read, and one after the parser's end.
            let bytes = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int
            #expect(chunks == (bytes + CSVReader.chunkSize - 1) / CSVReader.chunkSize + 1)
            #expect(summary.bytes == bytes)
            #expect(summary.unclosedQuoteLine == expected.last?.line)
            #expect(summary.blankLines > 0)
            #expect(summary.sha256 != nil)
            var same = summary
            same.records = directSummary.records
            #expect(same == directSummary)
        }
    }

    /// A record above the size limit stops the read with the line where it starts, as in the one-thread engine.
    @Test func aRecordTooLongNamesTheLineWhereItStarts() throws {
        try withTemporaryFile(awkwardFile()) { url in
            let limit = 200_000
            var directError: CSVReadError?
            do { _ = try direct(url.path, maxRecordBytes: limit) } catch let error as CSVReadError { directError = error }
            guard case .recordTooLong(let line, _) = directError else {
                Issue.record("expected recordTooLong, got \(String(describing: directError))")
                return
            }
            #expect(line > 1)
            #expect(throws: directError!) { _ = try pipelined(url.path, maxRecordBytes: limit) }
        }
    }

    /// A record of many short fields spread over several chunks is measured across batches, as in one thread.
    @Test func aRecordOfManyFieldsOverTheLimitStopsTheRead() throws {
        var text = "a,b\n1,2\n"
        text += (0..<400_000).map { "x\($0 % 10)" }.joined(separator: ",") + "\n3,4\n"
        try withTemporaryFile(Array(text.utf8)) { url in
            #expect(throws: CSVReadError.recordTooLong(line: 3, limit: 200_000)) { _ = try direct(url.path, maxRecordBytes: 200_000) }
            #expect(throws: CSVReadError.recordTooLong(line: 3, limit: 200_000)) { _ = try pipelined(url.path, maxRecordBytes: 200_000) }
            // Under the limit, both read it whole.
            let (expected, _) = try direct(url.path, maxRecordBytes: 1_000_000)
            #expect(try pipelined(url.path, maxRecordBytes: 1_000_000).log.records == expected)
            #expect(expected.count == 4)
        }
    }

    /// A NUL byte stops the read with its line, after the sink has seen every chunk before it (as in `parse`).
    @Test func aReadFailureComesAfterTheChunksBeforeIt() throws {
        var bytes = Array(String(repeating: "a,b,c\n", count: 3 * CSVReader.chunkSize / 6).utf8)
        bytes += Array("x,\u{0},z\n".utf8)
        try withTemporaryFile(bytes) { url in
            var seen = 0
            #expect(throws: CSVReadError.binaryContent(line: 3 * CSVReader.chunkSize / 6 + 1)) {
                _ = try pipelined(url.path) { chunk, _ in seen = chunk }
            }
            #expect(seen == 3)
        }
    }

    /// When the sink's side throws, the reading thread stops (no hang) and the error is the sink's.
    @Test func aSinkFailureStopsTheReader() throws {
        struct Enough: Error, Equatable {}
        try withTemporaryFile(awkwardFile()) { url in
            var last = 0
            #expect(throws: Enough()) {
                _ = try pipelined(url.path) { chunk, _ in
                    last = chunk
                    if chunk == 2 { throw Enough() }
                }
            }
            #expect(last == 2)
        }
    }
}
