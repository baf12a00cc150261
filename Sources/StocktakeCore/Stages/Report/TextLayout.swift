/// Fits chart texts into a width measured with `FontMetrics`: word wrap onto a few lines, hard breaks inside a word
/// longer than a line, `…` only when the text still does not fit, and labels that stay distinct when cut.
enum TextLayout {
    /// The widest of `lines` in px.
    static func width(of lines: [String], size: Double, bold: Bool = false) -> Double {
        lines.map { FontMetrics.width($0, size: size, bold: bold) }.max() ?? 0
    }

    /// `text` in at most `maxLines` lines no wider than `maxWidth` px: words wrap at spaces, a word wider than a
    /// line breaks where it must, and the last line ends with `…` when the rest does not fit.
    static func lines(_ text: String, maxWidth: Double, size: Double, bold: Bool = false, maxLines: Int) -> [String] {
        func fits(_ line: String) -> Bool { FontMetrics.width(line, size: size, bold: bold) <= maxWidth }
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: { $0 == " " || $0.isNewline }).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if fits(candidate) {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = word
            while !fits(current) && current.count > 1 {
                let head = longestPrefix(of: current, fitting: fits)
                lines.append(head)
                current = String(current.dropFirst(head.count))
            }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > maxLines else { return lines }
        let rest = lines[(maxLines - 1)...].joined(separator: " ")
        return Array(lines.prefix(maxLines - 1)) + [ellipsized(rest, tail: "", fits: fits)]
    }

    /// `lines(_:…)` for each label; labels that differ but would read the same when cut keep as much of their end
    /// (where the skill or the sector code is) as it takes to tell them apart: `head…tail`.
    static func distinctLabels(_ labels: [String], maxWidth: Double, size: Double, maxLines: Int) -> [[String]] {
        var result = labels.map { lines($0, maxWidth: maxWidth, size: size, maxLines: maxLines) }
        func fits(_ line: String) -> Bool { FontMetrics.width(line, size: size) <= maxWidth }
        var tailLength = 1
        while true {
            let groups = Dictionary(grouping: labels.indices, by: { result[$0] })
            let clashing = groups.values.filter { group in Set(group.map { labels[$0] }).count > 1 }.flatMap { $0 }
            guard !clashing.isEmpty, tailLength <= (labels.map(\.count).max() ?? 0) else { return result }
            for index in clashing {
                let full = lines(labels[index], maxWidth: .infinity, size: size, maxLines: 1)[0]
                let kept = Array(result[index].dropLast())
                let shown = kept.joined(separator: " ")
                let rest = String(full.dropFirst(min(shown.count + (shown.isEmpty ? 0 : 1), full.count)))
                result[index] = kept + [ellipsized(rest, tail: String(rest.suffix(tailLength)), fits: fits)]
            }
            tailLength += 1
        }
    }

    // MARK: - Private

    /// The longest start of `text` (at least one character) that `fits`.
    private static func longestPrefix(of text: String, fitting fits: (String) -> Bool) -> String {
        var low = 1, high = text.count
        while low < high {
            let middle = (low + high + 1) / 2
            if fits(String(text.prefix(middle))) { low = middle } else { high = middle - 1 }
        }
        return String(text.prefix(low))
    }

    /// `text` when it fits, else its longest start followed by `…` and `tail` that fits.
    private static func ellipsized(_ text: String, tail: String, fits: (String) -> Bool) -> String {
        if tail.isEmpty && fits(text) { return text }
        let body = tail.isEmpty ? text : String(text.dropLast(tail.count))
        var low = 0, high = body.count
        while low < high {
            let middle = (low + high + 1) / 2
            let candidate = String(body.prefix(middle)).trimmingTrailingSpaces + "…" + tail
            if fits(candidate) { low = middle } else { high = middle - 1 }
        }
        return String(body.prefix(low)).trimmingTrailingSpaces + "…" + tail
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var out = self
        while out.last == " " { out.removeLast() }
        return out
    }
}
