import Foundation
import Yams
import StocktakeModel

/// Weights and thresholds of the gap score, decoded from the `scoring:` block of the pipeline YAML.
///
/// Every key is optional; a missing key takes the documented default (see `docs/methodology.md` §7).
/// Keys are snake_case, e.g. `min_cell_size`, `weights.hard_to_fill`, `labour_weights.vacancy_rate`.
public struct ScoringConfig: Sendable, Hashable, Codable {
    /// Weights of the four gap-score components (relative; renormalized over the components available).
    public var weights: ComponentWeights
    /// Weights of the five labour sub-indices (relative; renormalized over the sub-indices available).
    public var labourWeights: LabourWeights
    /// Disclosure threshold k: cells with fewer respondents are rolled up or suppressed (`C`). Default 5, never below 3.
    public var minCellSize: Int
    /// Cells with fewer respondents than this are flagged `u` (low reliability). Default 10.
    public var reliabilityThreshold: Int
    /// Two-sided confidence level of the intervals, 0 < level < 1. Default 0.95.
    public var confidenceLevel: Double
    /// Size of the ranking compared in the sensitivity analysis and marked fragile. Default 10.
    public var topN: Int
    /// MWDS value that maps to the full survey component (1.0). Fixed, so scores compare across runs. Default 10.
    public var mwdsScale: Double
    /// Combined labour pressure (in standard deviations) that maps to 0 and 1: `(P + span) / (2·span)`. Default 2.
    public var pressureSpan: Double
    /// Relative perturbation of each weight in the sensitivity analysis. Default 0.2 (±20 %).
    public var sensitivityPerturbation: Double
    /// A baseline top-N cell is fragile when it leaves the top N in more than this share of scenarios. Default 0.25.
    public var fragileExitShare: Double
    /// … or when its rank moves by more than this many places in any scenario. Default 3.
    public var fragileRankShift: Int
    /// Growth sub-indices are compound annual growth over at most this many years before a series' latest
    /// observation (docs/methodology.md §3). Default 5.
    public var growthWindowYears: Int
    /// Cell key perturbation of the published counts and means (`docs/methodology.md` §5.1). Default on, with the
    /// bundled public demo key unless a key file is named.
    public var perturbation: Perturbation

    /// `scoring.perturbation`: `on`/`off` (or `true`/`false`), or `{enabled: …, key_file: …}`.
    public struct Perturbation: Sendable, Hashable, Codable {
        /// Whether published counts and means are perturbed. Default true.
        public var enabled: Bool
        /// The secret key file (16 bytes, `stocktake debug new-perturbation-key`), relative to the pipeline file;
        /// nil uses `STOCKTAKE_PERTURBATION_KEY_FILE` or else the public demo key.
        public var keyFile: String?

        public init(enabled: Bool = true, keyFile: String? = nil) {
            self.enabled = enabled
            self.keyFile = keyFile
        }

        public static let off = Perturbation(enabled: false)

        enum CodingKeys: String, CodingKey, CaseIterable {
            case enabled, keyFile = "key_file"
        }

        public init(from decoder: Decoder) throws {
            if let single = try? decoder.singleValueContainer() {
                if let flag = try? single.decode(Bool.self) {
                    self.init(enabled: flag)
                    return
                }
                if let word = try? single.decode(String.self) {
                    switch word.lowercased() {
                    case "on", "true", "yes": self.init(enabled: true)
                    case "off", "false", "no": self.init(enabled: false)
                    default:
                        throw DecodingError.dataCorruptedError(
                            in: single, debugDescription: "expected on, off or {enabled: true, key_file: PATH}, got `\(word)`")
                    }
                    return
                }
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(enabled: try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true,
                      keyFile: try c.decodeIfPresent(String.self, forKey: .keyFile))
        }
    }

    /// The four components of the gap score.
    public struct ComponentWeights: Sendable, Hashable, Codable {
        /// Survey MWDS component. Default 0.5; must be positive.
        public var survey: Double
        /// Hard-to-fill share component. Default 0.15.
        public var hardToFill: Double
        /// Expected demand change component. Default 0.1.
        public var demandChange: Double
        /// Labour pressure component. Default 0.25.
        public var labour: Double

        public init(survey: Double = 0.5, hardToFill: Double = 0.15, demandChange: Double = 0.1, labour: Double = 0.25) {
            self.survey = survey
            self.hardToFill = hardToFill
            self.demandChange = demandChange
            self.labour = labour
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case survey, hardToFill = "hard_to_fill", demandChange = "demand_change", labour
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = ComponentWeights()
            survey = try c.decodeIfPresent(Double.self, forKey: .survey) ?? d.survey
            hardToFill = try c.decodeIfPresent(Double.self, forKey: .hardToFill) ?? d.hardToFill
            demandChange = try c.decodeIfPresent(Double.self, forKey: .demandChange) ?? d.demandChange
            labour = try c.decodeIfPresent(Double.self, forKey: .labour) ?? d.labour
        }
    }

    /// The five labour sub-indices' weights.
    public struct LabourWeights: Sendable, Hashable, Codable {
        /// Employment growth relative to the economy. Default 1.
        public var employmentGrowth: Double
        /// Vacancy rate relative to the economy. Default 1.
        public var vacancyRate: Double
        /// Wage growth relative to the economy. Default 1.
        public var wageGrowth: Double
        /// Hours growth relative to the economy. Default 1.
        public var hoursGrowth: Double
        /// Unemployment rate relative to the economy, sign reversed. Default 1.
        public var unemployment: Double

        public init(
            employmentGrowth: Double = 1, vacancyRate: Double = 1, wageGrowth: Double = 1, hoursGrowth: Double = 1,
            unemployment: Double = 1
        ) {
            self.employmentGrowth = employmentGrowth
            self.vacancyRate = vacancyRate
            self.wageGrowth = wageGrowth
            self.hoursGrowth = hoursGrowth
            self.unemployment = unemployment
        }

        /// The weight of the sub-index built from `indicator`.
        public func weight(for indicator: LabourIndicator) -> Double {
            switch indicator {
            case .employment: return employmentGrowth
            case .vacancies: return vacancyRate
            case .wages: return wageGrowth
            case .hours: return hoursGrowth
            case .unemployment: return unemployment
            }
        }

        /// Sets the weight of the sub-index built from `indicator`.
        public mutating func setWeight(_ value: Double, for indicator: LabourIndicator) {
            switch indicator {
            case .employment: employmentGrowth = value
            case .vacancies: vacancyRate = value
            case .wages: wageGrowth = value
            case .hours: hoursGrowth = value
            case .unemployment: unemployment = value
            }
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case employmentGrowth = "employment_growth", vacancyRate = "vacancy_rate", wageGrowth = "wage_growth"
            case hoursGrowth = "hours_growth", unemployment
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = LabourWeights()
            employmentGrowth = try c.decodeIfPresent(Double.self, forKey: .employmentGrowth) ?? d.employmentGrowth
            vacancyRate = try c.decodeIfPresent(Double.self, forKey: .vacancyRate) ?? d.vacancyRate
            wageGrowth = try c.decodeIfPresent(Double.self, forKey: .wageGrowth) ?? d.wageGrowth
            hoursGrowth = try c.decodeIfPresent(Double.self, forKey: .hoursGrowth) ?? d.hoursGrowth
            unemployment = try c.decodeIfPresent(Double.self, forKey: .unemployment) ?? d.unemployment
        }
    }

    public init(
        weights: ComponentWeights = ComponentWeights(), labourWeights: LabourWeights = LabourWeights(),
        minCellSize: Int = 5, reliabilityThreshold: Int = 10, confidenceLevel: Double = 0.95, topN: Int = 10,
        mwdsScale: Double = 10, pressureSpan: Double = 2, sensitivityPerturbation: Double = 0.2,
        fragileExitShare: Double = 0.25, fragileRankShift: Int = 3, growthWindowYears: Int = 5,
        perturbation: Perturbation = Perturbation()
    ) {
        self.perturbation = perturbation
        self.weights = weights
        self.labourWeights = labourWeights
        self.minCellSize = minCellSize
        self.reliabilityThreshold = reliabilityThreshold
        self.confidenceLevel = confidenceLevel
        self.topN = topN
        self.mwdsScale = mwdsScale
        self.pressureSpan = pressureSpan
        self.sensitivityPerturbation = sensitivityPerturbation
        self.fragileExitShare = fragileExitShare
        self.fragileRankShift = fragileRankShift
        self.growthWindowYears = growthWindowYears
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case weights, labourWeights = "labour_weights", minCellSize = "min_cell_size"
        case reliabilityThreshold = "reliability_threshold", confidenceLevel = "confidence_level", topN = "top_n"
        case mwdsScale = "mwds_scale", pressureSpan = "pressure_span"
        case sensitivityPerturbation = "sensitivity_perturbation", fragileExitShare = "fragile_exit_share"
        case fragileRankShift = "fragile_rank_shift", growthWindowYears = "growth_window_years"
        case perturbation
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ScoringConfig()
        weights = try c.decodeIfPresent(ComponentWeights.self, forKey: .weights) ?? d.weights
        labourWeights = try c.decodeIfPresent(LabourWeights.self, forKey: .labourWeights) ?? d.labourWeights
        minCellSize = try c.decodeIfPresent(Int.self, forKey: .minCellSize) ?? d.minCellSize
        reliabilityThreshold = try c.decodeIfPresent(Int.self, forKey: .reliabilityThreshold) ?? d.reliabilityThreshold
        confidenceLevel = try c.decodeIfPresent(Double.self, forKey: .confidenceLevel) ?? d.confidenceLevel
        topN = try c.decodeIfPresent(Int.self, forKey: .topN) ?? d.topN
        mwdsScale = try c.decodeIfPresent(Double.self, forKey: .mwdsScale) ?? d.mwdsScale
        pressureSpan = try c.decodeIfPresent(Double.self, forKey: .pressureSpan) ?? d.pressureSpan
        sensitivityPerturbation =
            try c.decodeIfPresent(Double.self, forKey: .sensitivityPerturbation) ?? d.sensitivityPerturbation
        fragileExitShare = try c.decodeIfPresent(Double.self, forKey: .fragileExitShare) ?? d.fragileExitShare
        fragileRankShift = try c.decodeIfPresent(Int.self, forKey: .fragileRankShift) ?? d.fragileRankShift
        growthWindowYears = try c.decodeIfPresent(Int.self, forKey: .growthWindowYears) ?? d.growthWindowYears
        perturbation = try c.decodeIfPresent(Perturbation.self, forKey: .perturbation) ?? d.perturbation
    }

    // MARK: - Keys and validation

    /// Every key the `scoring:` block accepts, as dotted paths (`weights.survey`); others should warn.
    public static let knownKeys: [String] = {
        var keys = CodingKeys.allCases.map(\.rawValue)
        keys += ComponentWeights.CodingKeys.allCases.map { "weights." + $0.rawValue }
        keys += LabourWeights.CodingKeys.allCases.map { "labour_weights." + $0.rawValue }
        keys += Perturbation.CodingKeys.allCases.map { "perturbation." + $0.rawValue }
        return keys.sorted()
    }()

    /// Problems that make the configuration unusable, one message per problem; empty when valid.
    public func validate() -> [String] {
        var errors: [String] = []
        if minCellSize < 3 { errors.append("scoring.min_cell_size must be at least 3 (got \(minCellSize))") }
        if reliabilityThreshold < 1 {
            errors.append("scoring.reliability_threshold must be at least 1 (got \(reliabilityThreshold))")
        }
        if !(confidenceLevel > 0 && confidenceLevel < 1) {
            errors.append("scoring.confidence_level must be between 0 and 1 exclusive (got \(confidenceLevel))")
        }
        if topN < 1 { errors.append("scoring.top_n must be at least 1 (got \(topN))") }
        if !(mwdsScale > 0) { errors.append("scoring.mwds_scale must be positive (got \(mwdsScale))") }
        if !(pressureSpan > 0) { errors.append("scoring.pressure_span must be positive (got \(pressureSpan))") }
        if !(sensitivityPerturbation > 0 && sensitivityPerturbation < 1) {
            errors.append("scoring.sensitivity_perturbation must be between 0 and 1 exclusive (got \(sensitivityPerturbation))")
        }
        if !(fragileExitShare >= 0 && fragileExitShare <= 1) {
            errors.append("scoring.fragile_exit_share must be within 0...1 (got \(fragileExitShare))")
        }
        if fragileRankShift < 0 { errors.append("scoring.fragile_rank_shift must not be negative") }
        if !(1...30).contains(growthWindowYears) {
            errors.append("scoring.growth_window_years must be within 1...30 (got \(growthWindowYears))")
        }
        let w = weights
        for (name, value) in [("survey", w.survey), ("hard_to_fill", w.hardToFill), ("demand_change", w.demandChange),
                              ("labour", w.labour)] where !(value >= 0) || !value.isFinite {
            errors.append("scoring.weights.\(name) must be a non-negative number (got \(value))")
        }
        if !(w.survey > 0) { errors.append("scoring.weights.survey must be positive: the survey gap anchors the score") }
        for indicator in LabourIndicator.allCases {
            let value = labourWeights.weight(for: indicator)
            if !(value >= 0) || !value.isFinite {
                errors.append("scoring.labour_weights.\(LabourSubIndex.name(of: indicator)) must be a non-negative number (got \(value))")
            }
        }
        return errors
    }

    /// Decodes a `scoring:` block given as YAML text (an empty text gives the defaults).
    ///
    /// - Throws: the decoder's error when a value has the wrong type.
    public static func decode(yaml: String) throws -> ScoringConfig {
        if yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return ScoringConfig() }
        return try YAMLDecoder().decode(ScoringConfig.self, from: yaml)
    }
}
