import Crypto
import Foundation
import StocktakeModel
import StocktakeIngest

/// A definition with its stage sections decoded: everything checked before any data moves.
struct LoadedPipeline {
    struct Input {
        var entry: InputEntry
        var spec: InputSpec
    }

    var definition: PipelineDefinition
    var inputs: [Input]
    var scoring: ScoringConfig
    var proposals: ProposalConfig
    var profiles: [CountryProfile]
    /// SHA-256 of the definition file's bytes.
    var sha256: String
    /// The cell key perturbation's key when `scoring.perturbation` is on (nil when off).
    var perturbationKey: PerturbationKey.Resolved?

    static func load(path: String) throws -> LoadedPipeline {
        let definition = try DefinitionLoader.load(path: path)
        let file = definition.file
        var diagnostics: [DefinitionDiagnostic] = []
        func collect<T>(_ body: () throws -> T) -> T? {
            do { return try body() } catch let error as DefinitionError {
                diagnostics += error.diagnostics
                return nil
            } catch {
                diagnostics.append(DefinitionDiagnostic(location: SourceLocation(file: file, line: 1, column: 1),
                                                        severity: .error, keyPath: "", message: "\(error)"))
                return nil
            }
        }
        var inputs: [Input] = []
        var warnings = definition.warnings
        for entry in definition.allInputs {
            let keyPath = entry.keyPath
            warnings += DefinitionLoader.unknownKeys(in: entry.node, known: InputSpec.knownKeys, at: keyPath, file: file)
            warnings += DefinitionLoader.unknownKeys(in: entry.node.mapping?["dialect"], known: InputDialect.knownKeys,
                                                     at: "\(keyPath).dialect", file: file)
            warnings += DefinitionLoader.unknownKeys(in: entry.node.mapping?["mapping"], known: SurveyMapping.knownKeys,
                                                     at: "\(keyPath).mapping", file: file)
            if var spec = collect({ try DefinitionLoader.decode(InputSpec.self, from: entry.node, at: keyPath, file: file) }) {
                spec.path = entry.path
                if spec.country == nil { spec.country = entry.country }
                inputs.append(Input(entry: entry, spec: spec))
            }
        }
        warnings += DefinitionLoader.unknownKeys(in: definition.scoring, knownPaths: ScoringConfig.knownKeys, at: "scoring", file: file)
        warnings += DefinitionLoader.unknownKeys(in: definition.proposals, knownPaths: ProposalConfig.knownKeys, at: "proposals", file: file)
        let scoring = collect { try DefinitionLoader.decode(ScoringConfig.self, from: definition.scoring, at: "scoring", file: file) }
        let proposals = collect { try DefinitionLoader.decode(ProposalConfig.self, from: definition.proposals, at: "proposals", file: file) }
        for message in (scoring?.validate() ?? []) + (proposals?.validate() ?? []) {
            let mark = definition.scoring?.mark
            diagnostics.append(DefinitionDiagnostic(
                location: SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1),
                severity: .error, keyPath: message.hasPrefix("proposals") ? "proposals" : "scoring", message: message))
        }
        var perturbationKey: PerturbationKey.Resolved?
        if let setting = scoring?.perturbation, setting.enabled {
            let mark = definition.scoring?.mapping?["perturbation"]?.mark ?? definition.scoring?.mark
            let location = SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
            do {
                perturbationKey = try PerturbationKey.resolve(keyFile: setting.keyFile, directory: definition.directory)
                // The key only makes record keys at ingest: a coordinator whose surveys all come from the federation
                // database perturbs with its partners' published key sums, so its own (demo) key is no concern.
                let readsSurveyFiles = inputs.contains { $0.spec.kind == .survey }
                if readsSurveyFiles, let warning = perturbationKey?.warning {
                    warnings.append(DefinitionDiagnostic(location: location, severity: .warning,
                                                         keyPath: "scoring.perturbation", message: warning))
                }
            } catch let problem as PerturbationKey.Problem {
                diagnostics.append(DefinitionDiagnostic(location: location, severity: .error,
                                                        keyPath: "scoring.perturbation", message: problem.message))
            }
        }
        if !diagnostics.isEmpty { throw DefinitionError(diagnostics: diagnostics) }
        var loadedDefinition = definition
        loadedDefinition.warnings = warnings.sorted { $0.location < $1.location }
        let bytes = FileManager.default.contents(atPath: path) ?? Data()
        let sha = SHA256.hash(data: bytes).lowercaseHex
        let profiles = definition.countries.map {
            CountryProfile(code: $0.code, name: $0.name, awardingBodies: $0.awardingBodies,
                           prioritySectors: $0.prioritySectors.compactMap(SectorKey.init))
        }
        return LoadedPipeline(definition: loadedDefinition, inputs: inputs, scoring: scoring!, proposals: proposals!,
                              profiles: profiles, sha256: sha, perturbationKey: perturbationKey)
    }

    /// Where the run's evidence comes from, in definition order: each country's input files, or its partner's
    /// publication in the federation database (`source: store`), then the shared inputs.
    enum Source {
        case file(Input)
        /// A federated country: its code and the environment variable naming the database.
        case store(country: String, variable: String)
    }

    var sources: [Source] {
        var result: [Source] = []
        for country in definition.countries {
            if let variable = country.connectionEnv {
                result.append(.store(country: country.code, variable: variable))
            } else {
                result += inputs.filter { $0.entry.country == country.code }.map(Source.file)
            }
        }
        return result + inputs.filter { $0.entry.country == nil }.map(Source.file)
    }

    /// Whether a country is read from the federation database.
    var isFederated: Bool { definition.countries.contains(where: \.isFederated) }

    /// Checks that every federated country's connection variable is set (before anything is written).
    /// - Throws: `DefinitionError` (exit 78) naming each unset variable at its country.
    func requireFederationEnvironment(_ environment: [String: String]) throws {
        var diagnostics: [DefinitionDiagnostic] = []
        for (index, country) in definition.countries.enumerated() {
            guard let variable = country.connectionEnv else { continue }
            if (environment[variable] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                diagnostics.append(DefinitionDiagnostic(
                    location: country.connectionEnvLocation ?? SourceLocation(file: definition.file, line: 1, column: 1), severity: .error,
                    keyPath: "countries.\(index).connection_env",
                    message: "\(country.code) is read from the federation database, but the environment variable \(variable) is not set: export it with the database's connection (a libpq URI or `host=… dbname=…`; docs/federation.md)"))
            }
        }
        if !diagnostics.isEmpty { throw DefinitionError(diagnostics: diagnostics) }
    }

    /// - Throws: `StocktakeError.noInput` (exit 66) naming the first input or provision file that cannot be read.
    func requireReadableInputs() throws {
        let files = inputs.map { ($0.entry.path, $0.entry.displayPath) }
            + (definition.provision.map { [($0, $0)] } ?? [])
        for (path, shown) in files where !FileManager.default.isReadableFile(atPath: path) {
            throw StocktakeError.noInput(shown, FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
    }

    /// Display path (relative to the definition) → path relative to the current directory, for stderr messages.
    var currentDirectoryPaths: [String: String] {
        Dictionary(inputs.map { ($0.entry.displayPath, PipelineRunner.relativeToCurrentDirectory($0.entry.path)) },
                   uniquingKeysWith: { a, _ in a })
    }

    /// `location` with its file named relative to the current directory (for stderr: editors and terminals open it).
    static func local(_ location: SourceLocation, _ paths: [String: String]) -> SourceLocation {
        var location = location
        location.file = paths[location.file] ?? location.file
        return location
    }
}
