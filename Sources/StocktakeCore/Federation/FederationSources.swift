import Foundation
import Logging
import StocktakeModel

/// The coordinator's side: reads federated countries' publications, one connection per connection variable.
struct FederationSources {
    var logger: Logger
    var environment: [String: String]
    /// The run's taxonomy versions, compared with those each partner's ingest used (skill cells follow them).
    var taxonomyVersions: [String]? = nil
    private var stores: [String: FederationStore] = [:]

    init(logger: Logger, environment: [String: String], taxonomyVersions: [String]? = nil) {
        self.logger = logger
        self.environment = environment
        self.taxonomyVersions = taxonomyVersions
    }

    /// The country's publication from the database `variable` names.
    /// - Throws: `StocktakeError`: 78 when the variable is unset, 66 when the database cannot be reached or has no
    ///   publication of the country, 65 when the publication's rows fail their fingerprint.
    mutating func publication(country: String, variable: String) throws -> CountryPublication {
        let store = try self.store(variable)
        let publication: CountryPublication
        do {
            publication = try store.read(country: country)
        } catch let error as PostgresError {
            throw StocktakeError(.noInput, "federation database (\(variable)): \(error.message)")
        }
        logger.info("\(country): publication \(publication.runID) (published \(publication.publishedAt), stocktake \(publication.toolVersion), fingerprint \(publication.fingerprint.prefix(12))) from \(store.target)",
                    metadata: ["stage": "ingest", "country": "\(country)"])
        if let taxonomyVersions, publication.taxonomyVersions != taxonomyVersions {
            logger.warning("\(country): the partner's taxonomy (\(publication.taxonomyVersions.joined(separator: "; "))) differs from this run's (\(taxonomyVersions.joined(separator: "; "))): its skill cells follow the partner's; publish again with the consortium's taxonomy for identical results",
                           metadata: ["stage": "ingest", "country": "\(country)"])
        }
        return publication
    }

    private mutating func store(_ variable: String) throws -> FederationStore {
        if let store = stores[variable] { return store }
        guard let conninfo = environment[variable], !conninfo.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StocktakeError(.config, "the environment variable \(variable) (connection_env) is not set: export the federation database's connection in it")
        }
        do {
            let store = try FederationStore(conninfo: conninfo)
            stores[variable] = store
            return store
        } catch let error as PostgresError {
            throw StocktakeError(.noInput, "federation database (\(variable)): \(error.message)")
        }
    }
}
