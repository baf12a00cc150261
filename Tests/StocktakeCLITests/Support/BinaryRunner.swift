import Foundation

/// Runs the built `stocktake` binary as a user would, capturing stdout, stderr and the exit code.
struct BinaryRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `.build/debug/stocktake` (built by `swift build` / `make test` before the tests run).
    static var binary: URL {
        let candidates = [".build/debug/stocktake", ".build/release/stocktake"].map { packageRoot.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    static func run(_ arguments: [String], in directory: URL, stdin: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// A fresh temporary copy of the fixture pipeline `name` (Tests/StocktakeCLITests/Fixtures/<name>), with the
    /// repository's taxonomy next to it, as `<tmp>/pipeline.yaml`.
    static func fixture(_ name: String) throws -> URL {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("stocktake-e2e-\(UUID().uuidString)")
        let source = packageRoot.appendingPathComponent("Tests/StocktakeCLITests/Fixtures/\(name)")
        try fm.copyItem(at: source, to: tmp)
        try fm.copyItem(at: packageRoot.appendingPathComponent("inputs/taxonomy"),
                        to: tmp.appendingPathComponent("taxonomy"))
        return tmp
    }
}
