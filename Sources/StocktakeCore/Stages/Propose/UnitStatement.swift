import StocktakeModel

/// The EQF level descriptors for responsibility and autonomy (Council Recommendation of 22 May 2017 on the European
/// Qualifications Framework, 2017/C 189/03, Annex II), in English. The report string tables carry the same text
/// (`eqf.autonomy.<level>`; a test keeps en.yaml identical) with the other languages.
public enum EQFDescriptors {
    public static let english: [Int: String] = [
        1: "Work or study under direct supervision in a structured context",
        2: "Work or study under supervision with some autonomy",
        3: "Take responsibility for completion of tasks in work or study; adapt own behaviour to circumstances in solving problems",
        4: "Exercise self-management within the guidelines of work or study contexts that are usually predictable, but are subject to change; supervise the routine work of others, taking some responsibility for the evaluation and improvement of work or study activities",
        5: "Exercise management and supervision in contexts of work or study activities where there is unpredictable change; review and develop performance of self and others",
        6: "Manage complex technical or professional activities or projects, taking responsibility for decision-making in unpredictable work or study contexts; take responsibility for managing professional development of individuals and groups",
        7: "Manage and transform work or study contexts that are complex, unpredictable and require new strategic approaches; take responsibility for contributing to professional knowledge and practice and/or for reviewing the strategic performance of teams",
        8: "Demonstrate substantial authority, innovation, autonomy, scholarly and professional integrity and sustained commitment to the development of new ideas or processes at the forefront of work or study contexts including research",
    ]

    /// The descriptor of `level` (empty outside 1…8).
    public static func autonomy(_ level: Int) -> String { english[level] ?? "" }
}

/// A proposal's learning outcomes as ECVET unit statements: knowledge `K1…`, skills `S1…`, then the competence
/// (responsibility and autonomy) `C1`, with ids `<proposal id>/<K|S|C><n>` (units.csv, proposals.jsonld).
public struct UnitStatement: Sendable, Hashable {
    public var id: String
    /// `knowledge`, `skill` or `competence`.
    public var type: String
    /// English text: the ESCO preferred label, or the EQF descriptor for the competence statement.
    public var text: String
    /// ESCO concept URI (nil for the competence statement).
    public var uri: String?
    /// ESCO reuse level (nil for the competence statement).
    public var reuseLevel: String?

    public static func of(_ p: Proposal) -> [UnitStatement] {
        var result: [UnitStatement] = []
        for (i, o) in p.knowledgeOutcomes.enumerated() {
            result.append(UnitStatement(id: "\(p.id)/K\(i + 1)", type: "knowledge", text: o.label, uri: o.uri, reuseLevel: o.reuseLevel))
        }
        for (i, o) in p.skillOutcomes.enumerated() {
            result.append(UnitStatement(id: "\(p.id)/S\(i + 1)", type: "skill", text: o.label, uri: o.uri, reuseLevel: o.reuseLevel))
        }
        result.append(UnitStatement(id: "\(p.id)/C1", type: "competence", text: EQFDescriptors.autonomy(p.eqfLevel), uri: nil, reuseLevel: nil))
        return result
    }
}
