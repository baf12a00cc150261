import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// Golden-file tests of every Markdown, CSV, SVG and JSON file the renderer writes for `ReportFixture` and of one
/// HTML page (the workbook is checked by `ReportWorkbookTests`: its bytes depend on the libxlsxwriter version).
///
/// To regenerate the goldens after an intended change, run
/// `STOCKTAKE_UPDATE_GOLDEN=1 swift test --filter ReportGoldenTests` and review the diff in
/// `Tests/StocktakeCoreTests/Fixtures/report/golden/` before committing.
@Suite struct ReportGoldenTests {
    static var sourceGoldenDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/report/golden")
    }

    static func render(_ variant: ReportOptions.CSVVariant = .standard) throws -> [ReportFile] {
        let catalog = try ReportFixture.catalog()
        return ReportRenderer(catalog: catalog, options: ReportOptions(csvVariant: variant)).render(ReportFixture.model())
    }

    /// The run folder's methodology.md is docs/methodology.md, byte for byte (so it is no golden file of its own).
    @Test func methodologyIsACopyOfTheDocument() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let document = try Data(contentsOf: root.appendingPathComponent("docs/methodology.md"))
        let copy = try #require(try Self.render().first { $0.path == ReportRenderer.methodologyFileName })
        #expect(copy.contents == document)
    }

    /// The one HTML page with a golden file: the German report, which holds the fixture's hostile text. Its
    /// methodology appendix is left out of the comparison (`withoutAppendix`), so editing docs/methodology.md changes
    /// no golden file; `ReportHTMLTests` checks the appendix.
    static let goldenPage = "DE.html"

    /// `page` with the appendix section's content replaced by a marker.
    static func withoutAppendix(_ page: ReportFile) throws -> ReportFile {
        let text = String(decoding: page.contents, as: UTF8.self)
        let start = try #require(text.range(of: "<section id=\"\(ReportHTML.appendixID)\""))
        let end = try #require(text.range(of: "</section>\n", range: start.upperBound..<text.endIndex))
        let head = text[..<start.lowerBound], tail = text[end.lowerBound...]
        return ReportFile(path: page.path, text: head + "<section id=\"\(ReportHTML.appendixID)\"><!-- methodology.md -->" + tail)
    }

    @Test func renderedFilesMatchGoldenFiles() throws {
        let files = try Self.render().filter {
            $0.path != ReportRenderer.methodologyFileName && (!$0.path.hasSuffix(".html") || $0.path == Self.goldenPage)
        }.map { $0.path == Self.goldenPage ? try Self.withoutAppendix($0) : $0 }
        let excel = try Self.render(.excel).filter { $0.path.hasSuffix(".csv") || $0.path == ReportDataPackage.fileName }
            .map { ReportFile(path: "excel/" + $0.path, contents: $0.contents) }
        let all = files + excel
        if ProcessInfo.processInfo.environment["STOCKTAKE_UPDATE_GOLDEN"] == "1" {
            let directory = Self.sourceGoldenDirectory
            try? FileManager.default.removeItem(at: directory)
            for file in all {
                let url = directory.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: url)
            }
            return
        }
        let golden = try #require(Bundle.module.url(forResource: "Fixtures/report/golden", withExtension: nil))
        let expectedPaths = try Self.listFiles(golden)
        #expect(expectedPaths == all.map(\.path).sorted())
        for file in all {
            let expected = try Data(contentsOf: golden.appendingPathComponent(file.path))
            #expect(expected == file.contents, "\(file.path) differs from its golden file")
        }
    }

    @Test func onlyTheRunLineDiffersBetweenRunsOnTheSameInputs() throws {
        let catalog = try ReportFixture.catalog()
        let renderer = ReportRenderer(catalog: catalog)
        let first = renderer.render(ReportFixture.model(runID: "run-a", startTime: "2026-11-29T08:00:00Z"))
        let second = renderer.render(ReportFixture.model(runID: "run-b", startTime: "2026-11-30T09:30:00Z"))
        #expect(first.map(\.path) == second.map(\.path))
        for (a, b) in zip(first, second) {
            if (a.path.hasSuffix(".md") || a.path.hasSuffix(".html")) && a.path != ReportRenderer.methodologyFileName {
                let linesA = String(decoding: a.contents, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let linesB = String(decoding: b.contents, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                #expect(linesA.count == linesB.count)
                let differing = zip(linesA, linesB).filter { $0 != $1 }
                #expect(differing.count == 1, "\(a.path): \(differing.count) lines differ")
                #expect(differing.first?.0.contains("run-a") == true)
            } else {
                #expect(a.contents == b.contents, "\(a.path) must be byte-identical across runs")
            }
        }
    }

    static func listFiles(_ directory: URL) throws -> [String] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        var paths: [String] = []
        let base = directory.standardizedFileURL.path
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            var path = url.standardizedFileURL.path
            if path.hasPrefix(base + "/") { path.removeFirst(base.count + 1) }
            paths.append(path)
        }
        return paths.sorted()
    }
}
