import StocktakeModel

/// A proposal's text in one report language: every fixed word from the string tables (`proposal.*`, `use.*`,
/// `eqf.autonomy.*` …), numbers in the report's locale. ESCO labels exist only in English in the bundled ESCO
/// export: outside English reports they are shown as they are, followed by the table's English marker
/// (`proposal.english_marker`), never inside a translated sentence of their own.
struct ProposalText {
    let strings: ReportStrings
    let format: ReportNumberFormat
    /// Sector label in the report language.
    let sectorLabel: (SectorKey) -> String

    var isEnglish: Bool { strings.language == "en" }

    /// An English label (ESCO or the survey's) with the language marker outside English reports.
    func english(_ label: String) -> String {
        isEnglish ? label : label + " " + strings["proposal.english_marker"]
    }

    /// English `"a, b and c"`; in other languages the labels joined by the table's separator (`a / b / c`, no
    /// translated word between English labels), the English marker once after the list.
    func skillList(_ labels: [String]) -> String {
        let joined: String
        if !isEnglish || labels.count < 2 {
            joined = labels.joined(separator: strings["proposal.and"])
        } else {
            joined = labels.dropLast().joined(separator: ", ") + strings["proposal.and"] + labels.last!
        }
        return english(ProposalBuilder.capitalizeFirst(joined))
    }

    /// Element 2 in the report language: the title pattern with the skills and the sector.
    func title(_ p: Proposal) -> String {
        strings.format("proposal.title", ["skills": skillList(p.skills.map(\.label)), "sector": sectorLabel(p.sector)])
    }

    /// `Knowledge: <label> (en)` / `Skill: …`.
    func outcome(_ o: ProposalOutcome) -> String {
        strings.format("proposal.outcome." + o.kind.rawValue, ["label": english(o.label)])
    }

    /// The EQF level's responsibility-and-autonomy descriptor (Council Recommendation of 22 May 2017, Annex II).
    func autonomy(_ eqf: Int) -> String {
        strings.format("proposal.outcome.autonomy", ["text": strings["eqf.autonomy.\(eqf)"]])
    }

    /// A coded element value (`assessment.practical-on-site`); text that is not a known code (the pipeline's own
    /// wording) is returned as written.
    func value(_ prefix: String, _ code: String, _ values: [String: String] = [:]) -> String {
        strings.lookup(prefix + "." + code) != nil ? strings.format(prefix + "." + code, values) : code
    }

    /// Awarding body, or the table's "to be designated" text with the country's name.
    func awardingBody(_ p: Proposal, countryName: String) -> String {
        p.awardingBody.isEmpty ? strings.format("proposal.awarding_body_pending", ["country": countryName]) : p.awardingBody
    }

    /// The national framework level (`NQFLevels`), in the report's words.
    func nqf(_ p: Proposal) -> String {
        guard let level = NQFLevels.level(country: p.country, eqf: p.eqfLevel) else { return "–" }
        return strings.format(level.qdrURI == nil ? "proposal.nqf_unlisted" : "proposal.nqf_value",
                              ["framework": level.framework, "level": level.level])
    }

    /// The "why" lines: gap, labour pressure, priority and its components, then the reasons of the element values.
    func why(_ p: Proposal, countryName: (String) -> String) -> [String] {
        var lines: [String] = []
        lines.append(strings.format("proposal.why_gap", [
            "score": format.number(p.gapScore, decimals: 1), "low": format.number(p.gapScoreLow, decimals: 1),
            "high": format.number(p.gapScoreHigh, decimals: 1), "skill": english(p.skills.first?.label ?? ""),
            "n": format.integer(p.n), "mwds": format.number(p.mwds, decimals: 2),
        ]))
        if let pressure = p.labourPressure {
            lines.append(strings.format("proposal.why_pressure", [
                "pressure": format.number(pressure, decimals: 2), "coverage": format.integer(p.labourCoverage),
            ]))
        } else {
            lines.append(strings["proposal.why_no_pressure"])
        }
        let provision: String
        switch p.provisionExists {
        case .some(true): provision = strings["proposal.priority_provision_yes"]
        case .some(false): provision = strings["proposal.priority_provision_no"]
        case .none: provision = strings["proposal.priority_provision_unknown"]
        }
        lines.append(strings.format("proposal.why_priority", [
            "priority": format.number(p.priority, decimals: 1), "rank": format.integer(p.rank),
            "sector": strings[p.prioritySector ? "proposal.priority_sector_yes" : "proposal.priority_sector_share"],
            "provision": provision,
        ]))
        if !p.commonWith.isEmpty {
            lines.append(strings.format("proposal.why_common", [
                "countries": p.commonWith.sorted().map(countryName).joined(separator: ", "),
            ]))
        }
        let mode = strings["mode." + p.participationForm.rawValue]
        lines.append(strings.format("proposal.participation." + p.participationBasis.rawValue, [
            "mode": mode, "survey": p.surveyMode.map { strings["mode." + $0.rawValue] } ?? "–",
        ]))
        lines.append(strings.format("proposal.eqf." + p.eqfBasis, [
            "level": format.integer(p.eqfLevel), "group": p.skillGroup ?? "–",
        ]))
        lines.append(strings.format("proposal.targets." + p.targetGroupsBasis, [
            "groups": p.targetGroups.sorted().map { strings["target." + $0.rawValue] }.joined(separator: ", "),
            "uses": p.uses.map { strings["use." + $0] }.joined(separator: ", "),
        ]))
        return lines
    }
}
