import StocktakeModel

/// A taxonomy directory that cannot be loaded.
public enum TaxonomyError: Error, Equatable, CustomStringConvertible {
    /// A required file is missing or unreadable.
    case cannotRead(file: String, reason: String)
    /// A required column is missing from a file's header.
    case missingColumn(file: String, column: String)
    /// A row holds a value the loader cannot use.
    case badRow(file: String, line: Int, message: String)

    public var description: String {
        switch self {
        case .cannotRead(let file, let reason): return "cannot read taxonomy file \(file): \(reason)"
        case .missingColumn(let file, let column): return "\(file):1: missing column `\(column)`"
        case .badRow(let file, let line, let message): return "\(file):\(line): \(message)"
        }
    }
}
