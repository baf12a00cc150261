import Foundation
import StocktakeModel

/// The score stage: Borich MWDS per cell, labour pressure per sector, a 0–100 gap score with an interval,
/// disclosure control and a sensitivity analysis. Pure: no file, clock or database access.
///
/// Every formula is in `docs/methodology.md`; `GapScorerTests` reproduces its worked example.
public enum GapScorer {
    /// Survey evidence of one published cell, computed from its integer sufficient statistics.
    public struct CellEvidence: Sendable, Hashable {
        /// Mean importance Ī.
        public var meanImportance: Double
        /// Mean discrepancy d̄ = mean(I − P).
        public var meanDiscrepancy: Double
        /// Borich MWDS = Ī · d̄.
        public var mwds: Double
        /// Delta-method standard error of the MWDS.
        public var standardError: Double
        /// Lower end of the interval, clipped to `mwdsRange`.
        public var mwdsLow: Double
        /// Upper end of the interval, clipped to `mwdsRange`.
        public var mwdsHigh: Double
        /// Share answering yes to hard-to-fill among those who answered, with its Wilson interval.
        public var hardToFill: Double?
        /// Wilson interval of the hard-to-fill share.
        public var hardToFillLow: Double?
        /// Upper end of the Wilson interval.
        public var hardToFillHigh: Double?
        /// Mean expected demand change (−2…+2) among those who answered.
        public var demandChange: Double?
    }

    /// The feasible range of the MWDS with importance and proficiency in 1…5: Ī·d̄ with d̄ ∈ [Ī−5, Ī−1].
    public static let mwdsRange: ClosedRange<Double> = -6.25...20

    /// Scores every country's cells.
    ///
    /// - Parameters:
    ///   - cells: survey cells (country × sector × skill) with integer statistics.
    ///   - sectorRespondents: distinct respondents per country × sector (published after disclosure control).
    ///   - labour: normalized labour series (checked first by `LabourChecks`).
    ///   - countries: the countries of the pipeline; countries that only appear in `cells` are scored too.
    ///   - config: weights and thresholds (validate it first with `ScoringConfig.validate()`).
    ///   - names: the normalize stage's mapping decisions, for the free-text rules (`FreeTextDisclosure`).
    ///   - publishFreeText: the definition allows free text in published reports (`report.free_text`).
    ///   - perturbed: apply the cell key perturbation (`CellKeyPerturbation`, `scoring.perturbation`) to every
    ///     published count and mean before disclosure control decides; the cells' keys come from ingest.
    /// - Returns: gaps, pressures, sensitivity, publishable respondent counts and the withheld free text,
    ///   deterministically sorted.
    public static func score(
        cells: [SurveyCell], sectorRespondents: [SectorRespondents], labour: [LabourSeries],
        countries: [CountryProfile], config: ScoringConfig, names: [MappingDecision] = [], publishFreeText: Bool = false,
        perturbed: Bool = false
    ) -> ScoreResult {
        let codes = Set(cells.map(\.country)).union(countries.map(\.code)).sorted()
        var gaps: [GapScore] = []
        var pressures: [SectorPressure] = []
        var sensitivity: [CountrySensitivity] = []
        var respondents: [PublishedRespondents] = []
        let respondentCodes = Set(sectorRespondents.map(\.country)).union(codes).sorted()
        // Consistency checks first: what they leave out never reaches a pressure.
        let checked = LabourChecks.run(labour, growthWindowYears: config.growthWindowYears)
        let labour = checked.series
        for code in respondentCodes {
            let rows = sectorRespondents.filter { $0.country == code }
            respondents += publishRespondents(rows, k: config.minCellSize, perturbed: perturbed)
            guard codes.contains(code) else { continue }
            let result = scoreCountry(
                code, cells: cells.filter { $0.country == code }, labour: labour, config: config,
                hiddenRespondents: hiddenCounts(rows, k: config.minCellSize, perturbed: perturbed), perturbed: perturbed)
            gaps += result.gaps
            pressures += result.pressures
            sensitivity.append(result.sensitivity)
        }
        let withheld = FreeTextDisclosure.apply(gaps: &gaps, mappings: names, k: config.minCellSize,
                                                publishFreeText: publishFreeText)
        return ScoreResult(gaps: gaps, pressures: pressures, sensitivity: sensitivity, respondents: respondents,
                           withheld: withheld, labourChecks: checked.findings)
    }

    /// MWDS, its delta-method interval, the hard-to-fill share with its Wilson interval and the mean demand
    /// change of one cell (`docs/methodology.md` §2). Needs n ≥ 2 for a finite interval.
    public static func evidence(_ s: SurveyCellStats, z: Double) -> CellEvidence {
        let n = Double(s.n)
        let meanI = Double(s.sumImportance) / n
        let meanD = Double(s.sumDiscrepancy) / n
        // One rounding instead of three: ΣI·ΣD is exact for integer sums, so the MWDS is the Double nearest to the
        // exact fraction (469/200 reads 2.345, not 2.3449999…, and prints 2.35 at two decimals).
        let mwds = Double(s.sumImportance) * Double(s.sumDiscrepancy) / (n * n)
        var se = Double.infinity
        if s.n >= 2 {
            let varI = (Double(s.sumImportanceSquared) - n * meanI * meanI) / (n - 1)
            let varD = (Double(s.sumDiscrepancySquared) - n * meanD * meanD) / (n - 1)
            let covID = (Double(s.sumImportanceTimesDiscrepancy) - n * meanI * meanD) / (n - 1)
            let v = (meanD * meanD * varI + meanI * meanI * varD + 2 * meanI * meanD * covID) / n
            se = max(0, v).squareRoot()
        }
        let low = max(mwdsRange.lowerBound, mwds - z * se)
        let high = min(mwdsRange.upperBound, mwds + z * se)
        var e = CellEvidence(
            meanImportance: meanI, meanDiscrepancy: meanD, mwds: mwds, standardError: se, mwdsLow: low,
            mwdsHigh: high)
        if s.hardToFillAnswered > 0 {
            let m = Double(s.hardToFillAnswered)
            let p = Double(s.hardToFillYes) / m
            let z2 = z * z
            let center = (p + z2 / (2 * m)) / (1 + z2 / m)
            let half = z / (1 + z2 / m) * (p * (1 - p) / m + z2 / (4 * m * m)).squareRoot()
            e.hardToFill = p
            e.hardToFillLow = max(0, center - half)
            e.hardToFillHigh = min(1, center + half)
        }
        if s.demandChangeAnswered > 0 {
            e.demandChange = Double(s.demandChangeSum) / Double(s.demandChangeAnswered)
        }
        return e
    }

    /// The 0–100 gap score from fixed-scale components (`docs/methodology.md` §4): survey MWDS/scale, the
    /// hard-to-fill share, (demand change + 2)/4 and (P + span)/(2·span), each clamped to 0…1, averaged with
    /// the weights of the components available. Nil when no weighted component is available.
    public static func gapScore(
        mwds: Double, hardToFill: Double?, demandChange: Double?, pressure: Double?,
        weights: ScoringConfig.ComponentWeights, config: ScoringConfig
    ) -> Double? {
        var sum = 0.0
        var weightSum = 0.0
        func add(_ x: Double?, _ w: Double) {
            guard let x else { return }
            sum += w * ScoreMath.clamp(x, 0...1)
            weightSum += w
        }
        add(mwds / config.mwdsScale, weights.survey)
        add(hardToFill, weights.hardToFill)
        add(demandChange.map { ($0 + 2) / 4 }, weights.demandChange)
        add(pressure.map { ($0 + config.pressureSpan) / (2 * config.pressureSpan) }, weights.labour)
        guard weightSum > 0 else { return nil }
        return 100 * sum / weightSum
    }

    // MARK: - Private

    /// A published or suppressed unit of one country, with what scoring needs.
    struct ScoredUnit {
        var skill: SkillRef
        var unit: DisclosureControl.Unit
        var evidence: CellEvidence?
    }

    /// One perturbation of the method.
    struct Scenario {
        var name: String
        var weights: ScoringConfig.ComponentWeights
        var labourWeights: ScoringConfig.LabourWeights
        var dropping: LabourIndicator?
    }

    static func scoreCountry(
        _ code: String, cells: [SurveyCell], labour: [LabourSeries], config: ScoringConfig,
        hiddenRespondents: [SectorKey: Int] = [:], perturbed: Bool = false
    ) -> (gaps: [GapScore], pressures: [SectorPressure], sensitivity: CountrySensitivity) {
        let z = ScoreMath.criticalValue(confidenceLevel: config.confidenceLevel)
        // Disclosure control per skill (the margin is the skill's total over sectors), plus linked suppression:
        // a cell whose n equals its sector's suppressed respondent count is hidden too; repeated until stable.
        var bySkill: [SkillRef: [SectorKey: SurveyCellStats]] = [:]
        for cell in cells { bySkill[cell.skill, default: [:]][cell.sector, default: SurveyCellStats()].merge(cell.stats) }
        var units: [ScoredUnit] = []
        for skill in bySkill.keys.sorted() {
            var forced = Set<SectorKey>()
            var protected = DisclosureControl.protect(bySkill[skill]!, k: config.minCellSize, perturbed: perturbed)
            while true {
                let linked = protected.filter {
                    $0.suppression == nil && !forced.contains($0.sector) && hiddenRespondents[$0.sector] == $0.stats.n
                }
                if linked.isEmpty { break }
                forced.formUnion(linked.map(\.sector))
                protected = DisclosureControl.protect(bySkill[skill]!, k: config.minCellSize, forced: forced,
                                                      perturbed: perturbed)
            }
            for unit in protected {
                let e = unit.suppression == nil ? evidence(unit.stats, z: z) : nil
                units.append(ScoredUnit(skill: skill, unit: unit, evidence: e))
            }
        }
        let sectors = Set(units.map(\.unit.sector))
        let table = LabourPressureCalculator.SeriesTable(
            country: code, labour: labour, growthWindowYears: config.growthWindowYears)
        let basePressures = LabourPressureCalculator.pressures(
            country: code, sectors: sectors, table: table, weights: config.labourWeights)
        let pressureBySector = Dictionary(uniqueKeysWithValues: basePressures.map { ($0.sector, $0) })

        // Published units by position 0..<m; per-scenario work uses arrays aligned with these positions.
        let published = units.indices.filter { units[$0].evidence != nil }
        let m = published.count
        let tieOrder = (0..<m).sorted { (a: Int, b: Int) -> Bool in
            let x = units[published[a]]
            let y = units[published[b]]
            if x.unit.sector != y.unit.sector { return x.unit.sector < y.unit.sector }
            return x.skill < y.skill
        }
        var tieKey = [Int](repeating: 0, count: m)
        for (k, position) in tieOrder.enumerated() { tieKey[position] = k }
        let sectorList = sectors.sorted()
        var sectorIndex: [SectorKey: Int] = [:]
        for (i, sector) in sectorList.enumerated() { sectorIndex[sector] = i }
        let unitSector: [Int] = published.map { sectorIndex[units[$0].unit.sector]! }
        func scores(_ weights: ScoringConfig.ComponentWeights, _ pressure: [Double?]) -> [Double] {
            var result = [Double](repeating: 0, count: m)
            for position in 0..<m {
                let e = units[published[position]].evidence!
                result[position] = gapScore(
                    mwds: e.mwds, hardToFill: e.hardToFill, demandChange: e.demandChange,
                    pressure: pressure[unitSector[position]], weights: weights, config: config) ?? 0
            }
            return result
        }
        func ranks(_ s: [Double]) -> [Int] {
            let order = (0..<m).sorted { (a: Int, b: Int) -> Bool in
                if s[a] != s[b] { return s[a] > s[b] }
                return tieKey[a] < tieKey[b]
            }
            var r = [Int](repeating: 0, count: m)
            for (k, position) in order.enumerated() { r[position] = k + 1 }
            return r
        }
        func pressureArray(_ list: [SectorPressure]) -> [Double?] {
            var result = [Double?](repeating: nil, count: sectorList.count)
            for p in list {
                if let i = sectorIndex[p.sector] { result[i] = p.pressure }
            }
            return result
        }
        let basePressure = pressureArray(basePressures)
        let baseScoreList = scores(config.weights, basePressure)
        let baseRankList = ranks(baseScoreList)
        var baseScores: [Int: Double] = [:]
        var baseRanks: [Int: Int] = [:]
        for position in 0..<m {
            baseScores[published[position]] = baseScoreList[position]
            baseRanks[published[position]] = baseRankList[position]
        }

        // Sensitivity analysis.
        let topN = min(config.topN, m)
        let top: [Int] = (0..<m).filter { baseRankList[$0] <= topN }.sorted { baseRankList[$0] < baseRankList[$1] }
        var scenarioResults: [SensitivityScenario] = []
        var exits = [Int](repeating: 0, count: m)
        var maxShift = [Int](repeating: 0, count: m)
        let scenarioList = scenarios(config)
        for scenario in scenarioList {
            var pressure = basePressure
            if scenario.labourWeights != config.labourWeights || scenario.dropping != nil {
                pressure = pressureArray(LabourPressureCalculator.pressures(
                    country: code, sectors: sectors, table: table, weights: scenario.labourWeights,
                    dropping: scenario.dropping))
            }
            let r = ranks(scores(scenario.weights, pressure))
            var retained = 0
            for position in top {
                if r[position] <= topN { retained += 1 } else { exits[position] += 1 }
                maxShift[position] = max(maxShift[position], abs(r[position] - baseRankList[position]))
            }
            let tau = ScoreMath.kendallTau(top.map { baseRankList[$0] }, top.map { r[$0] })
            scenarioResults.append(SensitivityScenario(
                name: scenario.name, retainedShare: topN == 0 ? 1 : Double(retained) / Double(topN), kendallTau: tau))
        }
        var fragile = Set<Int>()
        for position in top {
            let exitShare = scenarioList.isEmpty ? 0 : Double(exits[position]) / Double(scenarioList.count)
            if exitShare > config.fragileExitShare || maxShift[position] > config.fragileRankShift {
                fragile.insert(published[position])
            }
        }

        var gaps: [GapScore] = []
        for (i, scored) in units.enumerated() {
            let unit = scored.unit
            let p = pressureBySector[unit.sector]
            var flags: Set<CellFlag> = []
            if unit.isRolledUp { flags.insert(.rolledUp) }
            if let p, !p.sourceFlags.isEmpty { flags.insert(.sourceFlagged) }
            let rolledUpDivisions = unit.isRolledUp ? unit.members.filter { !$0.isSection } : []
            guard let e = scored.evidence else {
                flags.insert(.suppressed)
                var g = GapScore(
                    country: code, sector: unit.sector, skill: scored.skill, n: 0, labourPressure: p?.pressure,
                    labourCoverage: p?.coverage ?? 0, flags: flags)
                g.suppression = unit.suppression
                g.rolledUpDivisions = rolledUpDivisions
                gaps.append(g)
                continue
            }
            if unit.stats.n < config.reliabilityThreshold { flags.insert(.unreliable) }
            if fragile.contains(i) { flags.insert(.fragile) }
            let pressure = p?.pressure
            let low = gapScore(
                mwds: e.mwdsLow, hardToFill: e.hardToFillLow, demandChange: e.demandChange, pressure: pressure,
                weights: config.weights, config: config)
            let high = gapScore(
                mwds: e.mwdsHigh, hardToFill: e.hardToFillHigh, demandChange: e.demandChange, pressure: pressure,
                weights: config.weights, config: config)
            var g = GapScore(
                country: code, sector: unit.sector, skill: scored.skill, n: unit.stats.n, mwds: e.mwds,
                mwdsLow: e.mwdsLow, mwdsHigh: e.mwdsHigh, hardToFillShare: e.hardToFill,
                demandChange: e.demandChange, labourPressure: pressure, labourCoverage: p?.coverage ?? 0,
                score: baseScores[i], scoreLow: low, scoreHigh: high, rank: baseRanks[i], flags: flags)
            g.hardToFillLow = e.hardToFillLow
            g.hardToFillHigh = e.hardToFillHigh
            g.rolledUpDivisions = rolledUpDivisions
            gaps.append(g)
        }
        gaps.sort { a, b in
            switch (a.rank, b.rank) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return (a.sector, a.skill) < (b.sector, b.skill)
            }
        }
        let sensitivity = CountrySensitivity(
            country: code, topN: topN, scenarios: scenarioResults, fragileProposalIDs: [])
        return (gaps, basePressures, sensitivity)
    }

    /// The perturbations, in a fixed order: each component weight ±p, each labour weight ±p, each sub-index dropped.
    static func scenarios(_ config: ScoringConfig) -> [Scenario] {
        let p = config.sensitivityPerturbation
        let percent = Int((p * 100).rounded())
        var list: [Scenario] = []
        let componentKeys: [(String, WritableKeyPath<ScoringConfig.ComponentWeights, Double>)] = [
            ("survey", \.survey), ("hard_to_fill", \.hardToFill), ("demand_change", \.demandChange),
            ("labour", \.labour),
        ]
        for (name, path) in componentKeys {
            for (sign, factor) in [("+", 1 + p), ("-", 1 - p)] {
                var w = config.weights
                w[keyPath: path] *= factor
                list.append(Scenario(
                    name: "weight.\(name)\(sign)\(percent)%", weights: w, labourWeights: config.labourWeights,
                    dropping: nil))
            }
        }
        for indicator in LabourIndicator.allCases {
            for (sign, factor) in [("+", 1 + p), ("-", 1 - p)] {
                var lw = config.labourWeights
                lw.setWeight(lw.weight(for: indicator) * factor, for: indicator)
                list.append(Scenario(
                    name: "labour_weight.\(LabourSubIndex.name(of: indicator))\(sign)\(percent)%",
                    weights: config.weights, labourWeights: lw, dropping: nil))
            }
        }
        for indicator in LabourIndicator.allCases {
            list.append(Scenario(
                name: "drop.\(LabourSubIndex.name(of: indicator))", weights: config.weights,
                labourWeights: config.labourWeights, dropping: indicator))
        }
        return list
    }

    /// The counts of the respondent units that `publishRespondents` suppresses, by sector key (perturbed when
    /// `perturbed`, like the cells' n they are compared with: a cell with the same respondents as its sector has the
    /// same cell key, hence the same perturbed count).
    static func hiddenCounts(_ rows: [SectorRespondents], k: Int, perturbed: Bool = false) -> [SectorKey: Int] {
        let (counts, keys) = sectorCounts(rows)
        var hidden: [SectorKey: Int] = [:]
        for unit in DisclosureControl.protectCounts(counts, k: k, keys: perturbed ? keys : nil) where unit.suppression != nil {
            hidden[unit.sector] = unit.n
        }
        return hidden
    }

    /// Sector respondent counts after roll-up, primary and secondary suppression per country.
    static func publishRespondents(_ rows: [SectorRespondents], k: Int, perturbed: Bool = false) -> [PublishedRespondents] {
        var result: [PublishedRespondents] = []
        let byCountry = Dictionary(grouping: rows, by: \.country)
        for country in byCountry.keys.sorted() {
            let (counts, keys) = sectorCounts(byCountry[country]!)
            for unit in DisclosureControl.protectCounts(counts, k: k, keys: perturbed ? keys : nil) {
                var flags: Set<CellFlag> = []
                if unit.isRolledUp { flags.insert(.rolledUp) }
                if unit.suppression != nil { flags.insert(.suppressed) }
                result.append(PublishedRespondents(
                    country: country, sector: unit.sector, respondents: unit.suppression == nil ? unit.n : nil,
                    flags: flags, suppression: unit.suppression))
            }
        }
        return result
    }

    /// Respondents and the sum of their record keys per sector key.
    static func sectorCounts(_ rows: [SectorRespondents]) -> (counts: [SectorKey: Int], keys: [SectorKey: UInt64]) {
        var counts: [SectorKey: Int] = [:]
        var keys: [SectorKey: UInt64] = [:]
        for row in rows {
            counts[row.sector, default: 0] += row.respondents
            keys[row.sector, default: 0] &+= row.recordKeys
        }
        return (counts, keys)
    }
}
