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
    public static func gapBars(
        title: String, description: String, axisLabel: String, emptyText: String, bars: [Bar],
        format: ReportNumberFormat
    ) -> String {
        let left = 340.0, right = 740.0, top = 64.0, rowHeight = 28.0
        let plotHeight = max(rowHeight, Double(bars.count) * rowHeight)
        let height = Int(top + plotHeight + 56)
        var svg = header(height: height, title: title, description: description)
        svg += text(x: 16, y: 28, title, size: 17, weight: "bold")
        svg += text(x: 16, y: 48, axisLabel, size: 12, fill: "#333333")
        func x(_ value: Double) -> Double { left + (right - left) * min(max(value, 0), 100) / 100 }
        for tick in stride(from: 0, through: 100, by: 25) {
            let tx = x(Double(tick))
            svg += line(x1: tx, y1: top - 4, x2: tx, y2: top + plotHeight, stroke: "#DDDDDD", width: 1)
            svg += text(x: tx, y: top + plotHeight + 18, format.number(Double(tick), decimals: 0), size: 12, anchor: "middle")
        }
        if bars.isEmpty {
            svg += text(x: left, y: top + 18, emptyText, size: 13, fill: "#333333")
        }
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            let mid = y + rowHeight / 2
            svg += text(x: left - 10, y: mid + 4, truncate(bar.label, 46), size: 12, anchor: "end")
            svg += rect(x: left, y: mid - 8, width: x(bar.value) - left, height: 16, fill: "#0072B2")
            var end = x(bar.value)
            if let low = bar.low, let high = bar.high {
                let x1 = x(low), x2 = x(high)
                svg += line(x1: x1, y1: mid, x2: x2, y2: mid, stroke: "#000000", width: 1.5)
                svg += line(x1: x1, y1: mid - 6, x2: x1, y2: mid + 6, stroke: "#000000", width: 1.5)
                svg += line(x1: x2, y1: mid - 6, x2: x2, y2: mid + 6, stroke: "#000000", width: 1.5)
                end = max(end, x2)
            }
            let label = format.number(bar.value, decimals: 1) + (bar.flags.isEmpty ? "" : " " + bar.flags)
            svg += text(x: end + 6, y: mid + 4, label, size: 12)
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
    public static func subIndices(
        title: String, description: String, legendShortage: String, legendSurplus: String, missingText: String,
        columns: [String],
        coverageHeader: String, rows: [SubIndexRow], format: ReportNumberFormat
    ) -> String {
        let labelWidth = 210.0, top = 112.0, rowHeight = 26.0
        let columnWidth = (Double(width) - labelWidth - 64) / Double(max(columns.count, 1))
        let height = Int(top + max(rowHeight, Double(rows.count) * rowHeight) + 30)
        var svg = header(height: height, title: title, description: description)
        svg += text(x: 16, y: 28, title, size: 17, weight: "bold")
        svg += rect(x: 16, y: 40, width: 12, height: 12, fill: "#E69F00")
        svg += text(x: 34, y: 50, legendShortage, size: 12, fill: "#333333")
        svg += rect(x: 400, y: 40, width: 12, height: 12, fill: "#56B4E9")
        svg += text(x: 418, y: 50, legendSurplus, size: 12, fill: "#333333")
        for (index, column) in columns.enumerated() {
            let cx = labelWidth + columnWidth * (Double(index) + 0.5)
            // Armenian and Georgian glyphs are wider than Latin and Cyrillic ones in DejaVu Sans.
            let wide = column.unicodeScalars.contains { (0x0530...0x058F).contains($0.value) || (0x10A0...0x10FF).contains($0.value) }
            let lines = wrap(column, width: wide ? 10 : 12, maxLines: 3)
            for (lineIndex, part) in lines.enumerated() {
                let y = top - 10 - Double(lines.count - 1 - lineIndex) * 13
                svg += text(x: cx, y: y, part, size: 10, weight: "bold", anchor: "middle")
            }
        }
        let coverageX = Double(width) - 36
        svg += text(x: coverageX, y: top - 10, truncate(coverageHeader, 9), size: 10, weight: "bold", anchor: "middle")
        for (rowIndex, row) in rows.enumerated() {
            let y = top + Double(rowIndex) * rowHeight
            let mid = y + rowHeight / 2
            if rowIndex % 2 == 0 {
                svg += rect(x: 8, y: y, width: Double(width - 16), height: rowHeight, fill: "#F5F5F5")
            }
            svg += text(x: labelWidth - 8, y: mid + 4, truncate(row.label, 26), size: 12, anchor: "end")
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
    public static func heatmap(
        title: String, description: String, rowLabels: [String], columnLabels: [String], cells: [[HeatCell]],
        legendScale: String, legendSuppressed: String, legendMissing: String, format: ReportNumberFormat
    ) -> String {
        let labelWidth = 260.0, top = 70.0, rowHeight = 26.0
        let columnWidth = min(64.0, (Double(width) - labelWidth - 20) / Double(max(columnLabels.count, 1)))
        let plotHeight = Double(rowLabels.count) * rowHeight
        let height = Int(top + plotHeight + 90)
        var svg = header(height: height, title: title, description: description)
        svg += "<defs><pattern id=\"hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
            + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#FFFFFF\"/>"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#777777\" stroke-width=\"2\"/></pattern>"
            + "<linearGradient id=\"viridis\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">"
        for (index, stop) in viridis.enumerated() {
            let offset = n(Double(index) / Double(viridis.count - 1) * 100)
            svg += "<stop offset=\"\(offset)%\" stop-color=\"\(hex(stop))\"/>"
        }
        svg += "</linearGradient></defs>\n"
        svg += text(x: 16, y: 28, title, size: 17, weight: "bold")
        for (index, label) in columnLabels.enumerated() {
            svg += text(x: labelWidth + columnWidth * (Double(index) + 0.5), y: top - 10, label, size: 12,
                        weight: "bold", anchor: "middle")
        }
        for (rowIndex, label) in rowLabels.enumerated() {
            let y = top + Double(rowIndex) * rowHeight
            svg += text(x: labelWidth - 8, y: y + rowHeight / 2 + 4, truncate(label, 34), size: 12, anchor: "end")
            for (columnIndex, cell) in cells[rowIndex].enumerated() {
                let x = labelWidth + columnWidth * Double(columnIndex)
                switch cell {
                case .value(let value):
                    let colour = viridisColour(value / 100)
                    svg += rect(x: x + 1, y: y + 1, width: columnWidth - 2, height: rowHeight - 2, fill: hex(colour),
                                stroke: nil)
                    let light = luminance(colour) < 0.45
                    svg += text(x: x + columnWidth / 2, y: y + rowHeight / 2 + 4, format.number(value, decimals: 0),
                                size: 12, anchor: "middle", fill: light ? "#FFFFFF" : "#000000")
                case .suppressed:
                    svg += rect(x: x + 1, y: y + 1, width: columnWidth - 2, height: rowHeight - 2, fill: "url(#hatch)",
                                stroke: "#777777")
                    svg += rect(x: x + columnWidth / 2 - 8, y: y + rowHeight / 2 - 8, width: 16, height: 16, fill: "#FFFFFF")
                    svg += text(x: x + columnWidth / 2, y: y + rowHeight / 2 + 4, "C", size: 12, weight: "bold",
                                anchor: "middle")
                case .missing:
                    svg += rect(x: x + 1, y: y + 1, width: columnWidth - 2, height: rowHeight - 2, fill: "#F0F0F0",
                                stroke: nil)
                    svg += text(x: x + columnWidth / 2, y: y + rowHeight / 2 + 4, "–", size: 12, anchor: "middle",
                                fill: "#555555")
                }
            }
        }
        let legendY = top + plotHeight + 24
        svg += text(x: 252, y: legendY + 12, legendScale, size: 12, anchor: "end")
        svg += rect(x: 260, y: legendY, width: 200, height: 14, fill: "url(#viridis)")
        svg += text(x: 260, y: legendY + 30, format.number(0, decimals: 0), size: 11, anchor: "middle")
        svg += text(x: 360, y: legendY + 30, format.number(50, decimals: 0), size: 11, anchor: "middle")
        svg += text(x: 460, y: legendY + 30, format.number(100, decimals: 0), size: 11, anchor: "middle")
        svg += rect(x: 500, y: legendY, width: 20, height: 14, fill: "url(#hatch)", stroke: "#777777")
        svg += text(x: 526, y: legendY + 12, "C: " + legendSuppressed, size: 12)
        svg += rect(x: 500, y: legendY + 22, width: 20, height: 14, fill: "#F0F0F0", stroke: "#777777")
        svg += text(x: 526, y: legendY + 34, "–: " + legendMissing, size: 12)
        return svg + "</svg>\n"
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

    static func header(height: Int, title: String, description: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"title desc\" "
            + "font-family=\"\(font)\">\n"
            + "<title id=\"title\">\(ReportEscaping.xml(title))</title>\n"
            + "<desc id=\"desc\">\(ReportEscaping.xml(description))</desc>\n"
            + "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#FFFFFF\"/>\n"
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

    /// At most `limit` characters, with `…` when cut.
    static func truncate(_ text: String, _ limit: Int) -> String {
        let single = text.split(whereSeparator: { $0.isNewline }).joined(separator: " ")
        guard single.count > limit else { return single }
        return String(single.prefix(limit - 1)) + "…"
    }

    /// Greedy word wrap into at most `maxLines` lines of about `width` characters; a word longer than a line is
    /// split with a hyphen.
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var words: [String] = []
        for word in text.split(separator: " ").map(String.init) {
            var rest = word
            while rest.count > width {
                words.append(String(rest.prefix(width - 1)) + "-")
                rest = String(rest.dropFirst(width - 1))
            }
            words.append(rest)
        }
        for word in words {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            let kept = Array(lines.prefix(maxLines - 1))
            let rest = lines.dropFirst(maxLines - 1).joined(separator: " ")
            return kept + [truncate(rest, width)]
        }
        return lines.map { truncate($0, width) }
    }
}
