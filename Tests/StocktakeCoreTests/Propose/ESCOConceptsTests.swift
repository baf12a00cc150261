import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// The outcome rule (`docs/methodology.md` §9.1) through `ConceptIndex` against a plain reading of it: every concept
/// filtered, every candidate's stems computed from `Character`s, all candidates sorted.
@Suite struct ESCOConceptsTests {
    static let concepts = ProposalBuilderTests.concepts

    /// §9.1's words, the way `ESCOConcepts.stems` first computed them.
    static func referenceStems(_ text: String) -> Set<String> {
        var result = Set<String>()
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) where word.count >= 4 {
            let w = String(word)
            if !ESCOConcepts.stopWords.contains(w) { result.insert(String(w.prefix(5))) }
        }
        return result
    }

    static func referenceRanked(_ candidates: [ESCOConcepts.Concept], context: Set<String>) -> [ESCOConcepts.Concept] {
        candidates.map { (c: $0, shared: referenceStems($0.label).intersection(context).count) }.sorted {
            if $0.shared != $1.shared { return $0.shared > $1.shared }
            let (r0, r1) = (ESCOConcepts.reuseRank($0.c.reuseLevel), ESCOConcepts.reuseRank($1.c.reuseLevel))
            if r0 != r1 { return r0 < r1 }
            if $0.c.depth != $1.c.depth { return $0.c.depth < $1.c.depth }
            if $0.c.label != $1.c.label { return $0.c.label < $1.c.label }
            return $0.c.uri < $1.c.uri
        }.map(\.c)
    }

    static func referenceSkillOutcomes(_ all: [ESCOConcepts.Concept], skills: [SkillRef], sectorLabel: String) -> [ProposalOutcome] {
        var context = referenceStems(sectorLabel)
        for skill in skills { context.formUnion(referenceStems(skill.label)) }
        var result: [ProposalOutcome] = []
        var seen = Set<String>()
        for skill in skills {
            guard var code = skill.code else { continue }
            let own = skill.uri.flatMap { uri in all.first { $0.uri == uri && !seen.contains(uri) } }
            var under: [ESCOConcepts.Concept] = []
            while true {
                let current = code
                under = all.filter { ESCOConcepts.isUnder($0.group, current) && !seen.contains($0.uri) && $0.uri != own?.uri }
                guard under.isEmpty, let dot = code.lastIndex(of: ".") else { break }
                code = String(code[..<dot])
            }
            for c in ((own.map { [$0] } ?? []) + referenceRanked(under, context: context)).prefix(ESCOConcepts.skillsPerCode) {
                guard result.count < ESCOConcepts.maxSkillOutcomes else { break }
                seen.insert(c.uri)
                result.append(ProposalOutcome(kind: c.kind, uri: c.uri, label: c.label, reuseLevel: c.reuseLevel, source: code))
            }
        }
        return result
    }

    static func referenceKnowledgeOutcomes(_ all: [ESCOConcepts.Concept], iscedF: String, skillLabels: [String],
                                           sectorLabel: String, excluded: Set<String>) -> [ProposalOutcome] {
        var context = referenceStems(sectorLabel)
        for label in skillLabels { context.formUnion(referenceStems(label)) }
        var result: [ProposalOutcome] = []
        var seen = excluded
        for length in [4, 3, 2] where iscedF.count >= length && result.count < ESCOConcepts.knowledgeOutcomes {
            let field = "K" + iscedF.prefix(length)
            let under = all.filter {
                $0.kind == .knowledge && $0.group.hasPrefix(field) && !seen.contains($0.uri) && !seen.contains($0.label)
            }
            for c in referenceRanked(under, context: context).prefix(ESCOConcepts.knowledgeOutcomes - result.count) {
                seen.insert(c.uri)
                seen.insert(c.label)
                result.append(ProposalOutcome(kind: .knowledge, uri: c.uri, label: c.label, reuseLevel: c.reuseLevel, source: field))
            }
        }
        return result
    }

    /// Every code a bundled group is under, its prefixes and a few that are under nothing.
    static let codes: [String] = {
        var codes: Set<String> = ["", "S", "K", "T", "X1", "S8.", "S8.1.", "S99", "K9", "k07", ".", "S8..1"]
        for group in Set(concepts.concepts.map(\.group)) {
            for length in 0...group.count { codes.insert(String(group.prefix(length))) }
            codes.insert(group + ".")
        }
        return codes.sorted()
    }()

    @Test func theCodeIndexListsWhatFilteringEveryConceptFinds() {
        let all = Self.concepts.concepts
        var nonEmpty = 0
        for code in Self.codes {
            let expected = all.indices.filter { ESCOConcepts.isUnder(all[$0].group, code) }
            #expect(Self.concepts.index.concepts(under: code).map(Int.init) == expected, "\(code)")
            if !expected.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 500)
    }

    @Test func irregularGroupsAreFoundByFilteringThem() {
        let concepts = ESCOConcepts([
            .init(uri: "u1", kind: .skill, reuseLevel: "transversal", label: "alpha", group: "S1.2", depth: 1),
            .init(uri: "u2", kind: .skill, reuseLevel: "transversal", label: "beta", group: "S1.é", depth: 1),
            .init(uri: "u3", kind: .knowledge, reuseLevel: "transversal", label: "gamma", group: "K07ü", depth: 1),
            .init(uri: "u4", kind: .knowledge, reuseLevel: "transversal", label: "delta", group: "K071", depth: 1),
        ])
        for code in ["S1", "S1.2", "S1.é", "K07", "K071", "K07ü", "K"] {
            let expected = concepts.concepts.indices.filter { ESCOConcepts.isUnder(concepts.concepts[$0].group, code) }
            #expect(concepts.index.concepts(under: code).map(Int.init) == expected, "\(code)")
        }
    }

    @Test func stemsOfASCIILabelsAreTheCharacterStems() {
        let texts = Self.concepts.concepts.map(\.label) + [
            "Manufacture of FOOD-products", "Hotels AND restaurants; support-service activities", "café ÜBER Straße",
            "line\r\nbreaks\tand tabs", "ABCD abc abcde ABCDEFGH", "", "1234 5678",
        ]
        for text in texts { #expect(ESCOConcepts.stems(text) == Self.referenceStems(text), "\(text)") }
    }

    static let sectorLabels = [
        "", "Manufacture of food products", "Construction of buildings", "Accommodation and food service activities",
        "Manufacture of fabricated metal products, except machinery and equipment", "Computer programming",
    ]

    @Test func skillOutcomesAreTheLinearRulesOutcomes() {
        let all = Self.concepts.concepts
        // Skills as the survey matches them: to a concept (its URI and group) or to a group only; codes without
        // concepts of their own fall back to their parent.
        var skills: [SkillRef] = []
        for (n, c) in all.enumerated() where n % 211 == 0 {
            skills.append(SkillRef(code: c.group, uri: c.uri, label: c.label, group: nil))
            skills.append(SkillRef(code: c.group, uri: nil, label: c.label + " work", group: nil))
        }
        for code in ["S8.1.9", "S4", "T2", "K0715", "K07", "S1.11", "X1", nil] as [String?] {
            skills.append(SkillRef(code: code, uri: nil, label: "operate machinery", group: nil))
        }
        var checked = 0
        for (n, sector) in Self.sectorLabels.enumerated() {
            for start in stride(from: n, to: skills.count, by: 3) {
                let group = Array(skills[start..<min(start + 1 + start % 4, skills.count)])
                let outcomes = Self.concepts.skillOutcomes(skills: group, sectorLabel: sector)
                #expect(outcomes == Self.referenceSkillOutcomes(all, skills: group, sectorLabel: sector))
                checked += outcomes.isEmpty ? 0 : 1
            }
        }
        #expect(checked > 100)
    }

    @Test func knowledgeOutcomesAreTheLinearRulesOutcomes() {
        let all = Self.concepts.concepts
        let fields = Set(all.filter { $0.group.hasPrefix("K") }.map { String($0.group.dropFirst()) }).sorted()
            + ["0788", "9999", "07", "1"]
        let taken = Set(all.enumerated().filter { $0.offset % 5 == 0 }.flatMap { [$0.element.uri, $0.element.label] })
        var checked = 0
        for (n, field) in fields.enumerated() {
            let sector = Self.sectorLabels[n % Self.sectorLabels.count]
            let skillLabels = [all[(n * 97) % all.count].label, all[(n * 31) % all.count].label]
            for excluded in [Set<String>(), taken] {
                let outcomes = Self.concepts.knowledgeOutcomes(
                    iscedF: field, skillLabels: skillLabels, sectorLabel: sector, excluded: excluded)
                #expect(outcomes == Self.referenceKnowledgeOutcomes(
                    all, iscedF: field, skillLabels: skillLabels, sectorLabel: sector, excluded: excluded), "\(field)")
                checked += outcomes.count == ESCOConcepts.knowledgeOutcomes ? 1 : 0
            }
        }
        #expect(checked > 100)
    }

    /// `ESCOConcepts.load` reads its fields through `TaxonomyTable.value`, which skips Foundation when there is
    /// nothing to trim.
    @Test func taxonomyFieldsAreTrimmedAsFoundationTrimsThem() {
        for text in ["", " ", "a", " a", "a ", "\ta\t", "a b", "\u{3000}x", "x\u{A0}", "\u{200B}x", "é\u{301}", "\u{2003}", "\n a \n", "😀"] {
            #expect(TaxonomyTable.trimmed(text) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }
}
