import Foundation
import Testing
@testable import StocktakeModel

/// Two processes creating one folder at once (two runs with one `--out`) must both go on.
@Suite struct DirectoriesTests {
    @Test func concurrentCreationOfOneFolderSucceedsEverywhere() async throws {
        for round in 0..<20 {
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("dirs-\(UUID().uuidString)/a/b/c-\(round)").path
            let failures = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 { group.addTask { (try? Directories.ensure(path)) == nil } }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(failures == 0)
        }
    }

    @Test func aFileInTheWayIsExit73() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dirs-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        #expect { try Directories.ensure(path) } throws: { ($0 as? StocktakeError)?.status == .cantCreate }
    }
}
