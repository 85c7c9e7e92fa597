/// The documentation and constraints of one key of a block body.
///
/// Each kind declares its keys once; the same descriptors drive decoding
/// (type, default, range), "did you mean" suggestions and `lesson kinds`.
public struct KeyDescriptor: Sendable, Hashable {
    public var name: String
    public var type: String
    /// Shown in `lesson kinds`; `nil` means the key is required.
    public var defaultValue: String?
    /// Whether `defaultValue` is YAML the reader uses when the key is absent
    /// (`"0.5"`, `"[1, 5, 20]"`), or only prose for `lesson kinds` (`"derived
    /// from the lesson"`), in which case the kind supplies the value itself.
    public var defaultIsValue: Bool
    public var range: NumericRange?
    public var summary: String

    /// A key whose default (`nil`: required) is a YAML value.
    public init(_ name: String, type: String, default defaultValue: String?, range: NumericRange? = nil,
                _ summary: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.defaultIsValue = defaultValue != nil
        self.range = range
        self.summary = summary
    }

    /// An optional key whose default depends on other keys or on the lesson,
    /// described in words; the kind computes it.
    public init(_ name: String, type: String, described defaultDescription: String, range: NumericRange? = nil,
                _ summary: String) {
        self.init(name, type: type, default: defaultDescription, range: range, summary)
        self.defaultIsValue = false
    }

    public var isRequired: Bool { defaultValue == nil }
}

/// An interval of allowed numbers, open or closed at either end.
public struct NumericRange: Sendable, Hashable, CustomStringConvertible {
    public var lower: Double?
    public var lowerInclusive: Bool
    public var upper: Double?
    public var upperInclusive: Bool

    public init(lower: Double? = nil, lowerInclusive: Bool = true, upper: Double? = nil, upperInclusive: Bool = true) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    /// `lo ≤ x ≤ hi`
    public static func closed(_ lo: Double, _ hi: Double) -> NumericRange {
        NumericRange(lower: lo, upper: hi)
    }

    /// `x ≥ lo`
    public static func atLeast(_ lo: Double) -> NumericRange { NumericRange(lower: lo) }

    /// `x > lo`
    public static func above(_ lo: Double) -> NumericRange { NumericRange(lower: lo, lowerInclusive: false) }

    /// `lo < x ≤ hi`
    public static func aboveUpTo(_ lo: Double, _ hi: Double) -> NumericRange {
        NumericRange(lower: lo, lowerInclusive: false, upper: hi)
    }

    public func contains(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        if let lower {
            if lowerInclusive ? x < lower : x <= lower { return false }
        }
        if let upper {
            if upperInclusive ? x > upper : x >= upper { return false }
        }
        return true
    }

    /// Integral bounds in full with thousands separators ("50,000,000"),
    /// others with up to six significant digits.
    static func bound(_ x: Double) -> String {
        // Up to 2⁵³ every integer is exact in a Double, and is printed in full.
        guard x == x.rounded(), abs(x) <= 9_007_199_254_740_992 else { return ResultValue.format(x, significant: 6) }
        return Int(x).grouped
    }

    public var description: String {
        let lo = lower.map(Self.bound)
        let hi = upper.map(Self.bound)
        switch (lo, hi) {
        case let (lo?, hi?):
            return "\(lo) \(lowerInclusive ? "≤" : "<") x \(upperInclusive ? "≤" : "<") \(hi)"
        case let (lo?, nil):
            return "x \(lowerInclusive ? "≥" : ">") \(lo)"
        case let (nil, hi?):
            return "x \(upperInclusive ? "≤" : "<") \(hi)"
        case (nil, nil):
            return "any finite number"
        }
    }
}
