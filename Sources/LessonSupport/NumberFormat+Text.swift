import Foundation

/// The one number formatter for what a reader sees: cards, table cells,
/// inline values in prose, notes and chart labels.
///
/// - A true minus sign (U+2212), never a hyphen.
/// - "NaN" for not-a-number (never "nan" or "-nan"), "∞" / "−∞".
/// - Large and small magnitudes as "1.39×10⁻¹¹": the same notation as the
///   charts' tick labels.
/// - Locale-independent and without `String(format:)`, so every machine
///   writes the same bytes.
extension NumberFormat {
    /// `value` with `digits` significant digits, trailing zeros removed:
    /// "0.417", "1235", "−0.5", "1.235×10⁻⁵". Whole numbers below a million
    /// print without decimals. Meant for single values (cards, prose).
    public static func significant(_ value: Double, digits: Int = 4) -> String {
        if let special = nonFinite(value) { return special }
        if value == 0 { return "0" }
        let digits = min(max(digits, 1), 15)
        let magnitude = abs(value)
        let sign = value < 0 ? minus : ""
        if magnitude == magnitude.rounded(), magnitude < 1e6 {
            return sign + fixed(magnitude, maxDecimals: 0)
        }
        // Round first, so 999.97 with four digits becomes "1000", not "999.97".
        var exponent = exponent10(magnitude)
        let unit = power10(exponent - digits + 1)
        let rounded = (magnitude / unit).rounded() * unit
        exponent = exponent10(rounded)
        if rounded >= 1e-3, rounded < 1e6 {
            let decimals = max(0, digits - 1 - exponent)
            return sign + fixed(rounded, maxDecimals: decimals)
        }
        return sign + scientific(rounded, significant: digits, trimZeros: true)
    }

    /// `value` with exactly `decimals` decimals ("0.250", "−1.00"): for
    /// columns and for the `:.3f` inline format.
    public static func decimal(_ value: Double, decimals: Int) -> String {
        if let special = nonFinite(value) { return special }
        let decimals = min(max(decimals, 0), 15)
        var text = fixed(abs(value), maxDecimals: decimals)
        let point = text.firstIndex(of: ".")
        let shown = point.map { text.distance(from: text.index(after: $0), to: text.endIndex) } ?? 0
        if decimals > 0 {
            if point == nil { text += "." }
            text += String(repeating: "0", count: max(0, decimals - shown))
        }
        let isZero = !text.contains { ("1"..."9").contains($0) }
        return (value < 0 && !isZero ? minus : "") + text
    }

    /// `fraction` as a percentage with `decimals` decimals and a space before
    /// the sign: 0.9742 → "97.4 %". The page keeps number and sign on one line.
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        if let special = nonFinite(fraction) { return special }
        return decimal(fraction * 100, decimals: decimals) + " %"
    }

    /// `value` in scientific notation with `decimals` decimals in the
    /// mantissa: "1.39×10⁻¹¹" (the `:.2e` inline format).
    public static func scientific(_ value: Double, decimals: Int) -> String {
        if let special = nonFinite(value) { return special }
        if value == 0 { return decimal(0, decimals: decimals) }
        return (value < 0 ? minus : "") + scientific(abs(value), significant: min(max(decimals, 0), 14) + 1, trimZeros: false)
    }

    /// "NaN", "∞", "−∞", or nil for a finite value.
    static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? minus + "∞" : "∞" }
        return nil
    }

    private static func scientific(_ magnitude: Double, significant digits: Int, trimZeros: Bool) -> String {
        var exponent = exponent10(magnitude)
        var mantissa = magnitude / power10(exponent)
        let unit = power10(-(digits - 1))
        mantissa = (mantissa / unit).rounded() * unit
        if mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        let text = trimZeros ? fixed(mantissa, maxDecimals: digits - 1) : decimal(mantissa, decimals: digits - 1)
        return text + "×10" + superscript(exponent)
    }
}

/// How every number in one table column is written, so that the decimal
/// points line up: the same number of decimals for every cell, or scientific
/// notation for all of them when the magnitudes span too much for that.
public struct ColumnFormat: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case decimals(Int)
        case scientific(decimals: Int)
        case percent(decimals: Int)
    }

    public var style: Style

    public init(_ style: Style) { self.style = style }

    /// Picks one precision for `values`: enough decimals for the smallest
    /// non-zero magnitude to show `significant` significant digits, at most
    /// six; when that is not enough, or the magnitudes span three decades or
    /// more, scientific notation for the whole column (0.317 beside 0.000102
    /// would need six decimals: 3.17×10⁻¹ beside 1.02×10⁻⁴ reads better).
    /// Percent columns (`percent: true`) hold fractions shown as "97.4 %".
    public init(fitting values: [Double], significant: Int = 3, percent: Bool = false) {
        let scale = percent ? 100.0 : 1.0
        let magnitudes = values.filter { $0.isFinite && $0 != 0 }.map { abs($0 * scale) }
        guard let largest = magnitudes.max(), let smallest = magnitudes.min() else {
            style = percent ? .percent(decimals: 1) : .decimals(0)
            return
        }
        let allWhole = values.allSatisfy { !$0.isFinite || ($0 * scale).rounded() == $0 * scale }
        if allWhole, largest < 1e6 {
            style = percent ? .percent(decimals: 0) : .decimals(0)
            return
        }
        let decimals = max(0, significant - 1 - NumberFormat.exponent10(smallest))
        if percent {
            style = .percent(decimals: min(decimals, 3))
        } else if decimals > 6 || largest >= 1e6 || largest / smallest >= 1e3 {
            style = .scientific(decimals: max(significant - 1, 1))
        } else {
            style = .decimals(decimals)
        }
    }

    public func format(_ value: Double) -> String {
        switch style {
        case .decimals(let d): return NumberFormat.decimal(value, decimals: d)
        case .scientific(let d): return value == 0 ? "0" : NumberFormat.scientific(value, decimals: d)
        case .percent(let d): return NumberFormat.percent(value, decimals: d)
        }
    }
}
