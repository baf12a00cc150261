import Foundation

/// Charts placed inside an HTML page rather than read as files.
extension SVGChart {
    /// The ids `header` and the heatmap's `<defs>` give: unique in one SVG file, not among several in one page.
    static let elementIDs = ["title", "desc", "hatch", "viridis"]

    /// `svg` (a chart this type wrote) ready to sit in an HTML page beside other charts: without the XML
    /// declaration, and with every id, and each reference to one (`url(#…)`, `aria-labelledby`), prefixed with
    /// `prefix` and `-`. Only attribute values change: chart text is XML-escaped, so it holds no `"` to match.
    static func inlined(_ svg: String, idPrefix prefix: String) -> String {
        var out = svg
        let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        if out.hasPrefix(declaration) { out.removeFirst(declaration.count) }
        for id in elementIDs {
            out = out.replacingOccurrences(of: "id=\"\(id)\"", with: "id=\"\(prefix)-\(id)\"")
            out = out.replacingOccurrences(of: "\"url(#\(id))\"", with: "\"url(#\(prefix)-\(id))\"")
        }
        return out.replacingOccurrences(of: "aria-labelledby=\"title desc\"",
                                        with: "aria-labelledby=\"\(prefix)-title \(prefix)-desc\"")
    }
}
