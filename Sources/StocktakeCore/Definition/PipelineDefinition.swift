import Yams
import StocktakeModel
import StocktakeIngest

/// A pipeline definition (`pipelines/*.yaml`), validated, with every path resolved against the YAML's folder.
///
/// Sections owned by a stage (`scoring`, `proposals`, each input entry) are kept as YAML nodes and decoded into
/// that stage's configuration type by `DefinitionLoader.decode(_:from:at:)`, so their errors still carry
/// `file:line:column`.
public struct PipelineDefinition: @unchecked Sendable {
    /// Highest `version:` this build understands.
    public static let supportedVersion = 1

    /// Path of the YAML file as given.
    public var file: String
    /// Folder of the YAML file; every relative path in the file resolves against it.
    public var directory: String
    public var version: Int
    public var name: String
    /// Reports root: each run writes `<output>/<run-id>/`.
    public var output: String
    /// `output.keep`: after each published run, all but this many newest published runs are pruned (folders and
    /// database rows together); nil keeps every run.
    public var keepRuns: Int? = nil
    /// SQLite database path.
    public var database: String
    /// Taxonomy folder.
    public var taxonomy: String
    /// Share of rejected rows above which a file is too broken to use (0...1).
    public var maxRejectRatio: Double
    /// Optional stocktaking file of existing programmes.
    public var provision: String?
    /// CSV variant of the reports: `standard` (RFC 4180) or `excel` (BOM, `;`, decimal comma).
    public var csvVariant: String
    /// Whether respondents' free text (unmapped sector names written by fewer than k respondents) may appear in
    /// published reports. Default false: such names are counted, not listed.
    public var publishFreeText: Bool
    public var scoring: Node?
    public var proposals: Node?
    public var countries: [CountryDefinition]
    /// Multi-country inputs (one ILOSTAT download, say): the country comes from the data.
    public var sharedInputs: [InputEntry]
    /// Non-fatal findings (unknown keys), in file order.
    public var warnings: [DefinitionDiagnostic]

    /// All inputs, country inputs first in definition order, then shared ones.
    public var allInputs: [InputEntry] { countries.flatMap(\.inputs) + sharedInputs }

    /// Country codes in definition order.
    public var countryCodes: [String] { countries.map(\.code) }
}

/// One country of the partnership as the definition describes it.
public struct CountryDefinition: @unchecked Sendable {
    /// ISO 3166-1 alpha-2.
    public var code: String
    public var name: String
    /// Report languages, first = primary.
    public var languages: [String]
    public var awardingBodies: [String]
    public var partners: [String]
    /// NACE sections or divisions (`F`, `C10`) the partnership gives priority.
    public var prioritySectors: [String]
    public var inputs: [InputEntry]
    /// `source: store`: the name of the environment variable holding the federation database's connection; the
    /// country's evidence is its partner's publication there (docs/federation.md). Nil: the country's `inputs`.
    public var connectionEnv: String? = nil
    /// Where `connection_env` is written, for messages.
    public var connectionEnvLocation: SourceLocation? = nil

    /// Whether the country is read from the federation database.
    public var isFederated: Bool { connectionEnv != nil }
}

/// One input entry: the resolved path and kind, and its YAML node for the ingest stage's `InputSpec`.
public struct InputEntry: @unchecked Sendable {
    /// Absolute (resolved) path.
    public var path: String
    /// Path as written in the YAML (relative to it), used in reports.
    public var displayPath: String
    /// `survey` or `labour`.
    public var kind: String
    /// Country the entry is listed under; nil for shared inputs.
    public var country: String?
    public var node: Node
    public var location: SourceLocation
    /// Key path of the entry in the definition (`countries.2.inputs.0`).
    public var keyPath: String
}

/// A problem found in a definition, at its place in the YAML file.
public struct DefinitionDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error }
    public var location: SourceLocation
    public var severity: Severity
    /// Dotted key path, e.g. `countries.2.inputs.0.kind`.
    public var keyPath: String
    public var message: String

    public var description: String {
        "\(location): \(severity.rawValue): \(keyPath.isEmpty ? "" : "`\(keyPath)`: ")\(message)"
    }
}

/// A definition that cannot be used: all errors found, in file order.
public struct DefinitionError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [DefinitionDiagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
