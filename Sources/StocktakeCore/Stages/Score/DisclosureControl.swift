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
///
/// With the cell key perturbation (`perturbed`), every decision is taken on published counts: a division is rolled
/// up when its perturbed n' < k, a unit is suppressed when the perturbed n' of its merged cells (their cell keys
/// added) is below k, and the margins add perturbed counts (`docs/methodology.md` §5.1).
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
    /// - Parameter perturbed: apply the cell key perturbation (`CellKeyPerturbation`): decisions on perturbed counts,
    ///   and each unit's `stats` are the published (perturbed) statistics of its merged cells.
    public static func protect(_ cells: [SectorKey: SurveyCellStats], k: Int, forced: Set<SectorKey> = [],
                               perturbed: Bool = false) -> [Unit] {
        let counts = cells.mapValues(\.n)
        let units = protectCounts(counts, k: k, forced: forced, keys: perturbed ? cells.mapValues(\.cellKey) : nil)
        return units.map { unit in
            var stats = SurveyCellStats()
            for member in unit.members { stats.merge(cells[member]!) }
            if perturbed { stats = CellKeyPerturbation.apply(stats) }
            return Unit(
                sector: unit.sector, members: unit.members.sorted(), stats: stats, isRolledUp: unit.isRolledUp,
                suppression: unit.suppression)
        }
    }

    /// The same rules on counts only (sector respondent totals).
    ///
    /// - Parameter keys: the cell keys of the counts; when given, the counts are perturbed (`CellKeyPerturbation`)
    ///   and every decision is taken on the perturbed counts.
    /// - Returns: for each published unit its sector, the member sectors merged into it, the count (perturbed when
    ///   `keys` are given), and the suppression, sorted by sector key.
    public static func protectCounts(_ counts: [SectorKey: Int], k: Int, forced: Set<SectorKey> = [],
                                     keys: [SectorKey: UInt64]? = nil)
        -> [(sector: SectorKey, members: [SectorKey], n: Int, isRolledUp: Bool, suppression: Suppression?)]
    {
        /// The published count of the merged `members`.
        func published(_ members: [SectorKey]) -> Int {
            let n = members.reduce(0) { $0 + counts[$1]! }
            guard let keys else { return n }
            return CellKeyPerturbation.count(n, key: members.reduce(UInt64(0)) { $0 &+ (keys[$1] ?? 0) })
        }
        var units: [(sector: SectorKey, members: [SectorKey], n: Int, isRolledUp: Bool, suppression: Suppression?)] = []
        let bySection = Dictionary(grouping: counts.keys, by: \.section)
        for section in bySection.keys.sorted() {
            let members = bySection[section]!.sorted()
            let sectionKey = SectorKey(section: section)
            var merged: [SectorKey] = members.contains(sectionKey) ? [sectionKey] : []
            var rolled = false
            for key in members where !key.isSection {
                let n = published([key])
                if n >= k {
                    units.append((key, [key], n, false, nil))
                } else {
                    merged.append(key)
                    rolled = true
                }
            }
            if !merged.isEmpty {
                units.append((sectionKey, merged, published(merged), rolled, nil))
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
