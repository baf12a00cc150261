import Foundation

/// Creating folders that other processes may be creating at the same moment (two runs with one `--out`, or with
/// their databases in one folder).
public enum Directories {
    /// Makes `path` and its parents. A folder that appears meanwhile — made by another process between the check
    /// and the `mkdir` — is no error; anything else at `path` is.
    /// - Throws: `StocktakeError.cantCreate` (73).
    public static func ensure(_ path: String) throws {
        var creationError: (any Error)?
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            creationError = error
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            let reason = creationError.map { "cannot create directory: \($0.localizedDescription)" } ?? "not a directory"
            throw StocktakeError.cantCreate(path, reason)
        }
    }
}
