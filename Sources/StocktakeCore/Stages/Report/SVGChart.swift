import StocktakeModel

/// SVG charts written by code: deterministic text, colour-blind-safe colours, text alternatives.
///
/// Colours: Okabe–Ito (bars `#0072B2`, shortage `#E69F00`, surplus `#56B4E9`) and a viridis ramp for the heatmap.
/// Suppressed heatmap cells are hatched and marked `C`, never drawn as zero; cells without data are light grey
/// and marked `–`. Every chart starts with `<title>` and `<desc>` (the data in words) and is 800 px wide.
public enum SVGChart {
    /// Width of every chart in px (GitHub's Markdown column is about 830 px).
    public static let width = 800
    static let font = "DejaVu Sans, Noto Sans, Verdana, Arial, sans-serif"

    // MARK: - Top gaps bar chart

    /// One bar: a gap score 0...100 with its interval.
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Double
        public var low: Double?
        public var high: Double?
        /// Flags shown after the value (`u`, `r`).
        public var flags: String

        public init(label: String, value: Double, low: Double?, high: Double?, flags: String) {
            self.label = label
            self.value = value
            self.low = low
            self.high = high
            self.flags = flags
        }
    }

    /// Horizontal bars of gap scores on a 0–100 axis with interval whiskers.
    ///
    /// Labels wrap onto two lines and the label column is as wide as the longest line (measured with
    /// `FontMetrics`); the chart grows wider rather than squeezing the plot below `minimumPlot` px.
    public static func gapBars(
        title: String, description: String, axisLabel: String, emptyText: String, bars: [Bar],
        format: ReportNumberFormat
    ) -> String {
        let labels = TextLayout.distinctLabels(bars.map(\.label), maxWidth: maxLabelColumn, size: 12, maxLines: 2)
        let labelColumn = labels.map { TextLayout.width(of: $0, size: 12) }.max() ?? 0
        let valueTexts = bars.map { format.number($0.value, decimals: 1) + ($0.flags.isEmpty ? "" : " " + $0.flags) }
        let valueRoom = 6 + (valueTexts.map { FontMetrics.width($0, size: 12) }.max() ?? 0) + margin
        let left = margin + labelColumn + 10
        let chartWidth = max(Double(width), left + minimumPlot + valueRoom).rounded(.up)
        let right = chartWidth - valueRoom
        let titleLines = TextLayout.lines(title, maxWidth: chartWidth - 2 * margin, size: 17, bold: true, maxLines: 2)
        let axisLines = TextLayout.lines(axisLabel, maxWidth: chartWidth - 2 * margin, size: 12, maxLines: 2)
        let axisTop = 28 + Double(titleLines.count - 1) * 21 + 20
        let top = axisTop + Double(axisLines.count - 1) * 15 + 16
        let rowHeight = labels.contains { $0.count > 1 } ? 36.0 : 28.0
        let plotHeight = max(rowHeight, Double(bars.count) * rowHeight)
        let height = Int(top + plotHeight + 56)
        var svg = header(width: Int(chartWidth), height: height, title: title, description: description)
        svg += textLines(x: margin, y: 28, titleLines, size: 17, lineHeight: 21, weight: "bold")
        svg += textLines(x: margin, y: axisTop, axisLines, size: 12, lineHeight: 15, fill: "#333333")
        func x(_ value: Double) -> Double { left + (right - left) * min(max(value, 0), 100) / 100 }
        for tick in stride(from: 0, through: 100, by: 25) {
            let tx = x(Double(tick))
            svg += line(x1: tx, y1: top - 4, x2: tx, y2: top + plotHeight, stroke: "#DDDDDD", width: 1)
            svg += text(x: tx, y: top + plotHeight + 18, format.number(Double(tick), decimals: 0), size: 12, anchor: "middle")
        }
        if bars.isEmpty {
            let empty = TextLayout.lines(emptyText, maxWidth: right - left, size: 13, maxLines: 1)
            svg += textLines(x: left, y: top + 18, empty, size: 13, lineHeight: 16, fill: "#333333")
        }
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            let mid = y + rowHeight / 2
            svg += label(x: left - 10, middle: mid, labels[index], size: 12, lineHeight: 14)
            svg += rect(x: left, y: mid - 8, width: x(bar.value) - left, height: 16, fill: "#0072B2")
            var end = x(bar.value)
            if let low = bar.low, let high = bar.high {
                let x1 = x(low), x2 = x(high)
                svg += line(x1: x1, y1: mid, x2: x2, y2: mid, stroke: "#000000", width: 1.5)
                svg += line(x1: x1, y1: mid - 6, x2: x1, y2: mid + 6, stroke: "#000000", width: 1.5)
                svg += line(x1: x2, y1: mid - 6, x2: x2, y2: mid + 6, stroke: "#000000", width: 1.5)
                end = max(end, x2)
            }
            svg += text(x: end + 6, y: mid + 4, valueTexts[index], size: 12)
        }
        svg += line(x1: left, y1: top + plotHeight, x2: right, y2: top + plotHeight, stroke: "#333333", width: 1)
        return svg + "</svg>\n"
    }

    // MARK: - Labour sub-indices

    /// One sector row of standardized sub-indices (z-scores); nil = series missing.
    public struct SubIndexRow: Sendable, Hashable {
        public var label: String
        public var values: [Double?]
        public var coverage: String

        public init(label: String, values: [Double?], coverage: String) {
            self.label = label
            self.values = values
            self.coverage = coverage
        }
    }

    /// A grid of diverging bars: one row per sector, one column per sub-index (the last column is the combined
    /// pressure); orange = shortage side (> 0), blue = surplus side (< 0), `–` = no series.
    ///
    /// Column headers wrap onto up to three lines inside their column, sector labels onto two; the chart grows
    /// wider rather than making a column narrower than `minimumColumn` px.
    public static func subIndices(
        title: String, description: String, legendShortage: String, legendSurplus: String, missingText: String,
        columns: [String],
        coverageHeader: String, rows: [SubIndexRow], format: ReportNumberFormat
    ) -> String {
        let labels = TextLayout.distinctLabels(rows.map(\.label), maxWidth: 240, size: 12, maxLines: 2)
        let labelWidth = margin + max(60, labels.map { TextLayout.width(of: $0, size: 12) }.max() ?? 0) + 8
        // The coverage column: as wide as its header (wrapped at words) with room on both sides, at least 64 px.
        let coverageLines = TextLayout.lines(coverageHeader, maxWidth: 110, size: 10, bold: true, maxLines: 3)
        let coverageWidth = max(64, TextLayout.width(of: coverageLines, size: 10, bold: true) + 24).rounded(.up)
        let columnCount = Double(max(columns.count, 1))
        // A column is wide enough for its header in three lines without breaking a word, up to `maximumColumn`.
        func fits(_ header: String, _ columnWidth: Double) -> Bool {
            header.split(separator: " ").allSatisfy { FontMetrics.width(String($0), size: 10, bold: true) <= columnWidth - 6 }
                && TextLayout.lines(header, maxWidth: columnWidth - 6, size: 10, bold: true, maxLines: 4).count <= 3
        }
        var needed = minimumColumn
        while needed < maximumColumn && !columns.allSatisfy({ fits($0, needed) }) { needed += 5 }
        let chartWidth = max(Double(width), labelWidth + columnCount * needed + coverageWidth).rounded(.up)
        let columnWidth = (chartWidth - labelWidth - coverageWidth) / columnCount
        let titleLines = TextLayout.lines(title, maxWidth: chartWidth - 2 * margin, size: 17, bold: true, maxLines: 2)
        let legendTop = 40 + Double(titleLines.count - 1) * 21
        let legendBlock = legend(
            [("#E69F00", legendShortage), ("#56B4E9", legendSurplus)], x: margin, top: legendTop, chartWidth: chartWidth,
            across: true)
        let headers = columns.map { TextLayout.lines($0, maxWidth: columnWidth - 6, size: 10, bold: true, maxLines: 3) }
        let headerLines = Double((headers + [coverageLines]).map(\.count).max() ?? 1)
        let top = legendBlock.bottom + 14 + headerLines * 13
        let rowHeight = labels.contains { $0.count > 1 } ? 34.0 : 26.0
        let height = Int(top + max(rowHeight, Double(rows.count) * rowHeight) + 30)
        var svg = header(width: Int(chartWidth), height: height, title: title, description: description)
        svg += textLines(x: margin, y: 28, titleLines, size: 17, lineHeight: 21, weight: "bold")
        svg += legendBlock.svg
        func headerText(_ lines: [String], x: Double) -> String {
            var out = ""
            for (lineIndex, part) in lines.enumerated() {
                let y = top - 10 - Double(lines.count - 1 - lineIndex) * 13
                out += text(x: x, y: y, part, size: 10, weight: "bold", anchor: "middle")
            }
            return out
        }
        for (index, lines) in headers.enumerated() {
            svg += headerText(lines, x: labelWidth + columnWidth * (Double(index) + 0.5))
        }
        let coverageX = chartWidth - coverageWidth / 2
        svg += headerText(coverageLines, x: coverageX)
        for (rowIndex, row) in rows.enumerated() {
            let y = top + Double(rowIndex) * rowHeight
            let mid = y + rowHeight / 2
            if rowIndex % 2 == 0 {
                svg += rect(x: 8, y: y, width: chartWidth - 16, height: rowHeight, fill: "#F5F5F5")
            }
            svg += label(x: labelWidth - 8, middle: mid, labels[rowIndex], size: 12, lineHeight: 14)
            for (index, value) in row.values.enumerated() {
                let center = labelWidth + columnWidth * (Double(index) + 0.5)
                guard let value, value.isFinite else {
                    svg += text(x: center, y: mid + 4, missingText, size: 12, anchor: "middle", fill: "#555555")
                    continue
                }
                svg += line(x1: center, y1: y + 3, x2: center, y2: y + rowHeight - 3, stroke: "#999999", width: 1)
                let clamped = min(max(value, -3), 3)
                let length = (columnWidth / 2 - 6) * clamped.magnitude / 3
                let fill = value >= 0 ? "#E69F00" : "#56B4E9"
                svg += rect(x: value >= 0 ? center : center - length, y: mid - 7, width: length, height: 14, fill: fill)
                let labelX = value >= 0 ? center - 3 : center + 3
                svg += text(x: labelX, y: mid + 4, format.number(value, decimals: 1), size: 10,
                            anchor: value >= 0 ? "end" : "start", fill: "#222222")
            }
            svg += text(x: coverageX, y: mid + 4, row.coverage, size: 12, anchor: "middle")
        }
        return svg + "</svg>\n"
    }

    // MARK: - Heatmap

    /// One heatmap cell.
    public enum HeatCell: Sendable, Hashable {
        case value(Double)
        case suppressed
        case missing
    }

    /// Sector × country heatmap of gap scores 0–100 (viridis), suppressed cells hatched with `C`.
    ///
    /// Sector labels wrap onto two lines and set the label column's width; the legend's items go onto further
    /// rows when they do not fit beside each other.
    public static func heatmap(
        title: String, description: String, rowLabels: [String], columnLabels: [String], cells: [[HeatCell]],
        legendScale: String, legendSuppressed: String, legendMissing: String, format: ReportNumberFormat
    ) -> String {
        let labels = TextLayout.distinctLabels(rowLabels, maxWidth: maxLabelColumn, size: 12, maxLines: 2)
        let labelWidth = margin + max(60, labels.map { TextLayout.width(of: $0, size: 12) }.max() ?? 0) + 8
        let columnCount = Double(max(columnLabels.count, 1))
        let chartWidth = max(Double(width), labelWidth + columnCount * 40 + 20).rounded(.up)
        let columnWidth = min(64.0, (chartWidth - labelWidth - 20) / columnCount)
        let titleLines = TextLayout.lines(title, maxWidth: chartWidth - 2 * margin, size: 17, bold: true, maxLines: 2)
        let top = 70 + Double(titleLines.count - 1) * 21
        let rowHeight = labels.contains { $0.count > 1 } ? 34.0 : 26.0
        let plotHeight = Double(rowLabels.count) * rowHeight
        // Legend: the scale's name, the gradient with 0 / 50 / 100 under it, then the two cell keys.
        let legendY = top + plotHeight + 24
        let scaleLines = TextLayout.lines(legendScale, maxWidth: chartWidth - 2 * margin - 200, size: 12, maxLines: 1)
        let gradientX = margin + TextLayout.width(of: scaleLines, size: 12) + 8
        let keyItems = [("url(#hatch)", "C: " + legendSuppressed), ("#F0F0F0", "–: " + legendMissing)]
        let keyWidth = 26 + keyItems.map { FontMetrics.width($0.1, size: 12) }.max()!
        let besideGradient = gradientX + 240 + keyWidth <= chartWidth - margin
        let keys = legend(
            keyItems, x: besideGradient ? gradientX + 240 : margin, top: besideGradient ? legendY : legendY + 44,
            chartWidth: chartWidth, across: false, key: (20, 14), stroke: "#777777")
        let height = Int(max(legendY + 40, keys.bottom) + 16)
        var svg = header(width: Int(chartWidth), height: height, title: title, description: description)
        svg += "<defs><pattern id=\"hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
            + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#FFFFFF\"/>"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#777777\" stroke-width=\"2\"/></pattern>"
            + "<linearGradient id=\"viridis\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">"
        for (index, stop) in viridis.enumerated() {
            let offset = n(Double(index) / Double(viridis.count - 1) * 100)
            svg += "<stop offset=\"\(offset)%\" stop-color=\"\(hex(stop))\"/>"
        }
        svg += "</linearGradient></defs>\n"
        svg += textLines(x: margin, y: 28, titleLines, size: 17, lineHeight: 21, weight: "bold")
        for (index, label) in columnLabels.enumerated() {
            svg += text(x: labelWidth + columnWidth * (Double(index) + 0.5), y: top - 10, label, size: 12,
                        weight: "bold", anchor: "middle")
        }
        for (rowIndex, lines) in labels.enumerated() {
            let y = top + Double(rowIndex) * rowHeight
            svg += label(x: labelWidth - 8, middle: y + rowHeight / 2, lines, size: 12, lineHeight: 14)
            for (columnIndex, cell) in cells[rowIndex].enumerated() {
                let x = labelWidth + columnWidth * Double(columnIndex)
                let cx = x + columnWidth / 2, cy = y + rowHeight / 2
                switch cell {
                case .value(let value):
                    let colour = viridisColour(value / 100)
                    svg += rect(x: x + 1, y: y + 1, width: columnWidth - 2, height: rowHeight - 2, fill: hex(colour),
                                stroke: nil)
                    let light = luminance(colour) < 0.45
                    svg += text(x: cx, y: cy + 4, format.number(value, decimals: 0),
                                size: 12, anchor: "middle", fill: light ? "#FFFFFF" : "#000000")
                case .suppressed:
                    svg += rect(x: x + 1, y: y + 1, width: columnWidth - 2, height: rowHeight - 2, fill: "url(#hatch)",
                                stroke: "#777777")
                    svg += rect(x: cx - 8, y: cy - 8, width: 16, height: 16, fill: "#FFFFFF")
                    svg += text(x: cx, y: cy + 4, "C", size: 12, weight: "bold", anchor: "middle")
                case .missing:
                    svg += rect(x: x + 1, y: y + 1, width: columnWidth - 2, height: rowHeight - 2, fill: "#F0F0F0",
                                stroke: nil)
                    svg += text(x: cx, y: cy + 4, "–", size: 12, anchor: "middle", fill: "#555555")
                }
            }
        }
        svg += textLines(x: margin, y: legendY + 12, scaleLines, size: 12, lineHeight: 15)
        svg += rect(x: gradientX, y: legendY, width: 200, height: 14, fill: "url(#viridis)")
        for (step, value) in [0.0, 50, 100].enumerated() {
            svg += text(x: gradientX + Double(step) * 100, y: legendY + 30, format.number(value, decimals: 0), size: 11,
                        anchor: "middle")
        }
        return svg + keys.svg + "</svg>\n"
    }

    // MARK: - Private

    static let viridis: [(Double, Double, Double)] = [
        (0x44, 0x01, 0x54), (0x47, 0x2D, 0x7B), (0x3B, 0x52, 0x8B), (0x2C, 0x72, 0x8E), (0x21, 0x91, 0x8C),
        (0x28, 0xAE, 0x80), (0x5E, 0xC9, 0x62), (0xAD, 0xDC, 0x30), (0xFD, 0xE7, 0x25),
    ]

    static func viridisColour(_ t: Double) -> (Double, Double, Double) {
        let clamped = min(max(t.isFinite ? t : 0, 0), 1)
        let position = clamped * Double(viridis.count - 1)
        let index = min(Int(position), viridis.count - 2)
        let fraction = position - Double(index)
        let a = viridis[index], b = viridis[index + 1]
        return (a.0 + (b.0 - a.0) * fraction, a.1 + (b.1 - a.1) * fraction, a.2 + (b.2 - a.2) * fraction)
    }

    static func luminance(_ colour: (Double, Double, Double)) -> Double {
        (0.2126 * colour.0 + 0.7152 * colour.1 + 0.0722 * colour.2) / 255
    }

    static func hex(_ colour: (Double, Double, Double)) -> String {
        let digits = Array("0123456789ABCDEF")
        var out = "#"
        for component in [colour.0, colour.1, colour.2] {
            let value = Int(min(max(component.rounded(), 0), 255))
            out.append(digits[value / 16])
            out.append(digits[value % 16])
        }
        return out
    }

    /// A coordinate with at most one decimal, locale-neutral.
    static func n(_ value: Double) -> String {
        let text = ReportNumberFormat.format(value, decimals: 1, decimalSeparator: ".", groupingSeparator: "")
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Left and right margin of every chart in px.
    static let margin = 16.0
    /// The widest a label column gets before labels wrap (gap bars, heatmap), in px.
    static let maxLabelColumn = 360.0
    /// The narrowest plot of the gap bars before the chart grows wider, in px.
    static let minimumPlot = 280.0
    /// The narrowest sub-index column before the chart grows wider, in px.
    static let minimumColumn = 70.0
    /// The widest a sub-index column gets to fit its header without breaking a word, in px.
    static let maximumColumn = 130.0

    static func header(width: Int, height: Int, title: String, description: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"title desc\" "
            + "font-family=\"\(font)\">\n"
            + "<title id=\"title\">\(ReportEscaping.xml(title))</title>\n"
            + "<desc id=\"desc\">\(ReportEscaping.xml(description))</desc>\n"
            + "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#FFFFFF\"/>\n"
    }

    /// Lines of one text, the first baseline at `y`.
    static func textLines(
        x: Double, y: Double, _ lines: [String], size: Int, lineHeight: Double, weight: String? = nil,
        fill: String = "#000000"
    ) -> String {
        lines.enumerated().map { index, part in
            text(x: x, y: y + Double(index) * lineHeight, part, size: size, weight: weight, fill: fill)
        }.joined()
    }

    /// A right-aligned row label of one or two lines, centred on `middle`, in a `<g class="label">` (the
    /// rendering check reads labels from these groups).
    static func label(x: Double, middle: Double, _ lines: [String], size: Int, lineHeight: Double) -> String {
        let first = middle + 4 - Double(lines.count - 1) * lineHeight / 2
        var out = "<g class=\"label\">"
        for (index, part) in lines.enumerated() {
            out += text(x: x, y: first + Double(index) * lineHeight, part, size: size, anchor: "end")
        }
        return out + "</g>\n"
    }

    /// Legend items (a colour key and its text): side by side from `x` when `across` and they fit before the
    /// right margin, else one under the other; `bottom` is below the last item. Texts are cut with `…` only when
    /// one alone is wider than the chart.
    static func legend(
        _ items: [(fill: String, text: String)], x: Double, top: Double, chartWidth: Double, across: Bool,
        key: (width: Double, height: Double) = (12, 12), stroke: String? = nil
    ) -> (svg: String, bottom: Double) {
        let room = chartWidth - margin - x - key.width - 6
        let shown = items.map { TextLayout.lines($0.text, maxWidth: room, size: 12, maxLines: 1) }
        let widths = shown.map { key.width + 6 + TextLayout.width(of: $0, size: 12) }
        let fitsAcross = x + widths.reduce(0, +) + 24 * Double(max(items.count - 1, 0)) <= chartWidth - margin
        var svg = "", cursor = x, y = top
        for (index, item) in items.enumerated() {
            if index > 0 {
                if across && fitsAcross { cursor += widths[index - 1] + 24 } else { y += key.height + 8 }
            }
            svg += rect(x: cursor, y: y, width: key.width, height: key.height, fill: item.fill, stroke: stroke)
            svg += textLines(x: cursor + key.width + 6, y: y + key.height - 2, shown[index], size: 12, lineHeight: 15,
                             fill: "#333333")
        }
        return (svg, y + max(key.height, 14))
    }

    static func text(
        x: Double, y: Double, _ content: String, size: Int, weight: String? = nil, anchor: String? = nil,
        fill: String = "#000000"
    ) -> String {
        var out = "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(size)\""
        if let weight { out += " font-weight=\"\(weight)\"" }
        if let anchor { out += " text-anchor=\"\(anchor)\"" }
        if fill != "#000000" { out += " fill=\"\(fill)\"" }
        return out + ">\(ReportEscaping.xml(content))</text>\n"
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil) -> String {
        var out = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(width, 0)))\" height=\"\(n(max(height, 0)))\" fill=\"\(fill)\""
        if let stroke { out += " stroke=\"\(stroke)\"" }
        return out + "/>\n"
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double) -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"/>\n"
    }
}
