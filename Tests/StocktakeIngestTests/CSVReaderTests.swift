import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

@Suite struct CSVReaderTests {
    /// The block count agrees with a byte-by-byte count at every length and alignment, and past 255 blocks of LFs.
    @Test func lineFeedsCountedSixteenBytesAtATime() {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<9000).map { _ in UInt8.random(in: 0...15, using: &generator) == 0 ? UInt8(0x0A) : UInt8(0x61) }
        bytes += [UInt8](repeating: 0x0A, count: 16 * 300)
        bytes.withUnsafeBytes { raw in
            for start in 0..<17 {
                for length in Array(0..<70) + [4095, 4096, 4097, raw.count - start] where start + length <= raw.count {
                    let expected = raw[start..<start + length].count { $0 == 0x0A }
                    #expect(CSVReader.countLF(raw.baseAddress! + start, length) == expected, "start \(start), length \(length)")
                }
            }
        }
    }

    @Test func physicalLinesFollowQuotedNewlinesAndCRLF() throws {
        let path = try #require(Bundle.module.path(forResource: "Fixtures/ingest/quoted_newline_crlf", ofType: "csv"))
        var records: [CSVRecord] = []
        let summary = try CSVReader.forEachRecord(path: path) { records.append($0) }
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records[1].fields == ["1", "a\nb"])
        #expect(summary.records == 3)
        #expect(summary.physicalLines == 4)
    }

    /// Chunks full of well-formed quoted fields skip the per-field line-break scan; a quoted line break placed at
    /// every offset around a chunk boundary (and escaped quotes, CRLF) must still move every later record's line.
    @Test func quotedLineBreaksAtEveryOffsetAroundAChunkBoundaryKeepLines() throws {
        let filler = "x,\"quoted, no break\",\"esc\"\"aped\",1\n"
        for offset in -8...8 {
            var text = ""
            while text.utf8.count < CSVReader.chunkSize - 40 + offset { text += filler }
            text += String(repeating: "p", count: max(0, CSVReader.chunkSize - 20 + offset - text.utf8.count))
            // Either form puts a line break inside a quoted field that straddles the boundary; the second one ends
            // in a delimiter and a line break, so its closing quote looks like an opening one to a scan of the chunk.
            text += offset % 2 == 0 ? ",\"a\nb\r\nc\",2\n" : ",\"d\n,\n\",5\n"
            for k in 0..<3000 { text += k % 7 == 0 ? "y,\"q\",\"r\"\"s\",3\r\n" : filler }
            text += "last,\"t\",\"u\",4\n"
            var lines: [Int] = []
            try withTemporaryFile(text.utf8) { url in
                _ = try CSVReader.forEachRecord(path: url.path) { lines.append($0.line) }
            }
            // The true first line of every record: one plus the line breaks before it (CRLF counted once).
            var expected: [Int] = []
            var line = 1
            var inQuotes = false
            var atRecordStart = true
            var previous: UInt8 = 0
            for byte in text.utf8 {
                if atRecordStart { expected.append(line); atRecordStart = false }
                if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
                if byte == 0x0D || (byte == 0x0A && previous != 0x0D) { line += 1 }
                if !inQuotes, byte == 0x0A { atRecordStart = true }
                previous = byte
            }
            #expect(lines == expected, "offset \(offset)")
        }
    }
}

