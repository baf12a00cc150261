import StocktakeModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An append-only file writer with a fixed 1 MiB buffer: memory stays flat however large the file grows.
///
/// Writes go to `path` + `.tmp` and `close()` renames the file into place, so a crash never leaves a
/// half-written file under the final name.
final class BufferedFileWriter {
    let path: String
    /// Bytes accepted so far (buffered or written).
    private(set) var bytesWritten = 0

    private let temporaryPath: String
    private var fd: Int32
    private let capacity = 1 << 20
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0

    /// Creates (truncates) the temporary file.
    ///
    /// - Throws: `StocktakeError.cantCreate` when the file cannot be opened.
    init(path: String) throws {
        self.path = path
        temporaryPath = path + ".tmp"
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw StocktakeError.cantCreate(path, String(cString: strerror(errno))) }
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit {
        if fd >= 0 {
            Glibc.close(fd)
            unlink(temporaryPath)
        }
        buffer.deallocate()
    }

    // MARK: - Writing

    /// Appends raw bytes.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try write($0) }
    }

    /// Appends raw bytes from a buffer.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        bytesWritten += bytes.count
        if count + bytes.count > capacity { try flush() }
        if bytes.count > capacity {
            try writeAll(UnsafeRawPointer(bytes.baseAddress!), bytes.count)
            return
        }
        (buffer + count).update(from: bytes.baseAddress!, count: bytes.count)
        count += bytes.count
    }

    /// Appends one byte.
    func write(byte: UInt8) throws {
        if count == capacity { try flush() }
        buffer[count] = byte
        count += 1
        bytesWritten += 1
    }

    /// Appends the UTF-8 bytes of `text`.
    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write($0) }
    }

    /// Writes the buffer out, closes the file and renames it to `path`.
    ///
    /// - Throws: `StocktakeError.cantCreate` on a write, close or rename failure.
    func close() throws {
        try flush()
        let result = Glibc.close(fd)
        fd = -1
        guard result == 0 else { throw StocktakeError.cantCreate(path, String(cString: strerror(errno))) }
        guard rename(temporaryPath, path) == 0 else {
            throw StocktakeError.cantCreate(path, String(cString: strerror(errno)))
        }
    }

    // MARK: - Private

    private func flush() throws {
        if count > 0 { try writeAll(UnsafeRawPointer(buffer), count) }
        count = 0
    }

    private func writeAll(_ start: UnsafeRawPointer, _ total: Int) throws {
        var offset = 0
        while offset < total {
            let n = Glibc.write(fd, start + offset, total - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw StocktakeError.cantCreate(path, String(cString: strerror(errno)))
            }
            offset += n
        }
    }
}
