import StocktakeModel
import StocktakeIngest

/// Survey and labour evidence on the common keys, with every mapping decision recorded.
public struct NormalizedEvidence: Sendable {
    public var cells: [SurveyCell]
    public var respondents: [SectorRespondents]
    public var labour: [LabourSeries]
    /// One row per distinct text per country and kind, sorted.
    public var mappings: [MappingDecision]
    /// Survey answers whose sector did not map (kept out of scoring, counted and queued for review).
    public var unmappedSurveyRows: Int
    /// Labour observations whose sector code did not map, or is finer than a division.
    public var unusedLabourObservations: Int
}

/// Maps the texts as written onto NACE sectors and ESCO skills, once per distinct text, and merges the raw
/// aggregates into cells on the common keys. Pure: the taxonomy is given.
public enum EvidenceNormalizer {
    /// - Parameter languages: each country's primary language, a hint for matching.
    public static func normalize(
        survey: SurveyAggregator, labour: LabourCollector, taxonomy: Taxonomy, languages: [String: String]
    ) -> NormalizedEvidence {
        var mappings: [MappingDecision] = []
        var matcher = TaxonomyMatcher(taxonomy: taxonomy)
        var sectorCache: [SurveyAggregator.RawSector: SectorMatch] = [:]
        // Per country: the country's language guides the match, so one text may map differently in two countries.
        var skillCache: [String: SkillMatch] = [:]
        let rowsBySector = survey.rowsBySector()
        for raw in rowsBySector.keys.sorted(by: { ($0.country, $0.sector) < ($1.country, $1.sector) }) {
            let match = matcher.sector(raw.sector, language: languages[raw.country], country: raw.country,
                                       rows: rowsBySector[raw]!)
            sectorCache[raw] = match
            mappings.append(MappingDecision(
                country: raw.country, kind: .sector, text: raw.sector, code: match.key?.description,
                method: match.method,
                confidence: match.key == nil ? (match.candidate?.confidence ?? match.confidence) : match.confidence,
                candidate: match.key == nil ? match.candidate?.code : nil, rows: rowsBySector[raw]!,
                respondents: survey.respondents[raw] ?? 0))
        }
        var skillRows: [String: [String: Int]] = [:]
        for (key, stats) in survey.cells { skillRows[key.country, default: [:]][key.skill, default: 0] += stats.answers }
        for country in skillRows.keys.sorted() {
            for (skill, rows) in skillRows[country]!.sorted(by: { $0.key < $1.key }) {
                let match = matcher.skill(skill, language: languages[country], country: country, rows: rows)
                skillCache[country + "\u{1}" + skill] = match
                mappings.append(MappingDecision(
                    country: country, kind: .skill, text: skill, code: match.ref.code, method: match.method,
                    confidence: match.ref.code == nil ? (match.candidate?.confidence ?? match.confidence) : match.confidence,
                    candidate: match.ref.code == nil ? match.candidate?.code : nil, rows: rows))
            }
        }

        struct CellKey: Hashable { var country: String; var sector: SectorKey; var skill: SkillRef }
        var merged: [CellKey: SurveyCellStats] = [:]
        var unmappedRows = 0
        for (key, stats) in survey.cells {
            guard let sector = sectorCache[SurveyAggregator.RawSector(country: key.country, sector: key.sector)]?.key else {
                unmappedRows += stats.answers
                continue
            }
            merged[CellKey(country: key.country, sector: sector, skill: skillCache[key.country + "\u{1}" + key.skill]!.ref), default: SurveyCellStats()]
                .merge(stats)
        }
        var respondents: [SectorRespondents.Key: Int] = [:]
        var respondentKeys: [SectorRespondents.Key: UInt64] = [:]
        for (raw, count) in survey.respondents {
            guard let sector = sectorCache[raw]?.key else { continue }
            let key = SectorRespondents.Key(country: raw.country, sector: sector)
            respondents[key, default: 0] += count
            respondentKeys[key, default: 0] &+= survey.respondentKeys[raw] ?? 0
        }

        let (series, labourMappings, unused) = normalizeLabour(labour, taxonomy: taxonomy)
        mappings += labourMappings
        return NormalizedEvidence(
            cells: merged.map { SurveyCell(country: $0.key.country, sector: $0.key.sector, skill: $0.key.skill, stats: $0.value) }
                .sorted { ($0.country, $0.sector, $0.skill) < ($1.country, $1.sector, $1.skill) },
            respondents: respondents.map {
                SectorRespondents(country: $0.key.country, sector: $0.key.sector, respondents: $0.value,
                                  recordKeys: respondentKeys[$0.key] ?? 0)
            }
                .sorted { ($0.country, $0.sector) < ($1.country, $1.sector) },
            labour: series,
            mappings: mappings.sorted { ($0.country, $0.kind, $0.text) < ($1.country, $1.kind, $1.text) },
            unmappedSurveyRows: unmappedRows,
            unusedLabourObservations: unused)
    }

    /// Labour series on (country, scope, indicator). Where several source series land on one key (say `C` and
    /// `ECO_ISIC4_C`, or two units), the one with most observations wins, ties broken by unit then text, so the
    /// choice is deterministic; a unit is never mixed within a series.
    static func normalizeLabour(_ labour: LabourCollector, taxonomy: Taxonomy) -> ([LabourSeries], [MappingDecision], Int) {
        struct SeriesKey: Hashable { var country: String; var scope: String; var indicator: LabourIndicator }
        var candidates: [SeriesKey: [(raw: LabourCollector.RawKey, scope: LabourScope)]] = [:]
        var mappings: [String: MappingDecision] = [:]
        var unused = 0
        for raw in labour.series.keys.sorted(by: { ($0.country, $0.sector, $0.indicator, $0.unit) < ($1.country, $1.sector, $1.indicator, $1.unit) }) {
            let count = labour.series[raw]!.count
            let match = taxonomy.matchSector(raw.sector, language: nil)
            let scope = taxonomy.labourScope(forCode: raw.sector) ?? match.scope
            let mappingKey = "\(raw.country)\u{1}\(raw.sector)"
            var row = mappings[mappingKey] ?? MappingDecision(
                country: raw.country, kind: .labourSector, text: raw.sector, code: scope?.description,
                method: match.method, confidence: match.confidence,
                candidate: scope == nil ? match.candidate?.code : nil, rows: 0)
            row.rows += count
            mappings[mappingKey] = row
            guard let scope else {
                unused += count
                continue
            }
            candidates[SeriesKey(country: raw.country, scope: scope.description, indicator: raw.indicator), default: []]
                .append((raw, scope))
        }
        var series: [LabourSeries] = []
        for (key, options) in candidates {
            let best = options.max { a, b in
                let ca = labour.series[a.raw]!.count, cb = labour.series[b.raw]!.count
                return (ca, b.raw.unit, b.raw.sector) < (cb, a.raw.unit, a.raw.sector)
            }!
            for option in options where option.raw != best.raw { unused += labour.series[option.raw]!.count }
            let observations = labour.series[best.raw]!.values.sorted { $0.period < $1.period }
            series.append(LabourSeries(country: key.country, scope: best.scope, indicator: key.indicator,
                                       unit: best.raw.unit, observations: observations))
        }
        series.sort { ($0.country, $0.scope.description, $0.indicator) < ($1.country, $1.scope.description, $1.indicator) }
        return (series, mappings.values.sorted { ($0.country, $0.text) < ($1.country, $1.text) }, unused)
    }
}

extension SectorRespondents {
    struct Key: Hashable {
        var country: String
        var sector: SectorKey
    }
}
