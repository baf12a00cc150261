import Crypto
import Foundation
import StocktakeIngest
import StocktakeModel

/// What a run read, as one SHA-256: the tool's version, the definition, every input (path and content), the
/// taxonomy folder, the provision file, the perturbation key and the command-line options that change the reports or the outcome. Two runs with the
/// same fingerprint publish the same figures, so `run` records the second as `unchanged` and writes nothing
/// (`--force` runs anyway).
enum RunFingerprint {
    /// - Parameter inputs: each input's path as the definition names it and its SHA-256, in pipeline order.
    /// - Parameter options: the command-line options that change the reports or the outcome (`options`: the CSV
    ///   variant and `--strict`).
    static func compute(loaded: LoadedPipeline, inputs: [(path: String, sha256: String)], options: String) throws -> String {
        var lines = ["tool \(StocktakeVersion.current)", "definition \(loaded.sha256)", "options \(options)"]
        lines += inputs.map { "input \($0.path) \($0.sha256)" }
        lines.append("taxonomy \(try folderHash(loaded.definition.taxonomy))")
        // The perturbation key (a key file or the environment may change it without touching the definition), as a
        // tag made with the key: the stored fingerprint says nothing about the key itself.
        lines.append("perturbation " + (loaded.perturbationKey.map {
            String($0.keyer.sip.hash(Array("stocktake run fingerprint".utf8)), radix: 16)
        } ?? "off"))
        if let provision = loaded.definition.provision {
            lines.append("provision \(try Ingestor.sha256(path: provision))")
        }
        return SHA256.hash(data: Data(lines.joined(separator: "\n").utf8)).lowercaseHex
    }

    /// The hash of a folder's regular files (names and contents, sorted by name).
    static func folderHash(_ path: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        var hasher = SHA256()
        for name in names where !name.hasPrefix(".") {
            let file = (path as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            hasher.update(data: Data("\(name) \(try Ingestor.sha256(path: file))\n".utf8))
        }
        return hasher.finalize().lowercaseHex
    }

    /// The fingerprint of this run when its inputs may be those of `last` — same paths and sizes — else nil
    /// without reading any input (a size that differs is a change).
    static func ifUnchanged(loaded: LoadedPipeline, last: StoredFingerprint, options: String) throws -> String? {
        let paths = loaded.inputs.map(\.entry.displayPath)
        guard Set(paths) == Set(last.inputs.keys), paths.count == last.inputs.count else { return nil }
        for input in loaded.inputs {
            let attributes = try? FileManager.default.attributesOfItem(atPath: input.entry.path)
            guard let size = (attributes?[.size] as? NSNumber)?.intValue,
                  size == last.inputs[input.entry.displayPath]?.size else { return nil }
        }
        let hashes = try loaded.inputs.map { (path: $0.entry.displayPath, sha256: try Ingestor.sha256(path: $0.entry.path)) }
        return try compute(loaded: loaded, inputs: hashes, options: options)
    }
}

/// The fingerprint of the last published run of a pipeline, with its inputs' sizes.
public struct StoredFingerprint: Sendable {
    public var runID: String
    public var fingerprint: String
    public var reportDir: String?
    /// Path → (SHA-256, size in bytes).
    public var inputs: [String: (sha256: String, size: Int)]
}
