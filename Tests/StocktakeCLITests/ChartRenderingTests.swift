import Foundation
import Testing

/// Every chart of the bundled run, in all ten report languages, rendered with `rsvg-convert` and checked by
/// `scripts/render_check.py`: no ink on the image's edges, no text outside the canvas or over another text, no two
/// row labels that read the same.
@Suite(.serialized) struct ChartRenderingTests {
    static let languages = ["en", "de", "nb", "mk", "sr-Latn", "sr-Cyrl", "cnr", "hy", "ka", "uk"]
    static let countries = ["DE", "NO", "MK", "RS", "ME", "AM", "GE", "UA"]

    /// The bundled pipeline with every country reporting in all ten languages, its inputs where they are.
    static func allLanguagesPipeline(in folder: URL) throws -> URL {
        let root = BinaryRunner.packageRoot.path
        var yaml = try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("pipelines/bem.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "../", with: root + "/")
        yaml = yaml.replacingOccurrences(of: #"languages: \[[^\]]*\]"#, with: "languages: [\(languages.joined(separator: ", "))]",
                                         options: .regularExpression)
        let url = folder.appendingPathComponent("all-languages.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func check(_ files: [URL]) throws -> (status: Int32, text: String) {
        let script = BinaryRunner.packageRoot.appendingPathComponent("scripts/render_check.py").path
        return try BinaryRunner.capture(["python3", script] + files.map(\.path))
    }

    @Test func everyChartFitsItsCanvasInEveryLanguage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = try Self.allLanguagesPipeline(in: folder)
        let run = try BinaryRunner.run(["run", pipeline.path, "--out", "out", "--db", "db.sqlite", "--force", "--quiet"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let charts = folder.appendingPathComponent("out/latest/charts")
        let names = try FileManager.default.contentsOfDirectory(atPath: charts.path).filter { $0.hasSuffix(".svg") }.sorted()
        // Every country's two charts and the summary's heatmap, in every language.
        let expected = Self.languages.flatMap { language in
            ["heatmap.\(language).svg"] + Self.countries.flatMap { ["\($0)-gaps.\(language).svg", "\($0)-labour.\(language).svg"] }
        }
        #expect(expected.filter { !names.contains($0) } == [])
        let result = try Self.check(names.map { charts.appendingPathComponent($0) })
        #expect(result.status == 0, "\(result.text)")
        #expect(result.text.hasSuffix("\(names.count) passed, 0 failed\n"), "\(result.text)")
    }

    /// The check fails on a chart whose label runs off the left edge and on two labels that read the same.
    @Test func theCheckFindsClippedAndDuplicateLabels() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let label = { (x: Int, y: Int, text: String) in
            "<g class=\"label\"><text x=\"\(x)\" y=\"\(y)\" font-size=\"12\" text-anchor=\"end\">\(text)</text></g>\n"
        }
        let svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"120\" viewBox=\"0 0 300 120\" "
            + "font-family=\"DejaVu Sans\">\n<rect x=\"0\" y=\"0\" width=\"300\" height=\"120\" fill=\"#FFFFFF\"/>\n"
            + label(120, 30, "Տեղեկատվություն և կապ · programming computer systems")
            + label(280, 60, "ინფორმაცია") + label(280, 90, "ინფორმაცია") + "</svg>\n"
        let file = folder.appendingPathComponent("broken.svg")
        try svg.write(to: file, atomically: true, encoding: .utf8)
        let result = try Self.check([file])
        #expect(result.status == 1)
        #expect(result.text.contains("text leaves the canvas"), "\(result.text)")
        #expect(result.text.contains("ink at the edge"), "\(result.text)")
        #expect(result.text.contains("two labels read the same: 'ინფორმაცია'"), "\(result.text)")
        #expect(result.text.hasSuffix("0 passed, 1 failed\n"), "\(result.text)")
    }
}
