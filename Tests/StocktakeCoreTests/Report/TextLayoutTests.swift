import Testing
@testable import StocktakeCore

/// Chart text measured with DejaVu Sans' advance widths, wrapped and cut to fit, and kept distinct.
@Suite struct TextLayoutTests {
    /// Advance widths as DejaVu Sans 2.37 has them (units per em 2048), at a size of 2048 px one unit is one px.
    @Test(arguments: [
        ("A", false, 1401.0), ("A", true, 1585.0), ("ա", false, 1995.0), ("ი", true, 1154.0), ("ж", false, 1845.0),
        ("A A", false, 1401.0 + 651 + 1401),
    ])
    func widthsComeFromTheFont(text: String, bold: Bool, expected: Double) {
        #expect(FontMetrics.width(text, size: 2048, bold: bold) == expected)
    }

    @Test func anUnknownCodePointCountsAsTheWidestGlyph() {
        #expect(FontMetrics.width("中", size: 2048) == Double(FontMetrics.dejaVuWidestRegular))
        #expect(FontMetrics.width("中", size: 12) > FontMetrics.width("W", size: 12))
    }

    @Test func linesWrapAtWordsAndFit() {
        let text = "Համակարգչային ծրագրավորում, խորհրդատվություն և հարակից գործունեություն · programming computer systems"
        let lines = TextLayout.lines(text, maxWidth: 300, size: 12, maxLines: 2)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { FontMetrics.width($0, size: 12) <= 300 })
        #expect(lines[1].hasSuffix("…"))
        // Nothing is cut when the text fits in the lines allowed.
        let all = TextLayout.lines(text, maxWidth: 300, size: 12, maxLines: 5)
        #expect(all.joined(separator: " ") == text)
    }

    @Test func aWordWiderThanALineBreaksInside() {
        let lines = TextLayout.lines("Աշխատավարձիաճ", maxWidth: 40, size: 10, bold: true, maxLines: 10)
        #expect(lines.count > 1)
        #expect(lines.joined() == "Աշխատավարձիաճ")
        #expect(lines.allSatisfy { FontMetrics.width($0, size: 10, bold: true) <= 40 })
    }

    @Test func cutLabelsStayDistinct() {
        let prefix = "განთავსების საშუალებებით უზრუნველყოფის და საკვების მიწოდების საქმიანობები · "
        let labels = [prefix + "marketing and advertising", prefix + "using foreign languages", "short"]
        let plain = labels.map { TextLayout.lines($0, maxWidth: 200, size: 12, maxLines: 1) }
        #expect(plain[0] == plain[1], "the fixture must clash when cut plainly")
        let distinct = TextLayout.distinctLabels(labels, maxWidth: 200, size: 12, maxLines: 1)
        #expect(Set(distinct).count == 3)
        #expect(distinct.allSatisfy { $0.allSatisfy { FontMetrics.width($0, size: 12) <= 200 } })
        #expect(distinct[2] == ["short"])
    }

    @Test func theGapChartsLabelColumnGrowsWithItsLabels() {
        let format = ReportNumberFormat.forLanguage("en")
        func left(_ label: String) -> Double? {
            let svg = SVGChart.gapBars(title: "T", description: "D", axisLabel: "A", emptyText: "E",
                                       bars: [SVGChart.Bar(label: label, value: 50, low: 40, high: 60, flags: "")],
                                       format: format)
            // The bar starts at the plot's left edge: the first rect after the background.
            let rects = svg.split(separator: "\n").filter { $0.hasPrefix("<rect x=\"") }
            return rects.dropFirst().first.flatMap { $0.split(separator: "\"").dropFirst().first }.flatMap { Double($0) }
        }
        let short = try! #require(left("Ab"))
        let long = try! #require(left("Տեղեկատվություն և կապ · programming"))
        #expect(long > short)
        #expect(long - short >= FontMetrics.width("Տեղեկատվություն և կապ · programming", size: 12) - FontMetrics.width("Ab", size: 12) - 1)
    }
}
