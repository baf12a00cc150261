import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel
@testable import StocktakeIngest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Hostile text (`=HYPERLINK(...)`, `|`, line breaks, `<script>`, Markdown links) enters through sector names,
/// skill labels, unmapped names, reject messages and proposal free text of `ReportFixture`; these tests show it
/// neutralized in every output format.
@Suite struct ReportInjectionTests {
    static func files(_ variant: ReportOptions.CSVVariant = .standard) throws -> [ReportFile] {
        try ReportRenderer(catalog: ReportFixture.catalog(), options: ReportOptions(csvVariant: variant))
            .render(ReportFixture.model())
    }

    static func text(_ file: ReportFile) -> String { String(decoding: file.contents, as: UTF8.self) }

    // MARK: - Cell neutralization

    @Test(arguments: [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1", "'+1"), ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"), ("\r=1", "'\r'=1"), ("\n=1", "'\n'=1"),
        ("  =1", "'  =1"), ("\u{00A0}=1", "'\u{00A0}=1"), ("\u{00A0}\u{2003}+1", "'\u{00A0}\u{2003}+1"),
        ("safe\n=cmd", "safe\n'=cmd"), ("safe\r\n@x", "safe\r\n'@x"), ("a\n b\n -c", "a\n b\n' -c"),
        ("plain text", "plain text"), ("Bau-Gewerbe", "Bau-Gewerbe"), ("", ""), ("1+1", "1+1"),
        ("\0x", "'\0x"),
    ])
    func formulaNeutralization(input: String, expected: String) {
        #expect(ReportEscaping.neutralizeFormula(input) == expected)
    }

    @Test func csvQuotesAndNeverPrefixesNumbers() {
        let table = CSVTable(header: ["text", "number", "integer", "empty"], rows: [
            [.text("=1+2\";=1+2"), .number(-3.25, decimals: 2), .integer(-4), .empty],
            [.text("a,b"), .number(0.5, decimals: 1), .integer(7), .empty],
        ])
        #expect(table.render(.standard) == "text,number,integer,empty\r\n\"'=1+2\"\";=1+2\",-3.25,-4,\r\n\"a,b\",0.5,7,\r\n")
        #expect(table.render(.excel) == "\u{FEFF}text;number;integer;empty\r\n\"'=1+2\"\";=1+2\";-3,25;-4;\r\na,b;0,5;7;\r\n")
    }

    @Test func markdownEscaping() {
        #expect(ReportEscaping.markdown("a|b\nc") == "a\\|b c")
        #expect(ReportEscaping.markdown("<script>&") == "&lt;script&gt;&amp;")
        #expect(ReportEscaping.markdown("see http://x.org or WWW.x.org") == "see http\\://x.org or WWW\\.x.org")
        #expect(ReportEscaping.markdown("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))")
        #expect(ReportEscaping.markdown("*b* _i_ `c` ~s~ \\") == "\\*b\\* \\_i\\_ \\`c\\` \\~s\\~ \\\\")
        #expect(ReportEscaping.xml("<a href='x'>&\"</a>") == "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;")
    }

    // MARK: - Every output

    @Test func csvTextCellsAreNeutralizedAndNumbersAreNot() throws {
        for variant in ReportOptions.CSVVariant.allCases {
            let directory = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            var sawPrefixedHyperlink = false
            var sawNegativeNumber = false
            for file in try Self.files(variant) where file.path.hasSuffix(".csv") {
                let url = directory.appendingPathComponent(file.path)
                try file.contents.write(to: url)
                let dialect = CSVDialect(delimiter: UInt8(ascii: variant == .excel ? ";" : ","))
                try CSVReader.forEachRecord(path: url.path, dialect: dialect) { record in
                    for field in record.fields {
                        if field.hasPrefix("'=HYPERLINK") { sawPrefixedHyperlink = true }
                        if Self.isNumber(field, variant: variant) {
                            if field.hasPrefix("-") { sawNegativeNumber = true }
                            continue
                        }
                        let lines = field.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
                        for (index, line) in lines.enumerated() {
                            #expect(!ReportEscaping.isDangerousLine(line, isFirst: index == 0),
                                    "\(variant) \(file.path) line \(record.line): dangerous cell line \(line.debugDescription)")
                        }
                    }
                }
            }
            #expect(sawPrefixedHyperlink, "the hostile =HYPERLINK cell must appear, prefixed")
            #expect(sawNegativeNumber, "negative numbers must stay numbers")
        }
    }

    @Test func markdownHasNoHTMLOrLinksFromInputs() throws {
        // methodology.md is the project's own document (ESCO and ELM URIs included), copied in, not built from inputs.
        for file in try Self.files() where file.path.hasSuffix(".md") && file.path != ReportRenderer.methodologyFileName {
            let text = Self.text(file)
            #expect(!text.contains("<script"), "\(file.path) contains raw <script")
            #expect(!text.contains("<b>"), "\(file.path) contains raw HTML")
            #expect(!text.replacingOccurrences(of: "\\](javascript", with: "").contains("](javascript"),
                    "\(file.path) contains a javascript link")
            #expect(!text.contains("![img]"), "\(file.path) contains an image from input")
            #expect(!text.contains("http://"), "\(file.path) contains a bare URL a renderer would autolink")
            if file.path == "DE.md" {
                #expect(text.contains("&lt;script&gt;"))
                #expect(text.contains("=HYPERLINK(\"http\\://x\") \\|"))
            }
        }
    }

    /// Every GFM table row has as many cells as its header: no `|` or line break from input splits a row.
    @Test func markdownTablesKeepTheirShape() throws {
        for file in try Self.files() where file.path.hasSuffix(".md") {
            var expected: Int?
            for line in Self.text(file).split(separator: "\n", omittingEmptySubsequences: false) {
                guard line.hasPrefix("|") else { expected = nil; continue }
                let cells = Self.unescapedPipes(line)
                if let expected {
                    #expect(cells == expected, "\(file.path): row has \(cells) pipes, header \(expected): \(line)")
                } else {
                    expected = cells
                }
            }
        }
    }

    @Test func everySVGIsWellFormedXMLWithTextAlternatives() throws {
        for file in try Self.files() where file.path.hasSuffix(".svg") {
            let parser = XMLParser(data: file.contents)
            let delegate = SVGCollector()
            parser.delegate = delegate
            #expect(parser.parse(), "\(file.path) is not well-formed: \(String(describing: parser.parserError))")
            #expect(delegate.elements.first == "svg")
            #expect(delegate.elements.dropFirst().first == "title", "\(file.path): <title> must be the first child")
            #expect(delegate.elements.contains("desc"))
            #expect(!delegate.elements.contains("script"), "\(file.path) contains a script element")
            #expect(!delegate.elements.contains("foreignObject"))
        }
    }

    @Test func suppressedValuesNeverAppear() throws {
        let files = try Self.files()
        let gaps = Self.text(try #require(files.first { $0.path == "gaps.csv" }))
        // … flags `C`, no rolled-up divisions, `perturbed` empty.
        let suppressedRows = gaps.split(separator: "\r\n").filter { $0.hasSuffix(",C,,") }
        #expect(suppressedRows.count == 2)
        for row in suppressedRows {
            // country, sector, label, skill code, uri, label, group, then n and every value empty.
            #expect(row.contains(",,,,,,,"), "suppressed row carries values: \(row)")
        }
        let heatmap = Self.text(try #require(files.first { $0.path == "charts/heatmap.en.svg" }))
        #expect(heatmap.contains("url(#hatch)"))
        #expect(heatmap.contains(">C</text>"))
    }

    // MARK: - Helpers

    final class SVGCollector: NSObject, XMLParserDelegate {
        var elements: [String] = []
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            elements.append(elementName)
        }
    }

    static func unescapedPipes(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        // GFM splits table cells on every unescaped pipe, inside code spans too.
        for character in line {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "|" { count += 1 }
        }
        return count
    }

    static func isNumber(_ field: String, variant: ReportOptions.CSVVariant) -> Bool {
        let normalized = variant == .excel ? field.replacingOccurrences(of: ",", with: ".") : field
        return !field.isEmpty && Double(normalized) != nil && normalized.allSatisfy { $0.isNumber || $0 == "." || $0 == "-" }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
