import Foundation

/// Fixed-point decimal text without locale data, the one rounding rule of every published number (CSV, Markdown,
/// rationale lines): half away from zero on the value's shortest decimal form (docs/report-columns.md).
public enum DecimalText {
    /// `value` with exactly `decimals` digits after `decimalSeparator`, rounded half away from zero on its shortest
    /// decimal form; `–` for NaN or ±∞. Grouping applies to integer parts of four or more digits.
    public static func fixed(_ value: Double, decimals: Int, decimalSeparator: String, groupingSeparator: String) -> String {
        guard value.isFinite else { return "–" }
        precondition(decimals >= 0 && decimals <= 9, "decimals out of range")
        var scale: Double = 1
        for _ in 0..<decimals { scale *= 10 }
        guard value.magnitude * scale < 9.0e15, let units = roundedUnits(value.magnitude, decimals: decimals) else {
            // Beyond exact integer range of Double: fall back to the integer part only.
            return (value < 0 ? "-" : "") + String(format: "%.0f", value.magnitude)
        }
        let divisor = UInt64(scale)
        let integerPart = units / divisor
        let fractionPart = units % divisor
        var text = group(String(integerPart), separator: groupingSeparator)
        if decimals > 0 {
            var fraction = String(fractionPart)
            while fraction.count < decimals { fraction = "0" + fraction }
            text += decimalSeparator + fraction
        }
        return (value < 0 && units != 0 ? "-" : "") + text
    }

    /// `magnitude` × 10^decimals rounded half away from zero, on the number's shortest decimal form (the digits
    /// Swift prints, which read back as the same Double): 469/200 computed as 2.345 (binary 2.34499999…) rounds to
    /// 2.35 at two decimals, as a reader who works with the decimal value expects, not to 2.34.
    static func roundedUnits(_ magnitude: Double, decimals: Int) -> UInt64? {
        let text = magnitude.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        var digits: [UInt8] = []
        var pointAt: Int?
        for character in mantissa.utf8 {
            if character == UInt8(ascii: ".") {
                pointAt = digits.count
            } else if character >= UInt8(ascii: "0"), character <= UInt8(ascii: "9") {
                digits.append(character - UInt8(ascii: "0"))
            } else {
                return nil
            }
        }
        // The digits before the point of magnitude × 10^decimals.
        let keep = (pointAt ?? digits.count) + exponent + decimals
        var units: UInt64 = 0
        for index in 0..<max(keep, 0) {
            let (shifted, overflow) = units.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            units = shifted + UInt64(index < digits.count ? digits[index] : 0)
        }
        if keep >= 0, keep < digits.count, digits[keep] >= 5 { units += 1 }
        return units
    }

    public static func group(_ digits: String, separator: String) -> String {
        guard !separator.isEmpty, digits.count >= 4 else { return digits }
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += separator }
            out.append(character)
        }
        return out
    }}
