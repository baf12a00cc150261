import Foundation
import StocktakeModel
import StocktakeIngest

/// One taxonomy CSV file read through libcsv: header names and data rows with their physical lines.
struct TaxonomyTable {
    let file: String
    let columns: [String: Int]
    let rows: [(line: Int, fields: [String])]

    /// Reads `directory/name`, requiring `required` columns in the header.
    static func read(directory: String, name: String, required: [String]) throws -> TaxonomyTable {
        let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        var header: [String]?
        var rows: [(line: Int, fields: [String])] = []
        do {
            try CSVReader.forEachRecord(path: path) { record in
                if header == nil {
                    header = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
                } else if !(record.fields.count == 1 && record.fields[0].isEmpty) {
                    rows.append((record.line, record.fields))
                }
            }
        } catch let error as CSVReadError {
            throw TaxonomyError.cannotRead(file: name, reason: error.description)
        }
        var columns: [String: Int] = [:]
        for (i, name) in (header ?? []).enumerated() where columns[name] == nil { columns[name] = i }
        for column in required where columns[column] == nil {
            throw TaxonomyError.missingColumn(file: name, column: column)
        }
        return TaxonomyTable(file: name, columns: columns, rows: rows)
    }

    /// The trimmed value of `column` in `fields` (empty when the row is short or the column absent).
    func value(_ fields: [String], _ column: String) -> String {
        guard let i = columns[column], i < fields.count else { return "" }
        return Self.trimmed(fields[i])
    }

    private static let whitespaces = CharacterSet.whitespaces

    /// `text.trimmingCharacters(in: .whitespaces)`, without Foundation's copy of the text when neither end is
    /// whitespace (nearly every field): there is nothing to trim then.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              whitespaces.contains(first) || whitespaces.contains(last) else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
