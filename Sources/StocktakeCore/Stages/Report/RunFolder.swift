import Foundation
import StocktakeModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder a run publishes into, reserved when the run starts so that no other process — another database
/// publishing to the same `--out`, a planted link — can take its id or its files.
///
/// A reservation is the directory `<root>/.<runID>.partial`, made with `mkdir(2)` (which never follows an entry
/// already there: a planted symlink makes the id taken, never a path to write through), and an `flock(2)` on that
/// directory held until the run ends. The lock says "its owner is alive": the kernel drops it when the process dies,
/// so `removeLeftovers` can tell the folders of dead runs from those of runs still working.
public final class RunFolder {
    public let root: URL
    public let runID: String
    private var descriptor: Int32

    /// `<root>/.<runID>.partial`: where the run's files go until they are published.
    public var partial: URL { root.appendingPathComponent(".\(runID).partial") }
    /// `<root>/<runID>`: the published folder.
    public var final: URL { root.appendingPathComponent(runID) }

    private init(root: URL, runID: String, descriptor: Int32) {
        self.root = root
        self.runID = runID
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Reserves the first free id of `base`, `base-2`, `base-3`… under `root` (created if needed). An id is free
    /// when neither `<root>/<id>` nor `<root>/.<id>.partial` exists and `isTaken(id)` is false (the database's runs).
    /// - Throws: `StocktakeError.cantCreate` (73) when the folder cannot be made.
    public static func reserve(root: URL, base: String, isTaken: (String) throws -> Bool = { _ in false }) throws -> RunFolder {
        try ReportPublisher.validateRunID(base)
        try Directories.ensure(root.path)
        var counter = 1
        while counter < 10_000 {
            let id = candidateID(base, counter)
            counter += 1
            if try exists(root.appendingPathComponent(id).path) || isTaken(id) { continue }
            let path = root.appendingPathComponent(".\(id).partial").path
            guard mkdir(path, 0o755) == 0 else {
                if errno == EEXIST { continue }
                throw StocktakeError.cantCreate(path, "cannot create the run folder: \(ReportPublisher.errnoText())")
            }
            // Lock it, and check that the directory locked is the one made (a cleaner may have removed it between
            // mkdir and the lock, taking it for a dead run's leftover): else try the next id.
            guard let descriptor = lockDirectory(path) else { continue }
            var made = stat()
            var locked = stat()
            guard lstat(path, &made) == 0, fstat(descriptor, &locked) == 0, made.st_ino == locked.st_ino,
                  made.st_dev == locked.st_dev
            else {
                close(descriptor)
                continue
            }
            return RunFolder(root: root, runID: id, descriptor: descriptor)
        }
        throw StocktakeError.cantCreate(root.path, "no free run id for \(base)")
    }

    /// The `n`th id tried for `base`: `base`, `base-2`, `base-3`…
    static func candidateID(_ base: String, _ n: Int) -> String { n == 1 ? base : "\(base)-\(n)" }

    /// Removes what runs that are no longer alive left under `root`: `.<id>.partial` folders nobody holds the lock
    /// of, `.<id>.partial` entries that are not directories (symlinks are removed, never followed), and temporary
    /// `latest` links (`.latest.<id>.tmp`) whose run is not running. Returns the names removed, sorted.
    @discardableResult
    public static func removeLeftovers(root: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(".") {
            let path = root.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
            if name.hasSuffix(".partial") {
                if !isDirectory {
                    if unlink(path) == 0 { removed.append(name) }
                } else if let descriptor = lockDirectory(path) {
                    // The owner is gone (or never locked it): remove the tree while holding its lock.
                    if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(name) }
                    close(descriptor)
                }
            } else if name.hasPrefix(".latest."), name.hasSuffix(".tmp"), !isDirectory {
                let id = String(name.dropFirst(".latest.".count).dropLast(".tmp".count))
                let owner = [root.appendingPathComponent(id).path, root.appendingPathComponent(".\(id).partial").path]
                    .first(where: exists)
                var alive = false
                if let owner {
                    if let descriptor = lockDirectory(owner) { close(descriptor) } else { alive = true }
                }
                if !alive, unlink(path) == 0 { removed.append(name) }
            } else if name.hasSuffix(".tmp"), !isDirectory, let pid = Self.writerProcess(name), kill(pid, 0) != 0, errno == ESRCH {
                // `.index.md.<pid>.tmp`, `.last-run.json.<pid>.tmp` of a process that died before its rename.
                if unlink(path) == 0 { removed.append(name) }
            }
        }
        return removed
    }

    /// The process id in the name of a file `ReportPublisher.replaceAtomically` writes (`.index.md.4711.tmp`).
    static func writerProcess(_ name: String) -> pid_t? {
        let parts = name.dropLast(".tmp".count).split(separator: ".")
        guard parts.count >= 2, let pid = pid_t(parts[parts.count - 1]), pid > 0 else { return nil }
        return pid
    }

    /// Removes the unpublished folder (after a failure or a cancellation) and releases the reservation. The
    /// published folder, if the run got that far, is kept.
    public func discard() {
        if descriptor >= 0, Self.exists(partial.path) {
            try? FileManager.default.removeItem(at: partial)
        }
        release()
    }

    /// Ends the reservation (the lock); the folders stay as they are.
    public func release() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
    }

    /// Opens `path` as a directory without following a symlink and takes its lock; nil when another process
    /// holds it or it is not a directory.
    static func lockDirectory(_ path: String) -> Int32? {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
