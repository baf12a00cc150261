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

/// Renders a `ReportModel` into the files of one run directory. Pure: no file system, clock or environment.
///
/// Files (documented in docs/report-columns.md):
/// - `<CC>.md` in the country's primary language, `<CC>.<lang>.md` for each further language;
/// - `summary.md` (in `options.summaryLanguage`);
/// - `charts/<CC>-gaps.<lang>.svg`, `charts/<CC>-labour.<lang>.svg`, `charts/heatmap.<lang>.svg`;
/// - `gaps.csv`, `labour_checks.csv`, `proposals.csv`, `sectors.csv`, `rejects.csv`, `unmapped.csv`: one set per
///   run, all countries,
///   with a `country` column; `units.csv` (ECVET units of the proposals);
/// - `proposals.jsonld`: the proposals as ELM v3 LOQ documents (`ProposalELMExport`).
public struct ReportRenderer: Sendable {
    public let catalog: ReportStringCatalog
    public let options: ReportOptions

    public init(catalog: ReportStringCatalog, options: ReportOptions = ReportOptions()) {
        self.catalog = catalog
        self.options = options
    }

    /// Every file of the run directory, sorted by path.
    public func render(_ model: ReportModel) -> [ReportFile] {
        var files: [ReportFile] = []
        for country in model.countries {
            let languages = country.reportLanguages
            for (index, language) in languages.enumerated() {
                let markdown = CountryMarkdown(
                    model: model, country: country, strings: catalog.strings(language),
                    format: .forLanguage(language), options: options)
                files.append(ReportFile(path: Self.countryFileName(country.code, language: language, isPrimary: index == 0),
                                        text: markdown.render()))
                // Charts exist only when the report embeds them (no empty charts).
                if !markdown.topGaps.isEmpty {
                    files.append(ReportFile(path: "charts/" + markdown.gapChartName, text: markdown.gapChart()))
                }
                if !country.sectorPressures.isEmpty {
                    files.append(ReportFile(path: "charts/" + markdown.labourChartName, text: markdown.labourChart()))
                }
            }
        }
        let summary = SummaryMarkdown(
            model: model, strings: catalog.strings(options.summaryLanguage),
            format: .forLanguage(options.summaryLanguage), options: options)
        files.append(ReportFile(path: "summary.md", text: summary.render()))
        files.append(ReportFile(path: "charts/" + summary.heatmapName, text: summary.heatmap()))
        files.append(ReportFile(path: "proposals.jsonld",
                                text: ProposalELMExport(model: model, strings: catalog.strings("en")).render()))
        let csv = ReportCSV(model: model)
        for (name, table) in csv.tables() {
            files.append(ReportFile(path: name, text: table.render(options.csvVariant)))
        }
        return files.sorted { $0.path < $1.path }
    }

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
