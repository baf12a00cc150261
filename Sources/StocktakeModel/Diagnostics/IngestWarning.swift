/// The catalogue of ingest warning codes: something about an input file looks wrong, but the file is still read as
/// the pipeline says. The raw values are stable identifiers (a later `--strict` may turn chosen codes into errors).
public enum WarningCode: String, Sendable, Codable, CaseIterable, Comparable {
    /// The declared encoding (or the UTF-8 default) disagrees with what the file's bytes say.
    case encodingMismatch = "encoding-mismatch"
    /// Unnamed columns at the end of the header (a delimiter at the end of every line), ignored.
    case emptyTrailingColumns = "empty-trailing-columns"

    public static func < (lhs: WarningCode, rhs: WarningCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A problem with an input file that does not reject anything: the file is read as declared, and the warning says
/// what looks wrong and what to do about it.
///
/// Like a `Reject`, it never carries the file's content (survey rows are personal data): only where, what and counts.
public struct IngestWarning: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var location: SourceLocation
    public var code: WarningCode
    public var message: String

    public init(location: SourceLocation, code: WarningCode, message: String) {
        self.location = location
        self.code = code
        self.message = message
    }

    /// `file:line:column: warning: [code] message`
    public var description: String { "\(location): warning: [\(code.rawValue)] \(message)" }

    public static func < (lhs: IngestWarning, rhs: IngestWarning) -> Bool {
        (lhs.location, lhs.code.rawValue, lhs.message) < (rhs.location, rhs.code.rawValue, rhs.message)
    }
}
