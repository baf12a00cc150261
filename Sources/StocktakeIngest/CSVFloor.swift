import CLibCSV
import StocktakeModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The floor of this design: libcsv parsing a file in `CSVReader.chunkSize` `read(2)` chunks with no-op field callbacks (the row
/// callback only counts). Nothing the pipeline does can read a CSV faster than this, so benchmarks report their
/// throughput as a ratio of it.
public enum CSVFloor {
    /// What one parse saw.
    public struct Result: Sendable, Equatable {
        /// Bytes read.
        public var bytes: Int
        /// Row callbacks (records, plus blank-line terminators libcsv reports).
        public var rows: Int
    }

    /// Parses `path` completely with the same libcsv options as `CSVReader` (`delimiter`, comma by default; double
    /// quote).
    ///
    /// The caller times the call (the core library reads no clock).
    /// - Throws: `StocktakeError.noInput` when the file cannot be opened or read; `CSVReadError.internal` on a
    ///   libcsv failure.
    public static func parse(path: String, delimiter: UInt8 = 0x2C) throws -> Result {
        do {
            return try parse(try ByteSource(path: path, decompress: false), delimiter: delimiter)
        } catch let error as CSVReadError {
            throw FileProbe.map(error, path: path)
        }
    }

    private static func parse(_ source: ByteSource, delimiter: UInt8) throws -> Result {
        defer { source.close() }
        let parser = UnsafeMutablePointer<csv_parser>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard csv_init(parser, CSVReader.strictOptions) == 0 else {
            throw CSVReadError.internal("csv_init failed")
        }
        defer { csv_free(parser) }
        csv_set_delim(parser, delimiter)
        let chunk = CSVReader.chunkSize
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var rows = 0
        var bytes = 0
        try withUnsafeMutablePointer(to: &rows) { counter in
            let context = UnsafeMutableRawPointer(counter)
            while true {
                let n = try source.read(into: buffer, count: chunk)
                if n == 0 { break }
                bytes += n
                try CSVReader.parseChunk(parser, buffer, n, noOpField, countRow, context) {}
            }
            csv_set_opts(parser, CSVReader.lenientOptions)
            _ = csv_fini(parser, noOpField, countRow, context)
        }
        return Result(bytes: bytes, rows: rows)
    }
}

private let noOpField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { _, _, _ in }

private let countRow: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
    context!.assumingMemoryBound(to: Int.self).pointee &+= 1
}
