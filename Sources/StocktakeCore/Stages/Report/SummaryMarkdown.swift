import StocktakeModel

/// The cross-country summary in one language (`summary.md`, `summary.<lang>.md`) and its heatmap.
struct SummaryMarkdown {
    let model: ReportModel
    let strings: ReportStrings
    let format: ReportNumberFormat
    let options: ReportOptions
    /// Every language the summary is written in, for the links to the others.
    var languages: [String] = []

    var language: String { strings.language }
    var heatmapName: String { "heatmap.\(language).svg" }

    private func md(_ text: String) -> String { ReportEscaping.markdown(text) }
    private func fx(_ text: String) -> String { ReportEscaping.markdownFixed(text) }
    private func sector(_ key: SectorKey) -> String { model.sectorLabel(key, language: language) }
    private var proposalText: ProposalText { ProposalText(strings: strings, format: format, sectorLabel: { sector($0) }) }

    func render() -> String {
        var out = "# " + fx(strings["summary_report.title"]) + "\n\n"
        out += "> " + strings.format("report.run_line", [
            "run": ReportEscaping.markdownCode(model.run.runID, inTable: false), "time": md(format.date(model.run.startTime)),
        ]) + "\n\n"
        let others = languages.filter { $0 != language }
        if !others.isEmpty {
            let links = others.map { "[\(md(CountryMarkdown.languageName($0)))](\(ReportRenderer.summaryFileName($0, options: options)))" }
            out += fx(strings["report.other_languages"]) + ": " + links.joined(separator: " · ") + "\n\n"
        }
        out += "## " + fx(strings["summary_report.reports_heading"]) + "\n\n"
        for country in model.countries {
            let links = country.reportLanguages.enumerated().map { index, language in
                "[\(md(CountryMarkdown.languageName(language)))](\(ReportRenderer.countryFileName(country.code, language: language, isPrimary: index == 0)))"
            }
            out += "- **" + md(country.code) + "** " + md(strings.countryName(country.code, fallback: country.name)) + ": " + links.joined(separator: " · ") + "\n"
        }
        out += "\n## " + fx(strings["summary_report.heatmap_heading"]) + "\n\n"
        out += fx(strings["summary_report.heatmap_intro"]) + "\n\n"
        out += "![\(md(heatmapDescription()))](charts/\(heatmapName))\n\n"
        out += common()
        out += topThree()
        out += quality()
        out += "\n" + CountryMarkdown.perturbationNote(model, strings)
        out += fx(strings["csv.intro"]) + " "
        out += ["gaps.csv", "proposals.csv", "sectors.csv", "rejects.csv", "unmapped.csv"].map { "[\($0)](\($0))" }
            .joined(separator: " · ") + "\n"
        return out
    }

    func common() -> String {
        var out = "## " + fx(strings["summary_report.common_heading"]) + "\n\n"
        let items = model.commonProposals.sorted {
            ($1.countries.count, $0.section, $0.skillGroup) < ($0.countries.count, $1.section, $1.skillGroup)
        }
        let proposals = Dictionary(model.countries.flatMap(\.proposals).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        guard !items.isEmpty else { return out + fx(strings["summary_report.common_none"]) + "\n\n" }
        out += fx(strings["summary_report.common_intro"]) + "\n\n"
        var table = MarkdownTable(header: [
            fx(strings["column.proposal"]), fx(strings["column.sector"]), fx(strings["column.skill_group"]),
            fx(strings["column.countries"]),
        ])
        for item in items {
            let key = SectorKey(section: item.section)
            let label = sector(key)
            // The title of the best-ranked proposal on this section × group (ties: id).
            let title = item.proposalIDs.compactMap { proposals[$0] }.min { ($0.rank, $0.id) < ($1.rank, $1.id) }.map(proposalText.title) ?? ""
            table.rows.append([md(title), label == key.description ? md(label) : md(label) + " (" + md(key.description) + ")",
                               md(item.skillGroup), item.countries.sorted().map(md).joined(separator: ", ")])
        }
        return out + table.render() + "\n"
    }

    func topThree() -> String {
        let out = "## " + fx(strings["summary_report.top3_heading"]) + "\n\n" + fx(strings["priority.explained"]) + "\n\n"
        var table = MarkdownTable(header: [
            fx(strings["column.country"]), fx(strings["column.rank"]), fx(strings["column.proposal"]),
            fx(strings["column.sector"]), fx(strings["column.gap_score"]), fx(strings["column.interval"]),
            fx(strings["column.priority"]), fx(strings["column.flags"]),
        ], alignRight: [1, 4])
        for country in model.countries {
            let top = country.proposals.sorted { ($0.rank, $0.id) < ($1.rank, $1.id) }.prefix(3)
            if top.isEmpty {
                table.rows.append([md(country.code), "–", fx(strings["proposals.none"]), "", "", "", "", ""])
            }
            for proposal in top {
                table.rows.append([
                    md(country.code), String(proposal.rank), md(proposalText.title(proposal)), md(sector(proposal.sector)),
                    format.number(proposal.gapScore, decimals: 1),
                    format.number(proposal.gapScoreLow, decimals: 1) + "–" + format.number(proposal.gapScoreHigh, decimals: 1),
                    md(CountryMarkdown.priorityText(proposal, strings: strings, format: format)), proposal.flags.reportText,
                ])
            }
        }
        return out + table.render() + "\n"
    }

    func quality() -> String {
        let out = "## " + fx(strings["summary_report.quality_heading"]) + "\n\n"
        var table = MarkdownTable(header: [
            fx(strings["column.country"]), fx(strings["column.inputs"]), fx(strings["column.rows_read"]),
            fx(strings["column.accepted"]), fx(strings["column.rejected"]), fx(strings["column.reject_ratio"]),
            fx(strings["column.unmapped"]), fx(strings["column.suppressed"]),
        ], alignRight: [1, 2, 3, 4, 5, 6, 7])
        for country in model.countries {
            let read = country.inputs.reduce(0) { $0 + $1.rowsRead }
            let accepted = country.inputs.reduce(0) { $0 + $1.rowsAccepted }
            let rejected = country.inputs.reduce(0) { $0 + $1.rowsRejected }
            table.rows.append([
                md(country.code), format.integer(country.inputs.count), format.integer(read), format.integer(accepted),
                format.integer(rejected), read > 0 ? format.percent(Double(rejected) / Double(read), decimals: 1) : "–",
                format.integer(country.unmapped.count + country.withheldUnmappedNames),
                format.integer(country.gaps.filter { $0.flags.contains(.suppressed) }.count),
            ])
        }
        return out + table.render() + "\n" + fx(strings["flags.legend"]) + "\n"
    }

    // MARK: - Heatmap

    /// Sector rows (sorted keys) and one cell per country.
    var heatmapData: (sectors: [SectorKey], cells: [[SVGChart.HeatCell]]) {
        let sectors = Set(model.countries.flatMap { $0.gaps.map(\.sector) }).sorted()
        let cells = sectors.map { key in
            model.countries.map { country -> SVGChart.HeatCell in
                let gaps = country.gaps.filter { $0.sector == key }
                let published = gaps.filter { !$0.flags.contains(.suppressed) }.compactMap(\.score)
                if let best = published.max() { return .value(best) }
                return gaps.isEmpty ? .missing : .suppressed
            }
        }
        return (sectors, cells)
    }

    func heatmapDescription() -> String {
        let data = heatmapData
        var parts: [String] = []
        for (row, key) in data.sectors.enumerated() {
            let values = zip(model.countries, data.cells[row]).map { country, cell -> String in
                switch cell {
                case .value(let value): return "\(country.code) \(format.number(value, decimals: 0))"
                case .suppressed: return "\(country.code) C"
                case .missing: return "\(country.code) –"
                }
            }
            parts.append(sector(key) + ": " + values.joined(separator: ", "))
        }
        return strings["summary_report.heatmap_title"] + ". " + parts.joined(separator: "; ")
    }

    func heatmap() -> String {
        let data = heatmapData
        return SVGChart.heatmap(
            title: strings["summary_report.heatmap_title"], description: heatmapDescription(),
            rowLabels: data.sectors.map { sector($0) == $0.description ? $0.description : sector($0) + " (" + $0.description + ")" },
            columnLabels: model.countries.map(\.code), cells: data.cells, legendScale: strings["legend.scale"],
            legendSuppressed: strings["legend.suppressed"], legendMissing: strings["legend.missing"], format: format)
    }
}
