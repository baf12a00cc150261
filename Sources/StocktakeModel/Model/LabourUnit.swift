import Foundation

/// What a labour value measures, read from the unit code its source gives: a count of persons (with its scale),
/// a percentage, hours, or an amount of money. Each indicator needs one of its families (`LabourIndicator.unitFamilies`);
/// a value in another family cannot be used for it, and counts in different scales are converted, never mixed.
public struct LabourUnit: Sendable, Hashable {
    public enum Family: String, Sendable, Hashable, CaseIterable {
        case persons, percent, hours, currency
    }

    public var family: Family
    /// Persons per unit of the value: 1000 for `THS_PER`, 1 for `NR`; 1 for the other families.
    public var scale: Double

    /// Unit codes by family (upper case; the part before the first `;`, where other dimensions are appended).
    static let codes: [String: LabourUnit] = {
        var table: [String: LabourUnit] = [:]
        for code in ["THS_PER", "THS_PERS", "THS", "THS_NR", "THOUSANDS", "THOUSAND"] { table[code] = LabourUnit(family: .persons, scale: 1000) }
        for code in ["NR", "PER", "PERS", "PERSON", "PERSONS", "NB"] { table[code] = LabourUnit(family: .persons, scale: 1) }
        for code in ["PC", "PC_ACT", "PC_EMP", "PC_POP", "PC_LF", "PCT", "%", "RT", "PERCENT"] { table[code] = LabourUnit(family: .percent, scale: 1) }
        for code in ["HR", "H", "HRS", "HOURS", "HR_WK", "HOUR"] { table[code] = LabourUnit(family: .hours, scale: 1) }
        for code in ["NAC", "PPS", "PPP", "EUR", "USD", "CUR"] { table[code] = LabourUnit(family: .currency, scale: 1) }
        return table
    }()

    /// The unit of a value of `indicator` given as `text`; an empty unit is the indicator's base unit (persons,
    /// percent, hours, national currency). Any other three-letter upper-case code is an ISO 4217 currency.
    /// - Returns: the unit, or why it cannot be used for `indicator`.
    public static func parse(_ text: String, for indicator: LabourIndicator) -> Result<LabourUnit, UnitProblem> {
        // Readers append other dimensions as `;name=value` (and a file without a unit column starts with them).
        let first = String(text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        let base = (first.contains("=") ? "" : first).trimmingCharacters(in: .whitespaces).uppercased()
        let unit: LabourUnit
        if base.isEmpty {
            unit = LabourUnit(family: indicator.unitFamilies[0], scale: 1)
        } else if let known = codes[base] ?? label(base) {
            unit = known
        } else if base.count == 3, base.unicodeScalars.allSatisfy({ $0.value >= 0x41 && $0.value <= 0x5A }) {
            unit = LabourUnit(family: .currency, scale: 1)
        } else {
            return .failure(UnitProblem(message: "unit `\(base.prefix(30))` is not known: give \(indicator.rawValue) in \(indicator.unitExamples)"))
        }
        guard indicator.unitFamilies.contains(unit.family) else {
            return .failure(UnitProblem(message: "unit `\(base.prefix(30))` is \(unit.family.noun), but \(indicator.rawValue) needs \(indicator.unitNouns) (\(indicator.unitExamples))"))
        }
        return .success(unit)
    }

    /// Eurostat's label variant of a unit (`Number`, `Thousand persons`, `Percentage of total population`, `Euro`,
    /// `Hours`), upper-cased.
    static func label(_ base: String) -> LabourUnit? {
        if base == "NUMBER" || base == "NUMBER OF PERSONS" { return LabourUnit(family: .persons, scale: 1) }
        if base.hasPrefix("THOUSAND") { return LabourUnit(family: .persons, scale: 1000) }
        if base.hasPrefix("PERCENT") { return LabourUnit(family: .percent, scale: 1) }
        if base.hasPrefix("HOUR") { return LabourUnit(family: .hours, scale: 1) }
        if base.hasPrefix("EURO") || base.contains("CURRENCY") || base.contains("PURCHASING POWER") {
            return LabourUnit(family: .currency, scale: 1)
        }
        return nil
    }

    /// Why a unit cannot be used.
    public struct UnitProblem: Error, Sendable, Hashable {
        public var message: String

        public init(message: String) {
            self.message = message
        }
    }

    /// Whether `value` is possible in this unit for `indicator`; nil when it is, else the rule it breaks.
    public func problem(with value: Double, for indicator: LabourIndicator) -> String? {
        guard value.isFinite else { return "the value is not a finite number" }
        switch family {
        case .persons, .currency:
            return value < 0 ? "\(indicator.rawValue) cannot be negative" : nil
        case .percent:
            return (0...100).contains(value) ? nil : "\(indicator.rawValue) is a percentage and must lie within 0–100"
        case .hours:
            return (0...168).contains(value) ? nil : "weekly hours must lie within 0–168"
        }
    }
}

extension LabourUnit.Family {
    var noun: String {
        switch self {
        case .persons: return "a count of persons"
        case .percent: return "a percentage"
        case .hours: return "hours"
        case .currency: return "an amount of money"
        }
    }

    var examples: String {
        switch self {
        case .persons: return "THS_PER, THS or NR"
        case .percent: return "PC"
        case .hours: return "HR"
        case .currency: return "a currency code such as EUR or NAC"
        }
    }
}

extension LabourIndicator {
    /// The unit families the indicator's values may have, the base one (an empty unit) first. Unemployment is a
    /// rate, or a count of the unemployed by their previous job's activity (ILOSTAT `UNE_TUNE_SEX_ECO_NB`), from
    /// which the score stage derives the rate with employment (docs/methodology.md §3).
    public var unitFamilies: [LabourUnit.Family] {
        switch self {
        case .employment, .vacancies: return [.persons]
        case .unemployment: return [.percent, .persons]
        case .hours: return [.hours]
        case .wages: return [.currency]
        }
    }

    var unitNouns: String { unitFamilies.map(\.noun).joined(separator: " or ") }
    var unitExamples: String { unitFamilies.map(\.examples).joined(separator: "; ") }
}
