import StocktakeModel

/// How Eurostat dataset codes, ILOSTAT indicator codes and their labels map onto `LabourIndicator`.
///
/// The table is documented in `docs/input-formats.md`. An explicit `indicator:` in the input entry wins.
public enum LabourIndicatorTable {
    /// What a code says about a series.
    public enum Match: Sendable, Equatable {
        /// The series feeds this indicator.
        case indicator(LabourIndicator)
        /// A known series the pressure index does not use (e.g. an unemployment count, an employment ratio).
        case unused
        /// Not in the table.
        case unknown
    }

    /// Eurostat dataset code prefixes (lower case, `estat_` and version stripped).
    static let eurostatDatasets: [(prefix: String, indicator: LabourIndicator)] = [
        ("lfsa_egan", .employment), ("lfsq_egan", .employment), ("lfsa_egana", .employment), ("nama_10_a64_e", .employment),
        ("lfsa_eegan", .employment), ("lfsq_eegan", .employment), ("sbs_", .employment),
        ("jvs_", .vacancies),
        ("une_", .unemployment), ("lfsa_urgan", .unemployment), ("lfsq_urgan", .unemployment), ("lfsa_urgaed", .unemployment),
        ("earn_", .wages), ("lc_", .wages), ("nama_10_a64", .wages),
        ("lfsa_ewhan", .hours), ("lfsq_ewhan", .hours), ("lfsa_ewhun", .hours), ("lfsq_ewhun", .hours), ("lfsa_ewh", .hours),
    ]

    /// Classifies a Eurostat dataset code (`lfsa_egan2`, `ESTAT:JVS_Q_NACE2(1.0)`, `estat_une_rt_a`).
    public static func eurostat(dataset: String) -> Match {
        var code = dataset.lowercased()
        if let colon = code.firstIndex(of: ":") { code = String(code[code.index(after: colon)...]) }
        if let paren = code.firstIndex(of: "(") { code = String(code[..<paren]) }
        if code.hasPrefix("estat_") { code = String(code.dropFirst(6)) }
        for entry in eurostatDatasets where code.hasPrefix(entry.prefix) { return .indicator(entry.indicator) }
        return .unknown
    }

    /// Classifies an ILOSTAT indicator code (`EMP_TEMP_SEX_ECO_NB`) or label (`Employment by sex and economic
    /// activity (thousands)`).
    public static func ilostat(_ text: String) -> Match {
        let upper = text.uppercased()
        if upper.contains("_"), !upper.contains(" ") {
            let isRate = upper.hasSuffix("_RT") || upper.hasSuffix("_DT")
            if upper.hasPrefix("EMP_") { return isRate ? .unused : .indicator(.employment) }
            // Unemployment: a rate, or the unemployed by economic activity of their previous job (`UNE_TUNE_SEX_ECO_NB`,
            // a count the score stage turns into a rate with the sector's employment); other counts are unused.
            if upper.hasPrefix("UNE_") { return isRate || upper.contains("_ECO") && upper.hasSuffix("_NB") ? .indicator(.unemployment) : .unused }
            if upper.hasPrefix("EAR_") { return upper.hasPrefix("EAR_GGAP") ? .unused : .indicator(.wages) }
            if upper.hasPrefix("HOW_") { return .indicator(.hours) }
            if upper.hasPrefix("JVS_") || upper.hasPrefix("VAC_") { return .indicator(.vacancies) }
            return .unknown
        }
        let lower = text.lowercased()
        if lower.hasPrefix("unemployment rate") { return .indicator(.unemployment) }
        if lower.hasPrefix("unemployment") { return .unused }
        if lower.hasPrefix("employment-to-population") || lower.contains("ratio") || lower.contains("rate") && lower.hasPrefix("employment") {
            return .unused
        }
        if lower.hasPrefix("employment") || lower.hasPrefix("employed") { return .indicator(.employment) }
        if lower.contains("earnings") || lower.contains("wage") { return .indicator(.wages) }
        if lower.contains("hours") { return .indicator(.hours) }
        if lower.contains("vacanc") { return .indicator(.vacancies) }
        return .unknown
    }

    /// The unit an ILOSTAT series is expressed in, from its code suffix or label: `THS` (thousands), `PC`, or
    /// the suffix itself.
    static func ilostatUnit(_ text: String) -> String {
        let upper = text.uppercased()
        // Hours worked (`HOW_TEMP_SEX_ECO_NB`) are hours per week, earnings (`EAR_*`) money, whatever the suffix.
        if upper.hasPrefix("HOW_") || text.lowercased().hasPrefix("mean weekly hours") { return "HR" }
        if upper.hasPrefix("EAR_") { return upper.contains("PPP") ? "PPP" : upper.contains("USD") ? "USD" : "NAC" }
        if upper.hasSuffix("_NB") || text.lowercased().contains("(thousands)") { return "THS" }
        if upper.hasSuffix("_RT") || text.contains("%") { return "PC" }
        if let last = upper.split(separator: "_").last, !upper.contains(" ") { return String(last) }
        return ""
    }

    /// ILOSTAT `obs_status` labels as their one-letter codes.
    static let ilostatStatus: [String: String] = [
        "break in series": "B", "unreliable": "U", "estimate": "E", "provisional": "P", "forecast": "F",
        "not significant": "N", "projected": "F", "imputation": "I", "real value": "", "confidential": "C",
        "less reliable": "L", "not available": "",
    ]
}
