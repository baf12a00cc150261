import Foundation
import StocktakeModel

/// `datapackage.json`: a Frictionless Data Package (with Table Schema) describing the run's CSV tables, built from
/// `ReportColumns` so it cannot drift from the CSV writers or docs/report-columns.md.
///
/// One `tabular-data-resource` per CSV with its dialect (the Excel variant's `;` delimiter and BOM, whose encoding
/// is still `utf-8`), `decimalChar: ","` on number fields of the Excel variant, `yes`/`no` booleans, and the empty
/// field as the missing-value token. Nothing in it depends on the run id or time: same inputs, same bytes.
struct ReportDataPackage {
    static let fileName = "datapackage.json"

    let variant: ReportOptions.CSVVariant

    func render(_ tables: [ReportColumns.Table]) -> Data {
        let package = Package(
            profile: "tabular-data-package", name: "stocktake",
            title: "Skills-needs stocktaking: gaps, proposals, sectors, rejects and unmapped names",
            description: "The CSV tables of one stocktake run; data dictionary: docs/report-columns.md.",
            resources: tables.map(resource))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Only value types of strings, numbers and booleans: encoding cannot fail.
        return try! encoder.encode(package) + Data("\n".utf8)
    }

    private func resource(_ table: ReportColumns.Table) -> Resource {
        let isExcel = variant == .excel
        return Resource(
            name: table.name, path: table.file, profile: "tabular-data-resource", format: "csv",
            mediatype: "text/csv", encoding: "utf-8", description: "One CSV of the run: \(table.grain).",
            dialect: Dialect(delimiter: isExcel ? ";" : ",", lineTerminator: "\r\n", quoteChar: "\"",
                             doubleQuote: true, header: true),
            schema: Schema(missingValues: ReportColumns.missingValues, fields: table.columns.map { column in
                let kind = column.kind
                let isNumber = kind.tableSchemaType == "number"
                return Field(
                    name: column.name, type: kind.tableSchemaType, description: column.description,
                    unit: column.unit.isEmpty ? nil : column.unit,
                    decimalChar: isNumber && isExcel ? "," : nil,
                    trueValues: kind == .yesNo ? ["yes"] : nil, falseValues: kind == .yesNo ? ["no"] : nil)
            }))
    }

    // MARK: - Private

    private struct Package: Encodable {
        var profile, name, title, description: String
        var resources: [Resource]
    }

    private struct Resource: Encodable {
        var name, path, profile, format, mediatype, encoding, description: String
        var dialect: Dialect
        var schema: Schema
    }

    private struct Dialect: Encodable {
        var delimiter, lineTerminator, quoteChar: String
        var doubleQuote, header: Bool
    }

    private struct Schema: Encodable {
        var missingValues: [String]
        var fields: [Field]
    }

    private struct Field: Encodable {
        var name, type, description: String
        /// A custom property (Table Schema allows them): the unit or range.
        var unit: String?
        var decimalChar: String?
        var trueValues, falseValues: [String]?
    }
}
