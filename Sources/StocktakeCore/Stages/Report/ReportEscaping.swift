import StocktakeModel

/// Escaping of untrusted text (sector names, skill labels, messages, file names) for every output format.
///
/// Nothing from inputs reaches a report as markup: Markdown loses its inline syntax and HTML, SVG/XML gets entity
/// escapes, CSV text cells are neutralized against formula injection.
public enum ReportEscaping {
    // MARK: - Markdown

    /// Inline Markdown text: `\ ` * _ [ ] ~ |` get a backslash, as do `:` in `://` and `.` in `www.` (no autolinks) (with `[` `]` escaped, `(` `)` `!` cannot form a
    /// link or an image), `<` `>` `&` become entities, and line breaks
    /// (CR, LF, U+2028, U+2029) become a space, so text can sit in a table cell or a list item without changing
    /// the structure or becoming a link, an image, or raw HTML.
    public static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousWasBreak = false
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            // GFM's autolink extension would turn `http://…` and `www.…` from inputs into links: `\:` and `\.`
            // there keep them plain text (e-mail addresses are still autolinked by some renderers).
            if scalar == ":", index + 2 < scalars.count, scalars[index + 1] == "/", scalars[index + 2] == "/" {
                out += "\\:"
                previousWasBreak = false
                continue
            }
            if scalar == ".", index >= 3,
               String(String.UnicodeScalarView(scalars[(index - 3)..<index])).lowercased() == "www" {
                out += "\\."
                previousWasBreak = false
                continue
            }
            switch scalar {
            case "\r", "\n", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}", "\u{85}":
                if !previousWasBreak { out += " " }
                previousWasBreak = true
                continue
            case "\\", "`", "*", "_", "[", "]", "~", "|":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\t": out += " "
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { out += "\u{FFFD}" } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            previousWasBreak = false
        }
        return out
    }

    /// Fixed text from the string tables (trusted, reviewed by translators): only what would break a table or
    /// become HTML is escaped (`|`, `<`, `>`, `&`, line breaks), so translations stay readable in the source.
    public static func markdownFixed(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\r", "\n": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text used as code (`sha256`, paths, ids) inside backticks. Backticks and control characters are dropped.
    /// In a table (`inTable`, the default) `|` is escaped as `\\|`, because GFM splits table cells on a pipe even
    /// inside a code span; outside tables the text is kept as is.
    public static func markdownCode(_ text: String, inTable: Bool = true) -> String {
        var out = "`"
        for scalar in text.unicodeScalars where scalar != "`" && scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value) {
            if scalar == "|" && inTable { out += "\\|" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "`"
    }

    // MARK: - XML (SVG)

    /// Text content or attribute value in XML: `& < > " '` become entities; control characters not allowed in
    /// XML 1.0 are dropped; line breaks become spaces.
    public static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r", "\n", "\t": out += " "
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF || (0x7F...0x9F).contains(value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: - CSV formula injection

    /// Neutralizes a text cell against spreadsheet formula injection (OWASP "CSV Injection", CVE-2021-41270).
    ///
    /// Every physical line of the cell is checked: when a line's first character is tab, CR or NUL, or its first
    /// character after leading whitespace (spaces, tabs, NBSP and other Unicode white space) is `=`, `+`, `-` or
    /// `@`, a `'` is inserted at the start of that line. A cell that starts with a line break gets `'` in front.
    /// Only text cells go through this; numbers are written from typed values and are never prefixed.
    public static func neutralizeFormula(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        var lines: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        // Split on LF and on a CR that is not part of CRLF, keeping the terminators in the preceding line.
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "\n" || character == "\r\n" || character == "\r" {
                lines.append(text[start..<next])
                start = next
            }
            index = next
        }
        lines.append(text[start..<text.endIndex])
        var out = ""
        for (number, line) in lines.enumerated() {
            if isDangerousLine(line, isFirst: number == 0) { out += "'" }
            out += line
        }
        return out
    }

    /// Whether a line of a cell would be read as a formula (or starts with a control a spreadsheet strips).
    static func isDangerousLine(_ line: Substring, isFirst: Bool) -> Bool {
        guard let firstScalar = line.unicodeScalars.first else { return false }
        if firstScalar == "\t" || firstScalar == "\0" || firstScalar == "\r" { return true }
        if firstScalar == "\n" { return isFirst }
        for scalar in line.unicodeScalars {
            if scalar == "\r" || scalar == "\n" { return false }
            if scalar.properties.isWhitespace || scalar == "\u{FEFF}" || scalar == "\u{200B}" { continue }
            return scalar == "=" || scalar == "+" || scalar == "-" || scalar == "@" || scalar == "\0"
        }
        return false
    }
}
