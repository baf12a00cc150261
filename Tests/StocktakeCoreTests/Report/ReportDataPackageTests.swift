import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// `datapackage.json` describes every CSV of the run, in either variant, from `ReportColumns`.
@Suite struct ReportDataPackageTests {
    static func package(_ variant: ReportOptions.CSVVariant) throws -> (files: [ReportFile], json: [String: Any]) {
        let files = try ReportRenderer(catalog: ReportFixture.catalog(), options: ReportOptions(csvVariant: variant))
            .render(ReportFixture.model())
        let file = try #require(files.first { $0.path == "datapackage.json" })
        let json = try #require(try JSONSerialization.jsonObject(with: file.contents) as? [String: Any])
        return (files, json)
    }

    /// One tabular resource per CSV file of the run, whose fields are the CSV's header, with the variant's dialect
    /// and decimal mark, types, units and descriptions from the dictionary.
    @Test(arguments: ReportOptions.CSVVariant.allCases)
    func describesEveryCSVOfTheRun(variant: ReportOptions.CSVVariant) throws {
        let (files, json) = try Self.package(variant)
        #expect(json["profile"] as? String == "tabular-data-package")
        let resources = try #require(json["resources"] as? [[String: Any]])
        let csvFiles = files.filter { $0.path.hasSuffix(".csv") }
        #expect(resources.compactMap { $0["path"] as? String }.sorted() == csvFiles.map(\.path))
        for resource in resources {
            let path = try #require(resource["path"] as? String)
            let table = try #require(ReportColumns.tables.first { $0.file == path })
            #expect(resource["profile"] as? String == "tabular-data-resource")
            #expect(resource["encoding"] as? String == "utf-8")
            let dialect = try #require(resource["dialect"] as? [String: Any])
            #expect(dialect["delimiter"] as? String == (variant == .excel ? ";" : ","))
            #expect(dialect["lineTerminator"] as? String == "\r\n")
            let schema = try #require(resource["schema"] as? [String: Any])
            #expect(schema["missingValues"] as? [String] == [""])
            let fields = try #require(schema["fields"] as? [[String: Any]])
            // The header row of the CSV as written (after a BOM in the Excel variant).
            let csv = try #require(csvFiles.first { $0.path == path })
            let headerLine = String(decoding: csv.contents, as: UTF8.self).split(separator: "\r\n").first.map(String.init) ?? ""
            let header = headerLine.trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}"))
                .split(separator: variant == .excel ? ";" : ",").map(String.init)
            #expect(fields.compactMap { $0["name"] as? String } == header)
            for (field, column) in zip(fields, table.columns) {
                #expect(field["type"] as? String == column.kind.tableSchemaType)
                #expect(field["description"] as? String == column.description)
                #expect(field["unit"] as? String == (column.unit.isEmpty ? nil : column.unit))
                let isNumber = column.kind.tableSchemaType == "number"
                #expect(field["decimalChar"] as? String == (isNumber && variant == .excel ? "," : nil), "\(path) \(column.name)")
            }
        }
        let provision = resources.first { $0["name"] as? String == "proposals" }
            .flatMap { ($0["schema"] as? [String: Any])?["fields"] as? [[String: Any]] }?
            .first { $0["name"] as? String == "provision_exists" }
        #expect(provision?["type"] as? String == "boolean")
        #expect(provision?["trueValues"] as? [String] == ["yes"])
    }

    /// The package names no run id or time: it is the same for two runs on the same inputs.
    @Test func isTheSameForTwoRuns() throws {
        let renderer = ReportRenderer(catalog: try ReportFixture.catalog())
        let first = renderer.render(ReportFixture.model(runID: "run-a", startTime: "2026-11-29T08:00:00Z"))
        let second = renderer.render(ReportFixture.model(runID: "run-b", startTime: "2026-11-30T09:30:00Z"))
        let a = try #require(first.first { $0.path == ReportDataPackage.fileName })
        #expect(a == second.first { $0.path == ReportDataPackage.fileName })
    }
}
