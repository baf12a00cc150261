import StocktakeModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An anonymous temporary file of records, written through a buffer (1 MiB by default) and read back from the start.
///
/// The file is unlinked as soon as it is created, so it disappears when it is closed or the process ends, crash
/// included. A record is a header (hash, key length, tail length, 4 bytes each), the key bytes, then a tail of
/// fixed-layout values the caller appends. Write errors are kept in `failure` (writes come from libcsv's
/// callbacks, which cannot throw) and later writes are dropped.
final class SpillFile {
    /// One record as read back; its buffers are valid until the next `Reader.next()`.
    struct Record {
        let hash: UInt32
        let key: UnsafeBufferPointer<UInt8>
        let tail: UnsafeRawBufferPointer

        /// The value at `offset` bytes into the tail.
        func load<T: BitwiseCopyable>(_ offset: Int, as type: T.Type = T.self) -> T {
            tail.baseAddress!.loadUnaligned(fromByteOffset: offset, as: T.self)
        }
    }

    /// Sequential reader over the whole file.
    final class Reader {
        private let descriptor: Int32
        private let path: String
        private var buffer: UnsafeMutableRawPointer
        private var capacity: Int
        private var start = 0
        private var end = 0

        fileprivate init(descriptor: Int32, path: String, bufferSize: Int) {
            self.descriptor = descriptor
            self.path = path
            capacity = bufferSize
            buffer = .allocate(byteCount: capacity, alignment: 16)
        }

        deinit { buffer.deallocate() }

        /// The next record, or nil at the end of the file.
        func next() throws(StocktakeError) -> Record? {
            guard try fill(12) else { return nil }
            let hash = buffer.loadUnaligned(fromByteOffset: start, as: UInt32.self)
            let keyLength = Int(buffer.loadUnaligned(fromByteOffset: start + 4, as: UInt32.self))
            let tailLength = Int(buffer.loadUnaligned(fromByteOffset: start + 8, as: UInt32.self))
            guard try fill(12 + keyLength + tailLength) else {
                throw StocktakeError.cantCreate(path, "spill file ends inside a record")
            }
            let key = UnsafeBufferPointer(start: (buffer + start + 12).assumingMemoryBound(to: UInt8.self), count: keyLength)
            let record = Record(hash: hash, key: key,
                                tail: UnsafeRawBufferPointer(start: buffer + start + 12 + keyLength, count: tailLength))
            start += 12 + keyLength + tailLength
            return record
        }

        /// Makes `count` bytes available from `start`; false at a clean end of file (no byte left).
        private func fill(_ count: Int) throws(StocktakeError) -> Bool {
            if end - start >= count { return true }
            if count > capacity {
                var grown = capacity
                while grown < count { grown *= 2 }
                let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
                bigger.copyMemory(from: buffer + start, byteCount: end - start)
                buffer.deallocate()
                buffer = bigger
                capacity = grown
            } else {
                (buffer).copyMemory(from: buffer + start, byteCount: end - start)
            }
            end -= start
            start = 0
            while end < count {
                let n = Glibc.read(descriptor, buffer + end, capacity - end)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw StocktakeError.cantCreate(path, "cannot read the spill file back: \(String(cString: strerror(errno)))")
                }
                if n == 0 {
                    if end == 0 { return false }
                    throw StocktakeError.cantCreate(path, "spill file ends inside a record")
                }
                end += n
            }
            return true
        }
    }

    let path: String
    let bufferSize: Int
    private let descriptor: Int32
    private let buffer: UnsafeMutableRawPointer
    private var used = 0
    private(set) var failure: StocktakeError?

    /// Creates the file in `directory` and unlinks it at once.
    /// - Throws: `StocktakeError.cantCreate` when the file cannot be created.
    init(directory: String, bufferSize: Int = 1 << 20) throws(StocktakeError) {
        var template = Array("\(directory)/stocktake-spill-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        guard descriptor >= 0 else {
            throw StocktakeError.cantCreate(path, "cannot create a spill file (set TMPDIR to a writable folder): \(String(cString: strerror(errno)))")
        }
        unlink(path)
        self.path = path
        self.descriptor = descriptor
        self.bufferSize = bufferSize
        buffer = .allocate(byteCount: bufferSize, alignment: 16)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// Starts a record: its header and key; the caller then appends exactly `tailLength` bytes of values.
    func begin(hash: UInt32, key: UnsafeBufferPointer<UInt8>, tailLength: Int) {
        append(hash)
        append(UInt32(key.count))
        append(UInt32(tailLength))
        append(UnsafeRawBufferPointer(key))
    }

    @inline(__always)
    func append<T: BitwiseCopyable>(_ value: T) {
        // A fixed-size store when it fits (no `memmove` call per value: spilling writes millions of small values).
        let size = MemoryLayout<T>.size
        if size > 0, used + size <= bufferSize {
            buffer.storeBytes(of: value, toByteOffset: used, as: T.self)
            used += size
            return
        }
        withUnsafeBytes(of: value) { append($0) }
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        if used + bytes.count > bufferSize { flush() }
        if bytes.count > bufferSize {
            write(bytes)
        } else {
            (buffer + used).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            used += bytes.count
        }
    }

    /// Appends a record read from another spill file.
    func append(_ record: Record) {
        begin(hash: record.hash, key: record.key, tailLength: record.tail.count)
        append(record.tail)
    }

    /// Writes out the buffer, then reads the whole file from the start through `body`.
    /// - Throws: the first write error, a read error, or what `body` throws.
    func read(_ body: (Reader) throws -> Void) throws {
        flush()
        if let failure { throw failure }
        guard lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw StocktakeError.cantCreate(path, "cannot rewind the spill file: \(String(cString: strerror(errno)))")
        }
        defer { lseek(descriptor, 0, SEEK_END) }
        try body(Reader(descriptor: descriptor, path: path, bufferSize: bufferSize))
    }

    // MARK: - Private

    private func flush() {
        write(UnsafeRawBufferPointer(start: buffer, count: used))
        used = 0
    }

    private func write(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = StocktakeError.cantCreate(path, "cannot write the spill file: \(String(cString: strerror(errno)))")
                return
            }
            offset += n
        }
    }
}
