/// One rejected row (or file): where, which rule, and a message a partner can act on.
///
/// Never carries the row's content: survey rows are personal data. The location names the row and column instead.
public struct Reject: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var location: SourceLocation
    public var code: ErrorCode
    public var message: String
    /// Header name of the offending column, when known.
    public var columnName: String?

    public init(location: SourceLocation, code: ErrorCode, message: String, columnName: String? = nil) {
        self.location = location
        self.code = code
        self.message = message
        self.columnName = columnName
    }

    /// `file:line:column: error: [code] message`
    public var description: String { "\(location): error: [\(code.rawValue)] \(message)" }

    public static func < (lhs: Reject, rhs: Reject) -> Bool {
        (lhs.location, lhs.code.rawValue, lhs.message) < (rhs.location, rhs.code.rawValue, rhs.message)
    }
}
