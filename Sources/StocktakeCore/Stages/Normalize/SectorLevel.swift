import StocktakeModel

/// Level of a NACE code in the hierarchy, or an aggregate of sections (`B-E`, `TOTAL`, `ECO_SECTOR_IND`).
public enum SectorLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case section, division, group, `class`, aggregate
}
