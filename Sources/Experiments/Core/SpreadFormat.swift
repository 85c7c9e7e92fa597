import LessonSupport
import Foundation

/// "93.2 ± 0.4 %": a mean and a standard deviation written with the same
/// decimals, two significant digits of the deviation.
public enum SpreadFormat {
    public static func meanSD(_ mean: Double, _ sd: Double, style: NumberStyle, unit: String = "") -> String {
        let scale = style == .percent ? 100.0 : 1.0
        let m = mean * scale, s = sd * scale
        let suffix = style == .percent ? " %" : unit.isEmpty ? "" : (unit == "×" ? unit : " " + unit)
        guard m.isFinite, s.isFinite else { return ResultValue.format(m) + " ± " + ResultValue.format(s) + suffix }
        let magnitude = max(abs(m), s)
        if magnitude != 0, magnitude < 1e-3 || magnitude >= 1e6 {
            return ResultValue.format(m) + " ± " + ResultValue.format(s, significant: 2) + suffix
        }
        let decimals: Int
        if s > 0 {
            decimals = min(6, max(0, 1 - Int(floor(log10(s)))))
        } else {
            decimals = style == .integer ? 0 : min(6, max(0, 3 - Int(floor(log10(max(abs(m), 1e-12))))))
        }
        func text(_ x: Double) -> String { NumberFormat.decimal(x, decimals: decimals) }
        return text(m) + " ± " + text(s) + suffix
    }
}
