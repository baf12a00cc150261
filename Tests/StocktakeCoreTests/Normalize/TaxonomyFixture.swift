import Foundation
@testable import StocktakeCore
@testable import StocktakeModel

/// The bundled taxonomy (`inputs/taxonomy/` at the repository root), loaded once for all tests.
enum TaxonomyFixture {
    static let directory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("inputs/taxonomy").path

    static let shared: Taxonomy = {
        do { return try Taxonomy.load(directory: directory) } catch { fatalError("cannot load taxonomy: \(error)") }
    }()

    /// A temporary copy of the bundled taxonomy with `edits` applied (file name → lines appended).
    static func copy(appending edits: [String: [String]]) throws -> String {
        let target = FileManager.default.temporaryDirectory
            .appendingPathComponent("stocktake-taxonomy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for name in Taxonomy.fileNames {
            var text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            if let lines = edits[name] {
                if !text.hasSuffix("\n") { text += "\n" }
                text += lines.joined(separator: "\n") + "\n"
            }
            try text.write(toFile: target + "/" + name, atomically: true, encoding: .utf8)
        }
        return target
    }
}
