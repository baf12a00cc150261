/// The self-contained HTML page of a Markdown report (`<CC>.html`, `summary.<lang>.html`, …): one file that needs
/// nothing beside it, for reading in a browser, printing on A4 or mailing.
///
/// The page is the report's Markdown rendered by cmark-gfm (`CommonMarkDocument`, safe mode: raw HTML is never
/// passed through and all escaping is cmark's), with
/// - each chart image (`![…](charts/X.svg)`) replaced by the chart's SVG inline (ids prefixed per chart, so several
///   charts share a page; each keeps `role="img"`, its `<title>` and `<desc>`);
/// - links to other reports (`X.md`) pointing at their pages (`X.html`), and links to `methodology.md` at the
///   appendix;
/// - the methodology (docs/methodology.md) as an appendix at the end (`<section id="methodology">`), so a copied
///   folder stands alone;
/// - inline CSS only (no web fonts, no URLs): DejaVu Sans first, then Noto Sans, for Latin, Cyrillic, Georgian and
///   Armenian; print rules for A4 with a page break before each section.
///
/// A pure function of its inputs: the same Markdown and charts give the same bytes.
struct ReportHTML {
    /// The chart files the pages may embed, by path in the run folder (`charts/DE-gaps.de.svg`) → SVG text.
    let charts: [String: String]
    /// The methodology appendix, rendered once for every page.
    let appendix: String

    /// The id of the appendix; links to `methodology.md` point at it.
    static let appendixID = "methodology"
    /// The language of docs/methodology.md.
    static let appendixLanguage = "en"

    init(charts: [String: String], methodology: String) {
        self.charts = charts
        let document = CommonMarkDocument(methodology)
        document.demoteHeadings(by: 1)
        appendix = document.html()
    }

    /// `UA.md` → `UA.html`, `summary.uk.md` → `summary.uk.html`.
    static func fileName(forMarkdown path: String) -> String {
        (path.hasSuffix(".md") ? String(path.dropLast(3)) : path) + ".html"
    }

    /// The page of the report `markdown`, written in `language` (a BCP 47 tag: `en`, `sr-Latn`, …).
    func page(markdown: String, language: String) -> String {
        let document = CommonMarkDocument(markdown)
        document.replaceImages { url in
            charts[url].map { SVGChart.inlined($0, idPrefix: Self.idPrefix(forChart: url)) }
        }
        document.rewriteLinks(Self.pageLink)
        let lang = CommonMarkDocument.escaped(language)
        let appendixLang = language == Self.appendixLanguage ? "" : " lang=\"\(Self.appendixLanguage)\""
        return "<!doctype html>\n<html lang=\"\(lang)\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>" + CommonMarkDocument.escaped(document.title ?? "stocktake") + "</title>\n"
            + "<style>\n" + Self.style + "</style>\n</head>\n<body>\n<main>\n"
            + document.html()
            + "</main>\n<section id=\"\(Self.appendixID)\" class=\"appendix\"\(appendixLang)>\n"
            + appendix
            + "</section>\n</body>\n</html>\n"
    }

    /// Where a link of a report points in its page: another report's page for `X.md`, the appendix for
    /// `methodology.md`; nil (unchanged) for anything else (CSV files, URLs).
    static func pageLink(_ url: String) -> String? {
        guard url.hasSuffix(".md"), !url.contains("/"), !url.contains(":"), !url.contains("#") else { return nil }
        return url == ReportRenderer.methodologyFileName ? "#" + appendixID : fileName(forMarkdown: url)
    }

    /// `charts/DE-gaps.de.svg` → `DE-gaps-de`: unique per chart, a valid id start in every page.
    static func idPrefix(forChart path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasSuffix(".svg") { name.removeLast(4) }
        return "chart-" + String(name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
    }

    /// Screen and print styles. System fonts only: DejaVu Sans (Debian's fonts-dejavu-core) covers every report
    /// script, Noto Sans is the fallback.
    static let style = """
        @page { size: A4; margin: 15mm; }
        :root { color-scheme: light; }
        body { font-family: "DejaVu Sans", "Noto Sans", "Noto Sans Georgian", "Noto Sans Armenian", Verdana, Arial, sans-serif;
          font-size: 15px; line-height: 1.45; color: #1a1a1a; background: #ffffff; max-width: 62em; margin: 0 auto;
          padding: 1.5em; }
        h1 { font-size: 1.6em; margin: 0 0 .6em; }
        h2 { font-size: 1.3em; margin: 1.8em 0 .6em; padding-bottom: .2em; border-bottom: 1px solid #c8c8c8; }
        h3 { font-size: 1.1em; margin: 1.4em 0 .5em; }
        h4, h5, h6 { font-size: 1em; margin: 1.2em 0 .4em; }
        blockquote { margin: 0 0 1em; padding: .2em 1em; border-left: 4px solid #c8c8c8; color: #444444; }
        table { border-collapse: collapse; margin: .8em 0 1.2em; font-size: .88em; }
        th, td { border: 1px solid #b8b8b8; padding: .25em .5em; vertical-align: top; text-align: left; }
        td { overflow-wrap: anywhere; }
        th { background: #eeeeee; }
        td[align="right"], th[align="right"] { text-align: right; }
        tr { break-inside: avoid; }
        thead { display: table-header-group; }
        code, pre { font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; font-size: .9em; }
        code { background: #f3f3f3; padding: 0 .2em; }
        pre { white-space: pre-wrap; background: #f3f3f3; padding: .6em; }
        svg { display: block; max-width: 100%; height: auto; margin: .6em 0; break-inside: avoid; }
        a { color: #0b57a4; }
        .appendix { margin-top: 3em; padding-top: 1em; border-top: 3px double #888888; }
        @media print {
          body { font-size: 10pt; max-width: none; margin: 0; padding: 0; }
          table { font-size: .8em; }
          main > h2:not(:first-of-type), .appendix { break-before: page; }
          .appendix { margin-top: 0; border-top: none; }
          h2, h3, h4 { break-after: avoid; }
          a { color: inherit; }
        }

        """
}
