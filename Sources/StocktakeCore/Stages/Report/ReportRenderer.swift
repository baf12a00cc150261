import Foundation
import StocktakeModel

/// One rendered file of a report set: a path relative to the run directory, and its bytes.
public struct ReportFile: Sendable, Hashable {
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}

/// Renders a `ReportModel` into the files of one run directory. `render(_:)` is pure (no file system, clock or
/// environment); the workbook (`workbook(_:)`, part of `renderRun(_:)`) passes through a temporary file, as
/// libxlsxwriter writes only to files.
///
/// Files (documented in docs/report-columns.md):
/// - `<CC>.md` in the country's primary language, `<CC>.<lang>.md` for each further language;
/// - `summary.md` in `options.summaryLanguage`, `summary.<lang>.md` in every further language a country lists;
/// - `methodology.md`, the method description the reports link to (compiled in from `docs/methodology.md`);
/// - `<CC>.html`, `<CC>.<lang>.html`, `summary.html`, `summary.<lang>.html`: each report as a self-contained page
///   (`ReportHTML`: charts inline, methodology appended);
/// - `charts/<CC>-gaps.<lang>.svg`, `charts/<CC>-labour.<lang>.svg`, `charts/heatmap.<lang>.svg`;
/// - `gaps.csv`, `labour_checks.csv`, `proposals.csv`, `sectors.csv`, `rejects.csv`, `unmapped.csv`: one set per
///   run, all countries, with a `country` column, `units.csv` (ECVET units of the proposals), and
///   `datapackage.json` describing them;
/// - `proposals.jsonld`: the proposals as ELM v3 LOQ documents (`ProposalELMExport`);
/// - `stocktake.xlsx` (`renderRun(_:)` only): the same tables as a workbook.
public struct ReportRenderer: Sendable {
    public let catalog: ReportStringCatalog
    public let options: ReportOptions

    public init(catalog: ReportStringCatalog, options: ReportOptions = ReportOptions()) {
        self.catalog = catalog
        self.options = options
    }

    /// Every file of the run directory, sorted by path: `render(_:)` and the workbook `stocktake.xlsx`.
    /// - Throws: `StocktakeError.cantCreate` (73) when the workbook's temporary file cannot be written.
    public func renderRun(_ model: ReportModel) throws -> [ReportFile] {
        var files: [ReportFile] = []
        try renderRun(model) { files.append($0) }
        return files.sorted { $0.path < $1.path }
    }

    /// Every file of the run directory, handed to `emit` as soon as it is rendered (in no set order), so that the
    /// caller can write each and let it go: the same files `renderRun(_:)` returns.
    /// - Throws: what `emit` throws; `StocktakeError.cantCreate` (73) when the workbook's temporary file cannot be
    ///   written.
    public func renderRun(_ model: ReportModel, emit: (ReportFile) throws -> Void) throws {
        try render(model, emit: emit)
        try emit(workbook(model))
    }

    /// `stocktake.xlsx`: the CSV tables as an Excel workbook (`ReportWorkbook`).
    /// - Throws: `StocktakeError.cantCreate` (73) when its temporary file cannot be written.
    public func workbook(_ model: ReportModel) throws -> ReportFile {
        let writer = ReportWorkbook(title: "stocktake: \(model.run.pipelineName)", created: ReportWorkbook.created(model))
        return ReportFile(path: ReportWorkbook.fileName, contents: try writer.render(ReportCSV(model: model).tables()))
    }

    /// Every file of the run directory but the workbook (pure: no file system), sorted by path.
    public func render(_ model: ReportModel) -> [ReportFile] {
        var files: [ReportFile] = []
        render(model) { files.append($0) }
        return files.sorted { $0.path < $1.path }
    }

    /// Every file of the run directory but the workbook, handed to `emit` as each is rendered. Only the Markdown
    /// reports and the charts are kept until the end, for the HTML pages.
    func render(_ model: ReportModel, emit: (ReportFile) throws -> Void) rethrows {
        var pages: [Page] = []
        var charts: [String: String] = [:]
        func chart(_ path: String, _ svg: String) -> ReportFile {
            if charts[path] == nil { charts[path] = svg }
            return ReportFile(path: path, text: svg)
        }
        for country in model.countries {
            let languages = country.reportLanguages
            for (index, language) in languages.enumerated() {
                let markdown = CountryMarkdown(
                    model: model, country: country, strings: catalog.strings(language),
                    format: .forLanguage(language), options: options)
                let page = Page(path: Self.countryFileName(country.code, language: language, isPrimary: index == 0),
                                language: language, markdown: markdown.render())
                pages.append(page)
                try emit(ReportFile(path: page.path, text: page.markdown))
                // Charts exist only when the report embeds them (no empty charts).
                if !markdown.topGaps.isEmpty {
                    try emit(chart("charts/" + markdown.gapChartName, markdown.gapChart()))
                }
                if !country.sectorPressures.isEmpty {
                    try emit(chart("charts/" + markdown.labourChartName, markdown.labourChart()))
                }
            }
        }
        let languages = summaryLanguages(model)
        for language in languages {
            let summary = SummaryMarkdown(
                model: model, strings: catalog.strings(language), format: .forLanguage(language), options: options,
                languages: languages)
            let page = Page(path: Self.summaryFileName(language, options: options), language: language,
                            markdown: summary.render())
            pages.append(page)
            try emit(ReportFile(path: page.path, text: page.markdown))
            try emit(chart("charts/" + summary.heatmapName, summary.heatmap()))
        }
        try emit(ReportFile(path: "proposals.jsonld",
                            text: ProposalELMExport(model: model, strings: catalog.strings("en")).render()))
        let methodology = EmbeddedDocuments.files["methodology.md"]!
        try emit(ReportFile(path: Self.methodologyFileName, text: methodology))
        // Each report once more as a self-contained HTML page, its charts inline and the methodology appended.
        let html = ReportHTML(charts: charts, methodology: methodology)
        for page in pages {
            try emit(ReportFile(path: ReportHTML.fileName(forMarkdown: page.path),
                                text: html.page(markdown: page.markdown, language: page.language)))
        }
        let tables = ReportCSV(model: model).tables()
        for (columns, table) in tables {
            try emit(ReportFile(path: columns.file, text: table.render(options.csvVariant)))
        }
        try emit(ReportFile(path: ReportDataPackage.fileName,
                            contents: ReportDataPackage(variant: options.csvVariant).render(tables.map(\.0))))
    }

    /// A Markdown report and its language, rendered once more as HTML.
    private struct Page {
        var path: String
        var language: String
        var markdown: String
    }

    /// The summary's languages: `options.summaryLanguage` first, then every other language a country lists, in the
    /// order of the countries.
    public func summaryLanguages(_ model: ReportModel) -> [String] {
        var languages = [options.summaryLanguage]
        for language in model.countries.flatMap(\.reportLanguages) where !languages.contains(language) {
            languages.append(language)
        }
        return languages
    }

    /// `summary.md` in `options.summaryLanguage`, `summary.<lang>.md` in the others.
    public static func summaryFileName(_ language: String, options: ReportOptions) -> String {
        language == options.summaryLanguage ? "summary.md" : "summary.\(language).md"
    }

    /// The run folder's copy of docs/methodology.md, which every report links to.
    public static let methodologyFileName = "methodology.md"

    /// `UA.md` for the primary language, `UA.en.md` for the others.
    public static func countryFileName(_ code: String, language: String, isPrimary: Bool) -> String {
        isPrimary ? "\(code).md" : "\(code).\(language).md"
    }
}

// MARK: - Shared helpers

extension Set where Element == CellFlag {
    /// Flags as printed in tables and charts: sorted codes separated by a space (`C u`).
    var reportText: String { sorted().map(\.rawValue).joined(separator: " ") }
}

/// Builds a GFM table with escaped cells (callers pass cells already escaped or built from numbers).
struct MarkdownTable {
    var header: [String]
    var alignRight: Set<Int> = []
    var rows: [[String]] = []

    func render() -> String {
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { alignRight.contains($0) ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for row in rows {
            out += "| " + row.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |\n"
        }
        return out
    }
}
