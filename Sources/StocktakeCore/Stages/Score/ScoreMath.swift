import Foundation
import StocktakeModel

/// Small numerical helpers of the score stage (normal quantile, Kendall's tau, clamping, fixed formatting).
public enum ScoreMath {
    /// The standard normal quantile Φ⁻¹(p) for 0 < p < 1 (Acklam's rational approximation refined by one
    /// Halley step; absolute error below 1e-12 in double precision).
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "normalQuantile needs 0 < p < 1")
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                 -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                 -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5
            let r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        // One Halley refinement step with the complementary error function.
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// The two-sided critical value z for a confidence level (1.959964 for 0.95).
    public static func criticalValue(confidenceLevel: Double) -> Double {
        normalQuantile(0.5 + confidenceLevel / 2)
    }

    /// Kendall's tau-a between two rankings of the same items: (concordant − discordant) / (m(m−1)/2).
    ///
    /// Returns 1 when fewer than two items are compared.
    public static func kendallTau(_ x: [Int], _ y: [Int]) -> Double {
        precondition(x.count == y.count)
        let m = x.count
        if m < 2 { return 1 }
        var s = 0
        for i in 0..<m {
            for j in (i + 1)..<m {
                let a = (x[i] - x[j]).signum() * (y[i] - y[j]).signum()
                s += a
            }
        }
        return Double(s) / Double(m * (m - 1) / 2)
    }

    /// `value` limited to `range`.
    public static func clamp(_ value: Double, _ range: ClosedRange<Double>) -> Double {
        min(max(value, range.lowerBound), range.upperBound)
    }

    /// Fixed-precision, locale-independent decimal text (`-0.000` is printed `0.000`).
    public static func fixed(_ value: Double, _ digits: Int = 3) -> String {
        DecimalText.fixed(value, decimals: digits, decimalSeparator: ".", groupingSeparator: "")
    }
}
