import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// `ReportColumns` is the one source of the tables' columns: the CSV writers fill every column with a value of its
/// kind, and the column tables of docs/report-columns.md are generated from it.
///
/// After an intended change of the dictionary, regenerate the doc's tables with
/// `STOCKTAKE_UPDATE_GOLDEN=1 swift test --filter ReportColumnsTests` and review the diff.
@Suite struct ReportColumnsTests {
    static let docURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/report-columns.md")

    /// Every cell the CSV writers produce has its column's kind: integers in `int` columns, numbers with the
    /// column's decimals in decimal columns, text elsewhere (`yes`/`no` in yes/no columns); a cell's own values
    /// (suppressible columns) are empty only when it is suppressed.
    @Test func everyCellHasItsColumnsKind() throws {
        var model = ReportFixture.model()
        model.countries[0].proposals[0].provisionExists = true
        let tables = ReportCSV(model: model).tables()
        #expect(tables.map(\.0) == ReportColumns.tables)
        var kindsSeen: Set<String> = []
        for (columns, table) in tables {
            #expect(table.header == columns.header)
            #expect(!table.rows.isEmpty, "\(columns.file): the fixture has rows")
            let flagsIndex = columns.header.firstIndex(of: "flags")
            for row in table.rows {
                var suppressed = false
                if let flagsIndex, case .text(let flags) = row[flagsIndex] { suppressed = flags.split(separator: " ").contains("C") }
                for (column, cell) in zip(columns.columns, row) {
                    let at = "\(columns.file) \(column.name)"
                    switch (column.kind, cell) {
                    case (.integer, .integer): kindsSeen.insert("integer")
                    case (.decimal(let d), .number(_, let decimals)), (.share(let d), .number(_, let decimals)):
                        #expect(d == decimals, "\(at): \(decimals) decimals, dictionary \(d)")
                        kindsSeen.insert("number")
                    case (.yesNo, .text(let text)):
                        #expect(["yes", "no", ""].contains(text), "\(at): \(text)")
                        kindsSeen.insert("yesNo")
                    case (.text, .text), (.list, .text), (.lines, .text): kindsSeen.insert("text")
                    case (_, .empty):
                        #expect(column.kind.decimals != nil, "\(at): an empty cell in a text column is empty text")
                        if column.isSuppressible, !suppressed {
                            Issue.record("\(at): a cell's own value is empty only when suppressed")
                        }
                    default:
                        Issue.record("\(at): \(cell) in a \(column.kind.documented) column")
                    }
                }
            }
        }
        #expect(kindsSeen == ["integer", "number", "yesNo", "text"])
    }

    /// The suppressible columns are exactly the columns a suppressed gaps row leaves empty.
    @Test func suppressibleColumnsAreTheOnesASuppressedRowEmpties() throws {
        let (columns, table) = try #require(ReportCSV(model: ReportFixture.model()).tables().first)
        let flags = try #require(columns.header.firstIndex(of: "flags"))
        let row = try #require(table.rows.first { $0[flags] == .text("C") })
        // labour_pressure is the sector's value, not the cell's: empty here only because the fixture's sector has
        // no labour data.
        let emptied = zip(columns.columns, row).filter { $0.0.kind.decimals != nil && $0.1 == .empty }.map(\.0.name)
            .filter { $0 != "labour_pressure" }
        #expect(emptied == columns.columns.filter(\.isSuppressible).map(\.name))
    }

    /// docs/report-columns.md's column tables are `ReportColumns` printed (and regenerated from it).
    @Test func documentedTablesAreGeneratedFromTheDictionary() throws {
        var text = try String(contentsOf: Self.docURL, encoding: .utf8)
        var stale: [String] = []
        for table in ReportColumns.tables {
            let begin = "<!-- columns of \(table.file): generated from ReportColumns by ReportColumnsTests -->\n"
            let end = "<!-- end of columns of \(table.file) -->"
            let start = try #require(text.range(of: begin), "docs/report-columns.md has no marker for \(table.file)")
            let stop = try #require(text.range(of: end, range: start.upperBound..<text.endIndex))
            let generated = Self.markdown(table)
            if text[start.upperBound..<stop.lowerBound] != generated {
                stale.append(table.file)
                text.replaceSubrange(start.upperBound..<stop.lowerBound, with: generated)
            }
        }
        if ProcessInfo.processInfo.environment["STOCKTAKE_UPDATE_GOLDEN"] == "1" {
            try text.write(to: Self.docURL, atomically: true, encoding: .utf8)
            return
        }
        #expect(stale.isEmpty, "docs/report-columns.md is stale for \(stale); regenerate with STOCKTAKE_UPDATE_GOLDEN=1")
    }

    /// The Markdown table of one CSV: column, type, unit, meaning (and for proposals.csv the Annex I element and
    /// ELM path of `ProposalElementMap`).
    static func markdown(_ table: ReportColumns.Table) -> String {
        let isProposals = table == ReportColumns.proposals
        var header = ["Column", "Type", "Unit / range"]
        if isProposals { header += ["Annex I element", "ELM v3 path"] }
        header.append("Meaning")
        var out = "| " + header.joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: header.count) + "\n"
        for column in table.columns {
            var cells = ["`\(column.name)`", column.kind.documented, column.unit]
            if isProposals {
                let row = ProposalElementMap.rows.first {
                    $0.csvColumn.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(column.name)
                }
                let element = row?.euElement ?? ""
                cells += [element == "—" ? "" : element, row.map { $0.elmPath.isEmpty ? "" : "`\($0.elmPath)`" } ?? ""]
            }
            cells.append(column.description)
            out += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return out
    }
}
