/// A place in an input file: 1-based physical line where the record starts, and 1-based CSV column (field number).
///
/// `column` is the field's position in the record (as Frictionless reports `fieldNumber`), not a character offset:
/// it names the cell a partner must fix in a spreadsheet. `0` means "the whole line / record".
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and CI logs understand.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
