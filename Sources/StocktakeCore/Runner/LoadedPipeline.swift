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
                if let warning = perturbationKey?.warning {
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
