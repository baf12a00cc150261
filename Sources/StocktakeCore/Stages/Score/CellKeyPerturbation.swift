import StocktakeModel

/// Cell key perturbation of the published counts and means (`docs/methodology.md` §5.1), in the style of the cell key
/// method of the Australian Bureau of Statistics (TableBuilder) that Eurostat recommends for the 2021 census.
///
/// Every respondent has a fixed pseudo-random record key (`RecordKeyer`). A published unit's cell key is the wrapping
/// sum of its respondents' record keys (`SurveyCellStats.cellKey`); its top byte picks the deviation p of the count
/// from the published table `table`, so n' = n + p with |p| ≤ 2, n' ≥ 1 for n ≥ 1, mean 0. The same respondents
/// give the same cell key, hence the same n', in every release; removing or adding one gives an unrelated one.
///
/// Sums behind means (importance, discrepancy, hard-to-fill "yes", demand change, learning modes, target groups) are
/// first scaled by n'/n (the means stay where they were) and then moved by their own deviation from the table, each
/// drawn with a sub-key of the cell's value key (`SurveyCellStats.valueKey`, which also changes when one respondent
/// answers differently), in units of one respondent's answer, and clamped to the feasible range; these sums stay
/// exact fractions (`ExactSum`). Second moments keep the cell's spread: the centred sums are scaled by n'/n around
/// the perturbed means.
///
/// Pure and deterministic: the published values follow from the statistics and their keys alone.
public enum CellKeyPerturbation {
    /// Largest deviation of a count (and of a sum, in answer units).
    public static let maxDeviation = 2

    /// The published perturbation table: for a count n = 1, n = 2 and n ≥ 3 (rows), how many of the 256 values of
    /// the cell key's top byte give p = −2, −1, 0, +1, +2 (columns). Each row has mean 0; variances 0, 180/256 and
    /// 310/256. Rows 1 and 2 never take a positive count to 0 or below.
    public static let table: [[Int]] = [
        [0, 0, 256, 0, 0],
        [0, 77, 115, 51, 13],
        [26, 51, 102, 51, 26],
    ]

    /// The deviation p for a count `count` ≥ 1 with cell key `key`: the table row min(count, 3), the column where the
    /// cumulative count first exceeds `key >> 56`. 0 for a count ≤ 0 (empty cells stay empty).
    public static func deviation(key: UInt64, count: Int) -> Int {
        guard count >= 1 else { return 0 }
        let row = table[min(count, table.count) - 1]
        let c = Int(key >> 56)
        var cumulative = 0
        for (column, weight) in row.enumerated() {
            cumulative += weight
            if c < cumulative { return column - maxDeviation }
        }
        return 0
    }

    /// The published count n' = n + p (n ≥ 1), or n when n ≤ 0.
    public static func count(_ n: Int, key: UInt64) -> Int { n + deviation(key: key, count: n) }

    /// Sub-key `j` of a value key: an independent draw for each perturbed sum.
    public static func subKey(_ key: UInt64, _ j: Int) -> UInt64 {
        RecordKeyer.mix(key &+ UInt64(j) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The sub-keys of the value key, by sum.
    enum Draw: Int, CaseIterable {
        case importance = 1, discrepancy, hardToFillYes, demandChange, modeOnline, modeBlended, modeOnSite
        /// First of the target groups (one each, in `TargetGroup.allCases` order).
        case targetGroups
    }

    /// Second moments (used for the intervals only) are published on a grid of 2⁻²⁰ (`ExactSum` with that
    /// denominator): deterministic, far below the reported precision.
    static let grid = 1 << 20

    static func gridded(_ x: Double) -> ExactSum {
        var sum = ExactSum()
        sum.add(Int((x * Double(grid)).rounded()), over: grid)
        return sum
    }

    /// `sum · n'/n + p`, exact, clamped to `low…high` (the bounds replace the value when it falls outside).
    static func moved(_ sum: ExactSum, _ np: Int, _ n: Int, _ p: Int, _ low: Int, _ high: Int) -> ExactSum {
        var x = sum.scaled(by: np, over: n)
        x.add(p, over: 1)
        if x.value < Double(low) { return ExactSum(low) }
        if x.value > Double(high) { return ExactSum(high) }
        return x
    }

    /// The statistics as published: n', and every sum moved as described above. Keys are kept. A cell with n ≤ 0 is
    /// returned unchanged.
    public static func apply(_ s: SurveyCellStats) -> SurveyCellStats {
        guard s.n >= 1 else { return s }
        let n = s.n
        let np = count(n, key: s.cellKey)
        let r = Double(np) / Double(n)
        func scaledCount(_ c: Int) -> Int {
            c <= 0 ? 0 : min(np, max(1, Int((Double(c) * r).rounded())))
        }
        func draw(_ j: Int) -> Int { deviation(key: subKey(s.valueKey, j), count: table.count) }
        var out = s
        out.n = np
        out.answers = max(np, Int((Double(s.answers) * r).rounded()))
        // Mean importance (1…5) and mean discrepancy d = I − P, each moved once (the MWDS is their product);
        // proficiency follows as I − d and stays within 1…5.
        out.sumImportance = moved(s.sumImportance, np, n, draw(Draw.importance.rawValue), np, 5 * np)
        let i2 = out.sumImportance.value
        let dLow = Int((i2 - 5 * Double(np)).rounded(.up)), dHigh = Int((i2 - Double(np)).rounded(.down))
        out.sumDiscrepancy = moved(s.sumDiscrepancy, np, n, draw(Draw.discrepancy.rawValue), dLow, dHigh)
        out.sumProficiency = out.sumImportance
        out.sumProficiency.add(out.sumDiscrepancy, sign: -1)
        // Centred second moments scaled by n'/n, around the perturbed means (n = 1 has none).
        let nd = Double(n), n2 = Double(np)
        let i = s.sumImportance.value, d = s.sumDiscrepancy.value, d2 = out.sumDiscrepancy.value
        let cII = Double(s.sumImportanceSquared) - i * i / nd
        let cDD = Double(s.sumDiscrepancySquared) - d * d / nd
        let cID = Double(s.sumImportanceTimesDiscrepancy) - i * d / nd
        out.sumImportanceSquared = gridded(max(0, cII) * r + i2 * i2 / n2)
        out.sumDiscrepancySquared = gridded(max(0, cDD) * r + d2 * d2 / n2)
        out.sumImportanceTimesDiscrepancy = gridded(cID * r + i2 * d2 / n2)
        // Hard-to-fill: answered scaled, "yes" moved within 0…answered.
        out.hardToFillAnswered = scaledCount(s.hardToFillAnswered)
        out.hardToFillYes = s.hardToFillAnswered == 0 ? 0
            : moved(s.hardToFillYes, np, n, draw(Draw.hardToFillYes.rawValue), 0, out.hardToFillAnswered)
        // Demand change (−2…+2 per respondent).
        out.demandChangeAnswered = scaledCount(s.demandChangeAnswered)
        out.demandChangeSum = s.demandChangeAnswered == 0 ? 0
            : moved(s.demandChangeSum, np, n, draw(Draw.demandChange.rawValue), -2 * out.demandChangeAnswered,
                    2 * out.demandChangeAnswered)
        // Learning modes (shares per respondent) and target groups (respondents naming each); none stays none.
        func mode(_ x: ExactSum, _ which: Draw) -> ExactSum {
            x.value == 0 ? 0 : moved(x, np, n, draw(which.rawValue), 0, np)
        }
        out.modeOnline = mode(s.modeOnline, .modeOnline)
        out.modeBlended = mode(s.modeBlended, .modeBlended)
        out.modeOnSite = mode(s.modeOnSite, .modeOnSite)
        for g in out.targetGroupCounts.indices where s.targetGroupCounts[g] > 0 {
            let scaled = Int((Double(s.targetGroupCounts[g]) * r).rounded())
            out.targetGroupCounts[g] = min(np, max(0, scaled + draw(Draw.targetGroups.rawValue + g)))
        }
        return out
    }
}
