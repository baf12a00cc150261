import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// `scoring.perturbation` and its key (docs/methodology.md §5.1): decoding, where the key comes from, and the bad
/// key files that stop a run.
@Suite struct PerturbationKeyTests {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test func settingDecodesEveryForm() throws {
        #expect(try ScoringConfig.decode(yaml: "").perturbation == ScoringConfig.Perturbation(enabled: true))
        #expect(try ScoringConfig.decode(yaml: "perturbation: off").perturbation.enabled == false)
        #expect(try ScoringConfig.decode(yaml: "perturbation: on").perturbation.enabled == true)
        #expect(try ScoringConfig.decode(yaml: "perturbation: false").perturbation.enabled == false)
        #expect(try ScoringConfig.decode(yaml: "perturbation: { key_file: k.key }").perturbation
            == ScoringConfig.Perturbation(enabled: true, keyFile: "k.key"))
        #expect(try ScoringConfig.decode(yaml: "perturbation: { enabled: false, key_file: k.key }").perturbation.enabled == false)
        #expect(throws: (any Error).self) { try ScoringConfig.decode(yaml: "perturbation: sometimes") }
        #expect(ScoringConfig.knownKeys.contains("perturbation.key_file"))
    }

    @Test func theDemoKeyIsTheCommittedFile() throws {
        let file = try Data(contentsOf: Self.root.appendingPathComponent("inputs/perturbation-demo.key"))
        #expect([UInt8](file) == PerturbationKey.demo)
    }

    @Test func keyComesFromTheEnvironmentThenTheFileThenTheDemo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = (0..<16).map { UInt8($0) }, b = (0..<16).map { UInt8(255 - $0) }
        try Data(a).write(to: dir.appendingPathComponent("a.key"))
        try Data(b).write(to: dir.appendingPathComponent("b.key"))
        let demo = try PerturbationKey.resolve(keyFile: nil, directory: dir.path, environment: [:])
        #expect(demo.source == "demo" && demo.warning != nil && demo.keyer == RecordKeyer(keyBytes: PerturbationKey.demo))
        let file = try PerturbationKey.resolve(keyFile: "a.key", directory: dir.path, environment: [:])
        #expect(file.keyer == RecordKeyer(keyBytes: a) && file.warning == nil)
        let env = try PerturbationKey.resolve(
            keyFile: "a.key", directory: dir.path,
            environment: [PerturbationKey.environmentVariable: dir.appendingPathComponent("b.key").path])
        #expect(env.keyer == RecordKeyer(keyBytes: b))
    }

    @Test func missingOrMisSizedKeyFilesAreProblems() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("0123456789abcdef\n".utf8).write(to: dir.appendingPathComponent("hex.key"))
        #expect(throws: PerturbationKey.Problem.self) {
            try PerturbationKey.resolve(keyFile: "absent.key", directory: dir.path, environment: [:])
        }
        do {
            _ = try PerturbationKey.resolve(keyFile: "hex.key", directory: dir.path, environment: [:])
            Issue.record("a 17-byte key file was accepted")
        } catch let problem as PerturbationKey.Problem {
            #expect(problem.message.contains("exactly 16 bytes") && problem.message.contains("17"))
        }
    }

    @Test func newKeysAreRandomPrivateAndNeverOverwritten() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let one = dir.appendingPathComponent("one.key").path, two = dir.appendingPathComponent("two.key").path
        try PerturbationKey.writeNew(to: one)
        try PerturbationKey.writeNew(to: two)
        let attributes = try FileManager.default.attributesOfItem(atPath: one)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: one))
        let other = try Data(contentsOf: URL(fileURLWithPath: two))
        #expect(bytes.count == 16 && bytes != other)
        #expect(throws: StocktakeError.self) { try PerturbationKey.writeNew(to: one) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: one)) == bytes)
    }
}
