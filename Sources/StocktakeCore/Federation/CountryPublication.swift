import Crypto
import Foundation
import StocktakeIngest
import StocktakeModel

/// What one partner publishes for its country: the aggregates its ingest stage produced (the point where a run's
/// per-country evidence exists and nothing cross-country has happened yet), the ledgers and the provenance. Never a
/// respondent id, a raw row or an answer: survey evidence leaves as cell statistics (country × sector name as
/// written × skill cell) and distinct-respondent counts per sector name.
///
/// The coordinator merges publications exactly as a single run merges its files' aggregates, then runs normalize,
/// score, propose and report unchanged: its reports equal those of one run over all the raw files.
public struct CountryPublication: Sendable, Hashable {
    public struct Cell: Sendable, Hashable {
        /// The sector name as respondents wrote it (normalized by the coordinator's taxonomy, as in a single run).
        public var sector: String
        /// The skill cell key ingest made (the taxonomy's normalized skill, or the label when it did not match).
        public var skill: String
        public var stats: SurveyCellStats
    }

    public struct Respondents: Sendable, Hashable {
        public var sector: String
        public var respondents: Int
        /// Wrapping sum of the respondents' record keys (the cell key of the count, `CellKeyPerturbation`).
        public var recordKeys: UInt64 = 0
    }

    public struct LabourValue: Sendable, Hashable {
        public var sector: String
        public var indicator: LabourIndicator
        public var unit: String
        public var observation: LabourObservation
    }

    /// ISO alpha-2 code: one publication per country, a re-publish replaces it.
    public var country: String
    /// The partner's id for this publication (UTC timestamp, as run ids).
    public var runID: String
    public var publishedAt: String
    public var toolVersion: String
    /// Provenance: the partner's pipeline name, its definition's SHA-256 and the taxonomy versions ingest used.
    public var pipeline: String
    public var definitionSHA256: String
    public var taxonomyVersions: [String]
    /// The ledger: every input of the country in definition order, its rejects and warnings.
    public var files: [InputFileRow]
    public var rejects: [Reject]
    public var warnings: [IngestWarning]
    /// Survey evidence, sorted by (sector, skill).
    public var cells: [Cell]
    /// Distinct respondents per sector name, sorted.
    public var respondents: [Respondents]
    /// Labour series of the country (first value per series and period kept, as the run keeps it), sorted.
    public var labour: [LabourValue]
    /// The partner's own mapping decisions (for audit; the coordinator maps again with its taxonomy).
    public var mappings: [MappingDecision]

    /// The survey aggregate of the publication, as ingest would have merged it from the files.
    public var surveyAggregate: SurveyAggregator {
        SurveyAggregator(
            cells: Dictionary(cells.map { (SurveyAggregator.RawKey(country: country, sector: $0.sector, skill: $0.skill), $0.stats) },
                              uniquingKeysWith: { a, b in var a = a; a.merge(b); return a }),
            respondents: Dictionary(respondents.map { (SurveyAggregator.RawSector(country: country, sector: $0.sector), $0.respondents) },
                                    uniquingKeysWith: +),
            respondentKeys: Dictionary(respondents.map { (SurveyAggregator.RawSector(country: country, sector: $0.sector), $0.recordKeys) },
                                       uniquingKeysWith: { $0 &+ $1 }))
    }

    /// The labour series of the publication.
    public var labourCollector: LabourCollector {
        var series: [LabourCollector.RawKey: [String: LabourObservation]] = [:]
        for value in labour {
            let key = LabourCollector.RawKey(country: country, sector: value.sector, indicator: value.indicator, unit: value.unit)
            series[key, default: [:]][value.observation.period] = value.observation
        }
        return LabourCollector(series: series)
    }

    /// The publication's content from one country's ingest outcome (`sortTables` orders it).
    static func content(country: String, survey: SurveyAggregator, labour: LabourCollector)
        -> (cells: [Cell], respondents: [Respondents], labour: [LabourValue])
    {
        let cells = survey.cells.filter { $0.key.country == country }
            .map { Cell(sector: $0.key.sector, skill: $0.key.skill, stats: $0.value) }
        let respondents = survey.respondents.filter { $0.key.country == country }
            .map { Respondents(sector: $0.key.sector, respondents: $0.value, recordKeys: survey.respondentKeys[$0.key] ?? 0) }
        var values: [LabourValue] = []
        for (key, observations) in labour.series where key.country == country {
            for observation in observations.values {
                values.append(LabourValue(sector: key.sector, indicator: key.indicator, unit: key.unit, observation: observation))
            }
        }
        return (cells, respondents, values)
    }

    /// Puts the keyed tables in one order (Swift's string order, whatever order the database returned them in), so
    /// that a publication read back hashes as it did when published. The ledgers keep their order (`ordinal`).
    mutating func sortTables() {
        cells.sort { ($0.sector, $0.skill) < ($1.sector, $1.skill) }
        respondents.sort { $0.sector < $1.sector }
        labour.sort { ($0.sector, $0.indicator.rawValue, $0.unit, $0.observation.period) < ($1.sector, $1.indicator.rawValue, $1.unit, $1.observation.period) }
        mappings.sort { ($0.kind, $0.text) < ($1.kind, $1.text) }
    }

    /// SHA-256 of the content (country, taxonomy versions and every table's rows as stored), independent of when
    /// and by which run it was published: the coordinator checks the rows it read against it.
    public var fingerprint: String {
        var hasher = SHA256()
        hasher.update(data: Data("country \(country)\ntaxonomy \(taxonomyVersions.joined(separator: "; "))\n".utf8))
        for table in FederationTables.all {
            hasher.update(data: Data("table \(table.name)\n".utf8))
            for row in table.rows(self) {
                let line = row.map { $0.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
                    .replacingOccurrences(of: "\n", with: "\\n") } ?? "\\N" }.joined(separator: "\t")
                hasher.update(data: Data((line + "\n").utf8))
            }
        }
        return hasher.finalize().lowercaseHex
    }
}
