import Foundation

/// A fresh temporary directory for one test, removed by `cleanUp()`.
struct SampleTemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "stocktake-sample-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func contents(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: file(name)))
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
