import Foundation
import StocktakeModel

/// A consumer of a file's fields that `CSVReader.parsePipelined` feeds from batches: the same calls, in the same
/// order and on one thread, that libcsv's callbacks make to a `CSVFieldSink`.
protocol CSVReplaySink {
    /// Field `index` (0-based) of the record in progress. `bytes` is valid during the call only.
    mutating func field(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int)
    /// The record in progress ended (records only: blank lines make no call).
    mutating func endRecord(_ end: CSVLineTracker.RecordEnd)
}

extension CSVReader {
    /// Batches in flight between the reading thread and the sink: one being filled, one queued, one being replayed.
    /// Each holds one chunk's fields, lengths and row ends (≈ 0.5 MB), so the pipeline's memory is bounded.
    static let pipelineBatches = 3

    /// Reads `path` like `parse`, with the read and libcsv on a thread of their own and the line bookkeeping and
    /// the sink's work on the calling thread: the reading thread records each chunk's fields and row ends in a
    /// `FieldBatch`, and the calling thread replays them through a `CSVLineTracker` into `sink`, calling
    /// `afterChunk` after each chunk as `parse` does (so records and rejects are delivered chunk by chunk, in file
    /// order).
    ///
    /// The tracker and the sink see exactly the calls `parse` would make, in the same order, so nothing they compute
    /// can depend on the threads. A read failure (`CSVReadError`, a cancellation) is thrown after every chunk read
    /// before it has been replayed, as `parse` does; when `afterChunk` throws, the reading thread is stopped and
    /// waited for.
    static func parsePipelined<Sink: CSVReplaySink>(
        path: String, dialect: CSVDialect, maxRecordBytes: Int = defaultMaxRecordBytes,
        sink: UnsafeMutablePointer<Sink>, afterChunk: () throws -> Int
    ) throws -> CSVReadSummary {
        let pipe = BatchPipe(batches: pipelineBatches)
        let reading = BackgroundWork { [pipe] () throws -> CSVReadSummary in
            let context = UnsafeMutablePointer<CSVParseContext<BatchRecorder>>.allocate(capacity: 1)
            context.initialize(to: CSVParseContext(sink: BatchRecorder(batch: pipe.take())))
            defer {
                pipe.finish(returning: context.pointee.sink.batch)
                context.deinitialize(count: 1)
                context.deallocate()
            }
            return try parse(path: path, dialect: dialect, maxRecordBytes: maxRecordBytes, context: context) {
                // `parse` sets these before it parses a chunk, and before `csv_fini`.
                context.pointee.sink.batch.mayHaveBreaks = context.pointee.lines.mayHaveBreaks
                context.pointee.sink.batch.atEnd = context.pointee.lines.atEnd
                context.pointee.sink.batch.finiUnclosed = context.pointee.lines.finiUnclosed
                context.pointee.lines.pendingBytes = context.pointee.sink.finishChunk()
                context.pointee.sink.batch = try pipe.publish(context.pointee.sink.batch)
                return 0
            }
        }
        var lines = CSVLineTracker()
        var records = 0
        var summary: CSVReadSummary
        do {
            while let batch = pipe.next() {
                defer { pipe.recycle(batch) }
                batch.replay(through: &lines, into: sink)
                records += try afterChunk()
            }
        } catch {
            pipe.cancel()
            _ = try? reading.value()
            throw error
        }
        do {
            summary = try reading.value()
        } catch CSVReadError.recordTooLong(_, let limit) {
            // Where the record starts is known on this side.
            throw CSVReadError.recordTooLong(line: lines.recordStartLine, limit: limit)
        }
        summary.records = records
        summary.blankLines = lines.blankLines
        if summary.unclosedQuoteLine != nil { summary.unclosedQuoteLine = lines.lastRecordLine }
        return summary
    }
}

/// What libcsv's callbacks delivered while one chunk was parsed: fields, row ends (line breaks, blank lines
/// included) and stray quotes, in order. Field bytes are stored one after the other; a record that continues into
/// the next chunk has its first fields here and its end in the next batch.
struct FieldBatch: @unchecked Sendable {
    /// A row callback: how many of the batch's fields came before it, and libcsv's terminator.
    struct RowEnd {
        var fields: UInt32
        var terminator: Int32
    }

    var bytes: UnsafeMutablePointer<UInt8>
    var byteCount = 0
    var byteCapacity: Int
    var lengths: UnsafeMutablePointer<UInt32>
    var fieldCount = 0
    var fieldCapacity: Int
    var rows: UnsafeMutablePointer<RowEnd>
    var rowCount = 0
    var rowCapacity: Int
    /// Stray quotes, as the number of the batch's fields delivered before each (rare: an array will do).
    var strayQuotes: [UInt32] = []
    /// The chunk's `CSVLineTracker` settings, which `parse` sets on the reading side.
    var mayHaveBreaks = true
    var atEnd = false
    var finiUnclosed = false

    init() {
        byteCapacity = CSVReader.chunkSize + (1 << 16)
        bytes = .allocate(capacity: byteCapacity)
        fieldCapacity = 1 << 15
        lengths = .allocate(capacity: fieldCapacity)
        rowCapacity = 1 << 12
        rows = .allocate(capacity: rowCapacity)
    }

    func release() {
        bytes.deallocate()
        lengths.deallocate()
        rows.deallocate()
    }

    /// Appends a field of `n` bytes at `data` (nil or 0 bytes: an empty field).
    @inline(__always)
    mutating func append(_ data: UnsafeMutableRawPointer?, _ n: Int) {
        if byteCount + n > byteCapacity || fieldCount == fieldCapacity { grow(bytes: n) }
        let destination = UnsafeMutableRawPointer(bytes + byteCount)
        if n > 0, let data {
            // Short fields (most of them) are copied inline as two overlapping loads and stores of the size class
            // (never a byte outside the field); memcpy's call costs more.
            if n >= 8 {
                if n <= 16 {
                    destination.storeBytes(of: data.loadUnaligned(as: UInt64.self), as: UInt64.self)
                    destination.storeBytes(of: data.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self),
                                           toByteOffset: n - 8, as: UInt64.self)
                } else {
                    destination.copyMemory(from: data, byteCount: n)
                }
            } else if n >= 4 {
                destination.storeBytes(of: data.loadUnaligned(as: UInt32.self), as: UInt32.self)
                destination.storeBytes(of: data.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self),
                                       toByteOffset: n - 4, as: UInt32.self)
            } else {
                destination.storeBytes(of: data.load(as: UInt8.self), as: UInt8.self)
                destination.storeBytes(of: data.load(fromByteOffset: n >> 1, as: UInt8.self), toByteOffset: n >> 1, as: UInt8.self)
                destination.storeBytes(of: data.load(fromByteOffset: n - 1, as: UInt8.self), toByteOffset: n - 1, as: UInt8.self)
            }
        }
        byteCount += n
        lengths[fieldCount] = UInt32(truncatingIfNeeded: n)
        fieldCount += 1
    }

    @inline(__always)
    mutating func appendRow(_ terminator: Int32) {
        if rowCount == rowCapacity {
            rowCapacity *= 2
            rows = rows.reallocated(count: rowCount, capacity: rowCapacity)
        }
        (rows + rowCount).initialize(to: RowEnd(fields: UInt32(truncatingIfNeeded: fieldCount), terminator: terminator))
        rowCount += 1
    }

    private mutating func grow(bytes n: Int) {
        if byteCount + n > byteCapacity {
            while byteCount + n > byteCapacity { byteCapacity *= 2 }
            bytes = bytes.reallocated(count: byteCount, capacity: byteCapacity)
        }
        if fieldCount == fieldCapacity {
            fieldCapacity *= 2
            lengths = lengths.reallocated(count: fieldCount, capacity: fieldCapacity)
        }
    }

    mutating func reset() {
        byteCount = 0
        fieldCount = 0
        rowCount = 0
        strayQuotes.removeAll(keepingCapacity: true)
    }

    /// Makes the callbacks' calls again, in their order: each field and row end through `lines` (the line
    /// bookkeeping `parse` does in the callbacks), then into `sink`.
    @inline(__always)
    func replay<Sink: CSVReplaySink>(through lines: inout CSVLineTracker, into sink: UnsafeMutablePointer<Sink>) {
        lines.mayHaveBreaks = mayHaveBreaks
        lines.atEnd = atEnd
        lines.finiUnclosed = finiUnclosed
        var cursor = bytes
        var f = 0
        var r = 0
        var q = 0
        while true {
            // A row end comes right after its last field; a stray quote is found inside a field not yet delivered.
            if r < rowCount, rows[r].fields == UInt32(truncatingIfNeeded: f) {
                if let end = lines.endRow(rows[r].terminator) { sink.pointee.endRecord(end) }
                r += 1
            } else if q < strayQuotes.count, strayQuotes[q] == UInt32(truncatingIfNeeded: f) {
                lines.malformedQuote()
                q += 1
            } else if f < fieldCount {
                let n = Int(lengths[f])
                let index = lines.field(UnsafeMutableRawPointer(cursor), n)
                sink.pointee.field(UnsafeBufferPointer(start: cursor, count: n), index)
                cursor += n
                f += 1
            } else {
                return
            }
        }
    }
}

/// The reading thread's sink: keeps the callbacks' fields, row ends and stray quotes in the current batch.
struct BatchRecorder: CSVFieldSink {
    var batch: FieldBatch
    /// Where the batch's bytes of the record in progress start, and how many it had in earlier batches: `parse`
    /// checks the record's size against its limit after each chunk (`pendingBytes`, see `finishChunk`).
    var recordStart = 0
    var carried = 0

    init(batch: FieldBatch) {
        self.batch = batch
    }

    static let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
        data, length, context in
        let c = context!.assumingMemoryBound(to: CSVParseContext<BatchRecorder>.self)
        c.pointee.sink.batch.append(data, data == nil ? 0 : length)
    }

    static let rowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
        let c = context!.assumingMemoryBound(to: CSVParseContext<BatchRecorder>.self)
        c.pointee.sink.batch.appendRow(terminator)
        c.pointee.sink.recordStart = c.pointee.sink.batch.byteCount
        c.pointee.sink.carried = 0
    }

    /// The bytes of the record in progress, for the line bookkeeping's limit check; the next batch starts empty.
    mutating func finishChunk() -> Int {
        carried += batch.byteCount - recordStart
        recordStart = 0
        return carried
    }

    static func malformedQuote(_ context: UnsafeMutablePointer<CSVParseContext<BatchRecorder>>) {
        context.pointee.sink.batch.strayQuotes.append(UInt32(truncatingIfNeeded: context.pointee.sink.batch.fieldCount))
    }
}

/// The hand-over between the reading thread and the replaying one: a fixed set of batches, each either free (the
/// reader may fill it), queued (filled, in chunk order) or held by one side.
final class BatchPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: [FieldBatch]
    private var queued: [FieldBatch] = []
    private var finished = false
    private var cancelled = false

    /// Thrown on the reading thread when the replaying side has stopped.
    struct Stopped: Error {}

    init(batches: Int) {
        free = (0..<batches).map { _ in FieldBatch() }
    }

    deinit {
        for batch in free + queued { batch.release() }
    }

    /// A free batch for the reader to start with.
    func take() -> FieldBatch {
        condition.lock()
        defer { condition.unlock() }
        return free.removeLast()
    }

    /// Queues a filled batch and returns an empty one, waiting while every other batch is queued or replayed.
    /// - Throws: `Stopped` when the replaying side has stopped.
    func publish(_ batch: FieldBatch) throws -> FieldBatch {
        condition.lock()
        defer { condition.unlock() }
        if cancelled { throw Stopped() }
        queued.append(batch)
        condition.broadcast()
        while free.isEmpty, !cancelled { condition.wait() }
        if cancelled { throw Stopped() }
        var next = free.removeLast()
        next.reset()
        return next
    }

    /// The reader is done (finished or failed); `batch`, the one it held, goes back to the free set (unless it
    /// was queued already: `publish` queues it before it can find the pipe stopped).
    func finish(returning batch: FieldBatch) {
        condition.lock()
        defer { condition.unlock() }
        if !(free + queued).contains(where: { $0.bytes == batch.bytes }) { free.append(batch) }
        finished = true
        condition.broadcast()
    }

    /// The next queued batch in chunk order, waiting for the reader; nil once the reader is done and every batch
    /// it queued has been taken.
    func next() -> FieldBatch? {
        condition.lock()
        defer { condition.unlock() }
        while queued.isEmpty, !finished { condition.wait() }
        return queued.isEmpty ? nil : queued.removeFirst()
    }

    /// Gives a replayed batch back.
    func recycle(_ batch: FieldBatch) {
        condition.lock()
        defer { condition.unlock() }
        free.append(batch)
        condition.broadcast()
    }

    /// The replaying side stopped: the reader stops at its next hand-over.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
    }
}
