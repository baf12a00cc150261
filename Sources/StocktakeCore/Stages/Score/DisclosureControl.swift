import StocktakeModel

/// Statistical disclosure control of the published tables: roll-up, primary and secondary suppression.
///
/// Rules (`docs/methodology.md` §5):
/// 1. Roll-up: within one country × skill × NACE section, every division cell with n < k is merged into the
///    section's own cell (respondents who named only the section); the merged cell carries flag `r`.
/// 2. Primary suppression: a published unit with n < k is suppressed (`C`).
/// 3. Secondary suppression, per country × skill (the units add up to the skill's total over sectors): when
///    exactly one unit is suppressed, or the suppressed units together hold fewer than k respondents, the
///    published unit with the fewest respondents is also suppressed; repeated until neither holds or every
///    unit is suppressed.
/// 4. Linked suppression (applied by `GapScorer`): a cell is also hidden when its sector's respondent count is
///    suppressed and the cell's n equals that count, since the cell would reveal it.
public enum DisclosureControl {
    /// One unit of a published table after disclosure control.
    public struct Unit: Sendable, Hashable {
        /// The published key: a division, or the section (its own cell plus rolled-up divisions).
        public var sector: SectorKey
        /// The input sectors merged into this unit (the key itself and/or divisions), sorted.
        public var members: [SectorKey]
        /// Sufficient statistics of the members, added up.
        public var stats: SurveyCellStats
        /// The unit merges division cells into their section.
        public var isRolledUp: Bool
        /// Why the unit is hidden; nil when published.
        public var suppression: Suppression?

        public init(
            sector: SectorKey, members: [SectorKey], stats: SurveyCellStats, isRolledUp: Bool, suppression: Suppression?
        ) {
            self.sector = sector
            self.members = members
            self.stats = stats
            self.isRolledUp = isRolledUp
            self.suppression = suppression
        }
    }

    /// Applies roll-up, primary and secondary suppression to the cells of one margin (one country × skill),
    /// given as sector → statistics.
    ///
    /// - Returns: the units to publish (suppressed ones included, marked), sorted by sector key.
    /// - Parameter forced: units (by sector key) that must be hidden although they have k or more respondents
    ///   (linked suppression, see `GapScorer`); they count as secondary suppressions.
    public static func protect(_ cells: [SectorKey: SurveyCellStats], k: Int, forced: Set<SectorKey> = []) -> [Unit] {
        let counts = cells.mapValues(\.n)
        let units = protectCounts(counts, k: k, forced: forced)
        return units.map { unit in
            var stats = SurveyCellStats()
            for member in unit.members { stats.merge(cells[member]!) }
            return Unit(
                sector: unit.sector, members: unit.members.sorted(), stats: stats, isRolledUp: unit.isRolledUp,
                suppression: unit.suppression)
        }
    }

    /// The same rules on counts only (sector respondent totals).
    ///
    /// - Returns: for each published unit its sector, the member sectors merged into it, the count, and the
    ///   suppression, sorted by sector key.
    public static func protectCounts(_ counts: [SectorKey: Int], k: Int, forced: Set<SectorKey> = [])
        -> [(sector: SectorKey, members: [SectorKey], n: Int, isRolledUp: Bool, suppression: Suppression?)]
    {
        var units: [(sector: SectorKey, members: [SectorKey], n: Int, isRolledUp: Bool, suppression: Suppression?)] = []
        let bySection = Dictionary(grouping: counts.keys, by: \.section)
        for section in bySection.keys.sorted() {
            let keys = bySection[section]!.sorted()
            let sectionKey = SectorKey(section: section)
            var merged: [SectorKey] = keys.contains(sectionKey) ? [sectionKey] : []
            var rolled = false
            for key in keys where !key.isSection {
                if counts[key]! >= k {
                    units.append((key, [key], counts[key]!, false, nil))
                } else {
                    merged.append(key)
                    rolled = true
                }
            }
            if !merged.isEmpty {
                let n = merged.reduce(0) { $0 + counts[$1]! }
                units.append((sectionKey, merged, n, rolled, nil))
            }
        }
        for i in units.indices where units[i].n < k { units[i].suppression = .primary }
        for i in units.indices where units[i].suppression == nil && forced.contains(units[i].sector) {
            units[i].suppression = .secondary
        }
        // Secondary suppression on the margin (sum over all units).
        while true {
            let suppressed = units.indices.filter { units[$0].suppression != nil }
            if suppressed.isEmpty { break }
            let hidden = suppressed.reduce(0) { $0 + units[$1].n }
            guard suppressed.count == 1 || hidden < k else { break }
            let candidates = units.indices.filter { units[$0].suppression == nil }
            guard let pick = candidates.min(by: { (units[$0].n, units[$0].sector) < (units[$1].n, units[$1].sector) })
            else { break }
            units[pick].suppression = .secondary
        }
        return units.sorted { $0.sector < $1.sector }
    }
}
