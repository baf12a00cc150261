import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel
@testable import StocktakeIngest

@Suite struct ReportCSVTests {
    /// Every CSV of both variants reads back with libcsv into records of exactly the header's width, one record per
    /// model row, and the header names are the documented ones.
    @Test(arguments: ReportOptions.CSVVariant.allCases)
    func everyCSVReadsBackWithConsistentColumns(variant: ReportOptions.CSVVariant) throws {
        let model = ReportFixture.model()
        let files = try ReportRenderer(catalog: ReportFixture.catalog(), options: ReportOptions(csvVariant: variant))
            .render(model)
        let directory = try ReportInjectionTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let expectedRows = [
            "gaps.csv": model.countries.reduce(0) { $0 + $1.gaps.count },
            "proposals.csv": model.countries.reduce(0) { $0 + $1.proposals.count },
            "sectors.csv": model.countries.reduce(0) { $0 + $1.sectorPressures.count },
            "rejects.csv": model.countries.reduce(0) { $0 + $1.rejects.count },
            "unmapped.csv": model.countries.reduce(0) { $0 + $1.unmapped.count },
            "labour_checks.csv": model.countries.reduce(0) { $0 + $1.labourChecks.count },
            // One row per statement: knowledge and skill outcomes, plus the competence (EQF) statement.
            "units.csv": model.countries.reduce(0) { $0 + $1.proposals.reduce(0) { $0 + $1.outcomes.count + 1 } },
        ]
        let expectedHeaders = Dictionary(uniqueKeysWithValues: ReportColumns.tables.map { ($0.file, $0.header) })
        let csvFiles = files.filter { $0.path.hasSuffix(".csv") }
        #expect(Set(csvFiles.map(\.path)) == Set(expectedRows.keys))
        for file in csvFiles {
            let bytes = [UInt8](file.contents)
            #expect((bytes.starts(with: [0xEF, 0xBB, 0xBF])) == (variant == .excel), "\(file.path): BOM only in the Excel variant")
            let url = directory.appendingPathComponent(file.path)
            try file.contents.write(to: url)
            var records: [CSVRecord] = []
            let summary = try CSVReader.forEachRecord(
                path: url.path, dialect: CSVDialect(delimiter: UInt8(ascii: variant == .excel ? ";" : ","))) { records.append($0) }
            #expect(summary.unclosedQuoteLine == nil)
            let header = try #require(records.first)
            #expect(header.fields == expectedHeaders[file.path], "\(file.path) header")
            #expect(records.count - 1 == expectedRows[file.path], "\(file.path): \(records.count - 1) data records")
            for record in records {
                #expect(record.fields.count == header.fields.count, "\(file.path) line \(record.line): \(record.fields.count) fields")
            }
        }
    }

    /// Every mandatory Annex I element is filled in every proposals.csv row.
    @Test func proposalsHaveEveryMandatoryElement() throws {
        let files = try ReportRenderer(catalog: ReportFixture.catalog()).render(ReportFixture.model())
        let csv = try #require(files.first { $0.path == "proposals.csv" })
        let directory = try ReportInjectionTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("proposals.csv")
        try csv.contents.write(to: url)
        var header: [String] = []
        var rows = 0
        let mandatory = ["learner_identification", "title", "issuer_country", "awarding_body", "date_of_issuing",
                         "learning_outcomes_knowledge", "learning_outcomes_skills", "learning_outcomes_autonomy",
                         "ects_credits", "ecvet_points", "volume_of_learning", "eqf_level", "assessment_type",
                         "participation_form", "quality_assurance"]
        try CSVReader.forEachRecord(path: url.path) { record in
            if header.isEmpty { header = record.fields; return }
            rows += 1
            for column in mandatory {
                let index = try #require(header.firstIndex(of: column))
                #expect(!record.fields[index].isEmpty, "line \(record.line): \(column) is empty")
            }
        }
        #expect(rows == 3)
    }
}
