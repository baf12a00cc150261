/// An error that ends a command, carrying the exit status it maps to.
public struct StocktakeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: ExitStatus
    public var message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }

    public static func noInput(_ path: String, _ reason: String) -> StocktakeError {
        StocktakeError(.noInput, "\(path): cannot read input: \(reason)")
    }

    public static func cantCreate(_ path: String, _ reason: String) -> StocktakeError {
        StocktakeError(.cantCreate, "\(path): cannot create output: \(reason)")
    }
}
