import Foundation

/// Deterministic number formatting for charts: tick labels, coordinates and
/// values shown in tooltips.
///
/// Everything here is pure integer-and-`Double` arithmetic — no locale, no
/// `String(format:)` — so the same value formats to the same bytes on every
/// platform, which is what keeps chart snapshots byte-identical.
public enum NumberFormat {
    /// The typographic minus used in labels ("−0.5", not "-0.5").
    public static let minus = "\u{2212}"

    /// `value` with at most `maxDecimals` decimals, trailing zeros removed and
    /// never "-0"; an ASCII hyphen for negatives. Meant for SVG coordinates.
    ///
    ///     fixed(12.3456, maxDecimals: 2) == "12.35"
    ///     fixed(-0.001, maxDecimals: 2) == "0"
    public static func fixed(_ value: Double, maxDecimals: Int) -> String {
        fixedDigits(value, maxDecimals: maxDecimals, minus: "-")
    }

    /// Labels for the ticks of one axis, all multiples of `10^stepExponent`.
    ///
    /// Uses as many decimals as the step needs (and no more), k/M/G/T
    /// suffixes from a thousand up ("1k", "2.5M"), and `2×10⁻⁵` notation for
    /// the whole axis when its largest tick is below 0.001 or from 10¹⁵ up.
    public static func tickLabels(_ values: [Double], stepExponent: Int) -> [String] {
        let largest = values.lazy.filter(\.isFinite).map(abs).max() ?? 0
        let scientific = largest > 0 && (largest < 1e-3 || largest >= 1e15)
        let zeroTolerance = power10(stepExponent) * 1e-6
        return values.map { value in
            guard value.isFinite else { return "" }
            if abs(value) <= zeroTolerance { return "0" }
            let sign = value < 0 ? minus : ""
            let magnitude = abs(value)
            if scientific {
                return sign + scientificDigits(magnitude, decimalsBelow: stepExponent)
            }
            let (scaleExponent, suffix) = suffix(for: magnitude)
            let decimals = max(0, scaleExponent - stepExponent)
            return sign + fixedDigits(magnitude / power10(scaleExponent), maxDecimals: decimals, minus: "") + suffix
        }
    }

    /// A single label for `10^exponent`: "0.01", "1", "100", "1k", or with
    /// `superscript` "10⁻²", "10⁰", "10²".
    public static func decade(_ exponent: Int, superscript: Bool) -> String {
        if superscript { return "10" + NumberFormat.superscript(exponent) }
        return tickLabels([power10(exponent)], stepExponent: exponent)[0]
    }

    /// `value` rounded to `significantDigits` significant digits in the same
    /// compact style as tick labels: "0.00123", "0.25", "12.3", "1.5k", "2.5M".
    /// For tooltips and inline values; "NaN", "∞" and "−∞" for non-finite input.
    public static func compact(_ value: Double, significantDigits: Int = 3) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? minus + "∞" : "∞" }
        if value == 0 { return "0" }
        let digits = min(max(significantDigits, 1), 15)
        let sign = value < 0 ? minus : ""
        var magnitude = abs(value)
        var exponent = exponent10(magnitude)
        // Round first, so 999.7 with three digits becomes "1k", not "1000".
        let unit = power10(exponent - digits + 1)
        magnitude = (magnitude / unit).rounded() * unit
        exponent = exponent10(magnitude)
        if magnitude < 1e-3 || magnitude >= 1e15 {
            return sign + scientificDigits(magnitude, decimalsBelow: exponent - digits + 1)
        }
        let (scaleExponent, suffix) = suffix(for: magnitude)
        let decimals = max(0, scaleExponent - (exponent - digits + 1))
        return sign + fixedDigits(magnitude / power10(scaleExponent), maxDecimals: decimals, minus: "") + suffix
    }

    /// `exponent` in Unicode superscript digits: -3 → "⁻³".
    public static func superscript(_ exponent: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        var text = String(exponent.magnitude).map { digits[Int($0.asciiValue! - 48)] }
        if exponent < 0 { text.insert("⁻", at: 0) }
        return String(text)
    }

    // MARK: - Internals

    /// `floor(log10(x))` for positive finite `x`, robust to `log10` landing a
    /// hair below an exact power of ten.
    public static func exponent10(_ x: Double) -> Int {
        guard x > 0, x.isFinite else { return 0 }
        var exponent = Int((log10(x) + 1e-12).rounded(.down))
        // Correct the rare off-by-one at exact powers.
        if power10(exponent + 1) <= x { exponent += 1 }
        if power10(exponent) > x * (1 + 1e-12) { exponent -= 1 }
        return exponent
    }

    /// 10^k, exact for |k| ≤ 22.
    public static func power10(_ exponent: Int) -> Double {
        if (0...22).contains(exponent) { return exactPowers[exponent] }
        if (-22..<0).contains(exponent) { return 1 / exactPowers[-exponent] }
        return pow(10, Double(exponent))
    }

    private static let exactPowers: [Double] = (0...22).reduce(into: []) { powers, k in
        powers.append(k == 0 ? 1 : powers[k - 1] * 10)
    }

    private static func suffix(for magnitude: Double) -> (Int, String) {
        if magnitude >= 1e12 { return (12, "T") }
        if magnitude >= 1e9 { return (9, "G") }
        if magnitude >= 1e6 { return (6, "M") }
        if magnitude >= 1e3 { return (3, "k") }
        return (0, "")
    }

    /// "2.5×10⁻⁵" for a positive magnitude, with the mantissa precise enough
    /// to show multiples of `10^decimalsBelow`.
    private static func scientificDigits(_ magnitude: Double, decimalsBelow stepExponent: Int) -> String {
        var exponent = exponent10(magnitude)
        var mantissa = fixedDigits(magnitude / power10(exponent), maxDecimals: min(max(0, exponent - stepExponent), 15), minus: "")
        if mantissa == "10" {
            exponent += 1
            mantissa = "1"
        }
        return mantissa + "×10" + superscript(exponent)
    }

    private static func fixedDigits(_ value: Double, maxDecimals: Int, minus: String) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? minus + "inf" : "inf" }
        var decimals = min(max(maxDecimals, 0), 17)
        let magnitude = abs(value)
        var scaled = (magnitude * power10(decimals)).rounded()
        while scaled >= 9e15, decimals > 0 {
            decimals -= 1
            scaled = (magnitude * power10(decimals)).rounded()
        }
        if scaled >= 9e15 {
            // Beyond 2⁵³ every Double is an integer: write all its digits, as
            // printf's %.0f does, never String(describing:)'s "1e+39".
            return (value < 0 ? minus : "") + integerDigits(magnitude.rounded())
        }
        var integer = UInt64(scaled)
        if integer == 0 { return "0" }
        while decimals > 0, integer % 10 == 0 {
            integer /= 10
            decimals -= 1
        }
        // The digits as bytes, last first, with the point after `decimals`
        // of them and a leading "0." where needed: this writes every
        // coordinate of every chart, and String's Character indexing was a
        // fifth of drawing one.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        var rest = integer
        var count = 0
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
            count += 1
            if count == decimals { bytes.append(UInt8(ascii: ".")) }
        } while rest > 0 || count <= decimals
        bytes.reverse()
        let digits = String(decoding: bytes, as: UTF8.self)
        return value < 0 ? minus + digits : digits
    }

    /// The exact decimal digits of a finite, non-negative, integral `value`
    /// (1e39 → "1000000000000000044885712678075916785549312"): its
    /// significand doubled `exponent` times in base-10⁹ limbs.
    static func integerDigits(_ value: Double) -> String {
        guard value >= 1 else { return "0" }
        let shift = Int(value.exponent) - Double.significandBitCount
        guard shift > 0 else { return String(UInt64(value)) }
        var limbs = [UInt64(value.significandBitPattern | (1 << UInt64(Double.significandBitCount)))]
        limbs = [limbs[0] % 1_000_000_000, limbs[0] / 1_000_000_000 % 1_000_000_000,
                 limbs[0] / 1_000_000_000_000_000_000]
        for _ in 0..<shift {
            var carry: UInt64 = 0
            for index in limbs.indices {
                let doubled = limbs[index] * 2 + carry
                limbs[index] = doubled % 1_000_000_000
                carry = doubled / 1_000_000_000
            }
            if carry > 0 { limbs.append(carry) }
        }
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
        var text = String(limbs.last!)
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }
}
