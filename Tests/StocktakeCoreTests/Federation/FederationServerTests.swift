import Foundation
import Logging
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// Federated runs against a real PostgreSQL server (`ThrowawayPostgres`): partners publish, the coordinator reads,
/// and every CSV equals the single run's byte for byte. Skipped, with a note on stderr, when PostgreSQL is missing.
@Suite(.enabled(if: ThrowawayPostgres.available,
                "PostgreSQL is not installed: federation tests against a real server skipped (make test installs it)"))
struct FederationServerTests {
    static let root = FederationUnitTests.packageRoot
    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_780_000_000) }

    static func run(_ pipeline: URL, in folder: URL, name: String, environment: [String: String] = [:]) -> (RunResult, URL) {
        var options = RunOptions(pipelinePath: pipeline.path, database: folder.appendingPathComponent("\(name).sqlite").path,
                                 output: folder.appendingPathComponent(name).path, now: clock)
        options.environment = environment
        return (PipelineRunner(options: options, logger: Logger(label: "test")).run(), folder.appendingPathComponent("\(name)/latest"))
    }

    static func publish(_ pipeline: URL, countries: [String]?, to server: ThrowawayPostgres) throws -> [PublishedCountry] {
        let runner = PipelineRunner(options: RunOptions(pipelinePath: pipeline.path, now: clock), logger: Logger(label: "test"))
        return try runner.publishing(countries: countries, conninfo: server.conninfo).get()
    }

    /// Every CSV of `single` has a byte-identical twin in `federated`, and neither has one the other lacks.
    static func expectIdenticalCSVs(_ single: URL, _ federated: URL) throws {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: single.path).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(names.count >= 5, "\(names)")
        #expect(try fm.contentsOfDirectory(atPath: federated.path).filter { $0.hasSuffix(".csv") }.sorted() == names)
        for name in names {
            let a = try Data(contentsOf: single.appendingPathComponent(name))
            let b = try Data(contentsOf: federated.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between the single run and the federated run")
        }
    }

    static func temporaryFolder() throws -> URL { try FederationUnitTests.temporaryFolder() }

    @Test func eightPartnersPublishAndTheCoordinatorsCSVsEqualTheSingleRun() throws {
        let server = try ThrowawayPostgres()
        defer { server.stop() }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let countries = ["DE", "NO", "MK", "RS", "ME", "AM", "GE", "UA"]
        // Eight partners, one country each, in an order unlike the definition's.
        for country in countries.reversed() {
            let published = try Self.publish(Self.root.appendingPathComponent("pipelines/bem.yaml"), countries: [country], to: server)
            #expect(published.map(\.country) == [country] && published[0].cells > 0)
        }
        let (single, singleReports) = Self.run(Self.root.appendingPathComponent("pipelines/bem.yaml"), in: folder, name: "single")
        #expect(single.status == .success, "\(single.messages)")
        let (federated, federatedReports) = Self.run(Self.root.appendingPathComponent("pipelines/bem-federated.yaml"), in: folder,
                                                     name: "federated", environment: ["STOCKTAKE_FEDERATION_DB": server.conninfo])
        #expect(federated.status == .success, "\(federated.messages)")
        #expect(federated.rowsRead == single.rowsRead && federated.rowsRead > 10_000)
        // `validate` reads every publication (and checks its fingerprint) without writing anything.
        var options = RunOptions(pipelinePath: Self.root.appendingPathComponent("pipelines/bem-federated.yaml").path)
        options.environment = ["STOCKTAKE_FEDERATION_DB": server.conninfo]
        let validated = PipelineRunner(options: options, logger: Logger(label: "test")).validate()
        #expect(validated.status == .success && validated.rowsRead == single.rowsRead, "\(validated.messages)")
        #expect(validated.messages.filter { $0.contains(": publication ") }.count == 8)
        try Self.expectIdenticalCSVs(singleReports, federatedReports)
        // The coordinator's run.json lists the partners' input files as the single run's does.
        let record = try String(contentsOf: federatedReports.appendingPathComponent("run.json"), encoding: .utf8)
        #expect(record.contains("../inputs/UA/survey.csv"))
    }

    /// Rejected rows, a file over max_reject_ratio, a warning, and a coordinator that reads one country from the
    /// database and the other from its own files: still identical, with the same exit status (65).
    @Test func ledgersTravelAndMixedSourcesGiveIdenticalCSVs() throws {
        let server = try ThrowawayPostgres()
        defer { server.stop() }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fm = FileManager.default
        try fm.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        for code in ["DE", "UA"] {
            let lines = try String(contentsOf: Self.root.appendingPathComponent("inputs/\(code)/survey.csv"), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            var text = lines.prefix(300).joined(separator: "\n") + "\n"
            // A row with importance 9 (rejected) in the copy of each country.
            let fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let header = lines[0].split(separator: ",").map(String.init)
            if let column = header.firstIndex(of: "importance") {
                var bad = fields
                bad[column] = "9"
                text += bad.joined(separator: ",") + "\n"
            }
            try text.write(to: folder.appendingPathComponent("data/\(code).csv"), atomically: true, encoding: .utf8)
        }
        // Mostly broken: above max_reject_ratio, the file is listed but not used.
        try "country,respondent_id,organisation_type,sector,skill,importance,proficiency,hard_to_fill,demand_change,learning_mode,target_groups\nDE,R-X-1,ngo,Baugewerbe,Arbeitsschutzvorschriften einhalten,9,9,no,-1,,youth\n"
            .write(to: folder.appendingPathComponent("data/DE-broken.csv"), atomically: true, encoding: .utf8)
        let labour = "ddf--datapoints--emp_temp_sex_eco_nb--by--ref_area--sex--classif1--time"
        func pipeline(deFromStore: Bool, uaFromStore: Bool) -> String {
            func country(_ code: String, _ name: String, _ iso3: String, store: Bool) -> String {
                let head = """
                      - code: \(code)
                        name: \(name)
                        awarding_bodies: ["Body \(code)"]
                        priority_sectors: [C]

                    """
                if store { return head + "    source: store\n    connection_env: FED_TEST_DB\n" }
                var inputs = head + """
                        inputs:
                          - { path: data/\(code).csv, kind: survey, format: stocktake-survey, source: "copy", licence: "CC0" }
                          - { path: \(Self.root.path)/inputs/ilostat/datapoints/\(labour)/\(labour.replacingOccurrences(of: "ref_area--sex", with: "ref_area-\(iso3)--sex")).csv, kind: labour, format: ddf }

                    """
                if code == "DE" { inputs += "      - { path: data/DE-broken.csv, kind: survey, format: stocktake-survey }\n" }
                return inputs
            }
            return """
                version: 1
                name: fed-ledgers
                taxonomy: \(Self.root.path)/inputs/taxonomy
                max_reject_ratio: 0.2
                countries:

                """ + country("DE", "Germany", "deu", store: deFromStore) + country("UA", "Ukraine", "ukr", store: uaFromStore)
        }
        let single = folder.appendingPathComponent("single.yaml"), mixed = folder.appendingPathComponent("mixed.yaml")
        try pipeline(deFromStore: false, uaFromStore: false).write(to: single, atomically: true, encoding: .utf8)
        try pipeline(deFromStore: true, uaFromStore: false).write(to: mixed, atomically: true, encoding: .utf8)
        let published = try Self.publish(single, countries: ["DE"], to: server)
        #expect(published.first?.rejects ?? 0 >= 2 && published.first?.unusableFiles == 1, "\(published)")
        let (one, oneReports) = Self.run(single, in: folder, name: "one")
        #expect(one.status == .dataError, "\(one.messages)")
        let (coordinator, coordinatorReports) = Self.run(mixed, in: folder, name: "coordinator", environment: ["FED_TEST_DB": server.conninfo])
        #expect(coordinator.status == .dataError, "\(coordinator.messages)")
        #expect(coordinator.rowsRejected == one.rowsRejected && coordinator.unusableInputs == one.unusableInputs)
        let rejects = try String(contentsOf: coordinatorReports.appendingPathComponent("rejects.csv"), encoding: .utf8)
        #expect(rejects.contains("data/DE.csv") && rejects.contains("data/UA.csv") && rejects.contains("too-many-rejects"))
        try Self.expectIdenticalCSVs(oneReports, coordinatorReports)
    }

    @Test func republishingReplacesAndChangedRowsAreCaught() throws {
        let server = try ThrowawayPostgres()
        defer { server.stop() }
        let pipeline = Self.root.appendingPathComponent("pipelines/bem.yaml")
        let store = try FederationStore(conninfo: server.conninfo)
        // libpq's default (sslmode=prefer) encrypts when the server offers TLS; sslmode=disable does not.
        if server.offersTLS {
            #expect(store.usesTLS)
            #expect(try !FederationStore(conninfo: server.conninfo + " sslmode=disable").usesTLS)
            #expect(try FederationStore(conninfo: server.conninfo + " sslmode=require").usesTLS)
        }
        #expect(try store.schemaVersion() == 0)
        #expect(try store.publications().isEmpty)
        // Reading before anything was published: no schema yet (66).
        #expect(throws: StocktakeError(.noInput, "federation database \(store.target): nothing published yet (no `stocktake` schema); partners run `stocktake publish` first")) {
            _ = try store.read(country: "AM")
        }
        let first = try Self.publish(pipeline, countries: ["AM"], to: server)
        let second = try Self.publish(pipeline, countries: ["AM"], to: server)
        #expect(first[0].fingerprint == second[0].fingerprint, "the same inputs publish the same content")
        #expect(try store.schemaVersion() == FederationSchema.currentVersion)
        #expect(try store.migrate() == FederationSchema.currentVersion, "migrating again changes nothing")
        let listed = try store.publications()
        #expect(listed.map(\.country) == ["AM"])
        let cells = try store.connection.query("SELECT count(*) FROM stocktake.survey_cell")
        #expect(cells.first?.first == "\(first[0].cells)", "a re-publish replaced the rows instead of adding to them")
        let read = try store.read(country: "AM")
        #expect(read.fingerprint == first[0].fingerprint && read.cells.count == first[0].cells)
        // `validate` of a pipeline with a country nobody published: 66.
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = """
            version: 1
            name: demo
            taxonomy: \(Self.root.path)/inputs/taxonomy
            countries:
              - { code: AM, awarding_bodies: [A], source: store, connection_env: FED_DB }
              - { code: GE, awarding_bodies: [A], source: store, connection_env: FED_DB }
            """
        try yaml.write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        var options = RunOptions(pipelinePath: folder.appendingPathComponent("p.yaml").path)
        options.environment = ["FED_DB": server.conninfo]
        let validated = PipelineRunner(options: options, logger: Logger(label: "test")).validate()
        #expect(validated.status == .noInput && validated.messages.joined().contains("no publication for GE"), "\(validated.messages)")
        // A country nobody published: 66 naming the command that fixes it.
        do {
            _ = try store.read(country: "DE")
            Issue.record("read an unpublished country")
        } catch let error as StocktakeError {
            #expect(error.status == .noInput && error.message.contains("stocktake publish --country DE"))
        }
        // A row changed behind stocktake's back fails the fingerprint check (65).
        try store.connection.query("UPDATE stocktake.survey_cell SET answers = answers + 1 WHERE ctid = (SELECT min(ctid) FROM stocktake.survey_cell)")
        do {
            _ = try store.read(country: "AM")
            Issue.record("read a tampered publication")
        } catch let error as StocktakeError {
            #expect(error.status == .dataError && error.message.contains("do not match its fingerprint"))
        }
        // A database migrated by a newer stocktake: this one refuses it (78) instead of guessing.
        try store.connection.query("INSERT INTO stocktake.schema_migrations (version, name) VALUES (99, 'future')")
        #expect(throws: StocktakeError.self) { try store.migrate() }
        do {
            try store.requireSchema()
            Issue.record("accepted a newer schema")
        } catch let error as StocktakeError {
            #expect(error.status == .config && error.message.contains("upgrade stocktake"))
        }
    }
}
