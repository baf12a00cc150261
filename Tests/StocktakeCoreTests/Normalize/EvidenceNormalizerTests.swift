import Testing
@testable import StocktakeCore
@testable import StocktakeModel
@testable import StocktakeIngest

@Suite struct EvidenceNormalizerTests {
    static func record(_ country: String, _ respondent: String, _ sector: String, _ skill: String, _ i: Int, _ p: Int) -> SurveyRecord {
        SurveyRecord(country: country, respondentID: respondent, organisationType: "employer", sector: sector,
                     skill: skill, importance: i, proficiency: p)
    }

    /// A run-level aggregate built from records, the way ingest builds per-file aggregates.
    static func aggregate(_ records: [SurveyRecord]) -> SurveyAggregator {
        var cells: [SurveyAggregator.RawKey: SurveyCellStats] = [:]
        var respondents: [SurveyAggregator.RawSector: Set<String>] = [:]
        for r in records {
            cells[SurveyAggregator.RawKey(country: r.country, sector: r.sector, skill: r.skill), default: SurveyCellStats()].add(r)
            respondents[SurveyAggregator.RawSector(country: r.country, sector: r.sector), default: []].insert(r.respondentID)
        }
        let raw = SurveyRawAggregate(
            cells: cells.map { .init(country: $0.key.country, sector: $0.key.sector, skill: $0.key.skill, stats: $0.value) },
            sectors: respondents.map { .init(country: $0.key.country, sector: $0.key.sector, respondents: $0.value.count) },
            records: records.count)
        var aggregator = SurveyAggregator()
        aggregator.merge(raw, countries: ["UA", "RS"])
        return aggregator
    }

    @Test func namesOfOneSectorMergeAndUnmappedNamesAreCountedNotScored() {
        let survey = Self.aggregate([
            Self.record("UA", "a", "Будівництво", "welding", 5, 2),
            Self.record("UA", "b", "Будівельна галузь", "welding", 4, 3),
            Self.record("UA", "c", "xyzzy plugh", "welding", 5, 1),
            Self.record("RS", "d", "Građevinarstvo", "welding", 3, 3),
            Self.record("DE", "e", "Bau", "welding", 3, 3),  // not in the pipeline: left out at merge
        ])
        #expect(survey.records == 4)
        let evidence = EvidenceNormalizer.normalize(survey: survey, labour: LabourCollector(),
                                                    taxonomy: TaxonomyFixture.shared,
                                                    languages: ["UA": "uk", "RS": "sr-Latn"])
        let ua = evidence.cells.filter { $0.country == "UA" }
        #expect(ua.count == 1)
        #expect(ua.first?.sector == SectorKey(section: "F"))
        #expect(ua.first?.stats.n == 2)
        #expect(ua.first?.stats.sumDiscrepancy == 4)
        #expect(evidence.respondents.first { $0.country == "UA" }?.respondents == 2)
        #expect(evidence.unmappedSurveyRows == 1)
        let unmapped = evidence.mappings.filter { $0.code == nil && $0.kind == .sector }
        #expect(unmapped.map(\.text) == ["xyzzy plugh"])
        #expect(evidence.mappings.filter { $0.kind == .sector }.count == 4, "every distinct name is recorded")
    }

    @Test func labourSeriesKeepOneUnitAndAggregatesStayAggregates() {
        var labour = LabourCollector()
        func add(_ sector: String, _ unit: String, _ period: String, _ value: Double) {
            labour.add(LabourRecord(country: "RS", sector: sector, indicator: .employment, period: period, value: value, unit: unit))
        }
        add("F", "THS_PER", "2022", 130); add("F", "THS_PER", "2023", 140)
        add("ECO_ISIC4_F", "PERS", "2023", 141_000)
        add("B-E", "THS_PER", "2023", 600)
        add("TOTAL", "THS_PER", "2023", 2900)
        add("43.21", "THS_PER", "2023", 12)
        let (series, mappings, unused) = EvidenceNormalizer.normalizeLabour(labour, taxonomy: TaxonomyFixture.shared)
        let f = series.filter { $0.scope == .sector(SectorKey(section: "F")) }
        #expect(f.count == 1)
        #expect(f.first?.unit == "THS_PER", "the series with more observations wins; units never mix")
        #expect(series.contains { if case .aggregate(let code, _) = $0.scope { return code == "B-E" } else { return false } })
        #expect(series.contains { $0.scope == .total })
        #expect(unused >= 1, "the ECO_ISIC4_F series in persons is left out and counted")
        #expect(mappings.contains { $0.text == "43.21" })
    }
}
