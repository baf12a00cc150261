import Foundation
import Logging
import StocktakeIngest
import StocktakeModel

/// What `stocktake publish` did for one country.
public struct PublishedCountry: Sendable {
    public var country: String
    public var runID: String
    public var fingerprint: String
    public var files: Int
    public var cells: Int
    public var labourValues: Int
    public var rejects: Int
    /// Input files that could not be used (unreadable, too many rejects): published in the ledger, no evidence.
    public var unusableFiles: Int
}

/// The partner's side of a federated run: reads the country's inputs exactly as `run` reads them (ingest with the
/// pipeline's taxonomy for the skill cells) and publishes the aggregates, ledger and provenance
/// (`CountryPublication`), one transaction per country.
extension PipelineRunner {
    /// Publishes each of `countries` (every country of the pipeline with input files when nil) to the database
    /// `conninfo` names.
    /// - Throws: `DefinitionError` (78) for a bad definition or a country it does not list (or that is itself read
    ///   from the database), `StocktakeError` 66 for an unreadable input or taxonomy, 73 when the database cannot be
    ///   written.
    public func publish(countries requested: [String]?, conninfo: String) throws -> [PublishedCountry] {
        let loaded = try LoadedPipeline.load(path: options.pipelinePath)
        let definition = loaded.definition
        if options.strict, !definition.warnings.isEmpty { throw DefinitionError(diagnostics: definition.warnings) }
        let known = definition.countries.filter { !$0.isFederated }.map(\.code)
        let countries = requested ?? known
        if countries.isEmpty {
            throw DefinitionError(diagnostics: [DefinitionDiagnostic(
                location: SourceLocation(file: definition.file, line: 1, column: 1), severity: .error, keyPath: "countries",
                message: "no country of this pipeline lists input files (every one is `source: store`): a partner publishes from a pipeline with its country's inputs")])
        }
        for code in countries where !known.contains(code) {
            let reason = definition.countryCodes.contains(code)
                ? "\(code) is read from the federation database in this pipeline (`source: store`): a partner publishes from a pipeline that lists its input files"
                : "\(code) is not a country of this pipeline (it lists \(definition.countryCodes.joined(separator: ", ")))"
            throw DefinitionError(diagnostics: [DefinitionDiagnostic(
                location: SourceLocation(file: definition.file, line: 1, column: 1), severity: .error, keyPath: "countries",
                message: reason)])
        }
        try loaded.requireReadableInputs()
        let taxonomyVersions = try Taxonomy.reportedVersions(directory: definition.taxonomy)
        let taxonomyDirectory = definition.taxonomy
        let loading = BackgroundWork { try Taxonomy.load(directory: taxonomyDirectory) }
        let taxonomy = try loading.value()
        let skillCell = Self.skillCell(loading)
        // Collected first, written after: a country whose inputs fail publishes nothing, and the database sees
        // whole publications only.
        var publications: [CountryPublication] = []
        let publishedAt = Timestamp.iso8601(options.now())
        let runID = Timestamp.compact(options.now())
        let languages = Dictionary(uniqueKeysWithValues: definition.countries.map { ($0.code, $0.languages.first ?? "en") })
        for country in countries {
            var rejects: [Reject] = []
            let outcome = try ingestSources(
                loaded, countries: [country], skillCell: skillCell, recordRejects: { rejects += $0 }, recordInput: { _ in },
                publication: { country, _ in
                    throw StocktakeError(.config, "\(country) is read from the federation database: it cannot be published from here")
                })
            let evidence = EvidenceNormalizer.normalize(survey: outcome.survey, labour: outcome.labour, taxonomy: taxonomy,
                                                        languages: languages)
            let content = CountryPublication.content(country: country, survey: outcome.survey, labour: outcome.labour)
            var publication = CountryPublication(
                country: country, runID: runID, publishedAt: publishedAt, toolVersion: StocktakeVersion.current,
                pipeline: definition.name, definitionSHA256: loaded.sha256, taxonomyVersions: taxonomyVersions,
                files: outcome.files, rejects: rejects.sorted(), warnings: outcome.warnings, cells: content.cells,
                respondents: content.respondents, labour: content.labour,
                mappings: evidence.mappings.filter { $0.country == country })
            publication.sortTables()
            publications.append(publication)
        }
        let store: FederationStore
        do {
            store = try FederationStore(conninfo: conninfo)
        } catch let error as PostgresError {
            throw StocktakeError(.cantCreate, "federation database: \(error.message)")
        }
        var published: [PublishedCountry] = []
        for publication in publications {
            do {
                try store.publish(publication)
            } catch let error as PostgresError {
                throw StocktakeError(.cantCreate, "federation database: publishing \(publication.country): \(error.message)")
            }
            logger.info("\(publication.country): published \(publication.cells.count) cells, \(publication.labour.count) labour values, \(publication.files.count) files to \(store.target)\(store.usesTLS ? " (TLS)" : "")",
                        metadata: ["country": "\(publication.country)"])
            published.append(PublishedCountry(
                country: publication.country, runID: publication.runID, fingerprint: publication.fingerprint,
                files: publication.files.count, cells: publication.cells.count, labourValues: publication.labour.count,
                rejects: publication.rejects.count, unusableFiles: publication.files.filter { $0.status != .used }.count))
        }
        return published
    }
}

extension PipelineRunner {
    /// `publish` with every failure mapped to its exit status (as `run` maps a run's).
    public func publishing(countries: [String]?, conninfo: String) -> Result<[PublishedCountry], StocktakeError> {
        Self.catching { try publish(countries: countries, conninfo: conninfo) }
    }

    /// Whether a connection string spells a password (which then shows in the process list: `--to` warns).
    public static func conninfoHasPassword(_ conninfo: String) -> Bool {
        PostgresConnection.password(in: conninfo) != nil
    }
}
