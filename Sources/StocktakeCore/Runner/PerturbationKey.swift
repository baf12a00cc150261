import Foundation
import StocktakeModel

/// The secret key of the cell key perturbation (`scoring.perturbation`, `docs/methodology.md` §5.1): where it comes
/// from, and how a new one is made. I/O at the edge; the stages only see the keys it produces.
public enum PerturbationKey {
    /// Overrides `scoring.perturbation.key_file`.
    public static let environmentVariable = "STOCKTAKE_PERTURBATION_KEY_FILE"

    /// Bytes of a key file.
    public static let length = 16

    /// The bundled demo key, the bytes of `inputs/perturbation-demo.key`. **Public, not secret**: anyone can compute
    /// the record keys with it, so a release made with it protects against differencing only as long as nobody
    /// bothers. Runs without a configured key use it and warn.
    public static let demo: [UInt8] = [
        0x97, 0x6e, 0x6e, 0x9e, 0x69, 0xe2, 0xd7, 0xd0, 0x09, 0xce, 0xf5, 0xb6, 0x17, 0xc5, 0xa5, 0x48,
    ]

    /// The keyer of a run and, when the demo key is used, the warning to log.
    public struct Resolved: Sendable {
        public var keyer: RecordKeyer
        /// Where the key came from: a path, or `demo`.
        public var source: String
        public var warning: String?

        /// Whether this is the bundled public demo key.
        public var isDemo: Bool { source == PerturbationKey.demoSource }
    }

    /// `Resolved.source` of the demo key.
    static let demoSource = "demo"

    /// The key a run uses: the file named by `STOCKTAKE_PERTURBATION_KEY_FILE`, else `keyFile` (relative to
    /// `directory`), else the demo key with a warning.
    ///
    /// - Throws: `PerturbationKey.Problem` naming the file when it is missing, unreadable or not exactly 16 bytes.
    public static func resolve(keyFile: String?, directory: String,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Resolved {
        let named: (path: String, origin: String)?
        if let path = environment[environmentVariable], !path.isEmpty {
            named = (path, environmentVariable)
        } else if let keyFile {
            let path = keyFile.hasPrefix("/") ? keyFile : URL(fileURLWithPath: directory).appendingPathComponent(keyFile).path
            named = (path, "scoring.perturbation.key_file")
        } else {
            named = nil
        }
        guard let named else {
            return Resolved(
                keyer: RecordKeyer(keyBytes: demo)!, source: demoSource,
                warning: "no key_file and no \(environmentVariable): the published values are perturbed with the bundled demo key, which is public (make a secret one with `stocktake debug new-perturbation-key --out FILE`)")
        }
        guard let data = FileManager.default.contents(atPath: named.path) else {
            let why = FileManager.default.fileExists(atPath: named.path) ? "cannot be read" : "does not exist"
            throw Problem(message: "perturbation key file \(named.path) (\(named.origin)) \(why)")
        }
        guard let keyer = RecordKeyer(keyBytes: [UInt8](data)) else {
            throw Problem(message: "perturbation key file \(named.path) (\(named.origin)) must hold exactly \(length) bytes, it holds \(data.count) (make one with `stocktake debug new-perturbation-key --out FILE`)")
        }
        return Resolved(keyer: keyer, source: named.path, warning: nil)
    }

    /// A key file that cannot be used.
    public struct Problem: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Writes 16 bytes from /dev/urandom to `path`, created with mode 0600 (never over an existing file).
    ///
    /// - Throws: `StocktakeError.cantCreate` when the file exists or cannot be written, or /dev/urandom cannot be read.
    public static func writeNew(to path: String) throws {
        guard let random = FileHandle(forReadingAtPath: "/dev/urandom") else {
            throw StocktakeError.cantCreate(path, "cannot read /dev/urandom")
        }
        let bytes = random.readData(ofLength: length)
        try? random.close()
        guard bytes.count == length else { throw StocktakeError.cantCreate(path, "short read from /dev/urandom") }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw StocktakeError.cantCreate(path, String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, length) }
        guard written == length, fsync(fd) == 0 else {
            throw StocktakeError.cantCreate(path, String(cString: strerror(errno)))
        }
    }
}
