import StocktakeModel

/// The Markdown report of one country in one language, and its two charts.
struct CountryMarkdown {
    let model: ReportModel
    let country: CountryReport
    let strings: ReportStrings
    let format: ReportNumberFormat
    let options: ReportOptions

    var language: String { strings.language }
    /// The country's name in the report language.
    var countryName: String { strings.countryName(country.code, fallback: country.name) }
    var gapChartName: String { "\(country.code)-gaps.\(language).svg" }
    var labourChartName: String { "\(country.code)-labour.\(language).svg" }

    private func md(_ text: String) -> String { ReportEscaping.markdown(text) }
    private func fx(_ text: String) -> String { ReportEscaping.markdownFixed(text) }
    private func sector(_ key: SectorKey) -> String { model.sectorLabel(key, language: language) }
    private func sectorCell(_ key: SectorKey) -> String {
        let label = sector(key)
        return label == key.description ? md(label) : md(label) + " (" + md(key.description) + ")"
    }
    private func num(_ value: Double?, _ decimals: Int) -> String {
        guard let value else { return "–" }
        return format.number(value, decimals: decimals)
    }

    /// Published gaps (ranked, not suppressed) in rank order, limited to `options.topGaps`.
    var topGaps: [GapScore] {
        let ranked = country.gaps.filter { $0.rank != nil && $0.score != nil && !$0.flags.contains(.suppressed) }
        return Array(ranked.sorted { ($0.rank!, $0.sector, $0.skill) < ($1.rank!, $1.sector, $1.skill) }.prefix(options.topGaps))
    }

    var proposals: [Proposal] { country.proposals.sorted { ($0.rank, $0.id) < ($1.rank, $1.id) } }

    var pressures: [SectorPressure] {
        country.sectorPressures.sorted {
            let a = $0.pressure ?? -Double.infinity, b = $1.pressure ?? -Double.infinity
            return a != b ? a > b : $0.sector < $1.sector
        }
    }

    // MARK: - Document

    func render() -> String {
        var out = "# " + fx(strings["report.title"]) + ": " + md(countryName) + " (" + md(country.code) + ")\n\n"
        out += runLine() + "\n\n"
        let languages = country.reportLanguages
        if languages.count > 1 {
            let links = languages.enumerated().filter { $0.element != language }.map { index, other in
                "[\(md(Self.languageName(other)))](\(ReportRenderer.countryFileName(country.code, language: other, isPrimary: index == 0)))"
            }
            out += fx(strings["report.other_languages"]) + ": " + links.joined(separator: " · ") + "\n\n"
        }
        // Findings first (summary, gaps, proposals, labour), the method and its evidence after, provenance last.
        out += executiveSummary()
        out += skillGaps()
        out += proposalsSection()
        out += sectorPressure()
        out += labourData()
        out += sensitivity()
        out += whatChanged()
        out += methodNote()
        out += "\n## " + fx(strings["appendix.heading"]) + "\n\n"
        out += Self.demoted(dataQuality() + provenance())
        return out
    }

    /// The only line that differs between two runs on the same inputs.
    func runLine() -> String {
        var values = ["run": ReportEscaping.markdownCode(model.run.runID, inTable: false), "time": md(format.date(model.run.startTime))]
        var line: String
        if let previous = country.comparison?.previousRunID {
            values["previous"] = ReportEscaping.markdownCode(previous, inTable: false)
            line = "> " + strings.format("report.run_line_compared", values)
        } else {
            line = "> " + strings.format("report.run_line", values)
        }
        if !model.run.unusableInputs.isEmpty {
            let files = model.run.unusableInputs.map { ReportEscaping.markdownCode($0, inTable: false) }.joined(separator: ", ")
            line += "\n>\n> " + strings.format("report.partial_run", ["files": files])
        }
        return line
    }

    func executiveSummary() -> String {
        var out = "## " + fx(strings["summary.heading"]) + "\n\n"
        let gaps = topGaps.prefix(3).map { gap in
            "**" + md(sector(gap.sector)) + " – " + md(gap.skill.label) + "** " + num(gap.score, 1)
        }
        if !gaps.isEmpty { out += strings.format("summary.top_gaps", ["list": gaps.joined(separator: "; ")]) + " " }
        if country.sectorPressures.isEmpty {
            out += fx(strings["pressure.none"]) + "\n\n"
        } else {
            out += fx(strings.format("summary.labour_coverage", [
                "sectors": format.integer(country.sectorPressures.count),
                "full": format.integer(country.sectorPressures.filter { $0.coverage == LabourIndicator.allCases.count }.count),
            ])) + "\n\n"
        }
        let top = proposals.prefix(5)
        guard !top.isEmpty else { return out + fx(strings["summary.none"]) + "\n\n" }
        out += fx(strings["summary.intro"]) + "\n\n"
        // An ordered list renumbers its items, so it is used only when the ranks run 1, 2, 3… without gaps.
        let contiguous = top.enumerated().allSatisfy { $0.offset + 1 == $0.element.rank }
        for proposal in top {
            let line = strings.format("summary.line", [
                "title": "**" + md(proposalText.title(proposal)) + "**",
                "sector": md(sector(proposal.sector)),
                "score": format.number(proposal.gapScore, decimals: 1),
                "low": format.number(proposal.gapScoreLow, decimals: 1),
                "high": format.number(proposal.gapScoreHigh, decimals: 1),
                "priority": md(Self.priorityText(proposal, strings: strings, format: format)),
            ])
            let flags = proposal.flags.reportText
            out += (contiguous ? "\(proposal.rank). " : "- #\(proposal.rank) ") + line + (flags.isEmpty ? "" : " `\(flags)`") + "\n"
        }
        return out + "\n"
    }

    /// "priority 71.3 of 100 (gap score 58.5 × 50 %; priority sector × 20 %; …)": the priority and its weighted
    /// terms in words, the weights as shares of the terms present.
    static func priorityText(_ proposal: Proposal, strings: ReportStrings, format: ReportNumberFormat) -> String {
        let total = proposal.priorityComponents.reduce(0) { $0 + $1.weight }
        let terms = proposal.priorityComponents.map { component -> String in
            let term: String
            switch component.kind {
            case .gap:
                term = strings.format("priority.gap", ["score": format.number(proposal.gapScore, decimals: 1)])
            case .prioritySector:
                term = strings["priority.priority_sector"]
            case .employmentShare:
                term = strings.format("priority.employment_share", [
                    "share": component.measure.map { format.percent($0, decimals: 1) } ?? "–",
                ])
            case .confidence:
                term = strings.format("priority.confidence", ["value": format.number(component.value, decimals: 2)])
            case .provision:
                term = strings[component.value > 0 ? "priority.no_provision" : "priority.provision_exists"]
            }
            return term + " × " + format.percent(total > 0 ? component.weight / total : 0, decimals: 0)
        }
        let priority = format.number(proposal.priority, decimals: 1)
        // Without its terms (a proposal made before they were kept): the value alone, no empty brackets.
        guard !terms.isEmpty else { return strings.format("priority.value_bare", ["priority": priority]) }
        return strings.format("priority.value", ["priority": priority, "terms": terms.joined(separator: "; ")])
    }

    /// Headings one level down (`##` → `###`, `###` → `####`), for the sections under the appendix heading.
    static func demoted(_ markdown: String) -> String {
        markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("## ") || line.hasPrefix("### ") ? "#" + line : line
        }.joined(separator: "\n")
    }

    func whatChanged() -> String {
        var out = "## " + fx(strings["changes.heading"]) + "\n\n"
        guard let comparison = country.comparison else { return out + fx(strings["changes.first_run"]) + "\n\n" }
        guard !comparison.isEmpty else { return out + fx(strings["changes.nothing"]) + "\n\n" }
        out += fx(strings["changes.intro"]) + "\n\n"
        let titles = Dictionary(country.proposals.map { ($0.id, proposalText.title($0)) }, uniquingKeysWith: { a, _ in a })
        func name(_ id: String) -> String {
            ReportEscaping.markdownCode(id, inTable: false) + (titles[id].map { " " + md($0) } ?? "")
        }
        if !comparison.newProposals.isEmpty {
            out += "- **" + fx(strings["changes.new"]) + ":** " + comparison.newProposals.sorted().map(name).joined(separator: "; ") + "\n"
        }
        if !comparison.droppedProposals.isEmpty {
            out += "- **" + fx(strings["changes.dropped"]) + ":** "
                + comparison.droppedProposals.sorted().map { ReportEscaping.markdownCode($0, inTable: false) }.joined(separator: "; ") + "\n"
        }
        if !comparison.rankMoves.isEmpty {
            let moves = comparison.rankMoves.sorted { ($0.newRank, $0.proposalID) < ($1.newRank, $1.proposalID) }.map {
                strings.format("changes.move_line", ["id": name($0.proposalID), "old": String($0.oldRank), "new": String($0.newRank)])
            }
            out += "- **" + fx(strings["changes.moves"]) + ":** " + moves.joined(separator: "; ") + "\n"
        }
        if !comparison.changedInputs.isEmpty {
            let inputs = comparison.changedInputs.sorted { $0.path < $1.path }.map { input -> String in
                let what: String
                switch (input.oldSHA256, input.newSHA256) {
                case (nil, _): what = strings["changes.input_new"]
                case (_, nil): what = strings["changes.input_removed"]
                default: what = strings["changes.input_changed"]
                }
                return ReportEscaping.markdownCode(input.path, inTable: false) + " (" + md(what) + ")"
            }
            out += "- **" + fx(strings["changes.inputs"]) + ":** " + inputs.joined(separator: "; ") + "\n"
        }
        return out + "\n"
    }

    func provenance() -> String {
        var out = "## " + fx(strings["provenance.heading"]) + "\n\n"
        var table = MarkdownTable(header: [fx(strings["column.item"]), fx(strings["column.value"])])
        table.rows.append([fx(strings["provenance.pipeline"]), md(model.run.pipelineName) + " (" + ReportEscaping.markdownCode(model.run.pipelinePath) + ")"])
        table.rows.append([fx(strings["provenance.definition_sha"]), ReportEscaping.markdownCode(model.run.definitionSHA256)])
        table.rows.append([fx(strings["provenance.tool_version"]), md(model.run.toolVersion)])
        for item in model.run.taxonomyVersions {
            table.rows.append([fx(strings["provenance.taxonomy"]) + " " + md(item.key), value(item.value)])
        }
        out += table.render() + "\n"
        out += "### " + fx(strings["provenance.inputs"]) + "\n\n"
        var inputs = MarkdownTable(header: [
            fx(strings["column.file"]), fx(strings["column.format"]), fx(strings["column.encoding"]),
            fx(strings["column.last_update"]), fx(strings["column.source"]), fx(strings["column.licence"]),
        ])
        // Hashes get their own narrow table so the descriptive one stays readable at GitHub's width.
        var hashes = MarkdownTable(header: [fx(strings["column.file"]), fx(strings["column.size"]), fx(strings["column.sha256"])],
                                   alignRight: [1])
        for input in country.inputs.sorted(by: { $0.path < $1.path }) {
            inputs.rows.append([
                ReportEscaping.markdownCode(input.path), md(input.format), md(input.encoding + " " + input.dialect),
                input.lastUpdate.map { md(format.date($0)) } ?? fx(strings["provenance.not_given"]),
                input.source.map(md) ?? fx(strings["provenance.not_given"]),
                input.licence.map(md) ?? fx(strings["provenance.not_given"]),
            ])
            hashes.rows.append([ReportEscaping.markdownCode(input.path), format.integer(input.size),
                                ReportEscaping.markdownCode(input.sha256)])
        }
        if country.inputs.isEmpty {
            out += fx(strings["provenance.no_inputs"]) + "\n\n"
        } else {
            out += inputs.render() + "\n" + hashes.render() + "\n"
        }
        out += "### " + fx(strings["provenance.weights"]) + "\n\n"
        var parameters = MarkdownTable(header: [fx(strings["column.parameter"]), fx(strings["column.value"])], alignRight: [1])
        for item in model.run.weights + model.run.thresholds {
            parameters.rows.append([ReportEscaping.markdownCode(item.key), value(item.value)])
        }
        return out + parameters.render() + "\n"
    }

    private func value(_ value: ReportKeyValue.Value) -> String {
        switch value {
        case .number(let number):
            let decimals = number == number.rounded() ? 0 : (number * 100 == (number * 100).rounded() ? 2 : 3)
            return format.number(number, decimals: decimals)
        case .text(let text): return md(text)
        }
    }

    func dataQuality() -> String {
        var out = "## " + fx(strings["quality.heading"]) + "\n\n"
        var table = MarkdownTable(header: [
            fx(strings["column.file"]), fx(strings["column.rows_read"]), fx(strings["column.used"]),
            fx(strings["column.skipped"]), fx(strings["column.rejected"]), fx(strings["column.rejects_by_code"]),
        ], alignRight: [1, 2, 3, 4])
        for input in country.inputs.sorted(by: { $0.path < $1.path }) {
            let byCode = input.rejectsByCode.filter { $0.value > 0 }.sorted { $0.key < $1.key }
                .map { ReportEscaping.markdownCode($0.key.rawValue) + " " + format.integer($0.value) }
            table.rows.append([
                ReportEscaping.markdownCode(input.path), format.integer(input.rowsRead), format.integer(input.rowsUsed),
                format.integer(input.rowsSkipped), format.integer(input.rowsRejected), byCode.isEmpty ? fx(strings["quality.none_rejected"]) : byCode.joined(separator: ", "),
            ])
        }
        if !country.inputs.isEmpty { out += table.render() + "\n" }

        out += "### " + fx(strings["quality.rejects_heading"]) + "\n\n"
        let rejects = country.rejects.sorted()
        if rejects.isEmpty {
            out += fx(strings["quality.no_rejects"]) + "\n\n"
        } else {
            let shown = rejects.prefix(20)
            out += fx(strings.format("quality.rejects_intro", [
                "shown": format.integer(shown.count), "total": format.integer(rejects.count),
            ])) + " [rejects.csv](rejects.csv)\n\n"
            var list = MarkdownTable(header: [
                fx(strings["column.file"]), fx(strings["column.line"]), fx(strings["column.column"]),
                fx(strings["column.code"]), fx(strings["column.message"]),
            ], alignRight: [1, 2])
            for reject in shown {
                list.rows.append([
                    ReportEscaping.markdownCode(reject.file), String(reject.line), String(reject.column),
                    ReportEscaping.markdownCode(reject.code.rawValue), md(reject.message),
                ])
            }
            out += list.render() + "\n"
        }

        out += "### " + fx(strings["quality.mapping_heading"]) + "\n\n" + fx(strings["quality.mapping_intro"]) + "\n\n"
        var methods = MarkdownTable(
            header: [fx(strings["column.method"]), fx(strings["column.names"]), fx(strings["column.skill_labels"])],
            alignRight: [1, 2])
        for ((method, count), (_, skills)) in zip(country.mappingMethods.ordered, country.skillMappingMethods.ordered) {
            methods.rows.append([fx(strings["method." + method]), format.integer(count), format.integer(skills)])
        }
        out += methods.render() + "\n" + fx(strings["quality.mapping_skills_note"]) + "\n\n"

        out += "### " + fx(strings["quality.unmapped_heading"]) + "\n\n"
        let unmapped = country.unmapped.sorted { ($1.count, $0.text) < ($0.count, $1.text) }
        let withheld = country.withheldUnmappedNames == 0 ? "" : fx(strings.format("quality.unmapped_withheld", [
            "names": format.integer(country.withheldUnmappedNames), "rows": format.integer(country.withheldUnmappedRows),
            "k": format.integer(country.withheldThreshold),
        ])) + "\n\n"
        if unmapped.isEmpty {
            return out + (withheld.isEmpty ? fx(strings["quality.no_unmapped"]) + "\n\n" : withheld)
        }
        out += fx(strings["quality.unmapped_intro"]) + "\n\n"
        var names = MarkdownTable(header: [
            fx(strings["column.name_as_written"]), fx(strings["column.rows"]), fx(strings["column.best_candidate"]),
            fx(strings["column.confidence"]),
        ], alignRight: [1, 3])
        for name in unmapped {
            names.rows.append([
                md(name.text), format.integer(name.count), name.bestCandidate.map(sectorCell) ?? "–", num(name.confidence, 2),
            ])
        }
        return out + names.render() + "\n" + withheld
    }

    func sectorPressure() -> String {
        var out = "## " + fx(strings["pressure.heading"]) + "\n\n"
        guard !country.sectorPressures.isEmpty else { return out + fx(strings["pressure.none"]) + "\n\n" }
        out += fx(strings["pressure.intro"]) + "\n\n"
        out += "![\(md(labourChartDescription()))](charts/\(labourChartName))\n\n"
        let indicators = LabourIndicator.allCases
        var table = MarkdownTable(
            header: [fx(strings["column.sector"]), fx(strings["column.pressure"]), fx(strings["column.coverage"])]
                + indicators.map { fx(strings["indicator." + $0.rawValue]) }
                + [fx(strings["column.employment_share"]), fx(strings["column.source_flags"])],
            alignRight: Set(1...(3 + indicators.count)))
        for pressure in pressures {
            table.rows.append([sectorCell(pressure.sector), num(pressure.pressure, 2), "\(pressure.coverage)/5"]
                + indicators.map { num(pressure.subIndices[$0], 2) }
                + [pressure.employmentShare.map { format.percent($0, decimals: 1) } ?? "–",
                   pressure.sourceFlags.sorted().map(md).joined(separator: " ")])
        }
        return out + table.render() + "\n"
    }

    /// Which sub-indices the country's labour data supports (with the periods they use), which it lacks, and what
    /// the consistency checks found (`LabourChecks`).
    func labourData() -> String {
        guard !country.sectorPressures.isEmpty || !country.labourChecks.isEmpty else { return "" }
        var out = "### " + fx(strings["labour_data.heading"]) + "\n\n"
        let leftOut = Set(country.labourChecks.filter { $0.action == .seriesLeftOut }.map(\.indicator))
        var supported: [String] = []
        var missing: [String] = []
        for indicator in LabourIndicator.allCases {
            let name = fx(strings["indicator." + indicator.rawValue])
            guard country.sectorPressures.contains(where: { $0.subIndices[indicator] != nil }) else {
                if !leftOut.contains(indicator) { missing.append(name) }
                continue
            }
            // The periods most sectors use (TOTAL's window; sectors with other periods show theirs in sectors.csv).
            let periods = country.sectorPressures.compactMap { $0.periods[indicator] }
            let counts = Dictionary(periods.map { ($0, 1) }, uniquingKeysWith: +)
            let common = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
            supported.append(name + (common.map { " (" + md($0) + ")" } ?? ""))
        }
        var lines = [fx(strings.format("labour_data.supported", ["count": String(supported.count),
                                                                 "list": supported.isEmpty ? "–" : supported.joined(separator: ", ")]))]
        if !leftOut.isEmpty {
            let names = LabourIndicator.allCases.filter(leftOut.contains).map { fx(strings["indicator." + $0.rawValue]) }
            lines.append(fx(strings.format("labour_data.left_out", ["list": names.joined(separator: ", ")])))
        }
        if !missing.isEmpty { lines.append(fx(strings.format("labour_data.missing", ["list": missing.joined(separator: ", ")]))) }
        lines.append(fx(strings.format("labour_data.window", ["years": format.integer(country.growthWindowYears)])))
        out += lines.joined(separator: " ") + "\n\n"
        guard !country.labourChecks.isEmpty else { return out + fx(strings["labour_data.no_findings"]) + "\n\n" }
        out += fx(strings["labour_data.checks"]) + "\n\n"
        var table = MarkdownTable(header: [
            fx(strings["column.check"]), fx(strings["column.indicator"]), fx(strings["column.series"]),
            fx(strings["column.periods"]), fx(strings["column.action"]),
        ])
        for check in country.labourChecks {
            table.rows.append([
                checkText(check), fx(strings["indicator." + check.indicator.rawValue]),
                md(Self.compactList(check.scopes)), md(Self.compactList(check.periods)),
                fx(strings["check_action." + check.action.rawValue]),
            ])
        }
        return out + table.render() + "\n"
    }

    /// A check's finding in words, with its measured and expected values in the report's locale.
    func checkText(_ check: LabourCheck) -> String {
        func share(_ value: Double?) -> String { value.map { format.percent($0, decimals: 0) } ?? "–" }
        func count(_ value: Double?) -> String { value.map { format.number($0, decimals: $0 == $0.rounded() ? 0 : 1) } ?? "–" }
        let values: [String: String]
        switch check.kind {
        case .sectionsExceedTotal, .unclassifiedShare: values = ["observed": share(check.observed), "expected": share(check.expected)]
        case .incompleteBreakdown: values = ["observed": count(check.observed), "expected": count(check.expected)]
        case .staleSeries:
            values = ["observed": count(check.observed), "expected": check.expected.map { String(Int($0.rounded())) } ?? "–"]
        case .gapInYears: values = [:]
        }
        return fx(strings.format("check." + check.kind.rawValue, values))
    }

    /// `A, B, C, D, E, F, G` as `A–G` where the items are consecutive single letters or years; else as listed.
    static func compactList(_ items: [String]) -> String {
        var runs: [[String]] = []
        func next(_ a: String, _ b: String) -> Bool {
            if let x = Int(a), let y = Int(b) { return y == x + 1 }
            let (u, v) = (a.unicodeScalars, b.unicodeScalars)
            return u.count == 1 && v.count == 1 && v.first!.value == u.first!.value + 1
        }
        for item in items {
            if let last = runs.last?.last, next(last, item) { runs[runs.count - 1].append(item) } else { runs.append([item]) }
        }
        return runs.map { $0.count >= 3 ? "\($0.first!)–\($0.last!)" : $0.joined(separator: ", ") }.joined(separator: ", ")
    }

    func skillGaps() -> String {
        var out = "## " + fx(strings["gaps.heading"]) + "\n\n"
        let gaps = topGaps
        let suppressed = country.gaps.filter { $0.flags.contains(.suppressed) }.count
        if gaps.isEmpty {
            out += fx(strings["gaps.none"]) + "\n\n"
        } else {
            out += fx(strings.format("gaps.intro", ["count": String(gaps.count)])) + "\n\n"
            out += "![\(md(gapChartDescription()))](charts/\(gapChartName))\n\n"
            var table = MarkdownTable(header: [
                fx(strings["column.rank"]), fx(strings["column.sector"]), fx(strings["column.skill"]),
                fx(strings["column.n"]), fx(strings["column.mwds"]),
                fx(strings["column.gap_score"]) + " (" + fx(strings["column.interval"]) + ")",
                fx(strings["column.hard_to_fill"]), fx(strings["column.demand_change"]),
                fx(strings["column.coverage"]), fx(strings["column.flags"]),
            ], alignRight: [0, 3, 4, 5, 6, 7])
            for gap in gaps {
                table.rows.append([
                    String(gap.rank!), sectorCell(gap.sector), md(gap.skill.label) + (gap.skill.code.map { " (" + md($0) + ")" } ?? ""),
                    format.integer(gap.n), num(gap.mwds, 2),
                    num(gap.score, 1) + " (" + num(gap.scoreLow, 1) + "–" + num(gap.scoreHigh, 1) + ")",
                    gap.hardToFillShare.map { format.percent($0) } ?? "–", num(gap.demandChange, 2),
                    "\(gap.labourCoverage)/5", gap.flags.reportText,
                ])
            }
            out += table.render() + "\n"
        }
        out += fx(strings.format("gaps.suppressed_count", ["count": format.integer(suppressed)])) + "\n\n"
        return out + fx(strings["flags.legend"]) + "\n\n"
    }

    /// The proposals' text helper in this report's language.
    var proposalText: ProposalText { ProposalText(strings: strings, format: format, sectorLabel: { sector($0) }) }

    /// Each proposal: why (gap, labour pressure, priority, reasons of its element values), its learning outcomes,
    /// then the Annex I table.
    func proposalsSection() -> String {
        var out = "## " + fx(strings["proposals.heading"]) + "\n\n"
        guard !proposals.isEmpty else { return out + fx(strings["proposals.none"]) + "\n\n" }
        out += fx(strings["proposals.intro"]) + " " + fx(strings["priority.explained"]) + "\n\n"
        let text = proposalText
        let countryOf = { (code: String) in strings.countryName(code, fallback: code) }
        for proposal in proposals {
            let title = text.title(proposal)
            out += "### \(proposal.rank). " + md(title) + " " + ReportEscaping.markdownCode(proposal.id, inTable: false) + "\n\n"
            out += "**" + md(Self.priorityText(proposal, strings: strings, format: format)) + "**\n\n"
            out += "**" + fx(strings["proposal.why_heading"]) + "**\n\n"
            out += text.why(proposal, countryName: countryOf).map { "- " + md($0) + "\n" }.joined() + "\n"
            out += "**" + fx(strings["proposal.outcomes_heading"]) + "**\n\n"
            let outcomes = proposal.outcomes.map(text.outcome) + [text.autonomy(proposal.eqfLevel)]
            out += outcomes.map { "- " + md($0) + "\n" }.joined() + "\n"
            var table = MarkdownTable(header: [fx(strings["column.element"]), fx(strings["column.value"])])
            func row(_ key: String, _ value: String) { table.rows.append(["**" + fx(strings["element." + key]) + "**", value]) }
            func list(_ items: [String]) -> String { items.isEmpty ? "–" : items.map(md).joined(separator: "; ") }
            table.rows.append(["*" + fx(strings["proposals.mandatory"]) + "*", ""])
            row("learner", md(text.value("proposal.value", proposal.learnerIdentification)))
            row("title", md(title))
            row("issuer_country", md(countryOf(proposal.issuerCountry)) + " (" + md(proposal.issuerCountry) + ")")
            row("awarding_body", md(text.awardingBody(proposal, countryName: countryName)))
            row("date_of_issuing", md(text.value("proposal.value", proposal.dateOfIssuing)))
            row("outcomes_knowledge", list(proposal.knowledgeOutcomes.map { text.english($0.label) }))
            row("outcomes_skills", list(proposal.skillOutcomes.map { text.english($0.label) }))
            row("outcomes_autonomy", md(strings["eqf.autonomy.\(proposal.eqfLevel)"]))
            row("workload", strings.format("proposals.workload_value", [
                "ects": format.number(proposal.ectsCredits, decimals: 1),
                "ecvet": format.number(proposal.ecvetPoints, decimals: 1),
                "hours": format.integer(proposal.hours),
                "duration": ReportEscaping.markdownCode(proposal.volumeOfLearning),
            ]))
            row("eqf_level", format.integer(proposal.eqfLevel) + "; " + md(text.nqf(proposal)))
            row("assessment", md(text.value("assessment", proposal.assessmentType)))
            row("participation", fx(strings["mode." + proposal.participationForm.rawValue]))
            row("quality_assurance", md(text.value("quality_assurance", proposal.qualityAssurance)))
            table.rows.append(["*" + fx(strings["proposals.optional"]) + "*", ""])
            row("prerequisites", md(text.value("prerequisite", proposal.prerequisites)))
            row("supervision", md(text.value("supervision", proposal.supervisionAndIdentityVerification)))
            row("grade", md(text.value("grade", proposal.grade)))
            row("stackability", md(text.value("stackability", proposal.stackability, ["sector": sector(proposal.sector)])))
            row("further_information", md(text.value("further_information", proposal.furtherInformation)))
            table.rows.append(["*" + fx(strings["proposals.context"]) + "*", ""])
            row("sector", sectorCell(proposal.sector))
            row("skills", list(proposal.skills.map { text.english($0.label) + ($0.code.map { " (\($0))" } ?? "") }))
            row("isced_f", ReportEscaping.markdownCode(proposal.iscedF))
            row("target_groups", proposal.targetGroups.isEmpty ? "–"
                : proposal.targetGroups.sorted().map { fx(strings["target." + $0.rawValue]) }.joined(separator: "; "))
            row("uses", list(proposal.uses.map { text.value("use", $0) }))
            row("learning_settings", list(proposal.learningSettings.map { text.value("setting", $0) }))
            row("evidence", strings.format("proposals.evidence_value", [
                "n": format.integer(proposal.n), "mwds": format.number(proposal.mwds, decimals: 2),
                "score": format.number(proposal.gapScore, decimals: 1),
                "low": format.number(proposal.gapScoreLow, decimals: 1),
                "high": format.number(proposal.gapScoreHigh, decimals: 1),
                "pressure": num(proposal.labourPressure, 2), "coverage": "\(proposal.labourCoverage)/5",
            ]) + (proposal.flags.isEmpty ? "" : " `\(proposal.flags.reportText)`"))
            row("priority", md(Self.priorityText(proposal, strings: strings, format: format)))
            let provision: String
            switch proposal.provisionExists {
            case .some(true): provision = strings["proposals.provision_yes"]
            case .some(false): provision = strings["proposals.provision_no"]
            case .none: provision = strings["proposals.provision_unknown"]
            }
            row("provision", md(provision))
            if !proposal.commonWith.isEmpty { row("common_with", proposal.commonWith.sorted().map(md).joined(separator: ", ")) }
            out += table.render() + "\n"
            if country.sensitivity?.fragileProposalIDs.contains(proposal.id) == true || proposal.flags.contains(.fragile) {
                out += "> " + fx(strings["proposals.fragile"]) + "\n\n"
            }
        }
        return out
    }

    func sensitivity() -> String {
        var out = "## " + fx(strings["sensitivity.heading"]) + "\n\n"
        guard let sensitivity = country.sensitivity else { return out + fx(strings["sensitivity.none"]) + "\n\n" }
        out += fx(strings.format("sensitivity.intro", ["n": String(sensitivity.topN)])) + "\n\n"
        var table = MarkdownTable(header: [
            fx(strings["column.scenario"]), fx(strings["column.retained"]), fx(strings["column.kendall"]),
        ], alignRight: [1, 2])
        for scenario in sensitivity.scenarios {
            table.rows.append([scenarioText(scenario.name), format.percent(scenario.retainedShare),
                               format.number(scenario.kendallTau, decimals: 2)])
        }
        out += table.render() + "\n"
        if sensitivity.fragileProposalIDs.isEmpty {
            out += fx(strings["sensitivity.no_fragile"]) + "\n\n"
        } else {
            let list = sensitivity.fragileProposalIDs.sorted().map { ReportEscaping.markdownCode($0, inTable: false) }.joined(separator: ", ")
            out += strings.format("sensitivity.fragile", ["list": list]) + "\n\n"
        }
        return out
    }

    /// A sensitivity scenario in words: `weight.survey+20%` → "weight survey gap (MWDS) changed by +20 %",
    /// `labour_weight.employment_growth-20%`, `drop.vacancy_rate` → "without the sub-index “Vacancy rate”".
    /// A name of another shape stays a code.
    func scenarioText(_ name: String) -> String {
        func indicator(_ key: Substring) -> String? {
            LabourIndicator.allCases.first { LabourSubIndex.name(of: $0) == key }.map { strings["indicator." + $0.rawValue] }
        }
        let parts = name.split(separator: ".", maxSplits: 1)
        guard parts.count == 2 else { return ReportEscaping.markdownCode(name) }
        if parts[0] == "drop", let indicator = indicator(parts[1]) {
            return md(strings.format("sensitivity.scenario_drop", ["indicator": indicator]))
        }
        guard let sign = parts[1].lastIndex(where: { $0 == "+" || $0 == "-" }), parts[1].hasSuffix("%"),
              let amount = Double(parts[1][parts[1].index(after: sign)...].dropLast())
        else { return ReportEscaping.markdownCode(name) }
        let key = parts[1][..<sign]
        let change = (parts[1][sign] == "+" ? "+" : "−") + format.number(amount, decimals: 0) + format.percentSeparator + "%"
        if parts[0] == "weight", let component = strings.lookup("component." + key) {
            return md(strings.format("sensitivity.scenario_weight", ["weight": component, "change": change]))
        }
        if parts[0] == "labour_weight", let indicator = indicator(key) {
            return md(strings.format("sensitivity.scenario_labour_weight", ["indicator": indicator, "change": change]))
        }
        return ReportEscaping.markdownCode(name)
    }

    /// The sentence that says published counts and means are perturbed (an empty text when they are not).
    static func perturbationNote(_ model: ReportModel, _ strings: ReportStrings) -> String {
        guard model.run.perturbed else { return "" }
        return strings.format("method.perturbed", [
            "link": "[" + ReportEscaping.markdownFixed(strings["method.perturbed_link"]) + "](" + ReportRenderer.methodologyFileName + ")",
        ]) + "\n\n"
    }

    func methodNote() -> String {
        var out = "## " + fx(strings["method.heading"]) + "\n\n"
        out += strings.format("method.text", [
            "link": "[" + fx(strings["method.link_text"]) + "](" + ReportRenderer.methodologyFileName + ")",
        ]) + "\n\n"
        out += Self.perturbationNote(model, strings)
        out += fx(strings["csv.intro"]) + " "
        out += ["gaps.csv", "proposals.csv", "sectors.csv", "rejects.csv", "unmapped.csv"].map { "[\($0)](\($0))" }
            .joined(separator: " · ") + "\n"
        return out
    }

    // MARK: - Charts

    func gapChartDescription() -> String {
        let items = topGaps.map { gap in
            "\(gap.rank!). \(sector(gap.sector)) – \(gap.skill.label): \(num(gap.score, 1)) (\(num(gap.scoreLow, 1))–\(num(gap.scoreHigh, 1)))"
                + (gap.flags.isEmpty ? "" : " [\(gap.flags.reportText)]")
        }
        return strings.format("gaps.chart_title", ["country": countryName]) + ". " + items.joined(separator: "; ")
    }

    func gapChart() -> String {
        let bars = topGaps.map { gap in
            SVGChart.Bar(label: "\(sector(gap.sector)) · \(gap.skill.label)", value: gap.score ?? 0, low: gap.scoreLow,
                         high: gap.scoreHigh, flags: gap.flags.reportText)
        }
        return SVGChart.gapBars(
            title: strings.format("gaps.chart_title", ["country": countryName]), description: gapChartDescription(),
            axisLabel: strings["gaps.axis"], emptyText: strings["gaps.none"], bars: bars, format: format)
    }

    func labourChartDescription() -> String {
        let items = pressures.map { pressure in
            "\(sector(pressure.sector)): \(strings["column.pressure"]) \(num(pressure.pressure, 2)), \(strings["column.coverage"]) \(pressure.coverage)/5"
        }
        return strings.format("pressure.chart_title", ["country": countryName]) + ". " + items.joined(separator: "; ")
    }

    func labourChart() -> String {
        let indicators = LabourIndicator.allCases
        let rows = pressures.map { pressure in
            SVGChart.SubIndexRow(
                label: sector(pressure.sector), values: indicators.map { pressure.subIndices[$0] } + [pressure.pressure],
                coverage: "\(pressure.coverage)/5")
        }
        return SVGChart.subIndices(
            title: strings.format("pressure.chart_title", ["country": countryName]),
            description: labourChartDescription(), legendShortage: strings["pressure.legend_shortage"],
            legendSurplus: strings["pressure.legend_surplus"], missingText: "–",
            columns: indicators.map { strings["indicator." + $0.rawValue] } + [strings["column.pressure"]],
            coverageHeader: strings["column.coverage"], rows: rows, format: format)
    }

    /// Endonym of a report language, for the language links.
    static func languageName(_ code: String) -> String {
        switch code {
        case "de": return "Deutsch"
        case "nb": return "Norsk bokmål"
        case "sr-Latn": return "Srpski (latinica)"
        case "sr-Cyrl": return "Српски (ћирилица)"
        case "cnr": return "Crnogorski"
        case "mk": return "Македонски"
        case "uk": return "Українська"
        case "ka": return "ქართული"
        case "hy": return "Հայերեն"
        case "en": return "English"
        default: return code
        }
    }
}
