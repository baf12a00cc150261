/// Sufficient statistics of the survey answers in one cell (country × sector × skill).
///
/// Integer sums only, so that merging cells in any order gives identical results (no floating-point
/// summation-order drift), and memory stays bounded by the number of cells, not of rows.
public struct SurveyCellStats: Sendable, Hashable, Codable {
    /// Distinct respondents (after de-duplication).
    public var n = 0
    public var sumImportance = 0
    public var sumProficiency = 0
    public var sumImportanceSquared = 0
    /// Σ (importance − proficiency)
    public var sumDiscrepancy = 0
    /// Σ (importance − proficiency)²
    public var sumDiscrepancySquared = 0
    /// Σ importance × (importance − proficiency)
    public var sumImportanceTimesDiscrepancy = 0
    public var hardToFillYes = 0
    public var hardToFillAnswered = 0
    public var demandChangeSum = 0
    public var demandChangeAnswered = 0
    public var modeOnline = 0
    public var modeBlended = 0
    public var modeOnSite = 0
    /// Respondents naming each target group, indexed like `TargetGroup.allCases`.
    public var targetGroupCounts = [Int](repeating: 0, count: TargetGroup.allCases.count)

    public init() {}

    /// Adds one respondent's answer.
    public mutating func add(_ record: SurveyRecord) {
        let i = record.importance
        let d = record.importance - record.proficiency
        n += 1
        sumImportance += i
        sumProficiency += record.proficiency
        sumImportanceSquared += i * i
        sumDiscrepancy += d
        sumDiscrepancySquared += d * d
        sumImportanceTimesDiscrepancy += i * d
        if let h = record.hardToFill {
            hardToFillAnswered += 1
            if h { hardToFillYes += 1 }
        }
        if let c = record.demandChange {
            demandChangeAnswered += 1
            demandChangeSum += c
        }
        switch record.learningMode {
        case .online: modeOnline += 1
        case .blended: modeBlended += 1
        case .onSite: modeOnSite += 1
        case nil: break
        }
        for group in record.targetGroups {
            targetGroupCounts[TargetGroup.allCases.firstIndex(of: group)!] += 1
        }
    }

    /// Adds another cell's statistics (used when raw sector names map to one normalized sector).
    public mutating func merge(_ other: SurveyCellStats) {
        n += other.n
        sumImportance += other.sumImportance
        sumProficiency += other.sumProficiency
        sumImportanceSquared += other.sumImportanceSquared
        sumDiscrepancy += other.sumDiscrepancy
        sumDiscrepancySquared += other.sumDiscrepancySquared
        sumImportanceTimesDiscrepancy += other.sumImportanceTimesDiscrepancy
        hardToFillYes += other.hardToFillYes
        hardToFillAnswered += other.hardToFillAnswered
        demandChangeSum += other.demandChangeSum
        demandChangeAnswered += other.demandChangeAnswered
        modeOnline += other.modeOnline
        modeBlended += other.modeBlended
        modeOnSite += other.modeOnSite
        for k in targetGroupCounts.indices { targetGroupCounts[k] += other.targetGroupCounts[k] }
    }

    /// Respondents naming `group`.
    public func count(of group: TargetGroup) -> Int {
        targetGroupCounts[TargetGroup.allCases.firstIndex(of: group)!]
    }
}
