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

    /// Runs a system command (`/usr/bin/env NAME ARGS…`) quietly and returns its exit status.
    static func system(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Runs `/usr/bin/env ARGS…` and returns its status and stdout + stderr.
    static func capture(_ arguments: [String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The SHA-256 of a file, lower-case hex (`sha256sum`).
    static func sha256(_ url: URL) throws -> String {
        String(try capture(["sha256sum", url.path]).text.prefix(64))
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

/// A `stocktake` process started in the background, for the tests that signal a run.
final class RunningBinary {
    let process = Process()
    private let stderrPipe = Pipe()
    private(set) var stderr = ""

    init(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws {
        process.executableURL = BinaryRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderrPipe
        try process.run()
    }

    /// Reads stderr until it contains `text` (false when the process ends first or 60 s pass).
    func waitFor(_ text: String) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while !stderr.contains(text), Date() < deadline {
            let data = stderrPipe.fileHandleForReading.availableData
            if data.isEmpty { return stderr.contains(text) }
            stderr += String(decoding: data, as: UTF8.self)
        }
        return stderr.contains(text)
    }

    /// Waits for the end and returns the exit status, with all of stderr read.
    func finish() -> Int32 {
        stderr += String(decoding: stderrPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus
    }
}
