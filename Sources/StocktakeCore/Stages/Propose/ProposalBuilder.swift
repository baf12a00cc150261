import Foundation
import StocktakeModel

/// The propose stage: groups each country's highest published gaps into prioritized micro-credential proposals
/// described with the EU Annex I elements (`docs/methodology.md` §8–9). Pure: no file, clock or database access.
public enum ProposalBuilder {
    /// Builds every country's proposals.
    ///
    /// - Parameters:
    ///   - scores: the score stage's result; suppressed cells (`C`) never feed a proposal.
    ///   - cells: the same survey cells the scorer received (for preferred modes and target groups).
    ///   - countries: awarding bodies and priority sectors per country.
    ///   - provision: existing programmes from `provision.csv`, or nil when no file was given.
    ///   - config: grouping, priority and description rules.
    ///   - sectorLabels: English sector names for titles and outcome ranking (`NACE C10` when missing).
    ///   - concepts: the ESCO concepts outcomes are drawn from (`esco_concepts.csv`); without them a proposal has
    ///     only its responsibility-and-autonomy outcome.
    ///   - perturbed: the scores were perturbed (`CellKeyPerturbation`); the modes and target groups of a proposal's
    ///     cells are then taken from the same perturbed statistics.
    /// - Returns: proposals sorted by country, then rank; ranks start at 1 in each country.
    public static func build(
        scores: ScoreResult, cells: [SurveyCell], countries: [CountryProfile], provision: [ProvisionEntry]?,
        config: ProposalConfig, sectorLabels: [SectorKey: String] = [:], concepts: ESCOConcepts = ESCOConcepts([]),
        perturbed: Bool = false
    ) -> [Proposal] {
        let profiles = Dictionary(countries.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let published = scores.gaps.filter { $0.score != nil && $0.rank != nil && !$0.flags.contains(.suppressed) }
        let byCountry = Dictionary(grouping: published, by: \.country)
        let pressures = Dictionary(
            scores.pressures.map { (PressureKey(country: $0.country, sector: $0.sector), $0) },
            uniquingKeysWith: { a, _ in a })
        let commonIndex = topGroups(published, topN: config.commonTopN)
        var result: [Proposal] = []
        for code in byCountry.keys.sorted() {
            let profile = profiles[code] ?? CountryProfile(code: code, name: code)
            let gaps = byCountry[code]!.filter { $0.rank! <= config.candidateTopN }.sorted { $0.rank! < $1.rank! }
            let listedDivisions = Set(scores.gaps.filter { $0.country == code && !$0.sector.isSection }
                .map { CellKey(sector: $0.sector, skill: $0.skill) })
            let countryCells = cells.filter { $0.country == code }
            var drafts: [Proposal] = []
            var used = Set<String>()
            for group in groups(gaps, maxSkills: config.maxSkillsPerProposal) {
                let stats = group.map {
                    let merged = publishedStats($0, cells: countryCells, listedDivisions: listedDivisions)
                    return perturbed ? CellKeyPerturbation.apply(merged) : merged
                }
                // `<CC>-<sector>-<group>`; unmapped skills `<CC>-<sector>-X-<label slug>`; later chunks `-2`, `-3`.
                let base = "\(code)-\(group[0].sector)-" + (group[0].skill.group ?? "X-" + slug(group[0].skill.label))
                var id = base
                var suffix = 2
                while used.contains(id) {
                    id = "\(base)-\(suffix)"
                    suffix += 1
                }
                used.insert(id)
                drafts.append(describe(
                    group, id: id, stats: stats, profile: profile,
                    pressure: pressures[PressureKey(country: code, sector: group[0].sector)], provision: provision,
                    commonIndex: commonIndex, config: config, sectorLabels: sectorLabels, concepts: concepts))
            }
            drafts.sort { ($0.priority, $1.id) > ($1.priority, $0.id) }
            for (i, var p) in drafts.prefix(config.proposalsPerCountry).enumerated() {
                p.rank = i + 1
                result.append(p)
            }
        }
        // Knowledge outcomes last, in country and rank order: a concept (by URI or label) that a proposal on another
        // skill group already has — among its skill-code outcomes or earlier knowledge outcomes — is not used
        // again, so proposals on different skill groups share no outcome.
        func group(_ p: Proposal) -> String { p.skillGroup ?? "~" + p.id }
        var taken: [String: Set<String>] = [:]
        for p in result {
            for o in p.outcomes { taken[o.uri, default: []].insert(group(p)); taken[o.label, default: []].insert(group(p)) }
        }
        for i in result.indices {
            let p = result[i]
            let mine = group(p)
            let excluded = Set(taken.filter { !$0.value.subtracting([mine]).isEmpty }.keys).union(p.outcomes.map(\.uri))
            let knowledge = concepts.knowledgeOutcomes(
                iscedF: p.iscedF, skillLabels: p.outcomes.map(\.label),
                sectorLabel: sectorLabels[p.sector] ?? "", excluded: excluded)
            for k in knowledge { taken[k.uri, default: []].insert(mine); taken[k.label, default: []].insert(mine) }
            result[i].outcomes = knowledge + p.outcomes
        }
        return result
    }

    /// Section × skill groups in the top N of two or more countries, with the countries and their proposals.
    public static func common(proposals: [Proposal], scores: ScoreResult, config: ProposalConfig) -> [CommonProposal] {
        let published = scores.gaps.filter { $0.score != nil && $0.rank != nil && !$0.flags.contains(.suppressed) }
        let index = topGroups(published, topN: config.commonTopN)
        var result: [CommonProposal] = []
        for key in index.keys.sorted(by: { ($0.section, $0.group) < ($1.section, $1.group) }) {
            let countries = index[key]!.sorted()
            // A pair is listed only when at least one country turned it into a proposal.
            let ids = proposals.filter { $0.sector.section == key.section && $0.skillGroup == key.group }
                .map(\.id).sorted()
            guard countries.count >= 2, !ids.isEmpty else { continue }
            result.append(CommonProposal(
                section: key.section, skillGroup: key.group, countries: countries, proposalIDs: ids))
        }
        return result
    }

    /// The sensitivity results with `fragileProposalIDs` filled: proposals carrying flag `f` (one of their
    /// cells is fragile).
    public static func markFragile(_ sensitivity: [CountrySensitivity], proposals: [Proposal]) -> [CountrySensitivity] {
        sensitivity.map { s in
            var s = s
            s.fragileProposalIDs = proposals.filter { $0.country == s.country && $0.flags.contains(.fragile) }
                .map(\.id).sorted()
            return s
        }
    }

    // MARK: - Private

    struct PressureKey: Hashable { var country: String; var sector: SectorKey }
    struct CellKey: Hashable { var sector: SectorKey; var skill: SkillRef }
    struct GroupKey: Hashable { var section: String; var group: String }

    /// Countries whose top-N published cells contain each section × mapped skill group.
    static func topGroups(_ published: [GapScore], topN: Int) -> [GroupKey: Set<String>] {
        var index: [GroupKey: Set<String>] = [:]
        for g in published where g.rank! <= topN {
            guard let group = g.skill.group else { continue }
            index[GroupKey(section: g.sector.section, group: group), default: []].insert(g.country)
        }
        return index
    }

    /// Candidate cells grouped by sector × skill group (unmapped skills alone), highest gap first, cut into
    /// chunks of at most `maxSkills`; groups listed by their best rank.
    static func groups(_ gaps: [GapScore], maxSkills: Int) -> [[GapScore]] {
        var order: [String] = []
        var members: [String: [GapScore]] = [:]
        for g in gaps {
            let key = g.skill.group.map { "\(g.sector)|\($0)" } ?? "\(g.sector)|~\(g.skill.label)"
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(g)
        }
        var result: [[GapScore]] = []
        for key in order {
            let list = members[key]!
            var start = 0
            while start < list.count {
                result.append(Array(list[start..<min(start + maxSkills, list.count)]))
                start += maxSkills
            }
        }
        return result
    }

    /// The statistics behind a published cell, rebuilt from the raw cells: a division's own cell, or for a
    /// section the section's own cell plus every division not listed separately (rolled up).
    static func publishedStats(_ g: GapScore, cells: [SurveyCell], listedDivisions: Set<CellKey>) -> SurveyCellStats {
        var stats = SurveyCellStats()
        for c in cells where c.skill == g.skill && c.sector.section == g.sector.section {
            if g.sector.isSection {
                if c.sector.isSection || !listedDivisions.contains(CellKey(sector: c.sector, skill: c.skill)) {
                    stats.merge(c.stats)
                }
            } else if c.sector == g.sector {
                stats.merge(c.stats)
            }
        }
        return stats
    }

    static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix("-") {
                out += "-"
            }
        }
        let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return String((trimmed.isEmpty ? "skill" : trimmed).prefix(24))
    }

    static func describe(
        _ group: [GapScore], id: String, stats: [SurveyCellStats], profile: CountryProfile, pressure: SectorPressure?,
        provision: [ProvisionEntry]?, commonIndex: [GroupKey: Set<String>], config: ProposalConfig,
        sectorLabels: [SectorKey: String], concepts: ESCOConcepts
    ) -> Proposal {
        let lead = group[0]
        let sector = lead.sector
        let skillGroup = lead.skill.group
        let sectorName = sectorLabels[sector] ?? "NACE \(sector)"
        let labels = group.map(\.skill.label)
        let iscedF = ISCEDFieldMapping.code(sector: sector, skill: lead.skill)

        // Preferred mode: modal count over the proposal's cells; ties → blended, on-site, online.
        var total = SurveyCellStats()
        for s in stats { total.merge(s) }
        let modeCounts: [(LearningMode, Double)] = [
            (.blended, total.modeBlended.value), (.onSite, total.modeOnSite.value), (.online, total.modeOnline.value),
        ]
        let best = modeCounts.max { $0.1 < $1.1 || ($0.1 == $1.1 && rankOf($0.0) > rankOf($1.0)) }!
        let surveyMode: LearningMode? = best.1 > 0 ? best.0 : nil
        // Manual and machine skills are practised and assessed in person: in person, or blended when the survey
        // preferred online or blended learning.
        let practice = requiresPractice(skills: group.map(\.skill), sector: sector)
        let mode: LearningMode
        let basis: ParticipationBasis
        if practice {
            mode = surveyMode == .onSite ? .onSite : .blended
            basis = .practiceRequired
        } else if let surveyMode {
            (mode, basis) = (surveyMode, .surveyPreference)
        } else {
            (mode, basis) = (config.defaultMode, .noPreference)
        }

        // Target groups: named by at least the configured share of respondents; else the configured default.
        var targets: [TargetGroup] = []
        if total.n > 0 {
            targets = TargetGroup.allCases.filter {
                total.count(of: $0) > 0 && Double(total.count(of: $0)) / Double(total.n) >= config.targetGroupMinShare
            }
        }
        let targetsBasis = targets.isEmpty ? "default" : "survey"
        if targets.isEmpty { targets = config.defaultTargetGroups.sorted() }

        let configuredEQF = skillGroup.flatMap { config.eqfLevels[$0] }
        let eqf = configuredEQF ?? config.defaultEQFLevel
        let hours = config.hoursPerSkill * group.count
        let ects = Double(hours) / config.hoursPerECTS
        let ecvet = Double(hours) / config.hoursPerVETYear * 60

        // Uses the evidence supports: upskilling of the employers' workforce always; the others only with their
        // target group named by the survey above the share threshold: initial VET ← young people; reskilling ←
        // unemployed, displaced people and returnees, refugees; validation of non-formal and informal learning ←
        // low-skilled adults (adults in general are the upskilling audience).
        var uses: [String] = []
        let named = targetsBasis == "survey" ? Set(targets) : []
        if named.contains(.youth) { uses.append("initial-vet") }
        uses.append("upskilling")
        if !named.isDisjoint(with: [.unemployed, .displaced, .refugees]) { uses.append("reskilling") }
        if named.contains(.lowSkilled) { uses.append("validation") }
        var settings = mode == .online ? ["school"] : ["school", "workplace"]
        if eqf >= 5 { settings.append("higher-education") }

        let provisionExists = provision.map { list in
            list.contains { $0.covers(country: profile.code, sector: sector, skillGroup: skillGroup) }
        }
        let components = priorityComponents(
            lead: lead, isPrioritySector: profile.isPriority(sector), employmentShare: pressure?.employmentShare,
            provisionExists: provisionExists, config: config)
        let priorityValue = priority(of: components)
        var flags = Set(group.flatMap(\.flags)).subtracting([.suppressed])
        if group.contains(where: { $0.flags.contains(.fragile) }) { flags.insert(.fragile) }
        let common = skillGroup.map { commonIndex[GroupKey(section: sector.section, group: $0)] ?? [] } ?? []
        let commonWith = common.subtracting([profile.code]).sorted()

        let title = capitalizeFirst(joinLabels(labels)) + " (\(sectorName))"
        var proposal = Proposal(
            id: id, country: profile.code, rank: 0, priority: priorityValue, sector: sector, skillGroup: skillGroup,
            skills: group.map(\.skill), title: title, issuerCountry: profile.code,
            awardingBody: profile.awardingBodies.first ?? "",
            outcomes: concepts.skillOutcomes(skills: group.map(\.skill), sectorLabel: sectorName), ectsCredits: ects,
            ecvetPoints: ecvet, hours: hours, volumeOfLearning: "PT\(hours)H", eqfLevel: eqf,
            assessmentType: config.assessmentType ?? (practice ? "practical-on-site" : "practical-and-test"),
            participationForm: mode, qualityAssurance: config.qualityAssurance,
            prerequisites: prerequisites(eqf),
            supervisionAndIdentityVerification: mode == .online ? "online-id-check" : "on-site-id-check",
            grade: config.grade,
            stackability: skillGroup == nil ? "stand-alone" : "stackable-vet",
            furtherInformation: "bem-stocktake",
            iscedF: iscedF, targetGroups: targets, uses: uses,
            learningSettings: settings, n: lead.n, mwds: lead.mwds ?? 0, gapScore: lead.score!,
            gapScoreLow: lead.scoreLow ?? lead.score!, gapScoreHigh: lead.scoreHigh ?? lead.score!,
            labourPressure: lead.labourPressure, labourCoverage: lead.labourCoverage, flags: flags,
            provisionExists: provisionExists, commonWith: commonWith)
        proposal.labourSubIndices = pressure?.subIndices ?? [:]
        proposal.hardToFillShare = lead.hardToFillShare
        proposal.demandChange = lead.demandChange
        proposal.priorityComponents = components
        proposal.participationBasis = basis
        proposal.surveyMode = surveyMode
        proposal.eqfBasis = configuredEQF == nil ? "default" : "skill-group"
        proposal.targetGroupsBasis = targetsBasis
        proposal.prioritySector = profile.isPriority(sector)
        return proposal
    }

    /// ESCO skill groups practised with the hands or on machines: S6 handling and moving, S8 working with
    /// machinery and specialised equipment, T5 physical and manual skills; S5.7 machine control everywhere; S5
    /// working with computers in the sections where computers drive machines (`ISCEDFieldMapping.sectorFieldSections`).
    public static let practiceGroups: Set<String> = ["S6", "S8", "T5"]

    /// Whether any of the skills needs in-person practice and on-site assessment.
    static func requiresPractice(skills: [SkillRef], sector: SectorKey) -> Bool {
        skills.contains { skill in
            guard let group = skill.group else { return false }
            return practiceGroups.contains(group) || ISCEDFieldMapping.isMachineControl(skill)
                || (ISCEDFieldMapping.sectorFieldSections[group]?.contains(sector.section) ?? false)
        }
    }

    /// Priority 0–100 (`docs/methodology.md` §8): weighted mean of gap = score/100; sector = 1 for a priority
    /// sector, else min(1, employment share / cap) (left out when unknown); confidence = (1 − min(1, interval
    /// width / 100)) × min(1, n / `confidence_full_n`); provision = 0 when a programme exists, 1 when none (left out without a provision file).
    public static func priority(
        lead: GapScore, isPrioritySector: Bool, employmentShare: Double?, provisionExists: Bool?,
        config: ProposalConfig
    ) -> Double {
        priority(of: priorityComponents(lead: lead, isPrioritySector: isPrioritySector, employmentShare: employmentShare,
                                        provisionExists: provisionExists, config: config))
    }

    /// 100 × Σ w x / Σ w over `components` (0 when there are none).
    public static func priority(of components: [PriorityComponent]) -> Double {
        let weightSum = components.reduce(0) { $0 + $1.weight }
        return weightSum > 0 ? 100 * components.reduce(0) { $0 + $1.weight * $1.value } / weightSum : 0
    }

    /// The terms of `priority(lead:…)`, each clamped to 0…1; terms without data are left out.
    public static func priorityComponents(
        lead: GapScore, isPrioritySector: Bool, employmentShare: Double?, provisionExists: Bool?,
        config: ProposalConfig
    ) -> [PriorityComponent] {
        let w = config.priorityWeights
        var components: [PriorityComponent] = []
        func add(_ kind: PriorityComponent.Kind, _ x: Double?, _ weight: Double, measure: Double? = nil) {
            guard let x else { return }
            components.append(PriorityComponent(kind: kind, value: ScoreMath.clamp(x, 0...1), weight: weight, measure: measure))
        }
        let score = lead.score ?? 0
        add(.gap, score / 100, w.gap)
        if isPrioritySector {
            add(.prioritySector, 1, w.sector)
        } else {
            add(.employmentShare, employmentShare.map { $0 / config.employmentShareCap }, w.sector, measure: employmentShare)
        }
        let width = (lead.scoreHigh ?? score) - (lead.scoreLow ?? score)
        let nFactor = min(1, Double(lead.n) / Double(max(1, config.confidenceFullN)))
        add(.confidence, (1 - min(1, width / 100)) * nFactor, w.confidence)
        add(.provision, provisionExists.map { $0 ? 0 : 1 }, w.provision)
        return components
    }

    static func rankOf(_ mode: LearningMode) -> Int {
        switch mode {
        case .blended: return 0
        case .onSite: return 1
        case .online: return 2
        }
    }

    /// Prerequisite code by EQF level (`prerequisite.<code>` in the string tables).
    static func prerequisites(_ eqf: Int) -> String {
        switch eqf {
        case ...3: return "basic-literacy"
        case 4: return "lower-secondary"
        default: return "vet-eqf4"
        }
    }

    static func capitalizeFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    static func joinLabels(_ labels: [String]) -> String {
        switch labels.count {
        case 0: return ""
        case 1: return labels[0]
        default: return labels.dropLast().joined(separator: ", ") + " and " + labels.last!
        }
    }
}
