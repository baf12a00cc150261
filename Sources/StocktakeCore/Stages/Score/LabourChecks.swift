import StocktakeModel

/// Consistency checks on the labour series of a run, before any pressure is computed (docs/methodology.md §3,
/// "Checks"). Each finding names the country, indicator, scopes, periods and sources; some leave data out of the
/// pressure, the others are only shown.
///
/// Per country × indicator, over the periods where `TOTAL` has a value:
/// - **sections exceed the total** (counts only): Σ sections > total × (1 + `sumTolerance`) → the period is left
///   out;
/// - **unclassified share** (counts only): Σ sections / total below the series' median share by more than
///   `shareDropTolerance` → left out;
/// - **incomplete breakdown**: fewer sections than `minSectionShare` × the median number of sections → left out.
/// Then, over the run's countries:
/// - **stale series**: the latest year (after the periods left out) is `staleYears` or more behind the median
///   latest year of the indicator across the countries → flagged; more than the growth window behind → the
///   country's series of that indicator are left out;
/// - **gap in years**: a series misses periods between its first and last observation → flagged.
public enum LabourChecks {
    /// Σ sections may exceed the total by this share (rounding of published figures).
    public static let sumTolerance = 0.02
    /// A period's Σ sections / total may fall this far below the series' median share.
    public static let shareDropTolerance = 0.20
    /// A period must list at least this share of the series' median number of sections.
    public static let minSectionShare = 0.5
    /// Years behind the other countries' median latest year from which a series is flagged stale.
    public static let staleYears = 3

    /// The checks' findings, and the series with what they leave out removed (series without observations left
    /// are dropped). Deterministic: findings are sorted by country, indicator, kind and scopes.
    public static func run(_ labour: [LabourSeries], growthWindowYears: Int) -> (series: [LabourSeries], findings: [LabourCheck]) {
        var findings: [LabourCheck] = []
        var leftOut: [GroupKey: Set<String>] = [:]
        let groups = Dictionary(grouping: labour) { GroupKey(country: $0.country, indicator: $0.indicator) }
        // The series each scope uses, once per group (the breakdown and gap checks both read it).
        let preferred = groups.mapValues(preferredByScope)

        for (key, series) in groups {
            for finding in breakdownChecks(key, preferred[key]!, sources: sources(series)) {
                findings.append(finding)
                leftOut[key, default: []].formUnion(finding.periods)
            }
        }

        // Latest year per country × indicator after the periods left out; compared across countries.
        var latest: [GroupKey: Int] = [:]
        for (key, series) in groups {
            let years = series.flatMap(\.observations).filter { !(leftOut[key]?.contains($0.period) ?? false) }
                .compactMap { LabourPeriod.year($0.period) }
            if let last = years.max() { latest[key] = last }
        }
        var excludedGroups = Set<GroupKey>()
        for indicator in LabourIndicator.allCases {
            let keys = latest.keys.filter { $0.indicator == indicator }
            guard keys.count >= 2 else { continue }
            let median = Self.median(keys.map { Double(latest[$0]!) })
            for key in keys {
                let behind = median - Double(latest[key]!)
                guard behind >= Double(staleYears) else { continue }
                let excluded = behind > Double(growthWindowYears)
                if excluded { excludedGroups.insert(key) }
                let series = groups[key]!
                findings.append(LabourCheck(
                    country: key.country, indicator: indicator, kind: .staleSeries,
                    scopes: scopes(series), periods: [String(latest[key]!)], observed: behind, expected: median,
                    action: excluded ? .seriesLeftOut : .flagged, sources: sources(series)))
            }
        }

        // Gaps: one finding per country × indicator × set of missing periods.
        for (key, series) in groups {
            var byGap: [[String]: [String]] = [:]
            for s in preferred[key]!.values {
                let missing = LabourPeriod.missing(in: s.observations.map(\.period))
                if !missing.isEmpty { byGap[missing, default: []].append(s.scope.description) }
            }
            for (missing, scopes) in byGap {
                findings.append(LabourCheck(
                    country: key.country, indicator: key.indicator, kind: .gapInYears, scopes: sortedScopes(scopes),
                    periods: missing, observed: nil, expected: nil, action: .flagged, sources: sources(series)))
            }
        }

        findings.sort {
            ($0.country, $0.indicator.rawValue, $0.kind.rawValue, $0.scopes.joined(separator: ","), $0.periods.joined(separator: ","))
                < ($1.country, $1.indicator.rawValue, $1.kind.rawValue, $1.scopes.joined(separator: ","), $1.periods.joined(separator: ","))
        }
        var kept: [LabourSeries] = []
        for s in labour {
            let key = GroupKey(country: s.country, indicator: s.indicator)
            if excludedGroups.contains(key) { continue }
            var copy = s
            if let periods = leftOut[key] { copy.observations.removeAll { periods.contains($0.period) } }
            if !copy.observations.isEmpty { kept.append(copy) }
        }
        return (kept, findings)
    }

    // MARK: - Private

    struct GroupKey: Hashable {
        var country: String
        var indicator: LabourIndicator
    }

    /// One series per scope (the one the pressure would use).
    static func preferredByScope(_ series: [LabourSeries]) -> [String: LabourSeries] {
        var result: [String: LabourSeries] = [:]
        for s in series {
            var sorted = s
            sorted.observations.sort { ($0.period, $0.value) < ($1.period, $1.value) }
            let key = s.scope.description
            if let existing = result[key], !LabourPressureCalculator.SeriesTable.isPreferred(sorted, over: existing) { continue }
            result[key] = sorted
        }
        return result
    }

    /// The period-level checks of one country × indicator: sections against `TOTAL`, period by period.
    static func breakdownChecks(_ key: GroupKey, _ byScope: [String: LabourSeries], sources: [String]) -> [LabourCheck] {
        guard let total = byScope["TOTAL"] else { return [] }
        // In code order, so that the sums do not depend on the input order.
        let sections = byScope.keys.sorted().compactMap { byScope[$0] }
            .filter { if case .sector(let k) = $0.scope { return k.isSection }; return false }
        guard !sections.isEmpty else { return [] }
        // Σ sections and their number per period where the total has a value.
        var rows: [(period: String, total: Double, sum: Double, count: Int)] = []
        for t in total.observations where t.value > 0 {
            var sum = 0.0, count = 0
            for s in sections {
                if let o = s.observations.first(where: { $0.period == t.period }) { sum += o.value; count += 1 }
            }
            if count > 0 { rows.append((t.period, t.value, sum, count)) }
        }
        guard rows.count >= 1 else { return [] }
        // Only counts add up: mean hours, wages and rates of sections do not sum to the total.
        let additive = (try? LabourUnit.parse(total.unit, for: key.indicator).get())?.family == .persons
        let allScopes = sortedScopes(["TOTAL"] + sections.map(\.scope.description))
        let medianShare = median(rows.map { $0.sum / $0.total })
        let medianCount = median(rows.map { Double($0.count) })
        var exceed: [String] = [], unclassified: [String] = [], incomplete: [String] = []
        var worstExceed = 0.0, worstShare = Double.infinity, fewest = Int.max
        for row in rows {
            let share = row.sum / row.total
            if additive, share > 1 + sumTolerance {
                exceed.append(row.period)
                worstExceed = max(worstExceed, share)
            } else if Double(row.count) < minSectionShare * medianCount {
                incomplete.append(row.period)
                fewest = min(fewest, row.count)
            } else if additive, rows.count >= 3, share < medianShare - shareDropTolerance {
                unclassified.append(row.period)
                worstShare = min(worstShare, share)
            }
        }
        var result: [LabourCheck] = []
        func add(_ kind: LabourCheck.Kind, _ periods: [String], observed: Double, expected: Double) {
            guard !periods.isEmpty else { return }
            result.append(LabourCheck(
                country: key.country, indicator: key.indicator, kind: kind, scopes: allScopes, periods: periods.sorted(),
                observed: observed, expected: expected, action: .periodsLeftOut, sources: sources))
        }
        add(.sectionsExceedTotal, exceed, observed: worstExceed, expected: 1 + sumTolerance)
        add(.incompleteBreakdown, incomplete, observed: Double(fewest), expected: medianCount)
        add(.unclassifiedShare, unclassified, observed: worstShare, expected: medianShare)
        return result
    }

    static func scopes(_ series: [LabourSeries]) -> [String] {
        sortedScopes(series.map(\.scope.description))
    }

    /// `TOTAL` first, then the codes in order.
    static func sortedScopes(_ scopes: [String]) -> [String] {
        let unique = Array(Set(scopes)).sorted()
        return unique.filter { $0 == "TOTAL" } + unique.filter { $0 != "TOTAL" }
    }

    static func sources(_ series: [LabourSeries]) -> [String] {
        Array(Set(series.flatMap { $0.observations.map(\.source) }).filter { !$0.isEmpty }).sorted()
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

/// Periods as time: `2023`, `2023-Q1`/`2023Q1`, `2023-S1`, `2023-07`/`2023M07` (the forms ingest accepts).
public enum LabourPeriod {
    /// The calendar year of a period.
    public static func year(_ period: String) -> Int? {
        Int(period.prefix(4))
    }

    /// Sub-periods per year (1, 2, 4 or 12) and the 1-based sub-period; nil when the text is not a period.
    static func parts(_ period: String) -> (year: Int, perYear: Int, index: Int)? {
        guard let year = year(period) else { return nil }
        var rest = Substring(period.dropFirst(4))
        if rest.isEmpty { return (year, 1, 1) }
        if rest.hasPrefix("-") { rest = rest.dropFirst() }
        var perYear = 12
        if let first = rest.first, first == "Q" || first == "S" || first == "M" {
            perYear = first == "Q" ? 4 : first == "S" ? 2 : 12
            rest = rest.dropFirst()
        }
        guard let index = Int(rest), index >= 1, index <= perYear else { return nil }
        return (year, perYear, index)
    }

    /// The period's start in years (`2023-Q3` → 2023.5).
    public static func time(_ period: String) -> Double? {
        parts(period).map { Double($0.year) + Double($0.index - 1) / Double($0.perYear) }
    }

    /// The periods missing between the first and last of `periods` (one frequency; mixed ones give none).
    static func missing(in periods: [String]) -> [String] {
        let parsed = periods.compactMap(parts)
        guard parsed.count == periods.count, let perYear = parsed.first?.perYear,
              parsed.allSatisfy({ $0.perYear == perYear }) else { return [] }
        let ordinals = Set(parsed.map { $0.year * perYear + $0.index - 1 })
        guard let low = ordinals.min(), let high = ordinals.max() else { return [] }
        return (low...high).filter { !ordinals.contains($0) }.map { ordinal in
            let year = ordinal / perYear, index = ordinal % perYear + 1
            switch perYear {
            case 1: return String(year)
            case 2: return "\(year)-S\(index)"
            case 4: return "\(year)-Q\(index)"
            default: return "\(year)-\(index < 10 ? "0" : "")\(index)"
            }
        }
    }
}
