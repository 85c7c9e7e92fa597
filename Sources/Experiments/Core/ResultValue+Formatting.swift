import LessonSupport
import Foundation

extension ResultValue {
    /// The value as a reader sees it inline: numbers with four significant
    /// digits (scientific notation, "1.2×10⁻⁵", outside 1e-3…1e6), lists in brackets.
    ///
    /// Formatting is locale-independent so pages are byte-identical on every
    /// machine.
    public var formatted: String {
        switch self {
        case .number(let x): return Self.format(x)
        case .integer(let n): return n < 0 ? NumberFormat.minus + String(n.magnitude) : String(n)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .list(let items):
            let shown = items.prefix(12).map(\.formatted)
            let more = items.count > 12 ? ", … (\(items.count.grouped) items)" : ""
            return "[" + shown.joined(separator: ", ") + more + "]"
        case .record(let record):
            return "{" + record.fields.prefix(8).map { "\($0.name): \($0.value.formatted)" }
                .joined(separator: ", ") + (record.fields.count > 8 ? ", …" : "") + "}"
        }
    }

    /// Formats a number with `significant` significant digits, through the
    /// one formatter pages use everywhere (``NumberFormat/significant(_:digits:)``):
    /// "0.417", "−0.5", "1.235×10⁻⁵", "NaN".
    public static func format(_ x: Double, significant: Int = 4) -> String {
        NumberFormat.significant(x, digits: significant)
    }
}
