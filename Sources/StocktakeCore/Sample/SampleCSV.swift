import StocktakeModel

/// RFC 4180 field quoting and fixed number formatting for the sample writers.
enum SampleCSV {
    /// `text` as one CSV field: quoted (embedded quotes doubled) when it holds a comma, quote or line break.
    static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }

    /// Decimal digits of a non-negative `value`, left-padded with zeros to `width`.
    static func zeroPadded(_ value: Int, width: Int) -> [UInt8] {
        var digits = Array(String(value).utf8)
        if digits.count < width {
            digits.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "0"), count: width - digits.count), at: 0)
        }
        return digits
    }

    /// `value` with `decimals` digits after the point, POSIX style (a `.`, no grouping), rounding half away
    /// from zero.
    static func decimal(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let integer = Int(scaled)
        var text = String(integer / Int(scale))
        if decimals > 0 {
            let fraction = String(integer % Int(scale))
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return (value < 0 && integer != 0 ? "-" : "") + text
    }
}
