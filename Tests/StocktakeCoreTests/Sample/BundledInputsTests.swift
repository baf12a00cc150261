import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// The committed `inputs/` must be exactly what the documented command writes, so the README never lies about
/// how the bundled data was made. After changing the generator, regenerate with
/// `stocktake sample --out inputs --seed 42 --respondents 120 --no-labour` (the labour statistics are real:
/// `inputs/ilostat/`, copied from the shared ILOSTAT extract with its SOURCES.md).
@Suite struct BundledInputsTests {
    private static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func bundledInputsMatchTheDocumentedCommand() throws {
        let inputs = Self.repositoryRoot.appendingPathComponent("inputs")
        let dir = try SampleTemporaryDirectory()
        defer { dir.cleanUp() }
        var options = SampleOptions(outputDirectory: dir.path, seed: 42, respondents: 120)
        options.writesLabour = false
        try SampleGenerator.generate(options)
        var names = ["provision.csv"]
        for code in SampleVocabulary.countryCodes {
            names.append("\(code)/survey.csv")
            #expect(!FileManager.default.fileExists(atPath: inputs.appendingPathComponent("\(code)/labour.csv").path),
                    "inputs/\(code)/labour.csv: the bundled labour statistics are ILOSTAT's")
            #expect(!FileManager.default.fileExists(atPath: dir.file("\(code)/labour.csv")))
        }
        for name in names {
            let bundled = try Data(contentsOf: inputs.appendingPathComponent(name))
            #expect(bundled == (try dir.contents(name)), "inputs/\(name) differs from the generator's output")
        }
    }
}
