/// Sufficient statistics of the survey answers in one cell (country × sector × skill), over distinct respondents.
///
/// Each respondent contributes once (`RespondentAnswers`): a respondent who answered several survey labels that
/// normalize to the same cell contributes the mean of those answers. Sums are `ExactSum`s — integers, plus exact
/// fractions for such means — so merging cells in any order gives identical results (no floating-point
/// summation-order drift), and memory stays bounded by the number of cells, not of rows.
public struct SurveyCellStats: Sendable, Hashable, Codable {
    /// Distinct respondents.
    public var n = 0
    /// Answers (rows or wide-export blocks) behind the cell: ≥ n; more when a respondent answered several labels of
    /// the cell.
    public var answers = 0
    /// Σ over respondents of their mean importance Ī_r.
    public var sumImportance: ExactSum = 0
    /// Σ P̄_r.
    public var sumProficiency: ExactSum = 0
    /// Σ Ī_r².
    public var sumImportanceSquared: ExactSum = 0
    /// Σ d̄_r with d = importance − proficiency.
    public var sumDiscrepancy: ExactSum = 0
    /// Σ d̄_r².
    public var sumDiscrepancySquared: ExactSum = 0
    /// Σ Ī_r · d̄_r.
    public var sumImportanceTimesDiscrepancy: ExactSum = 0
    /// Σ over respondents who answered hard-to-fill of their share of "yes" answers.
    public var hardToFillYes: ExactSum = 0
    /// Respondents who answered hard-to-fill.
    public var hardToFillAnswered = 0
    /// Σ over respondents who answered demand change of their mean demand change.
    public var demandChangeSum: ExactSum = 0
    /// Respondents who answered demand change.
    public var demandChangeAnswered = 0
    /// Σ over respondents of the share of their answers naming each learning mode.
    public var modeOnline: ExactSum = 0
    public var modeBlended: ExactSum = 0
    public var modeOnSite: ExactSum = 0
    /// Respondents naming each target group in any of their answers, indexed like `TargetGroup.allCases`.
    public var targetGroupCounts = [Int](repeating: 0, count: TargetGroup.allCases.count)
    /// Cell key of the cell key perturbation: the wrapping sum of the record keys (`RecordKeyer`) of the respondents
    /// counted in `n` (a respondent counted twice, say in two merged cells, adds their key twice), so it follows
    /// `n` through every merge and depends only on who is in the cell. 0 when ingest had no keyer.
    public var cellKey: UInt64 = 0
    /// Value key: the wrapping sum of `RecordKeyer.contentKey` of each respondent's contribution, so it changes when
    /// one respondent's answers change, even when the same respondents stay in the cell.
    public var valueKey: UInt64 = 0

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case n, answers, sumImportance, sumProficiency, sumImportanceSquared, sumDiscrepancy, sumDiscrepancySquared,
             sumImportanceTimesDiscrepancy, hardToFillYes, hardToFillAnswered, demandChangeSum, demandChangeAnswered,
             modeOnline, modeBlended, modeOnSite, targetGroupCounts, cellKey, valueKey
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        n = try c.decode(Int.self, forKey: .n)
        answers = try c.decodeIfPresent(Int.self, forKey: .answers) ?? n
        sumImportance = try c.decode(ExactSum.self, forKey: .sumImportance)
        sumProficiency = try c.decode(ExactSum.self, forKey: .sumProficiency)
        sumImportanceSquared = try c.decode(ExactSum.self, forKey: .sumImportanceSquared)
        sumDiscrepancy = try c.decode(ExactSum.self, forKey: .sumDiscrepancy)
        sumDiscrepancySquared = try c.decode(ExactSum.self, forKey: .sumDiscrepancySquared)
        sumImportanceTimesDiscrepancy = try c.decode(ExactSum.self, forKey: .sumImportanceTimesDiscrepancy)
        hardToFillYes = try c.decode(ExactSum.self, forKey: .hardToFillYes)
        hardToFillAnswered = try c.decode(Int.self, forKey: .hardToFillAnswered)
        demandChangeSum = try c.decode(ExactSum.self, forKey: .demandChangeSum)
        demandChangeAnswered = try c.decode(Int.self, forKey: .demandChangeAnswered)
        modeOnline = try c.decode(ExactSum.self, forKey: .modeOnline)
        modeBlended = try c.decode(ExactSum.self, forKey: .modeBlended)
        modeOnSite = try c.decode(ExactSum.self, forKey: .modeOnSite)
        targetGroupCounts = try c.decode([Int].self, forKey: .targetGroupCounts)
        cellKey = try c.decodeIfPresent(UInt64.self, forKey: .cellKey) ?? 0
        valueKey = try c.decodeIfPresent(UInt64.self, forKey: .valueKey) ?? 0
    }

    /// Adds one respondent who gave one answer.
    public mutating func add(_ record: SurveyRecord) {
        add(RespondentAnswers(record))
    }

    /// Adds (sign 1) or removes (sign -1) one respondent's contribution: the means of their answers. `recordKey` is
    /// the respondent's record key (`RecordKeyer`), added to (or taken from) `cellKey` and, mixed with the answers,
    /// to `valueKey`; 0 (no keyer) leaves both keys alone.
    public mutating func add(_ r: RespondentAnswers, sign: Int = 1, recordKey: UInt64 = 0) {
        guard r.count > 0 else { return }
        let m = r.count, m2 = r.count * r.count
        let d = r.sumImportance - r.sumProficiency
        n += sign
        if recordKey != 0 {
            let content = RecordKeyer.contentKey(recordKey: recordKey, answers: r)
            if sign > 0 {
                cellKey &+= recordKey
                valueKey &+= content
            } else {
                cellKey &-= recordKey
                valueKey &-= content
            }
        }
        answers += sign * m
        sumImportance.add(sign * r.sumImportance, over: m)
        sumProficiency.add(sign * r.sumProficiency, over: m)
        sumImportanceSquared.add(sign * r.sumImportance * r.sumImportance, over: m2)
        sumDiscrepancy.add(sign * d, over: m)
        sumDiscrepancySquared.add(sign * d * d, over: m2)
        sumImportanceTimesDiscrepancy.add(sign * r.sumImportance * d, over: m2)
        if r.hardToFillAnswered > 0 {
            hardToFillAnswered += sign
            hardToFillYes.add(sign * r.hardToFillYes, over: r.hardToFillAnswered)
        }
        if r.demandChangeAnswered > 0 {
            demandChangeAnswered += sign
            demandChangeSum.add(sign * r.demandChangeSum, over: r.demandChangeAnswered)
        }
        let modes = r.modeOnline + r.modeBlended + r.modeOnSite
        if modes > 0 {
            modeOnline.add(sign * r.modeOnline, over: modes)
            modeBlended.add(sign * r.modeBlended, over: modes)
            modeOnSite.add(sign * r.modeOnSite, over: modes)
        }
        var g = r.targetGroups
        while g != 0 {
            targetGroupCounts[g.trailingZeroBitCount] += sign
            g &= g - 1
        }
    }

    /// Adds another cell's statistics (disjoint respondents: cells of different sector texts or files).
    public mutating func merge(_ other: SurveyCellStats) {
        n += other.n
        cellKey &+= other.cellKey
        valueKey &+= other.valueKey
        answers += other.answers
        sumImportance.add(other.sumImportance)
        sumProficiency.add(other.sumProficiency)
        sumImportanceSquared.add(other.sumImportanceSquared)
        sumDiscrepancy.add(other.sumDiscrepancy)
        sumDiscrepancySquared.add(other.sumDiscrepancySquared)
        sumImportanceTimesDiscrepancy.add(other.sumImportanceTimesDiscrepancy)
        hardToFillYes.add(other.hardToFillYes)
        hardToFillAnswered += other.hardToFillAnswered
        demandChangeSum.add(other.demandChangeSum)
        demandChangeAnswered += other.demandChangeAnswered
        modeOnline.add(other.modeOnline)
        modeBlended.add(other.modeBlended)
        modeOnSite.add(other.modeOnSite)
        for k in targetGroupCounts.indices { targetGroupCounts[k] += other.targetGroupCounts[k] }
    }

    /// Respondents naming `group`.
    public func count(of group: TargetGroup) -> Int {
        targetGroupCounts[TargetGroup.allCases.firstIndex(of: group)!]
    }
}

/// One respondent's answers in one cell, summed: what the respondent contributes to `SurveyCellStats` (the mean of
/// each item over the answers that gave it). Small integers; `packed` fits one answer into 20 bits.
public struct RespondentAnswers: Sendable, Hashable {
    /// Answers (each has importance and proficiency).
    public var count = 0
    public var sumImportance = 0
    public var sumProficiency = 0
    public var hardToFillAnswered = 0
    public var hardToFillYes = 0
    public var demandChangeAnswered = 0
    public var demandChangeSum = 0
    public var modeOnline = 0
    public var modeBlended = 0
    public var modeOnSite = 0
    /// Bit per `TargetGroup.allCases` index: the union over the answers.
    public var targetGroups: UInt8 = 0

    public init() {}

    /// One answer.
    public init(_ record: SurveyRecord) {
        var groups: UInt8 = 0
        for (k, group) in TargetGroup.allCases.enumerated() where record.targetGroups.contains(group) { groups |= 1 << UInt8(k) }
        self.init(packed: RespondentAnswers.pack(
            importance: record.importance, proficiency: record.proficiency,
            hardToFill: record.hardToFill.map { $0 ? 1 : 0 } ?? -1, demand: record.demandChange,
            mode: record.learningMode.map { UInt8(LearningMode.allCases.firstIndex(of: $0)! + 1) } ?? 0, groups: groups))
    }

    /// One answer from its packed form.
    public init(packed: UInt32) {
        add(packed: packed)
    }

    /// Adds one packed answer.
    public mutating func add(packed p: UInt32) {
        count += 1
        sumImportance += Int(p & 7) + 1
        sumProficiency += Int(p >> 3 & 7) + 1
        switch p >> 6 & 3 {
        case 1: hardToFillAnswered += 1
        case 2: hardToFillAnswered += 1; hardToFillYes += 1
        default: break
        }
        let demand = Int(p >> 8 & 7)
        if demand != 0 {
            demandChangeAnswered += 1
            demandChangeSum += demand - 3
        }
        switch p >> 11 & 3 {
        case 1: modeOnline += 1
        case 2: modeBlended += 1
        case 3: modeOnSite += 1
        default: break
        }
        targetGroups |= UInt8(truncatingIfNeeded: p >> 13) & 0x7F
    }

    /// Adds another set of the same respondent's answers.
    public mutating func add(_ other: RespondentAnswers) {
        count += other.count
        sumImportance += other.sumImportance
        sumProficiency += other.sumProficiency
        hardToFillAnswered += other.hardToFillAnswered
        hardToFillYes += other.hardToFillYes
        demandChangeAnswered += other.demandChangeAnswered
        demandChangeSum += other.demandChangeSum
        modeOnline += other.modeOnline
        modeBlended += other.modeBlended
        modeOnSite += other.modeOnSite
        targetGroups |= other.targetGroups
    }

    /// Packs one answer into 20 bits: importance − 1 and proficiency − 1 (3 bits each), hard-to-fill (0 none, 1 no,
    /// 2 yes), demand change + 3 (0 none), mode (0 none, else 1 + index in `LearningMode.allCases`), target groups.
    /// - Parameters: hardToFill -1 none, 0 no, 1 yes; demand nil when not answered.
    public static func pack(importance: Int, proficiency: Int, hardToFill: Int, demand: Int?, mode: UInt8, groups: UInt8) -> UInt32 {
        var p = UInt32(importance - 1) | UInt32(proficiency - 1) << 3
        p |= UInt32(hardToFill + 1) << 6
        if let demand { p |= UInt32(demand + 3) << 8 }
        p |= UInt32(mode) << 11
        p |= UInt32(groups & 0x7F) << 13
        return p
    }
}
