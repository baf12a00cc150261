import StocktakeModel

/// How a name or code was mapped, in the order the matcher tries the methods.
public enum MatchMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// A human decision from `overrides.csv`; always wins.
    case override
    /// A code in one of the recognised notations (NACE, Eurostat, WZ, SN2007, ISIC, ILOSTAT, NACE Rev. 2.1).
    case code
    /// A label or alias, equal after Unicode NFKC, case, whitespace and punctuation folding.
    case alias
    /// A label or alias, equal after Cyrillic ↔ Latin transliteration and diacritic folding.
    case transliteration
    /// The most similar label or alias, at or above the confidence threshold and unambiguous.
    case fuzzy
    /// Not mapped: the name goes to the review queue.
    case none
}
