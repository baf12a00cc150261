/// Reliability and disclosure flags on a published figure.
public enum CellFlag: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Low reliability: fewer respondents than the reliability threshold.
    case unreliable = "u"
    /// Suppressed (primary or secondary): too few respondents; the value is never published.
    case suppressed = "C"
    /// Rolled up to the parent sector to keep evidence that would otherwise be suppressed.
    case rolledUp = "r"
    /// Labour data carry a source flag of low reliability, break or estimate (`u`, `b`, `e`, `p`...).
    case sourceFlagged = "s"
    /// Rank is fragile under the sensitivity analysis.
    case fragile = "f"

    public static func < (lhs: CellFlag, rhs: CellFlag) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A set of flags that encodes as a sorted array: a `Set` encodes in hash order, which differs between processes,
/// so the results stored as JSON would change from run to run on the same inputs.
@propertyWrapper
public struct SortedFlags: Sendable, Hashable, Codable {
    public var wrappedValue: Set<CellFlag>

    public init(wrappedValue: Set<CellFlag>) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws { wrappedValue = Set(try [CellFlag](from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try wrappedValue.sorted().encode(to: encoder) }
}

/// Labour-market pressure of one sector in one country, relative to the country's economy-wide value.
public struct SectorPressure: Sendable, Hashable, Codable {
    public var country: String
    public var sector: SectorKey
    /// Raw sub-index values (sector minus economy-wide, sign so that positive = shortage), by indicator.
    public var rawSubIndices: [LabourIndicator: Double]
    /// Sub-indices standardized within the country (z-scores across sectors).
    public var subIndices: [LabourIndicator: Double]
    /// How many of the five sub-indices exist (k of 5).
    public var coverage: Int
    /// Weighted combination of the available standardized sub-indices; nil when coverage is 0.
    public var pressure: Double?
    /// Sector share of country employment (0...1), when employment is known.
    public var employmentShare: Double?
    /// Source quality flags met in the underlying observations (sorted, de-duplicated).
    public var sourceFlags: [String]
    /// Which labour series each sub-index came from (`C` for a division `C10` without its own series, `B-E`...),
    /// by indicator. Added by the score stage.
    public var sourceScopes: [LabourIndicator: String] = [:]
    /// The periods each sub-index used, by indicator: the growth window (`2019–2024`) or the period of a rate,
    /// with `TOTAL`'s when they differ. Added by the score stage.
    public var periods: [LabourIndicator: String] = [:]

    public init(
        country: String, sector: SectorKey, rawSubIndices: [LabourIndicator: Double] = [:],
        subIndices: [LabourIndicator: Double] = [:], coverage: Int = 0, pressure: Double? = nil,
        employmentShare: Double? = nil, sourceFlags: [String] = []
    ) {
        self.country = country
        self.sector = sector
        self.rawSubIndices = rawSubIndices
        self.subIndices = subIndices
        self.coverage = coverage
        self.pressure = pressure
        self.employmentShare = employmentShare
        self.sourceFlags = sourceFlags
    }
}

/// The gap score of one country × sector × skill, with its evidence and uncertainty.
public struct GapScore: Sendable, Hashable, Codable {
    public var country: String
    public var sector: SectorKey
    public var skill: SkillRef
    /// Distinct respondents behind the cell; 0 when suppressed (`C`): the true count is never published, so
    /// render the flag, never the number.
    public var n: Int
    /// Borich mean weighted discrepancy score; nil when suppressed.
    public var mwds: Double?
    public var mwdsLow: Double?
    public var mwdsHigh: Double?
    /// Share of respondents reporting hard-to-fill vacancies (0...1).
    public var hardToFillShare: Double?
    /// Mean expected demand change (-2...+2).
    public var demandChange: Double?
    /// Labour pressure of the sector, nil when no series exist.
    public var labourPressure: Double?
    /// Labour sub-index coverage, k of 5.
    public var labourCoverage: Int
    /// Gap score 0...100; nil when suppressed.
    public var score: Double?
    public var scoreLow: Double?
    public var scoreHigh: Double?
    /// Rank within the country (1 = largest gap), nil when suppressed.
    public var rank: Int?
    @SortedFlags public var flags: Set<CellFlag>
    /// For a rolled-up section row (`r`): the divisions merged into it, sorted (the section's own cell is
    /// always included). Empty otherwise. Added by the score stage.
    public var rolledUpDivisions: [SectorKey] = []
    /// Why the cell is suppressed (nil when published). Added by the score stage.
    public var suppression: Suppression? = nil
    /// Wilson interval of the hard-to-fill share at the configured level; nil when suppressed or unanswered.
    public var hardToFillLow: Double? = nil
    public var hardToFillHigh: Double? = nil

    public init(
        country: String, sector: SectorKey, skill: SkillRef, n: Int, mwds: Double? = nil, mwdsLow: Double? = nil,
        mwdsHigh: Double? = nil, hardToFillShare: Double? = nil, demandChange: Double? = nil,
        labourPressure: Double? = nil, labourCoverage: Int = 0, score: Double? = nil, scoreLow: Double? = nil,
        scoreHigh: Double? = nil, rank: Int? = nil, flags: Set<CellFlag> = []
    ) {
        self.country = country
        self.sector = sector
        self.skill = skill
        self.n = n
        self.mwds = mwds
        self.mwdsLow = mwdsLow
        self.mwdsHigh = mwdsHigh
        self.hardToFillShare = hardToFillShare
        self.demandChange = demandChange
        self.labourPressure = labourPressure
        self.labourCoverage = labourCoverage
        self.score = score
        self.scoreLow = scoreLow
        self.scoreHigh = scoreHigh
        self.rank = rank
        self.flags = flags
    }
}

/// How stable one country's top-N ranking is when the method's choices are perturbed.
public struct CountrySensitivity: Sendable, Hashable, Codable {
    public var country: String
    /// Size of the ranking compared (top N gap cells).
    public var topN: Int
    /// One entry per perturbation (weight ±20 %, one sub-index dropped), in a fixed order.
    public var scenarios: [SensitivityScenario]
    /// Proposal ids whose rank is fragile (documented rule in docs/methodology.md).
    public var fragileProposalIDs: [String]

    public init(country: String, topN: Int, scenarios: [SensitivityScenario], fragileProposalIDs: [String]) {
        self.country = country
        self.topN = topN
        self.scenarios = scenarios
        self.fragileProposalIDs = fragileProposalIDs
    }
}

/// One perturbation of the scoring method and how much of the top N it kept.
public struct SensitivityScenario: Sendable, Hashable, Codable {
    /// Stable name, e.g. `weight.survey+20%`, `drop.vacancies`.
    public var name: String
    /// Share of the baseline top N still in the perturbed top N (0...1).
    public var retainedShare: Double
    /// Kendall's tau between baseline and perturbed ranks of the baseline top N (−1...1).
    public var kendallTau: Double

    public init(name: String, retainedShare: Double, kendallTau: Double) {
        self.name = name
        self.retainedShare = retainedShare
        self.kendallTau = kendallTau
    }
}

/// Why a cell is suppressed (`C`).
public enum Suppression: String, Sendable, Hashable, Codable, CaseIterable {
    /// Fewer than k respondents stand behind the cell.
    case primary
    /// The cell has k or more respondents but is hidden so that a primary-suppressed cell cannot be recovered by
    /// subtraction from a total.
    case secondary
}
