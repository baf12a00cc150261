import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// The field → EU element → ELM mapping in docs/methodology.md is the same as `ProposalElementMap.rows`.
@Suite struct ProposalElementMapTests {
    @Test func documentedTableMatchesTheStaticMap() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/methodology.md"), encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- element-map:begin -->"))
        let end = try #require(text.range(of: "<!-- element-map:end -->"))
        let lines = text[begin.upperBound..<end.lowerBound].split(separator: "\n").dropFirst(2)
        func unquote(_ s: String) -> String {
            let t = s.trimmingCharacters(in: .whitespaces)
            if t == "—" { return "" }
            return t.trimmingCharacters(in: CharacterSet(charactersIn: "`"))
        }
        let documented = lines.map { line -> ProposalElementMap.Row in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map(String.init)
            return ProposalElementMap.Row(
                field: unquote(cells[1]), csvColumn: unquote(cells[0]),
                euElement: cells[2].trimmingCharacters(in: .whitespaces), elmPath: unquote(cells[3]))
        }
        #expect(documented == ProposalElementMap.rows)
    }
}
