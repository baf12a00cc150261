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
    /// Batches in flight between the reading thread and the sink: one being filled, the others queued or being
    /// replayed. Each holds about one chunk's fields (≈ 0.3 MB), so the pipeline's memory is bounded.
    static let pipelineBatches = 4

    /// Reads `path` like `parse`, with the read, libcsv and the line bookkeeping on a thread of their own and the
    /// sink's work on the calling thread: the reading thread records each chunk's fields and record ends in a
    /// `FieldBatch`, and the calling thread replays them into `sink`, calling `afterChunk` after each chunk as
    /// `parse` does (so records and rejects are delivered chunk by chunk, in file order).
    ///
    /// The sink sees exactly the calls `parse` would make, in the same order, so its results cannot depend on the
    /// threads. A read failure (`CSVReadError`, a cancellation) is thrown after the sink has replayed every chunk
    /// read before it, as `parse` does; when `afterChunk` throws, the reading thread is stopped and waited for.
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
                context.pointee.sink.batch = try pipe.publish(context.pointee.sink.batch)
                return 0
            }
        }
        var replay = BatchReplay()
        var records = 0
        do {
            while let batch = pipe.next() {
                defer { pipe.recycle(batch) }
                replay.run(batch, into: sink)
                records += try afterChunk()
            }
        } catch {
            pipe.cancel()
            _ = try? reading.value()
            throw error
        }
        var summary = try reading.value()
        summary.records = records
        return summary
    }
}

/// The fields and record ends libcsv delivered while one chunk was parsed, in order. Field bytes are stored one
/// after the other, each followed by a NUL byte; a record that continues into the next chunk has its first fields
/// here and its end in the next batch.
struct FieldBatch: @unchecked Sendable {
    var bytes: UnsafeMutablePointer<UInt8>
    var byteCount = 0
    var byteCapacity: Int
    var lengths: UnsafeMutablePointer<UInt32>
    var fieldCount = 0
    var fieldCapacity: Int
    var ends: UnsafeMutablePointer<CSVLineTracker.RecordEnd>
    var endCount = 0
    var endCapacity: Int

    init() {
        byteCapacity = CSVReader.chunkSize + (1 << 16)
        bytes = .allocate(capacity: byteCapacity)
        fieldCapacity = 1 << 15
        lengths = .allocate(capacity: fieldCapacity)
        endCapacity = 1 << 12
        ends = .allocate(capacity: endCapacity)
    }

    func release() {
        bytes.deallocate()
        lengths.deallocate()
        ends.deallocate()
    }

    /// Appends a field of `n` bytes at `data` (nil or 0 bytes: an empty field).
    @inline(__always)
    mutating func append(_ data: UnsafeMutableRawPointer?, _ n: Int) {
        if byteCount + n >= byteCapacity || fieldCount == fieldCapacity { grow(bytes: n) }
        let destination = bytes + byteCount
        if n > 0, let data {
            let source = data.assumingMemoryBound(to: UInt8.self)
            if n <= 16 {
                // Short fields (most of them) are copied inline, word by word; memcpy's call costs more.
                var i = 0
                while i + 8 <= n {
                    UnsafeMutableRawPointer(destination + i).storeBytes(
                        of: UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self), as: UInt64.self)
                    i += 8
                }
                while i < n {
                    destination[i] = source[i]
                    i += 1
                }
            } else {
                destination.update(from: source, count: n)
            }
        }
        destination[n] = 0
        byteCount += n + 1
        lengths[fieldCount] = UInt32(truncatingIfNeeded: n)
        fieldCount += 1
    }

    @inline(__always)
    mutating func append(_ end: CSVLineTracker.RecordEnd) {
        if endCount == endCapacity {
            let grown = UnsafeMutablePointer<CSVLineTracker.RecordEnd>.allocate(capacity: endCapacity * 2)
            grown.initialize(from: ends, count: endCount)
            ends.deallocate()
            ends = grown
            endCapacity *= 2
        }
        (ends + endCount).initialize(to: end)
        endCount += 1
    }

    private mutating func grow(bytes n: Int) {
        if byteCount + n >= byteCapacity {
            var capacity = byteCapacity * 2
            while byteCount + n >= capacity { capacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: bytes, count: byteCount)
            bytes.deallocate()
            bytes = grown
            byteCapacity = capacity
        }
        if fieldCount == fieldCapacity {
            let grown = UnsafeMutablePointer<UInt32>.allocate(capacity: fieldCapacity * 2)
            grown.update(from: lengths, count: fieldCount)
            lengths.deallocate()
            lengths = grown
            fieldCapacity *= 2
        }
    }

    mutating func reset() {
        byteCount = 0
        fieldCount = 0
        endCount = 0
    }
}

/// The reading thread's sink: keeps the line bookkeeping's fields and record ends in the current batch.
struct BatchRecorder: CSVFieldSink {
    var batch: FieldBatch

    static let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
        data, length, context in
        let c = context!.assumingMemoryBound(to: CSVParseContext<BatchRecorder>.self)
        let n = data == nil ? 0 : length
        _ = c.pointee.lines.field(data, n)
        c.pointee.sink.batch.append(data, n)
    }

    static let rowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
        let c = context!.assumingMemoryBound(to: CSVParseContext<BatchRecorder>.self)
        guard let end = c.pointee.lines.endRow(terminator) else { return }
        c.pointee.sink.batch.append(end)
    }
}

/// Replays batches into a sink, carrying a record that spans two batches.
struct BatchReplay {
    /// Fields of the record in progress already replayed (from earlier batches).
    var pending = 0

    @inline(__always)
    mutating func run<Sink: CSVReplaySink>(_ batch: FieldBatch, into sink: UnsafeMutablePointer<Sink>) {
        var cursor = UnsafePointer(batch.bytes)
        var f = 0
        for e in 0..<batch.endCount {
            let end = batch.ends[e]
            var index = pending
            while index < end.count {
                let n = Int(batch.lengths[f])
                sink.pointee.field(UnsafeBufferPointer(start: cursor, count: n), index)
                cursor += n + 1
                f += 1
                index += 1
            }
            pending = 0
            sink.pointee.endRecord(end)
        }
        while f < batch.fieldCount {
            let n = Int(batch.lengths[f])
            sink.pointee.field(UnsafeBufferPointer(start: cursor, count: n), pending)
            cursor += n + 1
            f += 1
            pending += 1
        }
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
