import StocktakeModel

/// How many distinct names and rows one method mapped (for the report's sector-mapping section).
public struct MappingCount: Sendable, Hashable, Codable {
    public var method: MatchMethod
    /// Distinct names (per country, language and text).
    public var names: Int
    /// Rows that carried those names.
    public var rows: Int

    public init(method: MatchMethod, names: Int, rows: Int) {
        self.method = method
        self.names = names
        self.rows = rows
    }
}

/// A memoizing front end to `Taxonomy` for the normalize stage: each distinct (text, language) is matched once,
/// and every call is counted per country so that the method counts and the review queue come out of one pass.
///
/// A value type: the runner owns one per run (or per country) and merges nothing; no shared mutable state.
public struct TaxonomyMatcher: Sendable {
    public let taxonomy: Taxonomy

    private struct NameKey: Hashable, Sendable {
        let text: String
        let language: String?
    }

    private struct UseKey: Hashable, Sendable {
        let kind: NameKind
        let country: String
        let name: NameKey
    }

    private var sectors: [NameKey: SectorMatch] = [:]
    private var skills: [NameKey: SkillMatch] = [:]
    private var uses: [UseKey: Int] = [:]

    public init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
    }

    /// The sector match of `text`, computed once per distinct text and language; counts one row for `country`.
    public mutating func sector(_ text: String, language: String?, country: String, rows: Int = 1) -> SectorMatch {
        let key = NameKey(text: text, language: TextFolding.language(language))
        uses[UseKey(kind: .sector, country: country, name: key), default: 0] += rows
        if let hit = sectors[key] { return hit }
        let match = taxonomy.matchSector(text, language: key.language)
        sectors[key] = match
        return match
    }

    /// The skill match of `text`, computed once per distinct text and language; counts one row for `country`.
    public mutating func skill(_ text: String, language: String?, country: String, rows: Int = 1) -> SkillMatch {
        let key = NameKey(text: text, language: TextFolding.language(language))
        uses[UseKey(kind: .skill, country: country, name: key), default: 0] += rows
        if let hit = skills[key] { return hit }
        let match = taxonomy.matchSkill(text, language: key.language)
        skills[key] = match
        return match
    }

    /// Names and rows per method for `kind` (`sector` or `skill`), optionally for one country; every method listed,
    /// in matching order, so unmapped names are always counted (method `none`, or `override` with code `NONE`).
    public func methodCounts(kind: NameKind, country: String? = nil) -> [MappingCount] {
        var names: [MatchMethod: Int] = [:]
        var rows: [MatchMethod: Int] = [:]
        for (use, count) in uses where use.kind == kind && (country == nil || use.country == country) {
            guard let method = self.method(kind: kind, name: use.name) else { continue }
            names[method, default: 0] += 1
            rows[method, default: 0] += count
        }
        return MatchMethod.allCases.map { MappingCount(method: $0, names: names[$0] ?? 0, rows: rows[$0] ?? 0) }
    }

    /// Unmapped names (method `none`) per country with their row counts and best candidates, sorted for review.
    public func reviewQueue() -> [ReviewQueueEntry] {
        var out: [ReviewQueueEntry] = []
        for (use, count) in uses {
            if use.kind == .sector, let match = sectors[use.name], match.method == .none {
                out.append(ReviewQueueEntry(match, language: use.name.language, country: use.country, count: count))
            } else if use.kind == .skill, let match = skills[use.name], match.method == .none {
                out.append(ReviewQueueEntry(match, language: use.name.language, country: use.country, count: count))
            }
        }
        return ReviewQueue.sorted(out)
    }

    private func method(kind: NameKind, name: NameKey) -> MatchMethod? {
        kind == .sector ? sectors[name]?.method : skills[name]?.method
    }
}
