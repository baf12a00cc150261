import StocktakeModel

/// Default report languages per country: the official language(s), then English.
public enum ReportLanguages {
    static let official: [String: [String]] = [
        "DE": ["de"], "AT": ["de"], "NO": ["nb"], "MK": ["mk"], "RS": ["sr-Latn"], "ME": ["cnr"],
        "AM": ["hy"], "GE": ["ka"], "UA": ["uk"],
    ]

    /// The official language of `country` (where a string table exists), then English.
    public static func defaults(for country: String) -> [String] {
        (official[country] ?? []) + ["en"]
    }
}
