import CLibCSV
import CZlib
import StocktakeModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One parsed record of a delimited file.
public struct CSVRecord: Sendable {
    /// Field values, decoded with the dialect's encoding (invalid bytes replaced; see `invalidFields`).
    public var fields: [String]
    /// 1-based physical line where the record starts (the header is line 1 in a file with a header).
    public var line: Int
    /// 0-based indexes of fields whose bytes were invalid in the configured encoding.
    public var invalidFields: [Int]
    /// True for the last record of a file that ends inside an unclosed quote: it swallowed the rest of the file.
    public var isUnclosedQuote: Bool
    /// 0-based index of the first field with a stray quote: `ab"c`, or `"ab"c` (the quote is kept in the value).
    public var malformedQuoteField: Int?

    public init(fields: [String], line: Int, invalidFields: [Int] = [], isUnclosedQuote: Bool = false,
                malformedQuoteField: Int? = nil) {
        self.fields = fields
        self.line = line
        self.invalidFields = invalidFields
        self.isUnclosedQuote = isUnclosedQuote
        self.malformedQuoteField = malformedQuoteField
    }
}

/// One parsed record as raw bytes, valid only inside the callback that receives it (no copies, no decoding).
///
/// The fast path for the native formats: numbers are parsed from the bytes, repeated text is interned.
public struct RawCSVRecord {
    /// 1-based physical line where the record starts.
    public let line: Int
    /// Number of fields.
    public let count: Int
    /// True for the last record of a file that ends inside an unclosed quote.
    public let isUnclosedQuote: Bool
    /// 0-based index of the first field with a stray quote (kept in the value, as libcsv reads it leniently).
    public let malformedQuoteField: Int?
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let bounds: UnsafePointer<Int>

    /// The bytes of field `index` (0-based).
    @inlinable public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = bounds[2 * index]
        return UnsafeBufferPointer(start: base + start, count: bounds[2 * index + 1] - start)
    }

    /// Field `index` decoded strictly with `encoding`, or nil when its bytes are invalid.
    public func string(_ index: Int, encoding: TextEncoding) -> String? {
        TextDecoder.decode(UnsafeRawBufferPointer(self[index]), encoding: encoding)
    }

    /// Copies the record into a decoded `CSVRecord`.
    public func decoded(encoding: TextEncoding) -> CSVRecord {
        var fields: [String] = []
        var invalid: [Int] = []
        fields.reserveCapacity(count)
        for i in 0..<count {
            if let text = string(i, encoding: encoding) {
                fields.append(text)
            } else {
                invalid.append(i)
                fields.append(String(decoding: self[i], as: UTF8.self))
            }
        }
        return CSVRecord(fields: fields, line: line, invalidFields: invalid, isUnclosedQuote: isUnclosedQuote,
                         malformedQuoteField: malformedQuoteField)
    }
}

/// What a read saw, besides the records.
public struct CSVReadSummary: Sendable, Equatable {
    /// Records delivered (header included when the file has one).
    public var records = 0
    /// Physical lines in the file (a last line without a newline counts).
    public var physicalLines = 0
    /// Bytes read (after decompression, BOM included).
    public var bytes = 0
    /// Whether the file started with a UTF-8 byte-order mark (it is stripped).
    public var hadBOM = false
    /// Whether the file was gzip-compressed.
    public var wasGzip = false
    /// Set when the last record ended inside an unclosed quote: the line where that record starts.
    public var unclosedQuoteLine: Int?
    /// Empty lines outside any record (skipped: not records, not rows).
    public var blankLines = 0
    /// Lowercase hex SHA-256 of the file's bytes, computed during the read (nil for gzip input: the probe hashes
    /// its compressed bytes).
    public var sha256: String?

    public init() {}
}

/// Streams a delimited text file through libcsv in `chunkSize` chunks, with physical line numbers per record.
///
/// Memory is bounded by the chunk size plus the longest record (capped at `maxRecordBytes`). Gzip input is
/// detected by its magic bytes and decompressed on the fly. Plain files are hashed (SHA-256) on a second thread
/// during the parse.
public enum CSVReader {
    /// Longest record accepted before the read stops with `line-too-long` (an unclosed quote usually).
    public static let defaultMaxRecordBytes = 16 << 20

    /// Bytes per `read(2)` handed to libcsv (the floor benchmark reads with the same size).
    public static let chunkSize = 1 << 18

    /// libcsv options of every parse (and of the floor benchmark): strict, so a stray quote stops `csv_parse`
    /// where it is (see `parseChunk`); every line break reported; fields NUL-terminated.
    static let strictOptions = UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL)
    /// The same without `CSV_STRICT`: libcsv's lenient reading of one stray quote, and `csv_fini`, which in strict
    /// mode would drop a last record whose quote never closed instead of delivering it.
    static let lenientOptions = strictOptions & ~UInt8(CSV_STRICT)

    /// Feeds `count` bytes to a strict parser. A stray quote stops libcsv with `CSV_EPARSE` just before the
    /// offending byte: a quote inside an unquoted value (`ab"c`), or text after a closing quote (`"ab"c`).
    /// `onMalformedQuote` is told, the byte is read leniently (the value keeps it: `ab"c`), the value goes on
    /// unquoted to the next delimiter, and the parse goes on strictly.
    ///
    /// - Throws: `CSVReadError.internal` for any other libcsv failure.
    static func parseChunk(
        _ parser: UnsafeMutablePointer<csv_parser>, _ bytes: UnsafeRawPointer, _ count: Int,
        _ field: (@convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void)?,
        _ row: (@convention(c) (Int32, UnsafeMutableRawPointer?) -> Void)?,
        _ context: UnsafeMutableRawPointer?, onMalformedQuote: () -> Void
    ) throws {
        var offset = 0
        while true {
            offset += csv_parse(parser, bytes + offset, count - offset, field, row, context)
            if offset == count { return }
            guard csv_error(parser) == CSV_EPARSE else {
                throw CSVReadError.internal(String(cString: csv_strerror(csv_error(parser))))
            }
            onMalformedQuote()
            parser.pointee.status = CSV_SUCCESS
            if parser.pointee.pstate == 3 {
                // Text after a closing quote (FIELD_MIGHT_HAVE_ENDED): lenient libcsv would reopen the quote and
                // swallow the lines up to the next quote byte. Go on as an unquoted value instead, to the next
                // delimiter (the value keeps the closing quote: `"ab"c` reads `ab"c`).
                parser.pointee.quoted = 0
                parser.pointee.pstate = 2
            }
            csv_set_opts(parser, lenientOptions)
            let one = csv_parse(parser, bytes + offset, 1, field, row, context)
            csv_set_opts(parser, strictOptions)
            guard one == 1 else { throw CSVReadError.internal(String(cString: csv_strerror(csv_error(parser)))) }
            offset += 1
        }
    }

    /// Reads `path`, calling `body` for every record in file order.
    ///
    /// - Throws: `CSVReadError` for file-level problems (missing, unreadable, corrupt gzip, a record above the
    ///   size limit, NUL bytes); whatever `body` throws, which stops the read.
    @discardableResult
    public static func forEachRecord(
        path: String, dialect: CSVDialect = CSVDialect(), maxRecordBytes: Int = defaultMaxRecordBytes,
        _ body: (CSVRecord) throws -> Void
    ) throws -> CSVReadSummary {
        try forEachRawRecord(path: path, dialect: dialect, maxRecordBytes: maxRecordBytes) { raw in
            try body(raw.decoded(encoding: dialect.encoding))
        }
    }

    /// Reads `path` like `forEachRecord`, handing each record's raw bytes to `body` without decoding.
    ///
    /// The record is only valid during the call. The dialect's encoding is not applied: decode the fields you
    /// need with `RawCSVRecord.string(_:encoding:)`.
    @discardableResult
    public static func forEachRawRecord(
        path: String, dialect: CSVDialect = CSVDialect(), maxRecordBytes: Int = defaultMaxRecordBytes,
        _ body: (RawCSVRecord) throws -> Void
    ) throws -> CSVReadSummary {
        let context = UnsafeMutablePointer<CSVParseContext<RecordArena>>.allocate(capacity: 1)
        context.initialize(to: CSVParseContext(sink: RecordArena()))
        defer {
            context.pointee.sink.release()
            context.deinitialize(count: 1)
            context.deallocate()
        }
        return try parse(path: path, dialect: dialect, maxRecordBytes: maxRecordBytes, context: context) {
            let arena = context.pointee.sink
            let n = arena.metaCount
            if n == 0 { return 0 }
            for k in 0..<n {
                let meta = arena.metas[k]
                let record = RawCSVRecord(
                    line: meta.line, count: meta.count, isUnclosedQuote: meta.unclosed,
                    malformedQuoteField: meta.malformedQuoteField < 0 ? nil : meta.malformedQuoteField,
                    base: UnsafePointer(arena.bytes), bounds: UnsafePointer(arena.bounds + 2 * meta.firstField))
                try body(record)
            }
            context.pointee.sink.compact(fieldsInProgress: context.pointee.lines.fieldCount)
            return n
        }
    }

    /// How many bytes `peek` reads by default (the probe's sample).
    public static let peekCount = 1 << 16

    /// The first `count` bytes of `path` (decompressed when gzip), for sniffing; and whether it is gzip.
    ///
    /// - Throws: `CSVReadError.cannotOpen` / `.readFailed` / `.corruptGzip`.
    public static func peek(path: String, count: Int = peekCount) throws -> (bytes: [UInt8], isGzip: Bool) {
        let source = try ByteSource(path: path)
        defer { source.close() }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        try bytes.withUnsafeMutableBytes { raw in
            while filled < count {
                let n = try source.read(into: raw.baseAddress! + filled, count: count - filled)
                if n == 0 { break }
                filled += n
            }
        }
        bytes.removeSubrange(filled...)
        return (bytes, source.isGzip)
    }

    /// Reads `path` through libcsv with `Sink`'s callbacks on `context`, calling `afterChunk` after every chunk
    /// (outside libcsv, so it may throw); `afterChunk` returns the records it delivered.
    ///
    /// The engine under `forEachRawRecord` and the native survey reader.
    static func parse<Sink: CSVFieldSink>(
        path: String, dialect: CSVDialect, maxRecordBytes: Int = defaultMaxRecordBytes,
        context: UnsafeMutablePointer<CSVParseContext<Sink>>, afterChunk: () throws -> Int
    ) throws -> CSVReadSummary {
        let source = try ByteSource(path: path)
        defer { source.close() }
        var summary = CSVReadSummary()
        summary.wasGzip = source.isGzip
        // Plain files are hashed on a second thread while libcsv parses (gzip inputs were hashed by the probe).
        let hashing = source.isGzip ? nil : BackgroundSHA256(path: path)
        var finished = false
        defer { if !finished { hashing?.cancel() } }

        let parser = UnsafeMutablePointer<csv_parser>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard csv_init(parser, strictOptions) == 0 else {
            throw CSVReadError.internal("csv_init failed")
        }
        defer { csv_free(parser) }
        csv_set_delim(parser, dialect.delimiter)
        csv_set_quote(parser, dialect.quote)
        // libcsv's built-in test trims spaces and tabs around unquoted fields, never the delimiter itself (so
        // TSV works). A custom space function would cost a C call per byte (a fifth of the parse time).

        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var first = true
        var lastByte: UInt8 = 0
        let raw = UnsafeMutableRawPointer(context)
        while true {
            // A safe point: a signal stops the read between chunks (`Cancellation`).
            try Cancellation.check("ingest")
            var n = try source.read(into: buffer, count: chunkSize)
            if n == 0 { break }
            var start = buffer
            if first {
                first = false
                let b = buffer.assumingMemoryBound(to: UInt8.self)
                if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
                    summary.hadBOM = true
                    start = buffer + 3
                    n -= 3
                    summary.bytes += 3
                }
            }
            if let nul = memchr(start, 0, n) {
                let offset = UnsafeMutableRawPointer(nul) - start
                let line = summary.physicalLines + countNewlines(start, offset) + 1
                throw CSVReadError.binaryContent(line: line)
            }
            summary.bytes += n
            summary.physicalLines += countNewlines(start, n)
            if lastByte == 0x0D, n > 0, start.load(as: UInt8.self) == 0x0A {
                summary.physicalLines -= 1  // a CRLF split across two chunks is one line break
            }
            // Only quoted fields can hold line breaks: unless a quoted field is open from the previous chunk, or
            // one in this chunk may hold one, the field callback skips its scan.
            context.pointee.lines.mayHaveBreaks = parser.pointee.quoted != 0
                || CSVLineTracker.quotedFieldsMayHoldLineBreaks(start, n, dialect: dialect, before: lastByte)
            if n > 0 { lastByte = start.load(fromByteOffset: n - 1, as: UInt8.self) }
            try parseChunk(parser, start, n, Sink.fieldCallback, Sink.rowCallback, raw) {
                Sink.malformedQuote(context)
            }
            summary.records += try afterChunk()
            if csv_get_buffer_size(parser) > maxRecordBytes || context.pointee.lines.pendingBytes > maxRecordBytes {
                throw CSVReadError.recordTooLong(line: context.pointee.lines.recordStartLine, limit: maxRecordBytes)
            }
        }
        // Strict, csv_fini would drop a last record whose quote never closed: finish leniently (it delivers what it
        // has) and tell the unclosed quote by the parser state (inside a quoted field, FIELD_BEGUN == 2).
        context.pointee.lines.finiUnclosed = parser.pointee.quoted != 0 && parser.pointee.pstate == 2
        context.pointee.lines.mayHaveBreaks = true
        context.pointee.lines.atEnd = true
        csv_set_opts(parser, lenientOptions)
        let fini = csv_fini(parser, Sink.fieldCallback, Sink.rowCallback, raw)
        if fini != 0 || context.pointee.lines.finiUnclosed {
            // The last record ended inside an unclosed quote: libcsv has delivered what it had.
            summary.unclosedQuoteLine = context.pointee.lines.lastRecordLine
        }
        summary.records += try afterChunk()
        summary.blankLines = context.pointee.lines.blankLines
        if summary.bytes > 0, lastByte != 0x0A, lastByte != 0x0D { summary.physicalLines += 1 }
        summary.sha256 = try hashing?.result()
        finished = true
        return summary
    }

    /// Line breaks in the `n` bytes at `p`: LF, CR, and CRLF once (a file's physical lines, a field's embedded ones).
    static func countNewlines(_ p: UnsafeMutableRawPointer, _ n: Int) -> Int {
        let bytes = UnsafeRawBufferPointer(start: p, count: n)
        if memchr(p, 0x0D, n) == nil { return countLF(p, n) }
        var count = 0
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A {
                if previous != 0x0D { count += 1 }
            } else if byte == 0x0D {
                count += 1
            }
            previous = byte
        }
        return count
    }
}

extension CSVReader {
    /// LF bytes in the `n` bytes at `p`, 16 at a time (a chunk's lines: one compare and add per 16 bytes, where
    /// hopping from LF to LF with `memchr` costs a call per line).
    static func countLF(_ p: UnsafeRawPointer, _ n: Int) -> Int {
        let lf = SIMD16<UInt8>(repeating: 0x0A)
        let one = SIMD16<UInt8>(repeating: 1)
        var count = 0
        var i = 0
        while i + 16 <= n {
            // Per-lane counts, summed before they can overflow (255 blocks).
            var lanes = SIMD16<UInt8>()
            let stop = min(n - 16, i + 254 * 16)
            while i <= stop {
                lanes &+= one.replacing(with: 0, where: p.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self) .!= lf)
                i += 16
            }
            count += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while i < n {
            if p.load(fromByteOffset: i, as: UInt8.self) == 0x0A { count += 1 }
            i += 1
        }
        return count
    }
}

/// A file-level read failure.
public enum CSVReadError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)
    case corruptGzip(path: String, reason: String)
    case recordTooLong(line: Int, limit: Int)
    /// A NUL byte: a binary file (or UTF-16 text) rather than delimited text.
    case binaryContent(line: Int)
    case `internal`(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open \(path): \(reason)"
        case .readFailed(let path, let reason): return "cannot read \(path): \(reason)"
        case .corruptGzip(let path, let reason): return "\(path) is not a valid gzip stream: \(reason)"
        case .recordTooLong(let line, let limit):
            return "record starting at line \(line) exceeds \(limit >> 20) MiB (an unclosed quote swallows the rest of the file)"
        case .binaryContent(let line):
            return "NUL byte on line \(line): this is a binary file or UTF-16 text, not a delimited text file"
        case .internal(let message): return "csv parser error: \(message)"
        }
    }
}

// MARK: - The parse engine

/// What libcsv's callbacks see through its `void *`: the line bookkeeping every reader needs, and the sink that
/// consumes the fields. Lives behind one raw pointer (no class, no retain/release, no dynamic exclusivity checks
/// in the per-field callback); never crosses isolation (the parse is synchronous).
struct CSVParseContext<Sink: CSVFieldSink> {
    var lines = CSVLineTracker()
    var sink: Sink
}

/// A consumer of libcsv's fields, called inside libcsv's callbacks.
///
/// A sink supplies the two C callbacks for its own `CSVParseContext<Self>` (a C function pointer cannot be
/// generic). Each one calls `lines.field` / `lines.endRow` first, then does its own work.
protocol CSVFieldSink {
    static var fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void { get }
    static var rowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void { get }
    /// libcsv stopped at a stray quote in the field in progress (by default the line bookkeeping notes it).
    static func malformedQuote(_ context: UnsafeMutablePointer<CSVParseContext<Self>>)
}

extension CSVFieldSink {
    static func malformedQuote(_ context: UnsafeMutablePointer<CSVParseContext<Self>>) {
        context.pointee.lines.malformedQuote()
    }
}

/// Physical line numbers of records, blank lines, and unclosed quotes, kept from libcsv's callbacks.
struct CSVLineTracker {
    /// Where a record ended.
    struct RecordEnd {
        /// Physical line where the record starts.
        var line: Int
        /// Number of fields.
        var count: Int
        /// Whether the record was flushed at the end of the file inside an unclosed quote.
        var unclosed: Bool
        /// 0-based index of the first field holding a line break, -1 when none.
        var firstBreakField: Int
        /// 0-based index of the first field with a stray quote, -1 when none.
        var malformedQuoteField: Int
    }

    /// Fields of the record in progress.
    var fieldCount = 0
    /// Line where the next record starts.
    var line = 1
    var recordStartLine = 1
    var lastRecordLine = 1
    var embeddedNewlines = 0
    var firstBreakField = -1
    var malformedQuoteField = -1
    var pendingCR = false
    /// Bytes of the record in progress.
    var pendingBytes = 0
    var blankLines = 0
    /// Whether the current chunk can contain quoted line breaks.
    var mayHaveBreaks = true
    /// Set while `csv_fini` runs; a record flushed then while a quote is open is unclosed.
    var atEnd = false
    var finiUnclosed = false

    /// Accounts for one field of `n` bytes; returns its 0-based index in the record.
    @inline(__always)
    mutating func field(_ data: UnsafeMutableRawPointer?, _ n: Int) -> Int {
        let index = fieldCount
        if index == 0 { recordStartLine = line }
        fieldCount = index + 1
        if n > 0, mayHaveBreaks, CSVLineTracker.mayHoldLineBreak(data!, n) {
            // Count embedded line breaks (CRLF counts once); only quoted fields can hold them.
            let breaks = CSVReader.countNewlines(data!, n)
            if breaks > 0 {
                embeddedNewlines += breaks
                if firstBreakField < 0 { firstBreakField = index }
            }
        }
        pendingBytes += n
        return index
    }

    /// Accounts for a row callback; nil when it ended no record (a blank line, or the LF of a CRLF).
    @inline(__always)
    mutating func endRow(_ terminator: Int32) -> RecordEnd? {
        if fieldCount == 0 {
            // A line break outside any record (CSV_REPALL_NL): a blank line, or the LF of a CRLF.
            if terminator == 0x0A, pendingCR {
                pendingCR = false
            } else if terminator == 0x0A || terminator == 0x0D {
                line += 1
                blankLines += 1
                pendingCR = terminator == 0x0D
            }
            return nil
        }
        // csv_fini flushes a record whose quoted field never closed; `parse` sets finiUnclosed just before.
        let end = RecordEnd(line: recordStartLine, count: fieldCount, unclosed: atEnd && finiUnclosed,
                            firstBreakField: firstBreakField, malformedQuoteField: malformedQuoteField)
        lastRecordLine = recordStartLine
        fieldCount = 0
        pendingBytes = 0
        firstBreakField = -1
        malformedQuoteField = -1
        line += embeddedNewlines + (terminator == -1 ? 0 : 1)
        embeddedNewlines = 0
        pendingCR = terminator == 0x0D
        return end
    }

    /// A stray quote in the field in progress (libcsv stopped before it).
    mutating func malformedQuote() {
        if malformedQuoteField < 0 { malformedQuoteField = fieldCount }
    }

    /// Whether a quoted field of the chunk at `p` (`n` bytes; `before` is the byte before it, 0 at the start of
    /// the file) may hold a line break. Conservative: true unless every quote byte pairs up as the opening and
    /// closing quote of a well-formed quoted field (the opening one after a delimiter, a line break, the start of
    /// the file or an escaped quote; the closing one before a delimiter, a line break, an escaped quote or the end
    /// of the chunk) and none of their contents holds CR or LF. A field still open at the end of the chunk gives
    /// true; libcsv delivers it in the next chunk, which starts with `quoted` set, so it is scanned there too.
    static func quotedFieldsMayHoldLineBreaks(_ p: UnsafeRawPointer, _ n: Int, dialect: CSVDialect, before: UInt8) -> Bool {
        let quote = Int32(dialect.quote)
        let delimiter = dialect.delimiter
        let bytes = p.assumingMemoryBound(to: UInt8.self)
        var cursor = 0
        var previousClose = -2
        while cursor < n, let found = memchr(p + cursor, quote, n - cursor) {
            let open = UnsafeRawPointer(found) - p
            let preceding = open == 0 ? before : bytes[open - 1]
            let startsField = preceding == delimiter || preceding == 0x0A || preceding == 0x0D || (open == 0 && before == 0)
            guard startsField || open == previousClose + 1 else { return true }
            guard open + 1 < n, let closing = memchr(p + open + 1, quote, n - open - 1) else { return true }
            let close = UnsafeRawPointer(closing) - p
            let length = close - open - 1
            if length > 0, memchr(p + open + 1, 0x0A, length) != nil || memchr(p + open + 1, 0x0D, length) != nil {
                return true
            }
            if close + 1 < n {
                let after = bytes[close + 1]
                guard after == delimiter || after == 0x0A || after == 0x0D || after == dialect.quote else { return true }
            }
            previousClose = close
            cursor = close + 1
        }
        return false
    }

    /// Whether any byte of the field may be CR or LF: eight bytes at a time, true for any byte below 0x0E (then
    /// the exact count runs; tabs and other control bytes are rare in data).
    @inline(__always)
    static func mayHoldLineBreak(_ data: UnsafeMutableRawPointer, _ n: Int) -> Bool {
        @inline(__always) func hasLow(_ word: UInt64) -> Bool {
            (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080 != 0
        }
        guard n >= 8 else {
            let bytes = data.assumingMemoryBound(to: UInt8.self)
            for i in 0..<n where bytes[i] < 0x0E { return true }
            return false
        }
        var i = 0
        while i + 8 < n {
            if hasLow(data.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return true }
            i += 8
        }
        return hasLow(data.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
    }
}

/// The sink behind `forEachRawRecord`: copies the fields of one chunk's records into an arena, delivered as
/// `RawCSVRecord`s after the chunk; a record in progress across the chunk boundary keeps its fields.
struct RecordArena: CSVFieldSink {
    struct Meta {
        var firstField: Int
        var count: Int
        var line: Int
        var unclosed: Bool
        var malformedQuoteField: Int
    }

    // Field bytes, (start, end) offsets per field, one meta per complete record.
    var bytes: UnsafeMutablePointer<UInt8>
    var byteCount = 0
    var byteCapacity: Int
    var bounds: UnsafeMutablePointer<Int>
    var boundsCount = 0
    var boundsCapacity: Int
    var metas: UnsafeMutablePointer<Meta>
    var metaCount = 0
    var metaCapacity: Int
    var recordFirstField = 0

    init() {
        byteCapacity = 1 << 21
        bytes = .allocate(capacity: byteCapacity)
        boundsCapacity = 1 << 16
        bounds = .allocate(capacity: boundsCapacity)
        metaCapacity = 1 << 13
        metas = .allocate(capacity: metaCapacity)
    }

    func release() {
        bytes.deallocate()
        bounds.deallocate()
        metas.deallocate()
    }

    static let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
        data, length, context in
        let c = context!.assumingMemoryBound(to: CSVParseContext<RecordArena>.self)
        let n = data == nil ? 0 : length
        if c.pointee.lines.field(data, n) == 0 { c.pointee.sink.recordFirstField = c.pointee.sink.boundsCount / 2 }
        c.pointee.sink.append(data, n)
    }

    static let rowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
        let c = context!.assumingMemoryBound(to: CSVParseContext<RecordArena>.self)
        guard let end = c.pointee.lines.endRow(terminator) else { return }
        c.pointee.sink.appendMeta(Meta(firstField: c.pointee.sink.recordFirstField, count: end.count, line: end.line,
                                       unclosed: end.unclosed, malformedQuoteField: end.malformedQuoteField))
    }

    @inline(__always)
    mutating func append(_ data: UnsafeMutableRawPointer?, _ length: Int) {
        if byteCount + length > byteCapacity {
            while byteCount + length > byteCapacity { byteCapacity *= 2 }
            bytes = bytes.reallocated(count: byteCount, capacity: byteCapacity)
        }
        if boundsCount + 2 > boundsCapacity {
            boundsCapacity *= 2
            bounds = bounds.reallocated(count: boundsCount, capacity: boundsCapacity)
        }
        bounds[boundsCount] = byteCount
        if length > 0, let data {
            (bytes + byteCount).update(from: data.assumingMemoryBound(to: UInt8.self), count: length)
            byteCount += length
        }
        bounds[boundsCount + 1] = byteCount
        boundsCount += 2
    }

    mutating func appendMeta(_ meta: Meta) {
        if metaCount == metaCapacity {
            metaCapacity *= 2
            metas = metas.reallocated(count: metaCount, capacity: metaCapacity)
        }
        (metas + metaCount).initialize(to: meta)
        metaCount += 1
    }

    /// Drops delivered records; a record in progress across the chunk boundary (`fieldsInProgress` > 0, the
    /// line tracker's count) keeps its fields, rebased to 0.
    mutating func compact(fieldsInProgress: Int) {
        metaCount = 0
        if fieldsInProgress > 0 {
            let firstBound = recordFirstField * 2
            let byteStart = bounds[firstBound]
            let keptBytes = byteCount - byteStart
            bytes.update(from: bytes + byteStart, count: keptBytes)
            let keptBounds = boundsCount - firstBound
            for i in 0..<keptBounds { bounds[i] = bounds[firstBound + i] - byteStart }
            byteCount = keptBytes
            boundsCount = keptBounds
            recordFirstField = 0
        } else {
            byteCount = 0
            boundsCount = 0
        }
    }
}

// MARK: - Private

/// Plain file or gzip stream, read in chunks (`read(2)` retried on EINTR; gzip decompressed unless told not to).
final class ByteSource {
    let path: String
    let isGzip: Bool
    private var fd: Int32 = -1
    private var gz: gzFile?

    /// Opens `path`; with `decompress: false` a gzip file reads as its stored bytes. - Throws: `.cannotOpen`.
    init(path: String, decompress: Bool = true) throws {
        self.path = path
        let opened = open(path, O_RDONLY)
        guard opened >= 0 else { throw CSVReadError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        var magic = [UInt8](repeating: 0, count: 2)
        let got = magic.withUnsafeMutableBytes { Glibc.read(opened, $0.baseAddress, 2) }
        isGzip = got == 2 && magic[0] == 0x1F && magic[1] == 0x8B
        lseek(opened, 0, SEEK_SET)
        fd = opened
        if isGzip, decompress {
            let dupped = dup(fd)
            Glibc.close(fd)
            fd = -1
            gz = gzdopen(dupped, "rb")
            guard gz != nil else { throw CSVReadError.cannotOpen(path: path, reason: "gzdopen failed") }
            gzbuffer(gz, 1 << 17)
        }
    }

    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        if let gz {
            let n = gzread(gz, buffer, UInt32(count))
            if n < 0 {
                var code: Int32 = 0
                let message = gzerror(gz, &code).map { String(cString: $0) } ?? "unknown"
                throw CSVReadError.corruptGzip(path: path, reason: message)
            }
            if n == 0 {
                var code: Int32 = 0
                _ = gzerror(gz, &code)
                if code != Z_OK && code != Z_STREAM_END {
                    throw CSVReadError.corruptGzip(path: path, reason: "truncated stream")
                }
            }
            return Int(n)
        }
        while true {
            let n = Glibc.read(fd, buffer, count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw CSVReadError.readFailed(path: path, reason: String(cString: strerror(errno)))
        }
    }

    func close() {
        if let gz { gzclose(gz) }
        gz = nil
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }
}
