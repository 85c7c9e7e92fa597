import LessonSupport
import Experiments
import Foundation

/// The optional format after a `:` in an inline reference:
/// `=drop.accuracy:%` → "97.2 %", `=sm.loss:.3f` → "0.417", `:.2e`, `:.3g`.
public enum InlineFormat: Sendable, Equatable {
    case automatic
    case percent(decimals: Int)
    case fixed(decimals: Int)
    case scientific(decimals: Int)
    case significant(digits: Int)
    case invalid(String)

    /// Splits "expr:fmt" at the last ':' outside quotes and brackets (a slice,
    /// `x[0:5]`, keeps its colon).
    public static func split(_ text: String) -> (String, InlineFormat) {
        var inQuote: Character?
        var colon: String.Index?
        var depth = 0
        for index in text.indices {
            let c = text[index]
            if let q = inQuote {
                if c == q { inQuote = nil }
            } else if c == "'" || c == "\"" {
                inQuote = c
            } else if c == "[" {
                depth += 1
            } else if c == "]" {
                depth = max(depth - 1, 0)
            } else if c == ":", depth == 0 {
                colon = index
            }
        }
        guard let colon else { return (text.trimmingCharacters(in: .whitespaces), .automatic) }
        let expression = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
        let spec = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        return (expression, parse(spec))
    }

    public static func parse(_ spec: String) -> InlineFormat {
        if spec == "%" { return .percent(decimals: 1) }
        guard spec.hasPrefix("."), spec.count >= 3, let kind = spec.last,
              let n = Int(spec.dropFirst().dropLast()), (0...12).contains(n) else { return .invalid(spec) }
        switch kind {
        case "%": return .percent(decimals: n)
        case "f": return .fixed(decimals: n)
        case "e": return .scientific(decimals: n)
        case "g": return .significant(digits: max(1, n))
        default: return .invalid(spec)
        }
    }

    /// Throws for a format that does not parse, whatever the value.
    public func validate() throws(ExpressionError) {
        if case .invalid(let spec) = self {
            throw ExpressionError("unknown format ':\(spec)'; use ':%', ':.1%', ':.3f', ':.2e' or ':.4g'")
        }
    }

    public func apply(_ value: ResultValue) throws(ExpressionError) -> String {
        if case .automatic = self { return value.formatted }
        try validate()
        guard let x = value.doubleValue else {
            throw ExpressionError("the format applies to numbers, but the value is \(value.typeNameWithArticle)")
        }
        switch self {
        case .percent(let d): return NumberFormat.percent(x, decimals: d)
        case .fixed(let d): return NumberFormat.decimal(x, decimals: d)
        case .scientific(let d): return NumberFormat.scientific(x, decimals: d)
        case .significant(let n): return ResultValue.format(x, significant: n)
        default: return value.formatted
        }
    }
}
