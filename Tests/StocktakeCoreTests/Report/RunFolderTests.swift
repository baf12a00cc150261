import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

#if canImport(Glibc)
import Glibc
#endif

/// Issue 13, items 2 and 3: run folders are reserved exclusively, planted links are never followed, and only the
/// leftovers of runs that are no longer alive are removed.
@Suite struct RunFolderTests {
    static func root() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runfolder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func idsAreUniquePerOutputFolderAndDatabase() throws {
        let root = try Self.root()
        let store = try StagingStore()
        let first = try RunFolder.reserve(root: root, base: "20261206T010203Z", isTaken: store.hasRun)
        #expect(first.runID == "20261206T010203Z")
        // Another process (another database) in the same second: the .partial folder is taken.
        let second = try RunFolder.reserve(root: root, base: "20261206T010203Z")
        #expect(second.runID == "20261206T010203Z-2")
        // The database knows an id the folder does not have.
        try store.beginRun(runID: "20261206T010204Z", pipeline: "p", definitionSHA256: "x", startedAt: "t", taxonomyVersions: "")
        #expect(try RunFolder.reserve(root: root, base: "20261206T010204Z", isTaken: store.hasRun).runID == "20261206T010204Z-2")
    }

    @Test func aPlantedPartialSymlinkIsNeverFollowed() throws {
        let root = try Self.root()
        let outside = try Self.root()
        #expect(symlink(outside.path, root.appendingPathComponent(".20261206T010203Z.partial").path) == 0)
        let folder = try RunFolder.reserve(root: root, base: "20261206T010203Z")
        #expect(folder.runID == "20261206T010203Z-2")
        // The next run's clean-up removes the link itself, not what it points to.
        try FileManager.default.createDirectory(at: outside.appendingPathComponent("keep"), withIntermediateDirectories: true)
        #expect(RunFolder.removeLeftovers(root: root) == [".20261206T010203Z.partial"])
        #expect(FileManager.default.fileExists(atPath: outside.appendingPathComponent("keep").path))
        #expect(FileManager.default.fileExists(atPath: folder.partial.path), "a live run's folder stays")
    }

    @Test func leftoversOfDeadRunsAreRemovedLiveOnesKept() throws {
        let root = try Self.root()
        let live = try RunFolder.reserve(root: root, base: "R1")
        let dead = try RunFolder.reserve(root: root, base: "R2")
        try Data("x".utf8).write(to: dead.partial.appendingPathComponent("gaps.csv"))
        dead.release()     // as if its process had died: the kernel drops the lock
        #expect(symlink("R2", root.appendingPathComponent(".latest.R2.tmp").path) == 0)
        #expect(symlink("R1", root.appendingPathComponent(".latest.R1.tmp").path) == 0)
        // Temporary index/record files: a live process's stays (it is about to rename it), a dead one's goes.
        // (pid_max is below 2^22 on Linux, so 4194304 is never a running process.)
        try Data("x".utf8).write(to: root.appendingPathComponent(".index.md.\(getpid()).tmp"))
        try Data("x".utf8).write(to: root.appendingPathComponent(".index.md.4194304.tmp"))
        #expect(RunFolder.removeLeftovers(root: root) == [".R2.partial", ".index.md.4194304.tmp", ".latest.R2.tmp"])
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".index.md.\(getpid()).tmp").path))
        #expect(FileManager.default.fileExists(atPath: live.partial.path))
        live.discard()
        #expect(!FileManager.default.fileExists(atPath: live.partial.path))
    }

    @Test func latestThatIsNotASymlinkIsAnErrorWithTheFix() throws {
        for makeDirectory in [true, false] {
            let root = try Self.root()
            let latest = root.appendingPathComponent("latest")
            if makeDirectory {
                try FileManager.default.createDirectory(at: latest, withIntermediateDirectories: true)
            } else {
                try Data("notes".utf8).write(to: latest)
            }
            #expect {
                try ReportPublisher.checkLatest(root: root)
            } throws: { error in
                let message = (error as? StocktakeError)?.message ?? ""
                return message.contains(makeDirectory ? "is a directory" : "is a regular file") && message.contains("mv ")
            }
        }
    }
}
