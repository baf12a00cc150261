import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// The free-text rules of the score stage (`docs/methodology.md` §5): rare unmapped sector names and the labels of
/// suppressed unmapped skills are withheld; labour codes and mapped names never are.
@Suite struct FreeTextDisclosureTests {
    static func gap(_ country: String, _ label: String, code: String? = nil, suppressed: Bool) -> GapScore {
        GapScore(country: country, sector: SectorKey(section: "C"), skill: SkillRef(code: code, uri: nil, label: label, group: nil), n: suppressed ? 0 : 6,
                 flags: suppressed ? [.suppressed] : [])
    }

    static func name(_ country: String, _ kind: NameKind, _ text: String, code: String? = nil, respondents: Int? = nil,
                     rows: Int = 1) -> MappingDecision {
        MappingDecision(country: country, kind: kind, text: text, code: code, method: code == nil ? .none : .alias,
                        confidence: 0.5, candidate: nil, rows: rows, respondents: respondents)
    }

    @Test func rareNamesAndSuppressedLabelsAreWithheld() {
        var gaps = [
            Self.gap("UA", "welding robots", suppressed: true),       // only in a suppressed cell: withheld
            Self.gap("UA", "forklift", suppressed: false),            // published somewhere: kept everywhere
            Self.gap("UA", "forklift", suppressed: true),
            Self.gap("RS", "welding robots", suppressed: false),      // the same text in another country is its own
            Self.gap("UA", "Apply HACCP", code: "S3.3.1", suppressed: true),
        ]
        let names = [
            Self.name("UA", .sector, "Bäckerei am Eck", respondents: 2, rows: 9),
            Self.name("UA", .sector, "Pekarstvo", respondents: 5),
            Self.name("UA", .sector, "Pekara", code: "C10", respondents: 1),
            Self.name("UA", .skill, "welding robots", rows: 3),
            Self.name("UA", .skill, "forklift"),
            Self.name("RS", .skill, "welding robots"),
            Self.name("UA", .labourSector, "ECO_ISIC4_Q9"),
        ]
        let withheld = FreeTextDisclosure.apply(gaps: &gaps, mappings: names, k: 5, publishFreeText: false)
        #expect(withheld.map(\.text) == ["Bäckerei am Eck", "welding robots"])
        #expect(withheld.map(\.country) == ["UA", "UA"])
        #expect(withheld.reduce(0) { $0 + $1.rows } == 12)
        #expect(gaps.map(\.skill.label) == ["withheld", "forklift", "forklift", "welding robots", "Apply HACCP"])
    }

    @Test func freeTextAllowedWithholdsNothing() {
        var gaps = [Self.gap("UA", "welding robots", suppressed: true)]
        let withheld = FreeTextDisclosure.apply(gaps: &gaps, mappings: [Self.name("UA", .sector, "x", respondents: 1)],
                                                k: 5, publishFreeText: true)
        #expect(withheld.isEmpty && gaps[0].skill.label == "welding robots")
    }
}
