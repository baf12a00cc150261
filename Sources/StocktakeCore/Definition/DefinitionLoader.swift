import Foundation
import Yams
import StocktakeModel

/// Reads and validates a pipeline definition before any data moves.
public enum DefinitionLoader {
    /// Report languages the string tables cover.
    public static let supportedLanguages: Set<String> = ["en", "de", "nb", "sr-Latn", "sr-Cyrl", "cnr", "mk", "uk", "ka", "hy"]

    static let topLevelKeys: Set<String> = [
        "version", "name", "output", "database", "taxonomy", "max_reject_ratio", "provision", "report", "scoring",
        "proposals", "countries", "inputs",
    ]
    static let countryKeys: Set<String> = [
        "code", "name", "languages", "awarding_bodies", "partners", "priority_sectors", "inputs", "source",
        "connection_env",
    ]
    static let reportKeys: Set<String> = ["csv_variant", "free_text"]

    /// Loads `path`.
    /// - Throws: `DefinitionError` (exit 78) with every error found; `StocktakeError.noInput` when the file is
    ///   missing.
    public static func load(path: String) throws -> PipelineDefinition {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StocktakeError.noInput(path, "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DefinitionError(diagnostics: [
                DefinitionDiagnostic(location: SourceLocation(file: path, line: 1, column: 1), severity: .error,
                                     keyPath: "", message: "the file is not valid UTF-8")
            ])
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses definition text; `file` names it in diagnostics and anchors relative paths.
    public static func parse(yaml: String, file: String) throws -> PipelineDefinition {
        var walker = Walker(file: file)
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                throw DefinitionError(diagnostics: [walker.diagnostic(nil, "", "the definition is empty")])
            }
            root = composed
        } catch let error as YamlError {
            throw DefinitionError(diagnostics: [walker.yamlDiagnostic(error)])
        }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.path
        walker.directory = directory
        let definition = walker.definition(root)
        let errors = walker.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw DefinitionError(diagnostics: walker.diagnostics.sorted { $0.location < $1.location }) }
        var result = definition!
        result.warnings = walker.diagnostics.filter { $0.severity == .warning }
        return result
    }

    /// Decodes a stage-owned section (`scoring`, `proposals`, an input entry) into its configuration type.
    ///
    /// - Throws: `DefinitionError` naming `file:line:column` and the key path of the offending value.
    public static func decode<T: Decodable>(_ type: T.Type, from node: Node?, at keyPath: String, file: String) throws -> T {
        let target = node ?? Node.mapping(Node.Mapping([]))
        do {
            // Decoded from text, as `YAMLDecoder` parses it (strings stay strings): the composed node's resolver
            // looks a quoted key that reads as null, a number or a boolean (`""`, `"1"`) up as that type and misses
            // it (`hard_to_fill_values: { "": false }` gave "missing key").
            if let text = try? Yams.serialize(node: target) { return try YAMLDecoder().decode(type, from: text) }
            return try YAMLDecoder().decode(type, from: target)
        } catch let error as DecodingError {
            let (path, message) = describe(error)
            let fullPath = ([keyPath] + path).filter { !$0.isEmpty }.joined(separator: ".")
            let mark = locate(path, in: target) ?? target.mark
            let location = SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
            throw DefinitionError(diagnostics: [
                DefinitionDiagnostic(location: location, severity: .error, keyPath: fullPath, message: message)
            ])
        }
    }

    /// Warnings for keys of `node` that are not in `known` (one level).
    public static func unknownKeys(in node: Node?, known: Set<String>, at keyPath: String, file: String) -> [DefinitionDiagnostic] {
        guard let mapping = node?.mapping else { return [] }
        return mapping.compactMap { key, _ in
            guard let name = key.string, !known.contains(name) else { return nil }
            let suggestion = closest(name, in: known).map { " (did you mean `\($0)`?)" } ?? ""
            return DefinitionDiagnostic(
                location: SourceLocation(file: file, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1),
                severity: .warning, keyPath: keyPath.isEmpty ? name : "\(keyPath).\(name)",
                message: "unknown key, ignored\(suggestion)")
        }
    }

    /// Warnings for keys anywhere below `node` that no dotted path in `knownPaths` covers (`weights.survey`).
    /// A known key with no known children (a free-form map such as `eqf_levels`) is not looked into.
    public static func unknownKeys(in node: Node?, knownPaths: [String], at keyPath: String, file: String) -> [DefinitionDiagnostic] {
        let known = Set(knownPaths)
        func walk(_ node: Node, _ prefix: String) -> [DefinitionDiagnostic] {
            guard let mapping = node.mapping else { return [] }
            var result: [DefinitionDiagnostic] = []
            let siblings = Set(known.compactMap { path -> String? in
                guard prefix.isEmpty || path.hasPrefix(prefix + ".") else { return nil }
                let rest = prefix.isEmpty ? path : String(path.dropFirst(prefix.count + 1))
                return rest.split(separator: ".").first.map(String.init)
            })
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                let path = prefix.isEmpty ? name : "\(prefix).\(name)"
                let hasChildren = known.contains { $0.hasPrefix(path + ".") }
                if hasChildren {
                    result += walk(value, path)
                } else if !known.contains(path) {
                    let suggestion = closest(name, in: siblings).map { " (did you mean `\($0)`?)" } ?? ""
                    result.append(DefinitionDiagnostic(
                        location: SourceLocation(file: file, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1),
                        severity: .warning, keyPath: keyPath.isEmpty ? path : "\(keyPath).\(path)",
                        message: "unknown key, ignored\(suggestion)"))
                }
            }
            return result
        }
        return node.map { walk($0, "") } ?? []
    }

    // MARK: - Private

    private static func describe(_ error: DecodingError) -> ([String], String) {
        func path(_ context: DecodingError.Context) -> [String] {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
        }
        switch error {
        case .keyNotFound(let key, let context):
            return (path(context), "missing key `\(key.stringValue)`")
        case .typeMismatch(let type, let context):
            return (path(context), "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return (path(context), "missing value of type \(type)")
        case .dataCorrupted(let context):
            return (path(context), context.debugDescription)
        @unknown default:
            return ([], "\(error)")
        }
    }

    private static func locate(_ path: [String], in node: Node) -> Mark? {
        var current = node
        for component in path {
            if let mapping = current.mapping, let next = mapping[component] {
                current = next
            } else if let sequence = current.sequence, let index = Int(component), sequence.indices.contains(index) {
                current = sequence[index]
            } else {
                break
            }
        }
        return current.mark
    }

    static func closest(_ name: String, in candidates: Set<String>) -> String? {
        let scored = candidates.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= max(2, name.count / 3) }
        return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let old = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = old
            }
        }
        return row[b.count]
    }
}

// MARK: - Walker

/// Walks the YAML node tree, collecting diagnostics instead of stopping at the first one.
private struct Walker {
    let file: String
    var directory = ""
    var diagnostics: [DefinitionDiagnostic] = []

    init(file: String) { self.file = file }

    func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1)
    }

    func diagnostic(_ node: Node?, _ keyPath: String, _ message: String) -> DefinitionDiagnostic {
        DefinitionDiagnostic(location: location(node), severity: .error, keyPath: keyPath, message: message)
    }

    func yamlDiagnostic(_ error: YamlError) -> DefinitionDiagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return DefinitionDiagnostic(
                location: SourceLocation(file: file, line: mark.line, column: mark.column), severity: .error,
                keyPath: "", message: "invalid YAML: \(prefix)\(problem)")
        default:
            return diagnostic(nil, "", "invalid YAML: \(error)")
        }
    }

    mutating func error(_ node: Node?, _ keyPath: String, _ message: String) {
        diagnostics.append(diagnostic(node, keyPath, message))
    }

    mutating func warnUnknown(_ node: Node?, _ known: Set<String>, _ keyPath: String) {
        diagnostics += DefinitionLoader.unknownKeys(in: node, known: known, at: keyPath, file: file)
    }

    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
    }

    mutating func string(_ node: Node?, _ keyPath: String, required: Bool) -> String? {
        guard let node else {
            if required { error(nil, keyPath, "missing key `\(keyPath.split(separator: ".").last ?? "")`") }
            return nil
        }
        guard let scalar = node.scalar else {
            error(node, keyPath, "expected a text value")
            return nil
        }
        if required && scalar.string.trimmingCharacters(in: .whitespaces).isEmpty {
            error(node, keyPath, "must not be empty")
            return nil
        }
        return scalar.string
    }

    mutating func strings(_ node: Node?, _ keyPath: String) -> [String] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            error(node, keyPath, "expected a list")
            return []
        }
        return sequence.enumerated().compactMap { index, item in string(item, "\(keyPath).\(index)", required: true) }
    }

    mutating func definition(_ root: Node) -> PipelineDefinition? {
        guard let mapping = root.mapping else {
            error(root, "", "the definition must be a mapping of keys")
            return nil
        }
        warnUnknown(root, DefinitionLoader.topLevelKeys, "")
        var version = 0
        if let node = mapping["version"] {
            if let v = node.int, v >= 1 {
                version = v
                if v > PipelineDefinition.supportedVersion {
                    error(node, "version", "version \(v) is newer than this stocktake supports (\(PipelineDefinition.supportedVersion))")
                }
            } else {
                error(node, "version", "expected a positive whole number")
            }
        } else {
            error(root, "version", "missing key `version`")
        }
        let name = string(mapping["name"], "name", required: false) ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        // `output: DIR`, or `output: { path: DIR, keep: N }` to prune all but the N newest published runs after each run.
        var outputPath: String?
        var keepRuns: Int?
        if let node = mapping["output"], let outputMapping = node.mapping {
            warnUnknown(node, ["path", "keep"], "output")
            outputPath = string(outputMapping["path"], "output.path", required: false)
            if let keepNode = outputMapping["keep"] {
                if let value = keepNode.int, value >= 1 { keepRuns = value } else {
                    error(keepNode, "output.keep", "expected a whole number of runs to keep, at least 1")
                }
            }
        } else {
            outputPath = string(mapping["output"], "output", required: false)
        }
        let output = resolve(outputPath ?? "../reports")
        let database = resolve(string(mapping["database"], "database", required: false) ?? "\(output)/stocktake.sqlite")
        let taxonomy = resolve(string(mapping["taxonomy"], "taxonomy", required: false) ?? "../inputs/taxonomy")
        var ratio = 0.2
        if let node = mapping["max_reject_ratio"] {
            if let value = node.float, value >= 0, value <= 1 { ratio = value } else {
                error(node, "max_reject_ratio", "expected a number between 0 and 1")
            }
        }
        let provision = string(mapping["provision"], "provision", required: false).map(resolve)
        var csvVariant = "standard"
        var freeText = false
        if let report = mapping["report"] {
            warnUnknown(report, DefinitionLoader.reportKeys, "report")
            if let node = report.mapping?["free_text"] {
                if let value = node.scalar?.string, value == "true" || value == "false" { freeText = value == "true" } else {
                    error(node, "report.free_text", "expected `true` or `false`")
                }
            }
            if let variant = string(report.mapping?["csv_variant"], "report.csv_variant", required: false) {
                if ["standard", "excel"].contains(variant) { csvVariant = variant } else {
                    error(report.mapping?["csv_variant"], "report.csv_variant", "expected `standard` or `excel`")
                }
            }
        }
        var countries: [CountryDefinition] = []
        if let list = mapping["countries"] {
            if let sequence = list.sequence, !sequence.isEmpty {
                for (index, node) in sequence.enumerated() {
                    if let country = self.country(node, "countries.\(index)") { countries.append(country) }
                }
            } else {
                error(list, "countries", "expected a non-empty list of countries")
            }
        } else {
            error(root, "countries", "missing key `countries`")
        }
        var seen: Set<String> = []
        for country in countries where !seen.insert(country.code).inserted {
            error(root, "countries", "country \(country.code) is listed twice")
        }
        let shared = inputs(mapping["inputs"], "inputs", country: nil)
        return PipelineDefinition(
            file: file, directory: directory, version: version, name: name, output: output, keepRuns: keepRuns,
            database: database,
            taxonomy: taxonomy, maxRejectRatio: ratio, provision: provision, csvVariant: csvVariant, publishFreeText: freeText,
            scoring: mapping["scoring"], proposals: mapping["proposals"], countries: countries,
            sharedInputs: shared, warnings: [])
    }

    mutating func country(_ node: Node, _ keyPath: String) -> CountryDefinition? {
        guard let mapping = node.mapping else {
            error(node, keyPath, "expected a mapping with `code`, `name`, `inputs`")
            return nil
        }
        warnUnknown(node, DefinitionLoader.countryKeys, keyPath)
        guard let code = string(mapping["code"], "\(keyPath).code", required: true) else { return nil }
        guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            error(mapping["code"], "\(keyPath).code", "`\(code)` is not an ISO 3166-1 alpha-2 country code")
            return nil
        }
        let name = string(mapping["name"], "\(keyPath).name", required: false) ?? code
        var languages = strings(mapping["languages"], "\(keyPath).languages")
        for (index, language) in languages.enumerated() where !DefinitionLoader.supportedLanguages.contains(language) {
            error(mapping["languages"]?.sequence?[index], "\(keyPath).languages.\(index)",
                  "unsupported report language `\(language)` (supported: \(DefinitionLoader.supportedLanguages.sorted().joined(separator: ", ")))")
        }
        if languages.isEmpty { languages = ReportLanguages.defaults(for: code) }
        let awarding = strings(mapping["awarding_bodies"], "\(keyPath).awarding_bodies")
        if awarding.isEmpty {
            error(node, "\(keyPath).awarding_bodies", "name at least one awarding body (the proposals' issuer)")
        }
        let priority = strings(mapping["priority_sectors"], "\(keyPath).priority_sectors")
        for (index, sector) in priority.enumerated() where SectorKey(sector) == nil {
            error(mapping["priority_sectors"]?.sequence?[index], "\(keyPath).priority_sectors.\(index)",
                  "`\(sector)` is not a NACE Rev. 2 section or division key (`F`, `C10`)")
        }
        let inputs = inputs(mapping["inputs"], "\(keyPath).inputs", country: code)
        let connectionEnv = storeSource(mapping, keyPath, hasInputs: mapping["inputs"] != nil)
        return CountryDefinition(
            code: code, name: name, languages: languages, awardingBodies: awarding,
            partners: strings(mapping["partners"], "\(keyPath).partners"), prioritySectors: priority, inputs: inputs,
            connectionEnv: connectionEnv, connectionEnvLocation: mapping["connection_env"].map(location))
    }

    /// `source: store` with `connection_env: VAR` (a federated country, read from the partners' database): the
    /// variable's name; nil for `source: files` (the default). The connection itself never appears in the YAML.
    mutating func storeSource(_ mapping: Node.Mapping, _ keyPath: String, hasInputs: Bool) -> String? {
        let source = string(mapping["source"], "\(keyPath).source", required: false) ?? "files"
        let variable = string(mapping["connection_env"], "\(keyPath).connection_env", required: false)
        switch source {
        case "files":
            if variable != nil {
                error(mapping["connection_env"], "\(keyPath).connection_env", "`connection_env` needs `source: store`")
            }
            return nil
        case "store":
            if hasInputs {
                error(mapping["inputs"], "\(keyPath).inputs",
                      "a country with `source: store` reads its partner's publication: remove its `inputs`")
            }
            guard let variable else {
                error(mapping["source"], "\(keyPath).connection_env",
                      "`source: store` needs `connection_env`: the name of the environment variable holding the database connection (e.g. STOCKTAKE_FEDERATION_DB)")
                return nil
            }
            guard let first = variable.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic),
                  variable.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) })
            else {
                error(mapping["connection_env"], "\(keyPath).connection_env",
                      "not an environment variable name (letters, digits, `_`; the value is not repeated here, it may hold a password): name the variable, never write the connection here")
                return nil
            }
            return variable
        default:
            error(mapping["source"], "\(keyPath).source", "expected `files` or `store`, not `\(source)`")
            return nil
        }
    }

    mutating func inputs(_ node: Node?, _ keyPath: String, country: String?) -> [InputEntry] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            error(node, keyPath, "expected a list of inputs")
            return []
        }
        var result: [InputEntry] = []
        for (index, item) in sequence.enumerated() {
            let path = "\(keyPath).\(index)"
            guard let mapping = item.mapping else {
                error(item, path, "expected a mapping with `path`, `kind`, `format`")
                continue
            }
            guard let file = string(mapping["path"], "\(path).path", required: true) else { continue }
            guard let kind = string(mapping["kind"], "\(path).kind", required: true) else { continue }
            guard kind == "survey" || kind == "labour" else {
                error(mapping["kind"], "\(path).kind", "expected `survey` or `labour`, not `\(kind)`")
                continue
            }
            result.append(InputEntry(path: resolve(file), displayPath: file, kind: kind, country: country,
                                     node: item, location: location(item), keyPath: path))
        }
        return result
    }
}
