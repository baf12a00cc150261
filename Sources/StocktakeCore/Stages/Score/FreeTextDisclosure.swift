import StocktakeModel

/// Disclosure control of free text (`docs/methodology.md` §5): the names and labels respondents wrote themselves.
///
/// Rules, unless the definition allows free text (`report.free_text: true`):
/// 1. An unmapped survey sector name written by fewer than k distinct respondents is withheld: counted in the
///    reports, never listed.
/// 2. An unmapped skill label (the survey's own text) is published only where a published cell carries it; in the
///    gap rows of suppressed cells it reads `withheld`, and it is counted with the withheld names.
/// Labour classification codes are public and never withheld; mapped names are published as their code.
public enum FreeTextDisclosure {
    /// What a withheld free-text skill label reads in published tables.
    public static let withheldLabel = "withheld"

    /// Applies both rules to `gaps` (labels replaced in place) and returns the withheld names and labels, one
    /// decision per distinct text and country, in the order of `mappings`.
    public static func apply(
        gaps: inout [GapScore], mappings: [MappingDecision], k: Int, publishFreeText: Bool
    ) -> [MappingDecision] {
        guard !publishFreeText else { return [] }
        struct Label: Hashable { var country: String; var text: String }
        var published = Set<Label>()
        for gap in gaps where gap.skill.code == nil && !gap.flags.contains(.suppressed) {
            published.insert(Label(country: gap.country, text: gap.skill.label))
        }
        var withheldLabels = Set<Label>()
        for i in gaps.indices where gaps[i].skill.code == nil {
            let label = Label(country: gaps[i].country, text: gaps[i].skill.label)
            guard !published.contains(label) else { continue }
            withheldLabels.insert(label)
            gaps[i].skill.label = withheldLabel
        }
        return mappings.filter { row in
            guard row.code == nil else { return false }
            switch row.kind {
            case .sector: return (row.respondents ?? 0) < k
            case .skill: return withheldLabels.contains(Label(country: row.country, text: row.text))
            case .labourSector: return false
            }
        }
    }
}
