import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// The self-contained HTML pages (`ReportHTML`, `CommonMarkDocument`): what reaches them from inputs stays text,
/// charts are inline, links point at pages and the appendix, and every page carries its language and the
/// methodology.
@Suite struct ReportHTMLTests {
    static func files() throws -> [ReportFile] {
        try ReportRenderer(catalog: ReportFixture.catalog()).render(ReportFixture.model())
    }

    static func text(_ path: String, in files: [ReportFile]) throws -> String {
        let file = try #require(files.first { $0.path == path }, "\(path) is not rendered")
        return String(decoding: file.contents, as: UTF8.self)
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    static let methodology = "# Method\n\n## Scores\n\nText.\n"

    // MARK: - Files

    @Test func everyMarkdownReportHasItsPage() throws {
        let files = try Self.files()
        let reports = files.map(\.path).filter { $0.hasSuffix(".md") && $0 != ReportRenderer.methodologyFileName }
        let pages = files.map(\.path).filter { $0.hasSuffix(".html") }
        #expect(reports.count == 6)
        #expect(pages.sorted() == reports.map { ReportHTML.fileName(forMarkdown: $0) }.sorted())
        #expect(pages.contains("summary.html") && pages.contains("UA.en.html") && pages.contains("summary.uk.html"))
    }

    // MARK: - Escaping

    @Test func hostileTextFromInputsStaysText() throws {
        let files = try Self.files()
        for path in ["DE.html", "summary.html", "summary.de.html"] {
            let page = try Self.text(path, in: files)
            #expect(!page.contains("<script"), "\(path)")
            #expect(!page.contains("href=\"javascript"), "\(path)")
        }
        // The fixture's English sector name "Information and communication | <script>alert(1)</script>".
        #expect(try Self.text("summary.html", in: files).contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func rawHTMLInTheMarkdownIsNotPassedThrough() {
        let page = ReportHTML(charts: [:], methodology: Self.methodology).page(
            markdown: "# T\n\n<script>alert(1)</script>\n\nA <b onclick=\"x()\">b</b> [link](javascript:alert(1)) "
                + "![i](javascript:alert(2))\n", language: "en")
        #expect(!page.contains("<script"))
        #expect(!page.contains("<b "))
        #expect(!page.contains("href=\"javascript") && !page.contains("src=\"javascript"))
        #expect(page.contains("raw HTML omitted"))
    }

    @Test func textIsEscapedByCmark() {
        #expect(CommonMarkDocument.escaped("<a & \"b\">") == "&lt;a &amp; &quot;b&quot;&gt;")
        #expect(CommonMarkDocument.escaped("Україна ქართული Հայաստան") == "Україна ქართული Հայաստան")
    }

    @Test func titleIsTheFirstHeadingAsText() throws {
        let files = try Self.files()
        #expect(try Self.text("UA.html", in: files).contains("<title>Звіт про інвентаризацію потреб у навичках: Україна (UA)</title>"))
        let page = ReportHTML(charts: [:], methodology: Self.methodology)
            .page(markdown: "Intro\n\n# A \\*b\\* &lt;c&gt; `d`\n\n# Second\n", language: "en")
        #expect(page.contains("<title>A *b* &lt;c&gt; d</title>"))
    }

    // MARK: - Charts

    @Test func chartImagesAreReplacedByTheirSVG() throws {
        let files = try Self.files()
        for path in files.map(\.path) where path.hasSuffix(".html") {
            let page = try Self.text(path, in: files)
            let markdown = try Self.text(String(path.dropLast(5)) + ".md", in: files)
            #expect(!page.contains("<img"), "\(path) keeps an image")
            #expect(Self.count("<svg ", in: page) == Self.count("](charts/", in: markdown), "\(path)")
            #expect(Self.count("<svg ", in: page) == Self.count("role=\"img\"", in: page), "\(path)")
            #expect(!page.contains("<?xml"), "\(path)")
        }
        let germany = try Self.text("DE.html", in: files)
        let chart = try Self.text("charts/DE-gaps.de.svg", in: files)
        let title = try #require(chart.split(separator: "\n").first { $0.hasPrefix("<title id=\"title\">") })
        #expect(germany.contains(title.replacingOccurrences(of: "id=\"title\"", with: "id=\"chart-DE-gaps-de-title\"")))
        #expect(germany.contains("aria-labelledby=\"chart-DE-gaps-de-title chart-DE-gaps-de-desc\""))
    }

    /// `SVGChart.inlined` as it was first written: the declaration dropped, then one replacement pass per pattern.
    static func inlinedByReplacing(_ svg: String, idPrefix prefix: String) -> String {
        var out = svg
        if out.hasPrefix(SVGChart.xmlDeclaration) { out.removeFirst(SVGChart.xmlDeclaration.count) }
        for id in SVGChart.elementIDs {
            out = out.replacingOccurrences(of: "id=\"\(id)\"", with: "id=\"\(prefix)-\(id)\"")
            out = out.replacingOccurrences(of: "\"url(#\(id))\"", with: "\"url(#\(prefix)-\(id))\"")
        }
        return out.replacingOccurrences(of: "aria-labelledby=\"title desc\"",
                                        with: "aria-labelledby=\"\(prefix)-title \(prefix)-desc\"")
    }

    @Test func inliningInOnePassGivesWhatReplacingPatternByPatternGives() throws {
        let charts = try Self.files().filter { $0.path.hasPrefix("charts/") }
            .map { String(decoding: $0.contents, as: UTF8.self) }
        #expect(charts.count >= 6)
        let odd = [
            "", SVGChart.xmlDeclaration, "<?xml", SVGChart.xmlDeclaration + SVGChart.xmlDeclaration + "<g id=\"title\"/>",
            "id=\"title\"url(#title)\"url(#title)\"url(#desc)\" id=\"desc\"id=\"hatch\"",
            "<rect fill=\"url(#viridis)\" id=\"viridis\"/><text>id=&quot;title&quot; ünïcödé ქართ Հայ</text>",
            "aria-labelledby=\"title desc\"aria-labelledby=\"title desc\" aria-labelledby=\"title\" id=\"titles\"",
            "x\"url(#hatch)", "id=\"desc", "é\u{301}id=\"title\"",
        ]
        for svg in charts + odd {
            for prefix in ["chart-DE-gaps-de", "chart-é-1"] {
                #expect(SVGChart.inlined(svg, idPrefix: prefix) == Self.inlinedByReplacing(svg, idPrefix: prefix), "\(svg.prefix(80))")
            }
        }
    }

    @Test func idsAreUniqueWithinEveryPage() throws {
        let files = try Self.files()
        let pattern = try NSRegularExpression(pattern: " id=\"([^\"]*)\"")
        for path in files.map(\.path) where path.hasSuffix(".html") {
            let page = try Self.text(path, in: files)
            let ids = pattern.matches(in: page, range: NSRange(page.startIndex..., in: page))
                .map { (page as NSString).substring(with: $0.range(at: 1)) }
            #expect(ids.count == Set(ids).count, "\(path): duplicate ids")
            #expect(ids.contains(ReportHTML.appendixID))
        }
        let heatmap = try Self.text("summary.html", in: files)
        #expect(heatmap.contains("fill=\"url(#chart-heatmap-en-hatch)\""))
        #expect(heatmap.contains("<pattern id=\"chart-heatmap-en-hatch\""))
    }

    @Test func imagesOtherThanChartsStayImages() {
        let svg = SVGChart.header(width: 10, height: 10, title: "T", description: "D") + "</svg>\n"
        let page = ReportHTML(charts: ["charts/a.svg": svg], methodology: Self.methodology)
            .page(markdown: "# T\n\n![a](charts/a.svg)\n\n![b](charts/b.svg)\n", language: "en")
        #expect(Self.count("<svg ", in: page) == 1)
        #expect(page.contains("<img src=\"charts/b.svg\" alt=\"b\" />"))
        #expect(page.contains("<title id=\"chart-a-title\">T</title>"))
    }

    // MARK: - Links

    @Test func linksToReportsPointAtPages() throws {
        let files = try Self.files()
        let summary = try Self.text("summary.html", in: files)
        #expect(summary.contains("href=\"UA.html\"") && summary.contains("href=\"UA.en.html\"") && summary.contains("href=\"DE.html\""))
        #expect(summary.contains("href=\"summary.uk.html\""))
        #expect(summary.contains("href=\"gaps.csv\""))
        #expect(!summary.contains(".md\""))
        let ukraine = try Self.text("UA.html", in: files)
        #expect(ukraine.contains("href=\"#methodology\""))
        #expect(ukraine.contains("href=\"UA.en.html\""))
        #expect(ReportHTML.pageLink("https://example.org/a.md") == nil)
        #expect(ReportHTML.pageLink("../docs/a.md") == nil)
        #expect(ReportHTML.pageLink("gaps.csv") == nil)
        #expect(ReportHTML.pageLink("summary.ka.md") == "summary.ka.html")
    }

    // MARK: - Page

    @Test func pagesCarryTheirLanguage() throws {
        let files = try Self.files()
        #expect(try Self.text("UA.html", in: files).hasPrefix("<!doctype html>\n<html lang=\"uk\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(try Self.text("UA.en.html", in: files).contains("<html lang=\"en\">"))
        #expect(try Self.text("DE.html", in: files).contains("<html lang=\"de\">"))
        // The methodology is English: marked so in pages of other languages.
        #expect(try Self.text("UA.html", in: files).contains("<section id=\"methodology\" class=\"appendix\" lang=\"en\">"))
        #expect(try Self.text("UA.en.html", in: files).contains("<section id=\"methodology\" class=\"appendix\">"))
    }

    @Test func everyPageEndsWithTheMethodology() throws {
        let files = try Self.files()
        let methodology = try Self.text(ReportRenderer.methodologyFileName, in: files)
        let headings = methodology.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(headings.count > 5)
        for path in files.map(\.path) where path.hasSuffix(".html") {
            let page = try Self.text(path, in: files)
            let appendix = try #require(page.components(separatedBy: "<section id=\"methodology\"").last)
            #expect(page.hasSuffix("</section>\n</body>\n</html>\n"))
            // One level down: the document's title is the appendix's h2, its sections h3.
            #expect(appendix.contains("<h2>Methodology: gap scores and micro-credential proposals</h2>"), "\(path)")
            #expect(Self.count("<h", in: appendix) - Self.count("<hr", in: appendix) == headings.count, "\(path)")
            #expect(!appendix.contains("<h1"))
        }
    }

    @Test func pagesAreSelfContainedAndPrintable() throws {
        let page = try Self.text("DE.html", in: try Self.files())
        #expect(!page.contains("<link") && !page.contains("src=\"http") && !page.contains("@import") && !page.contains("url(http"))
        #expect(page.contains("@page { size: A4; margin: 15mm; }"))
        #expect(page.contains("break-before: page"))
        #expect(page.contains("font-family: \"DejaVu Sans\", \"Noto Sans\""))
    }
}
