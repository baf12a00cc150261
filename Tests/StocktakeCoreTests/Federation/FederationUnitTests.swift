import Foundation
import Logging
import Testing
@testable import StocktakeCore
@testable import StocktakeIngest
@testable import StocktakeModel

/// The federation pieces that need no server: the row form of a publication, the definition's `source: store`, the
/// environment check and the password redaction.
@Suite struct FederationUnitTests {
    /// A publication with fractional sums, a reject, a warning, a skipped-row reason and every table filled.
    static func samplePublication() -> CountryPublication {
        var stats = SurveyCellStats()
        var first = RespondentAnswers()
        first.add(packed: RespondentAnswers.pack(importance: 4, proficiency: 2, hardToFill: 1, demand: 1, mode: 2, groups: 0b101))
        first.add(packed: RespondentAnswers.pack(importance: 5, proficiency: 3, hardToFill: 0, demand: nil, mode: 1, groups: 0b10))
        stats.add(first)
        stats.add(RespondentAnswers(packed: RespondentAnswers.pack(importance: 2, proficiency: 1, hardToFill: 1, demand: 2, mode: 3, groups: 1)))
        #expect(!stats.sumImportanceSquared.isWhole, "the sample needs fractions")
        // Cell keys are wrapping sums of 64-bit record keys: one above Int64.max must survive the bigint column.
        stats.cellKey = 0xC6A1_41CE_9CF5_3E66
        stats.valueKey = 0x01B0_AABE_E88C_94AA
        var file = InputFileRow(path: "../inputs/XK/survey.csv", kind: .survey, country: "RS", format: .stocktakeSurvey,
                                encoding: .utf8, delimiter: ",", sha256: String(repeating: "ab", count: 32), sizeBytes: 1234,
                                rowsRead: 10, rowsAccepted: 9, rowsRejected: 1, status: .used, lastUpdate: nil,
                                source: "survey \"quoted\"\tand tabbed", licence: "CC0", rejectsByCode: [.constraintError: 1])
        file.skippedByReason = ["missing-value": 2]
        return CountryPublication(
            country: "RS", runID: "20260101T000000Z", publishedAt: "2026-01-01T00:00:00Z", toolVersion: "test",
            pipeline: "demo", definitionSHA256: String(repeating: "0", count: 64), taxonomyVersions: ["NACE 2", "ESCO 1.2"],
            files: [file],
            rejects: [Reject(location: SourceLocation(file: file.path, line: 7, column: 6), code: .constraintError,
                             message: "importance must be 1–5", columnName: "importance")],
            warnings: [IngestWarning(location: SourceLocation(file: file.path, line: 1, column: 9), code: .emptyTrailingColumns,
                                     message: "column 9 has no name")],
            cells: [CountryPublication.Cell(sector: "Građevina\nnew line", skill: "S1\u{1F}uri\u{1F}label\u{1F}S1", stats: stats)],
            respondents: [CountryPublication.Respondents(sector: "Građevina\nnew line", respondents: 2,
                                                        recordKeys: 0x8C7A_E4D2_31E6_3F03)],
            labour: [CountryPublication.LabourValue(sector: "F", indicator: LabourIndicator.allCases[0], unit: "thousands",
                                                    observation: LabourObservation(period: "2020", value: 0.1 + 0.2, flag: "e", source: ""))],
            mappings: [MappingDecision(country: "RS", kind: .sector, text: "Građevina\nnew line", code: "F", method: .override,
                                       confidence: 1.0 / 3.0, candidate: nil, rows: 4, respondents: 2)])
    }

    @Test func rowsReadBackGiveTheSamePublicationAndFingerprint() throws {
        let publication = Self.samplePublication()
        var rows: [String: [[String?]]] = [:]
        for table in FederationTables.all {
            let tableRows = table.rows(publication)
            #expect(tableRows.allSatisfy { $0.count == table.columns.count }, "\(table.name): a row per column")
            rows[table.name] = tableRows
        }
        var back = publication
        back.files = []; back.rejects = []; back.warnings = []; back.cells = []; back.respondents = []; back.labour = []; back.mappings = []
        var decoder = FederationRowDecoder(country: "RS")
        try decoder.decode(into: &back, rows: rows)
        #expect(back == publication)
        #expect(back.fingerprint == publication.fingerprint)
        // Any figure that changes changes the fingerprint.
        var changed = publication
        changed.cells[0].stats.hardToFillYes.add(1, over: 7)
        #expect(changed.fingerprint != publication.fingerprint)
        // So does a key: the perturbation of the coordinator's reports depends on it.
        var rekeyed = publication
        rekeyed.respondents[0].recordKeys &+= 1
        #expect(rekeyed.fingerprint != publication.fingerprint)
    }

    @Test func aggregatesRebuildWhatIngestMerged() {
        let publication = Self.samplePublication()
        let survey = publication.surveyAggregate
        #expect(survey.records == publication.cells[0].stats.answers)
        #expect(survey.respondents[SurveyAggregator.RawSector(country: "RS", sector: "Građevina\nnew line")] == 2)
        #expect(survey.respondentKeys[SurveyAggregator.RawSector(country: "RS", sector: "Građevina\nnew line")] == 0x8C7A_E4D2_31E6_3F03)
        let labour = publication.labourCollector
        #expect(labour.records == 1)
        let content = CountryPublication.content(country: "RS", survey: survey, labour: labour)
        #expect(content.cells == publication.cells && content.respondents == publication.respondents && content.labour == publication.labour)
    }

    @Test func decoderRejectsValuesItCannotRead() {
        let publication = Self.samplePublication()
        var rows: [String: [[String?]]] = [:]
        for table in FederationTables.all { rows[table.name] = table.rows(publication) }
        rows["survey_cell"]![0][6] = "{2,3,5}"
        var back = publication
        var decoder = FederationRowDecoder(country: "RS")
        #expect(throws: StocktakeError.self) { try decoder.decode(into: &back, rows: rows) }
        rows = [:]
        for table in FederationTables.all { rows[table.name] = table.rows(publication) }
        rows["labour_observation"]![0][2] = "not-an-indicator"
        #expect(throws: StocktakeError.self) { try decoder.decode(into: &back, rows: rows) }
    }

    static let storeCountry = """
        version: 1
        name: demo
        countries:
          - code: RS
            awarding_bodies: [Agency]
            source: store
            connection_env: STOCKTAKE_FEDERATION_DB
          - code: UA
            awarding_bodies: [Agency]
            inputs:
              - { path: ua.csv, kind: survey, format: stocktake-survey }
        """

    @Test func storeCountriesNameAnEnvironmentVariable() throws {
        let definition = try DefinitionLoader.parse(yaml: Self.storeCountry, file: "/srv/p.yaml")
        #expect(definition.countries[0].connectionEnv == "STOCKTAKE_FEDERATION_DB")
        #expect(definition.countries[0].inputs.isEmpty)
        #expect(definition.countries[1].connectionEnv == nil)
        #expect(definition.warnings.isEmpty, "source and connection_env are known keys")
    }

    /// The perturbation key only makes record keys at ingest: a coordinator whose surveys all come from the database
    /// is not warned about its own (demo) key; one that reads a survey file is.
    @Test func demoKeyWarningOnlyWhenSurveyFilesAreRead() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let taxonomy = Self.packageRoot.appendingPathComponent("inputs/taxonomy").path
        let coordinator = folder.appendingPathComponent("coordinator.yaml")
        try (Self.storeCountry.components(separatedBy: "  - code: UA")[0] + "taxonomy: \(taxonomy)\n")
            .write(to: coordinator, atomically: true, encoding: .utf8)
        let partner = folder.appendingPathComponent("partner.yaml")
        try (Self.storeCountry + "\ntaxonomy: \(taxonomy)\n").write(to: partner, atomically: true, encoding: .utf8)
        func keyWarnings(_ url: URL) throws -> Int {
            try LoadedPipeline.load(path: url.path).definition.warnings.filter { $0.keyPath == "scoring.perturbation" }.count
        }
        #expect(try keyWarnings(coordinator) == 0)
        #expect(try keyWarnings(partner) == 1)
    }

    @Test(arguments: [
        ("source: store\n    inputs: [{ path: a.csv, kind: survey }]\n    connection_env: DB", "remove its `inputs`"),
        ("source: store", "needs `connection_env`"),
        ("source: store\n    connection_env: \"host=db password=secret\"", "not an environment variable name"),
        ("source: database\n    connection_env: DB", "expected `files` or `store`"),
        ("connection_env: DB\n    inputs: [{ path: a.csv, kind: survey }]", "needs `source: store`"),
    ])
    func badStoreSourcesAreConfigErrors(block: String, message: String) throws {
        let yaml = "version: 1\nname: demo\ncountries:\n  - code: RS\n    awarding_bodies: [Agency]\n    \(block)\n"
        do {
            _ = try DefinitionLoader.parse(yaml: yaml, file: "/srv/p.yaml")
            Issue.record("accepted: \(block)")
        } catch let error as DefinitionError {
            #expect(error.description.contains(message), "\(error)")
            #expect(!error.description.contains("secret"), "a connection written in the YAML is not echoed")
        }
    }

    @Test func anUnsetConnectionVariableFailsTheRunWith78BeforeAnythingIsWritten() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = """
            version: 1
            name: demo
            taxonomy: \(Self.packageRoot.path)/inputs/taxonomy
            countries:
              - code: RS
                awarding_bodies: [Agency]
                source: store
                connection_env: STOCKTAKE_FEDERATION_DB
            """
        let pipeline = folder.appendingPathComponent("p.yaml")
        try yaml.write(to: pipeline, atomically: true, encoding: .utf8)
        var options = RunOptions(pipelinePath: pipeline.path, database: folder.appendingPathComponent("db.sqlite").path,
                                 output: folder.appendingPathComponent("out").path)
        options.environment = [:]
        let result = PipelineRunner(options: options, logger: Logger(label: "test")).run()
        #expect(result.status == .config)
        #expect(result.messages.joined().contains("STOCKTAKE_FEDERATION_DB is not set"), "\(result.messages)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("db.sqlite").path))
        // Set, but nothing listens there: the input cannot be read (66), and the password never shows.
        options.environment = ["STOCKTAKE_FEDERATION_DB": "host=127.0.0.1 port=1 user=u password=hunter2secret connect_timeout=3"]
        let unreachable = PipelineRunner(options: options, logger: Logger(label: "test")).run()
        #expect(unreachable.status == .noInput, "\(unreachable.messages)")
        #expect(unreachable.messages.joined().contains("cannot connect"), "\(unreachable.messages)")
        #expect(!unreachable.messages.joined().contains("hunter2secret"))
    }

    @Test func passwordsAreFoundInBothConnectionFormsAndRedacted() {
        #expect(PostgresConnection.password(in: "host=db user=u password=s3cr3t dbname=x") == "s3cr3t")
        #expect(PostgresConnection.password(in: "postgresql://u:s3cr3t@db:5432/x?sslmode=require") == "s3cr3t")
        #expect(PostgresConnection.password(in: "host=db user=u") == nil)
        #expect(PostgresConnection.redact("FATAL: bad s3cr3t here", secret: "s3cr3t") == "FATAL: bad ******** here")
        #expect(PipelineRunner.conninfoHasPassword("postgresql://u:p@h/d"))
    }

    @Test func publishFailsWith73WhenTheDatabaseCannotBeReached() throws {
        var options = RunOptions(pipelinePath: Self.packageRoot.appendingPathComponent("pipelines/bem.yaml").path)
        options.environment = [:]
        let result = PipelineRunner(options: options, logger: Logger(label: "test"))
            .publishing(countries: ["AM"], conninfo: "postgresql://u:hunter2secret@127.0.0.1:1/x?connect_timeout=3")
        guard case .failure(let error) = result else {
            Issue.record("published to a closed port")
            return
        }
        #expect(error.status == .cantCreate)
        #expect(!error.message.contains("hunter2secret"), "\(error.message)")
        let unknown = PipelineRunner(options: options, logger: Logger(label: "test")).publishing(countries: ["FR"], conninfo: "")
        guard case .failure(let notListed) = unknown else {
            Issue.record("published a country the pipeline does not list")
            return
        }
        #expect(notListed.status == .config && notListed.message.contains("FR is not a country of this pipeline"))
        // The coordinator's pipeline has no inputs to publish.
        let coordinator = RunOptions(pipelinePath: Self.packageRoot.appendingPathComponent("pipelines/bem-federated.yaml").path)
        for countries in [nil, ["UA"]] as [[String]?] {
            guard case .failure(let error) = PipelineRunner(options: coordinator, logger: Logger(label: "test"))
                .publishing(countries: countries, conninfo: "") else {
                Issue.record("published from a pipeline without inputs")
                continue
            }
            #expect(error.status == .config, "\(error.message)")
        }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A new empty folder under the system's temporary directory (the caller removes it).
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-fed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
