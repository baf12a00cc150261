/// Charts placed inside an HTML page rather than read as files.
extension SVGChart {
    /// The ids `header` and the heatmap's `<defs>` give: unique in one SVG file, not among several in one page.
    static let elementIDs = ["title", "desc", "hatch", "viridis"]

    /// The XML declaration a chart file starts with.
    static let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// What `inlined` prefixes: per pattern, where in it the prefix goes. Each is an id attribute, a reference to an
    /// id or the `aria-labelledby` of the header.
    private static let prefixedPatterns: [(bytes: [UInt8], insertAt: [Int])] =
        elementIDs.flatMap { id in [(Array("id=\"\(id)\"".utf8), [4]), (Array("\"url(#\(id))\"".utf8), [6])] }
        + [(Array("aria-labelledby=\"title desc\"".utf8), [17, 23])]

    /// `svg` (a chart this type wrote) ready to sit in an HTML page beside other charts: without the XML
    /// declaration, and with every id, and each reference to one (`url(#…)`, `aria-labelledby`), prefixed with
    /// `prefix` and `-`. Only attribute values change: chart text is XML-escaped, so it holds no `"` to match.
    ///
    /// One pass over the UTF-8: each pattern's occurrences are found left to right without overlapping each other
    /// (as replacing them pattern by pattern would), and the prefix is inserted into each. An insertion never makes
    /// or breaks another pattern's occurrence (the prefix holds no `"`), so doing them all at once gives the same
    /// text as doing them one pattern after another.
    static func inlined(_ svg: String, idPrefix prefix: String) -> String {
        let insertion = Array((prefix + "-").utf8)
        var svg = svg
        return svg.withUTF8 { text in
            let declaration = xmlDeclaration.utf8
            let start = text.starts(with: declaration) ? declaration.count : 0
            var points: [Int] = []
            var nextFree = [Int](repeating: start, count: prefixedPatterns.count)
            var i = start
            while i < text.count {
                let byte = text[i]
                if byte == UInt8(ascii: "i") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "a") {
                    for (p, pattern) in prefixedPatterns.enumerated()
                    where pattern.bytes[0] == byte && nextFree[p] <= i && i + pattern.bytes.count <= text.count
                        && pattern.bytes.indices.allSatisfy({ text[i + $0] == pattern.bytes[$0] }) {
                        points += pattern.insertAt.map { i + $0 }
                        nextFree[p] = i + pattern.bytes.count
                    }
                }
                i += 1
            }
            points.sort()
            var out: [UInt8] = []
            out.reserveCapacity(text.count - start + points.count * insertion.count)
            var from = start
            for point in points {
                out += text[from..<point]
                out += insertion
                from = point
            }
            out += text[from...]
            return String(decoding: out, as: UTF8.self)
        }
    }
}
