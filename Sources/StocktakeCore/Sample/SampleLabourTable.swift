import StocktakeModel

/// Builds one country's synthetic labour statistics in the native `stocktake-labour` format.
///
/// Series: `TOTAL`, the NACE sections of the country's sample sectors (plus `G`), the divisions among them, and
/// `B-E` where the source publishes aggregates; indicators employment (thousands), vacancies (number),
/// unemployment rate (percent), average monthly gross wage (national currency) and usual weekly hours, for 2022
/// and 2023. Countries without a vacancy or hours series (AM, GE, UA) leave those rows out, so coverage differs.
/// A few values carry Eurostat-style flags (`p` provisional, `e` estimated, `b` break, `u` low reliability, `c`
/// confidential with the value missing as `:`).
enum SampleLabourTable {
    static let periods = ["2022", "2023"]

    /// The data rows (without header) for `code`, in a fixed order: indicator, sector, period.
    static func rows(country code: String, seed: UInt64) -> [String] {
        guard let profile = SampleCountryProfile.profile(for: code) else {
            preconditionFailure("no sample profile for \(code)")
        }
        var random = SampleRandom(seed: seed, stream: "labour/" + code)
        let sectors = SampleVocabulary.sectors(for: code)
        var sectionShare: [String: Double] = [:]
        var divisions = Set<String>()
        for sector in sectors {
            let section = String(sector.key.prefix(1))
            sectionShare[section, default: 0] += sector.share
            if sector.key.count == 3 { divisions.insert(sector.key) }
        }
        sectionShare["G", default: 0] += 0
        var keys = ["TOTAL"]
        if profile.publishesAggregates { keys.append("B-E") }
        keys += sectionShare.keys.sorted()
        keys += divisions.sorted()

        // Employment levels and growth per key.
        var employment: [String: (Double, Double)] = [:]
        var growthOf: [String: Double] = [:]
        var weightedGrowth = 0.0
        var coveredShare = 0.0
        for section in sectionShare.keys.sorted() {
            let share = section == "A"
                ? profile.agricultureShare
                : (baseShare[section] ?? 0.03) * (1 + sectionShare[section]!) * (code == "NO" && section == "B" ? 4 : 1)
            let growth = (profile.growth[section] ?? 0.5) + random.normal() * 0.4
            let level = profile.employment * share
            employment[section] = (level, level * (1 + growth / 100))
            growthOf[section] = growth
            weightedGrowth += share * growth
            coveredShare += share
        }
        let totalGrowth = weightedGrowth + (1 - coveredShare) * 0.4
        employment["TOTAL"] = (profile.employment, profile.employment * (1 + totalGrowth / 100))
        growthOf["TOTAL"] = totalGrowth
        if profile.publishesAggregates {
            var level = (0.0, 0.0)
            for section in ["B", "C", "D", "E"] {
                let base = profile.employment * (baseShare[section] ?? 0.01)
                let (a, b) = employment[section] ?? (base, base)
                level = (level.0 + a, level.1 + b)
            }
            employment["B-E"] = level
            growthOf["B-E"] = (level.1 / level.0 - 1) * 100
        }
        for division in divisions.sorted() {
            let section = String(division.prefix(1))
            let parent = employment[section]!
            var share = divisionShare[division] ?? 0.1
            if code == "NO", division == "A03" { share = 0.35 }
            if code == "MK", division == "C14" { share = 0.35 }
            let growth = growthOf[section]! + random.normal() * 1.5
            employment[division] = (parent.0 * share, parent.0 * share * (1 + growth / 100))
            growthOf[division] = growth
        }

        var rows: [String] = []
        for indicator in LabourIndicator.allCases {
            if indicator == .vacancies, profile.vacancyRate == nil { continue }
            if indicator == .hours, profile.hours == nil { continue }
            for key in keys {
                let section = key == "TOTAL" || key == "B-E" ? key : String(key.prefix(1))
                let growth = growthOf[key]!
                let emp = employment[key]!
                var values: [Double]
                switch indicator {
                case .employment:
                    values = [emp.0, emp.1]
                case .vacancies:
                    let rate = profile.vacancyRate! * (factor(vacancyFactor, section)) * (1 + max(0, growth) / 10)
                    let v2022 = emp.0 * 1000 * rate / 100
                    values = [v2022, v2022 * (1 + growth / 50 + random.normal() * 0.03)]
                case .unemployment:
                    let u2022 = profile.unemployment * factor(unemploymentFactor, section) * (1 + random.normal() * 0.05)
                    values = [u2022, u2022 * (1 - growth / 50 + random.normal() * 0.03)]
                case .wages:
                    let w2022 = profile.wage * factor(wageFactor, section) * (1 + random.normal() * 0.03)
                    values = [w2022, w2022 * (1 + (profile.wageGrowth + growth * 0.3 + random.normal()) / 100)]
                case .hours:
                    let h2022 = profile.hours! + (hourOffset[section] ?? 0) + random.normal() * 0.3
                    values = [h2022, h2022 + random.normal() * 0.2]
                }
                for (periodIndex, period) in periods.enumerated() {
                    var flag = flagFor(code: code, key: key, indicator: indicator, period: period)
                    var value = format(values[periodIndex], indicator)
                    if isConfidential(code: code, key: key, indicator: indicator, period: period) {
                        value = ":"
                        flag = "c"
                    }
                    let fields = [code, key, indicator.rawValue, period, value, unit(indicator, profile), flag, profile.source]
                    rows.append(fields.map(SampleCSV.field).joined(separator: ","))
                }
            }
        }
        return rows
    }

    // MARK: - Private

    private static func factor(_ table: [String: Double], _ section: String) -> Double {
        table[section] ?? 1
    }

    private static func format(_ value: Double, _ indicator: LabourIndicator) -> String {
        switch indicator {
        case .employment, .unemployment, .hours: return SampleCSV.decimal(value, decimals: 1)
        case .vacancies, .wages: return SampleCSV.decimal(value, decimals: 0)
        }
    }

    private static func unit(_ indicator: LabourIndicator, _ profile: SampleCountryProfile) -> String {
        switch indicator {
        case .employment: return "THS_PER"
        case .vacancies: return "NR"
        case .unemployment: return "PC"
        case .wages: return profile.currency
        case .hours: return "HR"
        }
    }

    private static func flagFor(code: String, key: String, indicator: LabourIndicator, period: String) -> String {
        switch (code, indicator, period) {
        case ("UA", .employment, "2023"), ("UA", .wages, "2023"): return key.count == 3 && key != "B-E" ? "e" : ""
        case ("DE", .vacancies, "2023"): return "p"
        case ("ME", .hours, "2023"): return "p"
        case ("MK", .hours, "2022"): return key == "TOTAL" ? "b" : ""
        case ("RS", .employment, "2023"): return key.count == 3 && key != "B-E" ? "u" : ""
        default: return ""
        }
    }

    private static func isConfidential(code: String, key: String, indicator: LabourIndicator, period: String) -> Bool {
        (code == "RS" && key == "C24" && indicator == .wages && period == "2022")
            || (code == "NO" && key == "C30" && indicator == .vacancies && period == "2023")
    }

    private static let baseShare: [String: Double] = [
        "B": 0.006, "C": 0.16, "D": 0.008, "E": 0.007, "F": 0.07, "G": 0.13, "H": 0.05, "I": 0.05, "J": 0.035,
        "N": 0.04, "O": 0.06, "Q": 0.11,
    ]
    private static let divisionShare: [String: Double] = [
        "A01": 0.85, "A03": 0.04, "B06": 0.6, "B07": 0.5, "C10": 0.14, "C11": 0.03, "C13": 0.04, "C14": 0.08,
        "C24": 0.05, "C25": 0.14, "C28": 0.1, "C29": 0.08, "C30": 0.1, "F41": 0.35, "F42": 0.2, "F43": 0.45,
        "H49": 0.5, "H50": 0.06, "I55": 0.3, "I56": 0.7, "J62": 0.45, "N79": 0.08, "Q86": 0.5, "Q87": 0.2,
        "G47": 0.5,
    ]
    private static let unemploymentFactor: [String: Double] = [
        "A": 1.3, "B": 0.8, "C": 0.9, "D": 0.5, "F": 1.2, "G": 1.0, "H": 0.9, "I": 1.4, "J": 0.45, "N": 1.3,
        "O": 0.5, "Q": 0.6, "B-E": 0.85,
    ]
    private static let wageFactor: [String: Double] = [
        "A": 0.7, "B": 1.4, "C": 1.05, "D": 1.5, "F": 1.0, "G": 0.85, "H": 1.0, "I": 0.65, "J": 1.8, "N": 0.8,
        "O": 1.1, "Q": 0.95, "B-E": 1.1,
    ]
    private static let vacancyFactor: [String: Double] = [
        "A": 0.5, "B": 0.8, "C": 0.9, "D": 1.0, "F": 1.3, "G": 1.0, "H": 1.1, "I": 1.5, "J": 1.6, "N": 1.2,
        "O": 0.6, "Q": 1.4, "B-E": 0.9,
    ]
    private static let hourOffset: [String: Double] = [
        "A": 3, "B": 2, "C": 1, "D": 0.5, "F": 2, "G": -0.5, "H": 1.5, "I": 0.5, "J": -0.5, "N": -1, "O": -1,
        "Q": -2, "B-E": 1,
    ]
}
