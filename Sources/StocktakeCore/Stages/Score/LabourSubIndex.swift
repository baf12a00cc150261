import StocktakeModel

/// Names and signs of the five labour sub-indices built from the labour indicators.
public enum LabourSubIndex {
    /// Stable snake_case name of the sub-index built from `indicator` (`employment_growth`, `vacancy_rate`,
    /// `wage_growth`, `hours_growth`, `unemployment`), as used in YAML keys and scenario names.
    public static func name(of indicator: LabourIndicator) -> String {
        switch indicator {
        case .employment: return "employment_growth"
        case .vacancies: return "vacancy_rate"
        case .wages: return "wage_growth"
        case .hours: return "hours_growth"
        case .unemployment: return "unemployment"
        }
    }

    /// +1 when a higher sector value signals a shortage, −1 for unemployment (a higher rate signals a surplus).
    public static func sign(of indicator: LabourIndicator) -> Double {
        indicator == .unemployment ? -1 : 1
    }
}
