import Foundation

extension ResultValue {
    /// The value as a reader sees it inline: numbers with four significant
    /// digits (scientific notation outside 1e-3…1e6), lists in brackets.
    ///
    /// Formatting is locale-independent so pages are byte-identical on every
    /// machine.
    public var formatted: String {
        switch self {
        case .number(let x): return Self.format(x)
        case .integer(let n): return String(n)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .list(let items):
            let shown = items.prefix(12).map(\.formatted)
            let more = items.count > 12 ? ", … (\(items.count) items)" : ""
            return "[" + shown.joined(separator: ", ") + more + "]"
        case .record(let record):
            return "{" + record.fields.prefix(8).map { "\($0.name): \($0.value.formatted)" }
                .joined(separator: ", ") + (record.fields.count > 8 ? ", …" : "") + "}"
        }
    }

    /// Formats a number with `significant` significant digits.
    public static func format(_ x: Double, significant: Int = 4) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        if x == 0 { return "0" }
        if x == x.rounded(), abs(x) < 1e6 {
            return String(Int64(x))
        }
        let magnitude = abs(x)
        if magnitude >= 1e-3 && magnitude < 1e6 {
            let digitsBefore = Int(floor(log10(magnitude))) + 1
            let decimals = max(0, significant - digitsBefore)
            var s = String(format: "%.\(decimals)f", x)
            if s.contains(".") {
                while s.hasSuffix("0") { s.removeLast() }
                if s.hasSuffix(".") { s.removeLast() }
            }
            return s == "-0" ? "0" : s
        }
        var s = String(format: "%.\(significant - 1)e", x)
        // 1.230e-07 → 1.23e-7: shorter, and what a reader expects.
        if let e = s.firstIndex(of: "e") {
            var mantissa = String(s[..<e])
            var exponent = String(s[s.index(after: e)...])
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            let negative = exponent.hasPrefix("-")
            exponent = String(exponent.drop(while: { $0 == "-" || $0 == "+" || $0 == "0" }))
            s = mantissa + "e" + (negative ? "-" : "") + (exponent.isEmpty ? "0" : exponent)
        }
        return s
    }
}
