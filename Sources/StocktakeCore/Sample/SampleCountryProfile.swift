import StocktakeModel

/// The parameters that make one country's synthetic sample differ from another's: who answers, how they like to
/// learn, whom training should reach, which skills are scarce, and the size and trends of the labour market.
///
/// All figures are invented but of a plausible order of magnitude; none is an official statistic.
struct SampleCountryProfile: Sendable {
    var code: String
    /// Organisation types with weights (the native vocabulary).
    var organisations: [(String, Double)]
    /// Weights of online, blended, on-site, and no answer.
    var learningModes: [Double]
    /// Probability that a respondent names each target group, in `TargetGroup.allCases` order.
    var targetGroups: [Double]
    /// Skills with a country-specific shortage (larger gap, more often hard to fill).
    var scarceSkills: Set<String>
    /// Employment growth 2022→2023 in percent by NACE section (missing: 0.5).
    var growth: [String: Double]
    /// Share of total employment in agriculture (section A).
    var agricultureShare: Double
    /// Total employment 2022, thousands.
    var employment: Double
    /// Unemployment rate 2022, percent.
    var unemployment: Double
    /// Average monthly gross wage 2022, national currency.
    var wage: Double
    /// Economy-wide nominal wage growth 2022→2023, percent.
    var wageGrowth: Double
    var currency: String
    /// Job vacancy rate, percent of posts; nil when the country publishes no vacancy series.
    var vacancyRate: Double?
    /// Usual weekly hours; nil when the country publishes no hours series.
    var hours: Double?
    /// Source note written into every labour row.
    var source: String
    /// Whether the source also publishes the `B-E` aggregate.
    var publishesAggregates: Bool

    static func profile(for code: String) -> SampleCountryProfile? {
        all.first { $0.code == code }
    }

    // MARK: - Private

    private static let standardOrganisations: [(String, Double)] = [
        ("employer", 70), ("vet-provider", 10), ("public-employment-service", 5), ("chamber", 6), ("ngo", 5), ("other", 4),
    ]

    private static let all: [SampleCountryProfile] = [
        SampleCountryProfile(
            code: "DE", organisations: [("employer", 68), ("vet-provider", 10), ("public-employment-service", 5), ("chamber", 12), ("ngo", 2), ("other", 3)],
            learningModes: [25, 45, 27, 3], targetGroups: [0.30, 0.35, 0.02, 0.30, 0.05, 0.45, 0.40],
            scarceSkills: ["install heating, ventilation and air conditioning", "solar panel installation", "computer programming",
                           "care for elderly people", "program CNC machines", "analyse big data"],
            growth: ["J": 3.5, "Q": 2.0, "F": 0.5, "C": -0.8, "D": 1.5, "I": 4.0, "G": -0.3, "H": 0.8],
            agricultureShare: 0.012, employment: 45_600, unemployment: 3.1, wage: 4_100, wageGrowth: 5.2, currency: "EUR",
            vacancyRate: 4.1, hours: 34.7, source: "Destatis (synthetic sample)", publishesAggregates: true),
        SampleCountryProfile(
            code: "NO", organisations: standardOrganisations, learningModes: [33, 45, 19, 3],
            targetGroups: [0.25, 0.30, 0.01, 0.35, 0.15, 0.45, 0.35],
            scarceSkills: ["maintain wind turbines", "provide nursing care", "care for elderly people", "tend aquatic animals",
                           "use digital tools to control machinery"],
            growth: ["D": 1.0, "B": -1.2, "A": 3.0, "Q": 2.5, "F": 1.0, "J": 3.0, "C": 0.6, "I": 2.5],
            agricultureShare: 0.021, employment: 2_880, unemployment: 3.2, wage: 54_000, wageGrowth: 5.5, currency: "NOK",
            vacancyRate: 3.6, hours: 33.6, source: "Statistics Norway (synthetic sample)", publishesAggregates: true),
        SampleCountryProfile(
            code: "MK", organisations: standardOrganisations, learningModes: [20, 35, 42, 3],
            targetGroups: [0.45, 0.35, 0.03, 0.02, 0.30, 0.30, 0.50],
            scarceSkills: ["operate textile machinery", "computer programming", "apply HACCP", "digital marketing",
                           "communicate in foreign languages"],
            growth: ["C": -2.0, "J": 6.0, "F": 2.0, "I": 5.0, "A": -3.0, "G": 1.0],
            agricultureShare: 0.12, employment: 810, unemployment: 14.4, wage: 57_000, wageGrowth: 13.0, currency: "MKD",
            vacancyRate: 1.3, hours: 40.6, source: "State Statistical Office (synthetic sample)", publishesAggregates: false),
        SampleCountryProfile(
            code: "RS", organisations: standardOrganisations, learningModes: [28, 37, 32, 3],
            targetGroups: [0.40, 0.35, 0.08, 0.05, 0.30, 0.30, 0.45],
            scarceSkills: ["computer programming", "welding", "program CNC machines", "use precision farming technologies"],
            growth: ["J": 8.0, "C": 1.5, "A": -2.0, "F": 3.0, "G": 0.5, "I": 3.0],
            agricultureShare: 0.14, employment: 2_910, unemployment: 9.4, wage: 98_000, wageGrowth: 14.0, currency: "RSD",
            vacancyRate: 1.5, hours: 40.2, source: "Statistical Office of the Republic of Serbia (synthetic sample)",
            publishesAggregates: false),
        SampleCountryProfile(
            code: "ME", organisations: standardOrganisations, learningModes: [18, 30, 49, 3],
            targetGroups: [0.40, 0.25, 0.03, 0.05, 0.20, 0.25, 0.55],
            scarceSkills: ["communicate in foreign languages", "customer service", "handle reservations", "prepare dishes",
                           "digital marketing"],
            growth: ["I": 7.0, "F": 4.0, "G": 2.0, "A": -1.0, "H": 2.5],
            agricultureShare: 0.07, employment: 250, unemployment: 13.1, wage: 1_050, wageGrowth: 10.0, currency: "EUR",
            vacancyRate: 2.6, hours: 41.1, source: "MONSTAT (synthetic sample)", publishesAggregates: false),
        SampleCountryProfile(
            code: "AM", organisations: [("employer", 66), ("vet-provider", 12), ("public-employment-service", 6), ("chamber", 4), ("ngo", 8), ("other", 4)],
            learningModes: [30, 30, 37, 3], targetGroups: [0.40, 0.30, 0.25, 0.15, 0.55, 0.30, 0.40],
            scarceSkills: ["computer programming", "operate mining machinery", "use precision farming technologies", "analyse big data"],
            growth: ["J": 12.0, "B": 2.0, "A": -1.0, "F": 5.0, "I": 9.0],
            agricultureShare: 0.19, employment: 880, unemployment: 12.6, wage: 240_000, wageGrowth: 12.0, currency: "AMD",
            vacancyRate: nil, hours: nil, source: "Armstat (synthetic sample)", publishesAggregates: false),
        SampleCountryProfile(
            code: "GE", organisations: [("employer", 66), ("vet-provider", 12), ("public-employment-service", 5), ("chamber", 5), ("ngo", 8), ("other", 4)],
            learningModes: [29, 30, 38, 3], targetGroups: [0.40, 0.30, 0.20, 0.05, 0.60, 0.30, 0.40],
            scarceSkills: ["communicate in foreign languages", "use precision farming technologies", "drive heavy vehicles",
                           "digital marketing"],
            growth: ["I": 10.0, "H": 6.0, "A": -2.0, "F": 4.0, "J": 8.0],
            agricultureShare: 0.18, employment: 1_230, unemployment: 17.3, wage: 1_650, wageGrowth: 17.0, currency: "GEL",
            vacancyRate: nil, hours: 44.1, source: "Geostat (synthetic sample)", publishesAggregates: false),
        SampleCountryProfile(
            code: "UA", organisations: [("employer", 60), ("vet-provider", 14), ("public-employment-service", 7), ("chamber", 4), ("ngo", 11), ("other", 4)],
            learningModes: [40, 35, 22, 3], targetGroups: [0.35, 0.25, 0.70, 0.05, 0.25, 0.40, 0.30],
            scarceSkills: ["renovate buildings for energy efficiency", "operate earthmoving equipment", "solar panel installation",
                           "install electrical wiring", "welding", "maintain electrical equipment"],
            growth: ["F": 9.0, "D": 5.0, "A": -4.0, "C": -3.0, "J": -2.0, "Q": 1.0, "H": 2.0],
            agricultureShare: 0.14, employment: 12_100, unemployment: 18.5, wage: 15_000, wageGrowth: 20.0, currency: "UAH",
            vacancyRate: 1.9, hours: nil, source: "State Statistics Service of Ukraine (synthetic sample)", publishesAggregates: false),
    ]
}
