import Crypto
import Foundation
import StocktakeModel

/// Facts about an input file learnt before parsing: size, hash, the first bytes, and what they look like.
///
/// File-level problems found here (missing file, empty file, UTF-16, NUL bytes, corrupt gzip) throw.
struct FileProbe: Sendable {
    var path: String
    var sizeBytes: Int
    /// SHA-256 of a gzip file's compressed bytes, hashed here; nil for plain files, which the parse hashes on a
    /// second thread while it reads (`CSVReadSummary.sha256`).
    var gzipSHA256: String?
    /// First bytes after decompression (BOM included).
    var sample: [UInt8]
    var isGzip: Bool
    var hasBOM: Bool
    /// Whether `sample` holds the whole (decompressed) file, so that its last bytes are the file's last bytes.
    var sampleIsWholeFile: Bool
    /// What the sample's bytes read as (`EncodingDetector`): the same verdict for `inspect` and `run`.
    var encoding: EncodingDetection

    /// Probes `path`.
    ///
    /// - Throws: `StocktakeError.noInput` when the file is missing or unreadable; `IngestError` for empty files,
    ///   UTF-16 text, binary content and corrupt gzip streams.
    init(path: String) throws {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw StocktakeError.noInput(path, String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw StocktakeError.noInput(path, "not a regular file") }
        sizeBytes = Int(info.st_size)
        do {
            (sample, isGzip) = try CSVReader.peek(path: path)
        } catch let error as CSVReadError {
            throw FileProbe.map(error, path: path)
        }
        gzipSHA256 = isGzip ? try FileProbe.hash(path: path) : nil
        if sample.isEmpty {
            throw IngestError(file: path, code: .emptyFile, "the file is empty: export the data again")
        }
        if sample.count >= 2, (sample[0] == 0xFF && sample[1] == 0xFE) || (sample[0] == 0xFE && sample[1] == 0xFF) {
            throw IngestError(file: path, line: 1, code: .encodingError,
                              "the file is UTF-16 text: save it as UTF-8 (\"CSV UTF-8\" in Excel)")
        }
        hasBOM = sample.count >= 3 && sample[0] == 0xEF && sample[1] == 0xBB && sample[2] == 0xBF
        if let nul = sample.firstIndex(of: 0) {
            let line = sample[..<nul].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw IngestError(file: path, line: line, code: .formatError,
                              "NUL byte on line \(line): this is a binary file (a spreadsheet?), not delimited text; export it as CSV")
        }
        sampleIsWholeFile = sample.count < CSVReader.peekCount || (!isGzip && sample.count == sizeBytes)
        encoding = EncodingDetector.detect(sample[(hasBOM ? 3 : 0)...], isWholeFile: sampleIsWholeFile)
    }

    /// Maps a reader error to the file-level error the runner reports.
    static func map(_ error: CSVReadError, path: String) -> any Error {
        switch error {
        case .cannotOpen(_, let reason), .readFailed(_, let reason):
            return StocktakeError.noInput(path, reason)
        case .corruptGzip(_, let reason):
            return IngestError(file: path, code: .compressionError, "the gzip stream is corrupt (\(reason)): download the file again")
        case .recordTooLong(let line, let limit):
            return IngestError(file: path, line: line, code: .lineTooLong,
                               "the record starting here is longer than \(limit >> 20) MiB: a quote is probably never closed")
        case .binaryContent(let line):
            return IngestError(file: path, line: line, code: .formatError,
                               "NUL byte on line \(line): this is a binary file or UTF-16 text, not delimited text; export it as CSV UTF-8")
        case .internal(let message):
            return IngestError(file: path, code: .formatError, "the CSV parser failed: \(message)")
        }
    }

    /// Streams the file through SHA-256 (the bytes as stored, compressed or not); nil when `isCancelled` turned
    /// true (checked every chunk).
    static func hash(path: String, isCancelled: () -> Bool) throws -> String? {
        do {
            let source = try ByteSource(path: path, decompress: false)
            defer { source.close() }
            var hasher = SHA256()
            // The parse's chunk size: a bigger buffer hashes no faster and stays resident during the run.
            let size = CSVReader.chunkSize
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let n = try source.read(into: buffer, count: size)
                if n == 0 { break }
                hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: n))
                if isCancelled() { return nil }
            }
            return hasher.finalize().lowercaseHex
        } catch let error as CSVReadError {
            throw FileProbe.map(error, path: path)
        }
    }

    /// Streams the file through SHA-256.
    static func hash(path: String) throws -> String {
        try hash(path: path, isCancelled: { false })!
    }

    // MARK: - Sniffing

    /// The first line of the sample (after the BOM), without its line break.
    var firstLine: ArraySlice<UInt8> {
        let body = sample[(hasBOM ? 3 : 0)...]
        let end = body.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) ?? body.endIndex
        return body[body.startIndex..<end]
    }

    /// Guesses the delimiter from the first lines: the candidate (`,` `;` tab `|`) that occurs most often outside
    /// quotes on the header line and equally often on the next lines; comma on a tie.
    func sniffDelimiter() -> UInt8 {
        let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]
        let body = sample[(hasBOM ? 3 : 0)...]
        var lines: [[Int]] = []
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuote = false
        for byte in body {
            if byte == 0x22 { inQuote.toggle(); continue }
            if inQuote { continue }
            if byte == 0x0A {
                lines.append(counts)
                counts = [Int](repeating: 0, count: candidates.count)
                if lines.count >= 5 { break }
                continue
            }
            if let i = candidates.firstIndex(of: byte) { counts[i] += 1 }
        }
        if lines.isEmpty { lines.append(counts) }
        var best = 0
        var bestScore = 0
        for i in candidates.indices {
            let header = lines[0][i]
            guard header > 0 else { continue }
            let consistent = lines.dropFirst().allSatisfy { $0[i] == header }
            let score = header * (consistent ? 2 : 1)
            if score > bestScore { best = i; bestScore = score }
        }
        return candidates[best]
    }
}

/// SHA-256 of a file computed on a thread of its own while the caller parses the same file, so the hash costs the
/// parse no time on a machine with a second core (it costs the same CPU time either way).
final class BackgroundSHA256: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var work: BackgroundWork<String?>!

    /// Starts hashing `path`.
    init(path: String) {
        work = BackgroundWork { [self] in
            try FileProbe.hash(path: path, isCancelled: { self.lock.withLock { self.cancelled } })
        }
    }

    /// Waits for the hash. - Throws: `StocktakeError.noInput` when the file could not be read.
    func result() throws -> String {
        try work.value() ?? ""
    }

    /// Stops the hashing early (the parse failed) and waits for the thread to finish.
    func cancel() {
        lock.withLock { cancelled = true }
        _ = try? work.value()
    }
}
