import Foundation
import StocktakeModel

/// Labour-market pressure per country × sector, in the spirit of the OECD Skills for Jobs indicators.
///
/// For each sector and each of the five sub-indices: the sector's value minus the country's economy-wide
/// (`TOTAL`) value, signed so that positive means shortage; then standardized within the country (z-score
/// across the distinct labour series in use); then combined with weights over the sub-indices available.
/// See `docs/methodology.md` §3 for every rule.
public enum LabourPressureCalculator {
    /// Pressures for every sector of one country.
    ///
    /// - Parameters:
    ///   - country: ISO2 code; series of other countries are ignored.
    ///   - sectors: the sectors to report (the survey's sectors and their sections); sections and divisions with
    ///     their own labour series are added.
    ///   - labour: normalized labour series (any countries).
    ///   - weights: sub-index weights.
    ///   - dropping: a sub-index left out (sensitivity analysis), or nil.
    /// - Returns: one `SectorPressure` per sector, sorted by sector key.
    public static func pressures(
        country: String, sectors: Set<SectorKey>, labour: [LabourSeries], weights: ScoringConfig.LabourWeights,
        dropping: LabourIndicator? = nil, growthWindowYears: Int = 5
    ) -> [SectorPressure] {
        pressures(
            country: country, sectors: sectors,
            table: SeriesTable(country: country, labour: labour, growthWindowYears: growthWindowYears), weights: weights,
            dropping: dropping)
    }

    /// The same, from an already indexed series table (the sensitivity analysis reuses one per country).
    static func pressures(
        country: String, sectors: Set<SectorKey>, table: SeriesTable, weights: ScoringConfig.LabourWeights,
        dropping: LabourIndicator? = nil
    ) -> [SectorPressure] {
        var allSectors = sectors
        for key in table.sectorScopes { allSectors.insert(key) }
        let sorted = allSectors.sorted()

        // Raw sub-index per indicator per sector, remembering the scope it came from.
        var raw: [LabourIndicator: [SectorKey: (scope: String, value: Double, flags: [String], periods: String)]] = [:]
        for indicator in LabourIndicator.allCases where indicator != dropping {
            guard let total = table.metric(indicator, scope: .total) else { continue }
            for sector in sorted {
                guard let (scope, metric) = table.resolvedMetric(indicator, sector: sector) else { continue }
                let value = LabourSubIndex.sign(of: indicator) * (metric.value - total.value)
                let periods = metric.periods == total.periods ? metric.periods : "\(metric.periods) (TOTAL \(total.periods))"
                raw[indicator, default: [:]][sector] = (scope.description, value, metric.flags + total.flags, periods)
            }
        }
        // z-scores across the distinct scopes in use for each indicator.
        var z: [LabourIndicator: [String: Double]] = [:]
        for (indicator, bySector) in raw {
            var byScope: [String: Double] = [:]
            for entry in bySector.values { byScope[entry.scope] = entry.value }
            let values = byScope.keys.sorted().map { byScope[$0]! }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
            let sd = variance.squareRoot()
            var result: [String: Double] = [:]
            for (scope, value) in byScope {
                result[scope] = (values.count < 2 || !(sd > 1e-12)) ? 0 : (value - mean) / sd
            }
            z[indicator] = result
        }
        let employmentTotal = table.metric(.employment, scope: .total, level: true)

        return sorted.map { sector in
            var rawSub: [LabourIndicator: Double] = [:]
            var subIndices: [LabourIndicator: Double] = [:]
            var scopes: [LabourIndicator: String] = [:]
            var periods: [LabourIndicator: String] = [:]
            var flags = Set<String>()
            var weighted = 0.0
            var weightSum = 0.0
            for indicator in LabourIndicator.allCases {
                guard let entry = raw[indicator]?[sector], let zValue = z[indicator]?[entry.scope] else { continue }
                rawSub[indicator] = entry.value
                subIndices[indicator] = zValue
                scopes[indicator] = entry.scope
                periods[indicator] = entry.periods
                for f in entry.flags where !f.isEmpty { flags.insert(f) }
                let w = weights.weight(for: indicator)
                weighted += w * zValue
                weightSum += w
            }
            var share: Double?
            // Employment share from the sector's own or its section's series, never from an aggregate.
            if let total = employmentTotal, total.value > 0,
               let (scope, level) = table.resolvedMetric(.employment, sector: sector, level: true),
               case .sector = scope {
                share = level.value / total.value
            }
            var pressure = SectorPressure(
                country: country, sector: sector, rawSubIndices: rawSub, subIndices: subIndices,
                coverage: subIndices.count, pressure: weightSum > 0 ? weighted / weightSum : nil,
                employmentShare: share, sourceFlags: flags.sorted())
            pressure.sourceScopes = scopes
            pressure.periods = periods
            return pressure
        }
    }

    // MARK: - Private

    /// One computed metric of a series (growth in percent, a rate in percent, or a level) and the flags used.
    struct Metric {
        var value: Double
        var flags: [String]
        /// The periods the metric used: the growth window (`2019–2024`) or the period of a level or rate.
        var periods: String
    }

    /// The labour series of one country, indexed by scope and indicator.
    struct SeriesTable {
        var series: [String: [LabourIndicator: LabourSeries]] = [:]
        var aggregates: [(code: String, sections: [String])] = []
        var sectorScopes: [SectorKey] = []
        /// Growth is measured over at most this many years before the latest observation.
        var growthWindowYears: Int

        init(country: String, labour: [LabourSeries], growthWindowYears: Int = 5) {
            self.growthWindowYears = growthWindowYears
            var seenAggregates = Set<String>()
            for s in labour where s.country == country && !s.observations.isEmpty {
                let key = s.scope.description
                var sortedSeries = s
                sortedSeries.observations.sort {
                    ($0.period, $0.value, $0.flag, $0.source) < ($1.period, $1.value, $1.flag, $1.source)
                }
                // Duplicate series for one scope × indicator: keep the longest, then the smallest unit text, then
                // the smallest observations, so that the input order never matters.
                if let existing = series[key]?[s.indicator], !Self.isPreferred(sortedSeries, over: existing) {
                    continue
                }
                series[key, default: [:]][s.indicator] = sortedSeries
                switch s.scope {
                case .aggregate(let code, let sections):
                    if seenAggregates.insert(code).inserted { aggregates.append((code, sections)) }
                case .sector(let k):
                    if !sectorScopes.contains(k) { sectorScopes.append(k) }
                case .total: break
                }
            }
            aggregates.sort { $0.code < $1.code }
            sectorScopes.sort()
        }

        static func isPreferred(_ a: LabourSeries, over b: LabourSeries) -> Bool {
            if a.observations.count != b.observations.count { return a.observations.count > b.observations.count }
            if a.unit != b.unit { return a.unit < b.unit }
            for (x, y) in zip(a.observations, b.observations) where x != y {
                return (x.period, x.value, x.flag, x.source) < (y.period, y.value, y.flag, y.source)
            }
            return false
        }

        /// The scopes to try for `sector`, in order: itself, its section, aggregates containing its section.
        func candidates(for sector: SectorKey) -> [LabourScope] {
            var result: [LabourScope] = [.sector(sector)]
            if !sector.isSection { result.append(.sector(sector.parent)) }
            for a in aggregates where a.sections.contains(sector.section) {
                result.append(.aggregate(code: a.code, sections: a.sections))
            }
            return result
        }

        /// The metric of the first scope in `candidates(for:)` that has it.
        func resolvedMetric(_ indicator: LabourIndicator, sector: SectorKey, level: Bool = false)
            -> (LabourScope, Metric)?
        {
            for scope in candidates(for: sector) {
                if let m = metric(indicator, scope: scope, level: level) { return (scope, m) }
            }
            return nil
        }

        /// The metric of `indicator` at `scope`: compound annual growth in percent over the growth window for
        /// employment, wages and hours; the vacancy rate V/(V+E) in percent at the latest period both series share;
        /// the latest unemployment rate, or U/(U+E) in percent when unemployment is a count. With `level`, the
        /// latest level instead (employment shares).
        func metric(_ indicator: LabourIndicator, scope: LabourScope, level: Bool = false) -> Metric? {
            let key = scope.description
            guard let s = series[key]?[indicator], let last = s.observations.last else { return nil }
            if level { return Metric(value: last.value, flags: [last.flag], periods: last.period) }
            switch indicator {
            case .employment, .wages, .hours:
                return growth(s.observations)
            case .unemployment:
                if (try? LabourUnit.parse(s.unit, for: .unemployment).get())?.family == .persons {
                    return rateAgainstEmployment(s, key: key)
                }
                return Metric(value: last.value, flags: [last.flag], periods: last.period)
            case .vacancies:
                return rateAgainstEmployment(s, key: key)
            }
        }

        /// Compound annual growth in percent from the base to the latest observation. The base is the earliest
        /// observation at most `growthWindowYears` before the latest, or the one just before the latest when none
        /// is. One year apart, this is (latest − base)/base × 100.
        func growth(_ observations: [LabourObservation]) -> Metric? {
            guard observations.count >= 2, let last = observations.last, let tLast = LabourPeriod.time(last.period) else {
                return nil
            }
            var baseIndex = observations.count - 2
            for (i, o) in observations.dropLast().enumerated() {
                if let t = LabourPeriod.time(o.period), tLast - t <= Double(growthWindowYears) + 1e-9 {
                    baseIndex = i
                    break
                }
            }
            let base = observations[baseIndex]
            guard let tBase = LabourPeriod.time(base.period), tLast > tBase, base.value > 0 else { return nil }
            let years = tLast - tBase
            let value = years == 1
                ? (last.value - base.value) / base.value * 100
                : (pow(last.value / base.value, 1 / years) - 1) * 100
            return Metric(value: value, flags: [base.flag, last.flag], periods: "\(base.period)–\(last.period)")
        }

        /// A count of persons as a percentage of itself plus employment, C/(C+E) × 100, at the latest period where
        /// both series of the scope have a value, both converted to persons by their units first (vacancies
        /// counted in `NR` against employment in `THS_PER`; unemployed and employed both in thousands).
        func rateAgainstEmployment(_ s: LabourSeries, key: String) -> Metric? {
            guard let employment = series[key]?[.employment] else { return nil }
            let employmentByPeriod = Dictionary(
                employment.observations.map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
            let cScale = (try? LabourUnit.parse(s.unit, for: s.indicator).get())?.scale ?? 1
            let eScale = (try? LabourUnit.parse(employment.unit, for: .employment).get())?.scale ?? 1
            for c in s.observations.reversed() {
                if let e = employmentByPeriod[c.period], c.value * cScale + e.value * eScale > 0 {
                    let count = c.value * cScale, employed = e.value * eScale
                    return Metric(value: count / (count + employed) * 100, flags: [c.flag, e.flag], periods: c.period)
                }
            }
            return nil
        }
    }
}
