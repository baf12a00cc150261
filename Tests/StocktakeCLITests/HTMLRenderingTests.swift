import Foundation
import Testing

/// Every HTML page of the bundled run, read back with Python's html.parser by `scripts/html_check.py`: each report
/// has its page, elements nest and close, nothing loads from elsewhere, every chart is inline, links resolve.
@Suite struct HTMLRenderingTests {
    static func check(_ folder: URL) throws -> (status: Int32, text: String) {
        let script = BinaryRunner.packageRoot.appendingPathComponent("scripts/html_check.py").path
        return try BinaryRunner.capture(["python3", script, folder.path])
    }

    @Test func everyPageOfTheBundledRunIsWellFormedAndSelfContained() throws {
        let (result, out) = try ExamplePipelinesTests.run("pipelines/bem.yaml")
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(result.status == 0, "\(result.stderr)")
        let latest = out.appendingPathComponent("latest")
        let names = try FileManager.default.contentsOfDirectory(atPath: latest.path)
        let pages = names.filter { $0.hasSuffix(".html") }
        // Eight countries in two languages each, and the summary in the nine languages they list.
        #expect(pages.count == 8 * 2 + 9)
        for page in ["summary.html", "summary.ka.html", "UA.html", "GE.html", "AM.html", "RS.html", "DE.en.html"] {
            #expect(pages.contains(page), "\(page)")
        }
        let check = try Self.check(latest)
        #expect(check.status == 0, "\(check.text)")
        #expect(check.text.hasSuffix("\(pages.count) passed, 0 failed\n"), "\(check.text)")
        // The pages are outputs of the run like the Markdown.
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: latest.appendingPathComponent("run.json")))
        let outputs = try #require((record as? [String: Any])?["outputs"] as? [[String: Any]]).compactMap { $0["path"] as? String }
        #expect(pages.allSatisfy(outputs.contains))
    }

    /// The check fails on a page that loads an image, links to a missing anchor, leaves an element open and lacks
    /// its chart and appendix.
    @Test func theCheckFindsBrokenPages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# R\n\n![chart](charts/x.svg)\n".write(to: folder.appendingPathComponent("R.md"), atomically: true, encoding: .utf8)
        try "# S\n".write(to: folder.appendingPathComponent("S.md"), atomically: true, encoding: .utf8)
        let page = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>R</title></head><body>"
            + "<p><img src=\"charts/x.svg\" alt=\"chart\"> <a href=\"#nowhere\">a</a> <a href=\"S.md\">s</a><div></body></html>\n"
        try page.write(to: folder.appendingPathComponent("R.html"), atomically: true, encoding: .utf8)
        let result = try Self.check(folder)
        #expect(result.status == 1)
        for problem in ["S.md: no page S.html", "R.html: <img> found", "R.html: src attribute on <img>",
                        "R.html: link to a missing anchor: #nowhere", "R.html: link to a Markdown report, not its page: S.md",
                        "R.html: </body> closes <div>", "R.html: no methodology appendix",
                        "R.html: 1 charts in the Markdown, 0 inline"] {
            #expect(result.text.contains(problem), "\(problem) not reported in \(result.text)")
        }
        #expect(result.text.hasSuffix("0 passed, 2 failed\n"), "\(result.text)")
    }
}
