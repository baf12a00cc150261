import Foundation
@testable import StocktakeCore
@testable import StocktakeModel

/// A small in-memory report model: Ukraine (uk + en, clean data, a previous run) and Germany (de, with hostile
/// text in sector names, skill labels, unmapped names, messages and proposal texts, and a suppressed cell).
enum ReportFixture {
    /// The bundled string tables, loaded once for all report tests.
    static let bundledCatalog: Result<ReportStringCatalog, any Error> = Result { try ReportStringCatalog.bundled() }

    static func catalog() throws -> ReportStringCatalog { try bundledCatalog.get() }

    static let hostile = "=HYPERLINK(\"http://x\")"
    static let script = "<script>alert(1)</script>"

    static func model(runID: String = "20261129T080000Z", startTime: String = "2026-11-29T08:00:00Z") -> ReportModel {
        var run = ReportRunInfo(
            runID: runID, startTime: startTime, pipelineName: "bem-fixture", pipelinePath: "pipelines/fixture.yaml",
            definitionSHA256: String(repeating: "ab", count: 32), toolVersion: "0.1.0",
            taxonomyVersions: [ReportKeyValue("NACE", text: "Rev. 2"), ReportKeyValue("ESCO", text: "v1.2.0")],
            weights: [ReportKeyValue("weight.survey", number: 0.6), ReportKeyValue("weight.labour", number: 0.4)],
            thresholds: [ReportKeyValue("min_respondents", number: 5), ReportKeyValue("reliable_respondents", number: 10),
                         ReportKeyValue("max_reject_ratio", number: 0.2),
                         ReportKeyValue("perturbation", text: "cell key ±2, demo key (public)")])
        // Published reports are perturbed by default (docs/methodology.md §5.1).
        run.perturbed = true
        let labels: [String: [String: String]] = [
            "en": ["C": "Manufacturing", "F": "Construction", "I": "Accommodation and food service activities",
                   "C10": "Manufacture of food products", "J": "Information and communication | \(script)"],
            "uk": ["C": "Переробна промисловість", "F": "Будівництво", "I": "Тимчасове розміщування й організація харчування"],
            "de": ["C": "Verarbeitendes Gewerbe", "F": "Baugewerbe", "J": "Information und Kommunikation\n\(hostile)"],
        ]
        return ReportModel(
            run: run, countries: [ukraine(), germany()], sectorLabels: labels,
            commonProposals: [CommonProposal(section: "F", skillGroup: "S6", countries: ["DE", "UA"],
                                             proposalIDs: ["UA-F-S6"])],
            previousRuns: [])
    }

    static let welding = SkillRef(code: "S6.2", uri: "http://data.europa.eu/esco/skill/s6-2", label: "welding metal parts", group: "S6")
    static let safety = SkillRef(code: "S6.1", uri: "http://data.europa.eu/esco/skill/s6-1", label: "following health and safety rules", group: "S6")
    static let digital = SkillRef(code: "S5.1", uri: "http://data.europa.eu/esco/skill/s5-1", label: "using digital tools", group: "S5")
    static let hygiene = SkillRef(code: "S6.4", uri: nil, label: "food hygiene", group: "S6")

    static func ukraine() -> CountryReport {
        let survey = InputProvenance(
            path: "../inputs/UA/survey.csv", sha256: String(repeating: "1", count: 64), size: 123_456,
            format: "stocktake-survey", dialect: "delimiter , quote \"", encoding: "utf-8", lastUpdate: nil,
            source: "BEM stakeholder survey (synthetic)", licence: "CC BY 4.0", rowsRead: 1_200, rowsAccepted: 1_198,
            rowsRejected: 2, rejectsByCode: [.constraintError: 1, .typeError: 1])
        let labour = InputProvenance(
            path: "../inputs/UA/labour.csv", sha256: String(repeating: "2", count: 64), size: 4_096,
            format: "stocktake-labour", dialect: "delimiter , quote \"", encoding: "utf-8", lastUpdate: "2026-03-15",
            source: "State Statistics Service of Ukraine (synthetic sample)", licence: "CC BY 4.0", rowsRead: 60,
            rowsAccepted: 60, rowsRejected: 0)
        let pressures = [
            SectorPressure(country: "UA", sector: SectorKey(section: "F"),
                           rawSubIndices: [.employment: 0.031, .vacancies: 0.012, .wages: 0.045],
                           subIndices: [.employment: 1.2, .vacancies: 0.8, .wages: 1.5], coverage: 3, pressure: 1.17,
                           employmentShare: 0.071, sourceFlags: ["e"]),
            SectorPressure(country: "UA", sector: SectorKey(section: "C"),
                           rawSubIndices: [.employment: -0.01, .vacancies: 0.004, .unemployment: -0.3, .wages: 0.01, .hours: 0.002],
                           subIndices: [.employment: -0.4, .vacancies: 0.2, .unemployment: -2.6, .wages: 0.1, .hours: 0.3],
                           coverage: 5, pressure: -0.35, employmentShare: 0.152),
            SectorPressure(country: "UA", sector: SectorKey(section: "I"), coverage: 0),
        ]
        let gaps = [
            GapScore(country: "UA", sector: SectorKey(section: "F"), skill: welding, n: 42, mwds: 6.12, mwdsLow: 5.1,
                     mwdsHigh: 7.3, hardToFillShare: 0.62, demandChange: 1.25, labourPressure: 1.17, labourCoverage: 3,
                     score: 78.45, scoreLow: 70.2, scoreHigh: 85.05, rank: 1),
            GapScore(country: "UA", sector: SectorKey(section: "F"), skill: safety, n: 8, mwds: 4.4, mwdsLow: 2.1,
                     mwdsHigh: 6.0, hardToFillShare: 0.25, demandChange: 0.5, labourPressure: 1.17, labourCoverage: 3,
                     score: 61.0, scoreLow: 44.5, scoreHigh: 73.9, rank: 2, flags: [.unreliable]),
            GapScore(country: "UA", sector: SectorKey(section: "C"), skill: digital, n: 31, mwds: 3.05, mwdsLow: 2.5,
                     mwdsHigh: 3.6, hardToFillShare: 0.1, demandChange: -0.25, labourPressure: -0.35, labourCoverage: 5,
                     score: 40.125, scoreLow: 35.0, scoreHigh: 45.5, rank: 3),
            GapScore(country: "UA", sector: SectorKey(section: "I"), skill: hygiene, n: 3, labourCoverage: 0,
                     flags: [.suppressed]),
        ]
        let proposal = Proposal(
            id: "UA-F-S6", country: "UA", rank: 1, priority: 81.3, sector: SectorKey(section: "F"), skillGroup: "S6",
            skills: [welding, safety], title: "Welding and site safety for construction", issuerCountry: "UA",
            awardingBody: "National Qualifications Agency of Ukraine",
            outcomes: [
                ProposalOutcome(kind: .knowledge, uri: "http://data.europa.eu/esco/skill/k-safety", label: "building site safety rules",
                                reuseLevel: "sector-specific", source: "K0732"),
                ProposalOutcome(kind: .skill, uri: "http://data.europa.eu/esco/skill/s-weld", label: "weld metal parts",
                                reuseLevel: "occupation-specific", source: "S6"),
                ProposalOutcome(kind: .skill, uri: "http://data.europa.eu/esco/skill/s-safety", label: "follow health and safety rules",
                                reuseLevel: "cross-sector", source: "S6"),
            ],
            ectsCredits: 2, ecvetPoints: 3.5, hours: 50, volumeOfLearning: "PT50H", eqfLevel: 3,
            assessmentType: "practical demonstration", participationForm: .blended,
            qualityAssurance: "external quality assurance by the awarding body", prerequisites: "none",
            supervisionAndIdentityVerification: "supervised on site with identity verification", grade: "pass/fail",
            stackability: "stackable towards a full VET qualification", furtherInformation: "",
            iscedF: "0732", targetGroups: [.unemployed, .displaced], uses: ["upskilling", "reskilling"],
            learningSettings: ["workplace", "school"], n: 42, mwds: 6.12, gapScore: 78.45, gapScoreLow: 70.2,
            gapScoreHigh: 85.05, labourPressure: 1.17, labourCoverage: 3, flags: [], provisionExists: false,
            commonWith: ["DE"])
        let proposal2 = Proposal(
            id: "UA-C-S5", country: "UA", rank: 2, priority: 44.0, sector: SectorKey(section: "C"), skillGroup: "S5",
            skills: [digital], title: "Digital tools in manufacturing", issuerCountry: "UA",
            awardingBody: "Dniprorudne Professional Lyceum",
            outcomes: [
                ProposalOutcome(kind: .knowledge, uri: "http://data.europa.eu/esco/skill/k-tools", label: "digital production tools",
                                reuseLevel: "sector-specific", source: "K0714"),
                ProposalOutcome(kind: .skill, uri: "http://data.europa.eu/esco/skill/s-tools", label: "use digital tools",
                                reuseLevel: "transversal", source: "S5"),
            ],
            ectsCredits: 1, ecvetPoints: 1.5, hours: 25, volumeOfLearning: "PT25H", eqfLevel: 4,
            assessmentType: "online test", participationForm: .online, qualityAssurance: "internal quality assurance",
            prerequisites: "basic computer use", supervisionAndIdentityVerification: "supervised online with identity verification",
            grade: "percentage", stackability: "stand-alone", furtherInformation: "",
            iscedF: "0714", targetGroups: [.adults], uses: ["upskilling"], learningSettings: ["school"], n: 31,
            mwds: 3.05, gapScore: 40.125, gapScoreLow: 35.0, gapScoreHigh: 45.5, labourPressure: -0.35,
            labourCoverage: 5, flags: [.fragile], provisionExists: nil, commonWith: [])
        let sensitivity = CountrySensitivity(
            country: "UA", topN: 10,
            scenarios: [SensitivityScenario(name: "weight.survey+20%", retainedShare: 1.0, kendallTau: 1.0),
                        SensitivityScenario(name: "drop.vacancies", retainedShare: 0.9, kendallTau: 0.822)],
            fragileProposalIDs: ["UA-C-S5"])
        let comparison = RunComparison(
            previousRunID: "20261128T080000Z", newProposals: ["UA-C-S5"], droppedProposals: ["UA-I-S6"],
            rankMoves: [RankMove(proposalID: "UA-F-S6", oldRank: 2, newRank: 1)],
            changedInputs: [ChangedInput(path: "../inputs/UA/labour.csv", oldSHA256: String(repeating: "3", count: 64),
                                         newSHA256: String(repeating: "2", count: 64))])
        var report = CountryReport(
            code: "UA", name: "Ukraine", languages: ["uk", "en"], inputs: [survey, labour],
            rejects: [ReportReject(file: "../inputs/UA/survey.csv", line: 17, column: 6, code: .constraintError,
                                   message: "importance must be an integer 1–5"),
                      ReportReject(file: "../inputs/UA/survey.csv", line: 9, column: 7, code: .typeError,
                                   message: "proficiency is not an integer")],
            unmapped: [UnmappedName(text: "Будівельна галузь (ремонт)", count: 4, bestCandidate: SectorKey(section: "F"),
                                    confidence: 0.71)],
            mappingMethods: MappingMethodCounts(override: 1, code: 2, alias: 5, transliteration: 0, fuzzy: 1, none: 1),
            sectorPressures: pressures, gaps: gaps, proposals: [proposal, proposal2], sensitivity: sensitivity,
            comparison: comparison)
        report.skillMappingMethods = MappingMethodCounts(override: 0, code: 2, alias: 9, transliteration: 1, fuzzy: 2, none: 1)
        report.labourChecks = [
            LabourCheck(country: "UA", indicator: .employment, kind: .staleSeries, scopes: ["TOTAL", "C", "F"],
                        periods: ["2021"], observed: 3, expected: 2024, action: .flagged,
                        sources: ["ILOSTAT emp_temp_sex_eco_nb (Gapminder DDF)"]),
            LabourCheck(country: "UA", indicator: .unemployment, kind: .incompleteBreakdown,
                        scopes: ["TOTAL", "A", "B", "C", "D", "E"], periods: ["2022", "2023"], observed: 3, expected: 18.5,
                        action: .periodsLeftOut, sources: ["ILOSTAT une_tune_sex_eco_nb (Gapminder DDF)"]),
            LabourCheck(country: "UA", indicator: .hours, kind: .gapInYears, scopes: ["C"], periods: ["2018"],
                        observed: nil, expected: nil, action: .flagged, sources: []),
        ]
        return report
    }

    static func germany() -> CountryReport {
        let survey = InputProvenance(
            path: "../inputs/DE/survey.csv", sha256: String(repeating: "4", count: 64), size: 98_765,
            format: "stocktake-survey", dialect: "delimiter ; quote \"", encoding: "windows-1252",
            source: "Umfrage | \(script)", licence: nil, rowsRead: 15_000, rowsAccepted: 14_000, rowsRejected: 1_000,
            rejectsByCode: [.missingCell: 1_000])
        let hostileSkill = SkillRef(code: nil, uri: nil, label: "\(hostile) | *bold* [x](javascript:alert(1))\n@SUM(1+1)", group: nil)
        let gaps = [
            GapScore(country: "DE", sector: SectorKey(section: "J"), skill: hostileSkill, n: 12, mwds: 2.5, mwdsLow: 1.9,
                     mwdsHigh: 3.1, hardToFillShare: 0.5, demandChange: 2, labourPressure: nil, labourCoverage: 0,
                     score: 55.5, scoreLow: 47.25, scoreHigh: 63.75, rank: 1, flags: [.rolledUp]),
            GapScore(country: "DE", sector: SectorKey(section: "F"), skill: safety, n: 2, flags: [.suppressed]),
            GapScore(country: "DE", sector: SectorKey(section: "C", division: "10"), skill: hygiene, n: 9, mwds: -1.25,
                     mwdsLow: -2.0, mwdsHigh: -0.5, hardToFillShare: 0, demandChange: -1.5, labourPressure: nil,
                     labourCoverage: 0, score: 12.0, scoreLow: 5.5, scoreHigh: 19.0, rank: 2, flags: [.unreliable]),
        ]
        let proposal = Proposal(
            id: "DE-J-X", country: "DE", rank: 1, priority: 52.0, sector: SectorKey(section: "J"), skillGroup: nil,
            skills: [hostileSkill], title: "-2+3 | <b>bold</b> \(hostile)", issuerCountry: "DE",
            awardingBody: "IHK | \(script)", outcomes: [
                ProposalOutcome(kind: .knowledge, uri: "=1+2", label: "=1+2\n=cmd|' /C calc'!A0", reuseLevel: "", source: "K"),
                ProposalOutcome(kind: .skill, uri: "@SUM(A1)", label: "\u{00A0}+49 line", reuseLevel: "", source: "S"),
                ProposalOutcome(kind: .skill, uri: "u", label: "\tTab start", reuseLevel: "", source: "S"),
            ],
            ectsCredits: 1.5, ecvetPoints: 2, hours: 40, volumeOfLearning: "PT40H", eqfLevel: 4,
            assessmentType: "Projekt; \"quoted\"", participationForm: .onSite, qualityAssurance: "\r=evil",
            prerequisites: " -leading space", supervisionAndIdentityVerification: "unsupervised, no identity verification",
            grade: "1–6", stackability: "stand-alone", furtherInformation: "See <https://example.org>",
            iscedF: "0612", targetGroups: [.refugees, .youth], uses: ["initial-vet"], learningSettings: ["workplace"],
            n: 12, mwds: 2.5, gapScore: 55.5, gapScoreLow: 47.25, gapScoreHigh: 63.75, labourPressure: nil,
            labourCoverage: 0, flags: [.rolledUp], provisionExists: true, commonWith: [])
        return CountryReport(
            code: "DE", name: "Germany", languages: ["de"], inputs: [survey],
            rejects: [ReportReject(file: "../inputs/DE/survey.csv", line: 3, column: 0, code: .missingCell,
                                   message: "=HYPERLINK(\"http://x\") | \(script)"),
                      ReportReject(file: "../inputs/DE/odd|`name`.csv", line: 1, column: 2, code: .blankLabel,
                                   message: "header cell 2 is empty")],
            unmapped: [UnmappedName(text: "\(script)|Bau\nGewerbe", count: 7),
                       UnmappedName(text: "-Handwerk", count: 7, bestCandidate: SectorKey(section: "F"), confidence: 0.55)],
            mappingMethods: MappingMethodCounts(override: 0, code: 3, alias: 4, transliteration: 0, fuzzy: 0, none: 2),
            sectorPressures: [], gaps: gaps, proposals: [proposal], sensitivity: nil, comparison: nil)
    }
}
