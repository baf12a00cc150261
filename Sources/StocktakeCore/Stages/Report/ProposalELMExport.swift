import Foundation
import StocktakeModel

/// proposals.jsonld: every proposal of the run as a European Learning Model v3.1 document of the LOQ (Learning
/// Opportunities and Qualifications) profile, the form a qualifications register (QDR) receives
/// (`docs/report-columns.md`). One JSON-LD document with the edc-ap context and a `@graph` of proposals.
///
/// - A proposal of a country whose NQF has concepts in the QDR list (DE, NO, MK, RS, ME) is a `Qualification`
///   with its EQF and NQF level; AM, GE and UA have no QDR concepts, and a `Qualification` needs ≥ 1 `nqfLevel`
///   from that list, so theirs are `LearningAchievementSpecification`s with the national level in a note.
/// - Elements of an issued credential (learner, date of issuing, grade achieved) are left out: the LOQ shapes are
///   closed and have no place for them.
/// - Texts are English (ESCO labels are English; fixed wording from the `en` string table); the language of
///   instruction is the country's report language. Node ids are `urn:bem:proposal:<id>[:<part>]`, stable for a
///   proposal id; keys are sorted, so the same proposals give the same bytes.
struct ProposalELMExport {
    let model: ReportModel
    /// The English string table.
    let strings: ReportStrings

    static let context = "http://data.europa.eu/snb/model/context/edc-ap"

    /// EU language authority codes of the report languages.
    static let languageCodes: [String: String] = [
        "en": "ENG", "de": "DEU", "nb": "NOB", "sr-Latn": "SRP", "sr-Cyrl": "SRP", "cnr": "CNR", "mk": "MKD",
        "uk": "UKR", "ka": "KAT", "hy": "HYE",
    ]
    /// ISO 3166-1 alpha-3 (EU country authority list) of the BEM countries.
    static let countryCodes: [String: String] = [
        "DE": "DEU", "NO": "NOR", "MK": "MKD", "RS": "SRB", "ME": "MNE", "AM": "ARM", "GE": "GEO", "UA": "UKR",
    ]

    func render() -> String {
        var graph: [[String: Any]] = []
        for country in model.countries {
            for p in country.proposals.sorted(by: { ($0.rank, $0.id) < ($1.rank, $1.id) }) {
                graph.append(document(p, country: country))
            }
        }
        let root: [String: Any] = ["@context": Self.context, "@graph": graph]
        let data = try! JSONSerialization.data(
            withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: - Building blocks

    static func concept(_ id: String, scheme: String, label: String? = nil) -> [String: Any] {
        var c: [String: Any] = ["@id": id, "@type": "Concept", "inScheme": ["@id": scheme, "@type": "ConceptScheme"]]
        if let label { c["prefLabel"] = ["en": label] }
        return c
    }

    static func note(_ id: String, _ text: String) -> [String: Any] {
        ["@id": id, "@type": "Note", "noteLiteral": ["en": text]]
    }

    static let learningAssessment = "http://data.europa.eu/snb/learning-assessment/"
    static func mode(_ m: LearningMode) -> [String: Any] {
        switch m {
        case .online: return concept(learningAssessment + "920fbb3cbe", scheme: learningAssessment + "25831c2", label: "Online")
        case .blended: return concept(learningAssessment + "e92d221e4d", scheme: learningAssessment + "25831c2", label: "Blended")
        case .onSite: return concept(learningAssessment + "9191af2ed9", scheme: learningAssessment + "25831c2", label: "Presential")
        }
    }

    /// `value` of a coded element in English (the pipeline's own text as written).
    func value(_ prefix: String, _ code: String, _ values: [String: String] = [:]) -> String {
        strings.lookup(prefix + "." + code) != nil ? strings.format(prefix + "." + code, values) : code
    }

    func document(_ p: Proposal, country: CountryReport) -> [String: Any] {
        let base = "urn:bem:proposal:" + p.id
        let sectorLabel = model.sectorLabel(p.sector, language: "en")
        let nqf = NQFLevels.level(country: p.country, eqf: p.eqfLevel)
        let isQualification = nqf?.qdrURI != nil
        var d: [String: Any] = [
            "@id": base,
            "@type": isQualification ? "Qualification" : "LearningAchievementSpecification",
            "title": ["en": p.title],
            "description": ["en": strings.format("elm.description", [
                "id": p.id, "country": strings.countryName(p.country, fallback: country.name),
                "score": ReportNumberFormat.neutral.number(p.gapScore, decimals: 1),
                "priority": ReportNumberFormat.neutral.number(p.priority, decimals: 1), "rank": String(p.rank),
            ])],
            "dcType": Self.concept("http://data.europa.eu/snb/learning-opportunity/74a4a268e8",
                                   scheme: "http://data.europa.eu/snb/learning-opportunity/25831c2",
                                   label: "Short learning programme"),
            "thematicArea": Self.concept("http://data.europa.eu/snb/isced-f/" + p.iscedF,
                                         scheme: "http://data.europa.eu/snb/isced-f/25831c2"),
            "eqfLevel": Self.concept("http://data.europa.eu/snb/eqf/\(p.eqfLevel)",
                                     scheme: "http://data.europa.eu/snb/eqf/25831c2", label: "Level \(p.eqfLevel)"),
            "creditPoint": [
                "@id": base + ":credit", "@type": "CreditPoint", "point": ReportNumberFormat.neutral.number(p.ectsCredits, decimals: 1),
                "framework": Self.concept("http://data.europa.eu/snb/education-credit/6fcec5c5af",
                                          scheme: "http://data.europa.eu/snb/education-credit/25831c2",
                                          label: "European Credit Transfer System"),
            ] as [String: Any],
            "volumeOfLearning": p.volumeOfLearning,
            "mode": Self.mode(p.participationForm),
            "learningSetting": Self.concept("http://data.europa.eu/snb/learning-setting/e207a81fc7",
                                            scheme: "http://data.europa.eu/snb/learning-setting/25831c2",
                                            label: "non-formal learning"),
            "entryRequirement": Self.note(base + ":entry", value("prerequisite", p.prerequisites)),
            "isPartialQualification": false,
        ]
        if let code = country.reportLanguages.first.flatMap({ Self.languageCodes[$0] }) {
            d["language"] = Self.concept("http://publications.europa.eu/resource/authority/language/" + code,
                                         scheme: "http://publications.europa.eu/resource/authority/language")
        }
        if let nqf, let uri = nqf.qdrURI {
            d["nqfLevel"] = Self.concept(uri, scheme: "http://data.europa.eu/snb/qdr/25831c2", label: nqf.label)
        }

        // Learning outcomes: knowledge and skills with their ESCO concept, then the EQF descriptor.
        var outcomes: [[String: Any]] = []
        for s in UnitStatement.of(p) {
            let id = base + ":lo:" + s.id.split(separator: "/").last!
            var o: [String: Any] = ["@id": id, "@type": "LearningOutcome", "title": ["en": s.text]]
            if let uri = s.uri {
                o["dcType"] = Self.concept("http://data.europa.eu/snb/skill-type/" + (s.type == "knowledge" ? "knowledge" : "skill"),
                                           scheme: "http://data.europa.eu/snb/skill-type/25831c2")
                o["relatedSkill"] = Self.concept(uri, scheme: "http://data.europa.eu/esco/concept-scheme/skills", label: s.text)
                if let reuse = s.reuseLevel, !reuse.isEmpty {
                    o["reusabilityLevel"] = Self.concept("http://data.europa.eu/snb/skill-reuse-level/" + reuse,
                                                         scheme: "http://data.europa.eu/snb/skill-reuse-level/25831c2")
                }
            }
            outcomes.append(o)
        }
        d["learningOutcome"] = outcomes

        // Assessment (element 9) with supervision and identity verification (optional element) as its description.
        let practical = "http://data.europa.eu/snb/assessment/6a4db9f11d"
        d["provenBy"] = [
            "@id": base + ":assessment", "@type": "LearningAssessmentSpecification",
            "title": ["en": value("assessment", p.assessmentType)],
            "dcType": Self.concept(practical, scheme: "http://data.europa.eu/snb/assessment/25831c2", label: "practical assessment"),
            "mode": Self.mode(p.participationForm == .online ? .online : .onSite),
            "description": ["en": value("supervision", p.supervisionAndIdentityVerification)],
            "gradingScheme": ["@id": base + ":grading", "@type": "GradingScheme", "title": ["en": value("grade", p.grade)]],
        ] as [String: Any]

        // Notes: quality assurance (element 11), stackability, ECVET points, national level when not in the QDR list,
        // further information.
        var notes: [[String: Any]] = [
            Self.note(base + ":note:qa", strings.format("elm.quality_assurance", ["text": value("quality_assurance", p.qualityAssurance)])),
            Self.note(base + ":note:stackability", value("stackability", p.stackability, ["sector": sectorLabel])),
            Self.note(base + ":note:ecvet", strings.format("elm.ecvet", [
                "ecvet": ReportNumberFormat.neutral.number(p.ecvetPoints, decimals: 1), "hours": String(p.hours),
            ])),
        ]
        if let nqf, nqf.qdrURI == nil {
            notes.append(Self.note(base + ":note:nqf", strings.format("elm.nqf_note", [
                "framework": nqf.framework, "level": nqf.level, "eqf": String(p.eqfLevel),
            ])))
        }
        notes.append(Self.note(base + ":note:info", value("further_information", p.furtherInformation)))
        d["additionalNote"] = notes

        // Elements 3 and 4: the planned awarding body and its country.
        let body = p.awardingBody.isEmpty
            ? strings.format("proposal.awarding_body_pending", ["country": strings.countryName(p.country, fallback: country.name)])
            : p.awardingBody
        var address: [String: Any] = ["@id": base + ":address", "@type": "Address"]
        if let alpha3 = Self.countryCodes[p.issuerCountry] {
            address["countryCode"] = Self.concept("http://publications.europa.eu/resource/authority/country/" + alpha3,
                                                  scheme: "http://publications.europa.eu/resource/authority/country")
        }
        d["awardingOpportunity"] = [
            "@id": base + ":awarding", "@type": "AwardingOpportunity", "learningAchievementSpecification": base,
            "awardingBody": [
                "@id": base + ":body", "@type": "Organisation", "legalName": ["en": body],
                "location": ["@id": base + ":location", "@type": "Location", "address": address] as [String: Any],
            ] as [String: Any],
        ] as [String: Any]
        return d
    }
}
