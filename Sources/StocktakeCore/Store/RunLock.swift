import Foundation
import StocktakeModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive, non-blocking lock per pipeline database, held for a whole run.
///
/// Uses `flock(2)`: the kernel releases it when the process dies, so a crashed run never leaves a stale lock.
public final class RunLock {
    /// Locks the database at `database` by its identity: the lock file is `<real path>.lock`, the path with every
    /// symlink resolved, so the same database reached through a symlink or another spelling shares one lock.
    public convenience init(database: String) throws {
        try self.init(path: Self.realPath(database) + ".lock")
    }

    /// `path` with every symlink resolved, also when the last component is a symlink to a file not created yet.
    static func realPath(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            let folder = URL(fileURLWithPath: current).deletingLastPathComponent().resolvingSymlinksInPath().path
            let name = URL(fileURLWithPath: current).lastPathComponent
            let joined = folder == "/" ? "/" + name : folder + "/" + name
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(joined, &buffer, Int(PATH_MAX))
            guard length > 0 else { return joined }
            let target = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : folder + "/" + target
        }
        return current
    }

    public let path: String
    private var fd: Int32

    /// Takes the lock or fails at once.
    /// - Throws: `StocktakeError` `.tempFail` (exit 75) when another run holds it; `.cantCreate` (73) when the
    ///   lock file cannot be created.
    public init(path: String) throws {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StocktakeError.cantCreate(path, String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let busy = errno == EWOULDBLOCK
            close(fd)
            fd = -1
            if busy {
                throw StocktakeError(.tempFail, "\(path): another run of this pipeline holds the lock; try again later")
            }
            throw StocktakeError.cantCreate(path, String(cString: strerror(errno)))
        }
    }

    /// Releases the lock (also done on deinit).
    public func release() {
        if fd >= 0 {
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit { release() }
}
