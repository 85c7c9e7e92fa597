/// The documentation and constraints of one key of a block body.
///
/// Each kind declares its keys once; the same descriptors drive decoding
/// (``KeyType``, default, range: ``SpecReader/read(_:)`` reads a key from its
/// descriptor alone), "did you mean" suggestions, `lesson kinds`, the
/// reference page and the block `lesson new` writes (``example``).
public struct KeyDescriptor: Sendable, Hashable {
    public var name: String
    /// The type in words, for `lesson kinds` ("list of integers").
    public var type: String
    /// What the reader accepts; ``KeyType/custom`` when the kind reads the key itself.
    public var valueType: KeyType
    /// Shown in `lesson kinds`; `nil` means the key is required.
    public var defaultValue: String?
    /// Whether `defaultValue` is YAML the reader uses when the key is absent
    /// (`"0.5"`, `"[1, 5, 20]"`), or only prose for `lesson kinds` (`"derived
    /// from the lesson"`), in which case the kind supplies the value itself.
    public var defaultIsValue: Bool
    /// The reader hands the kind only what the author wrote, never the
    /// default, which the kind applies itself: whether the key was written
    /// decides one of its checks (`beta1` with SGD is a mistake). `explore:`,
    /// `lesson kinds` and the scaffold still read the default as a value.
    public var kindAppliesDefault = false
    public var range: NumericRange?
    public var summary: String
    /// The value the block `lesson new` writes (YAML), chosen to run in well
    /// under a second; `nil`: the scaffold leaves the key out (or, when
    /// ``suggested``, shows it as a comment with its default).
    public var example: String?
    /// Shown in the scaffold as a comment with its default: a key a teacher
    /// is likely to change first.
    public var suggested = false
    /// The key is read only when another key has one of some values
    /// (`classes` only with `data: spirals` or `blobs`): writing it otherwise
    /// is an error the reader reports, and `lesson kinds` says so.
    public var condition: Condition?

    /// "only with data: spirals or blobs".
    public struct Condition: Sendable, Hashable {
        /// The key whose value decides, a word key of the same kind.
        public var key: String
        public var values: [String]
        /// Why, or what to do instead, for the error's note.
        public var note: String?

        public init(key: String, values: [String], note: String? = nil) {
            self.key = key
            self.values = values
            self.note = note
        }

        /// "data: spirals or blobs", "data: spirals, moons, circles or blobs".
        public var description: String {
            let list = values.count > 2 ? values.dropLast().joined(separator: ", ") + " or " + values.last! : values.joined(separator: " or ")
            return "\(key): \(list)"
        }
    }

    /// A key whose default (`nil`: required) is a YAML value.
    public init(_ name: String, type: String, default defaultValue: String?, range: NumericRange? = nil,
                _ summary: String) {
        self.name = name
        self.type = type
        self.valueType = .custom
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

    /// A typed key whose default (`nil`: required) is a YAML value; its type
    /// in words comes from `valueType` unless `type` says it better.
    public init(_ name: String, _ valueType: KeyType, type: String? = nil, default defaultValue: String?,
                range: NumericRange? = nil, _ summary: String) {
        self.init(name, type: type ?? valueType.description, default: defaultValue, range: range, summary)
        self.valueType = valueType
    }

    /// A typed optional key whose default is described in words.
    public init(_ name: String, _ valueType: KeyType, type: String? = nil, described defaultDescription: String,
                range: NumericRange? = nil, _ summary: String) {
        self.init(name, type: type ?? valueType.description, described: defaultDescription, range: range, summary)
        self.valueType = valueType
    }

    public var isRequired: Bool { defaultValue == nil }

    /// The same key with the value `lesson new` writes for it.
    public func example(_ yaml: String) -> KeyDescriptor {
        var copy = self
        copy.example = yaml
        return copy
    }

    /// The same key, shown in the scaffold as a comment with its default.
    public func suggestedInScaffold() -> KeyDescriptor {
        var copy = self
        copy.suggested = true
        return copy
    }

    /// The same key, its default applied by the kind (``kindAppliesDefault``).
    public func defaultAppliedByKind() -> KeyDescriptor {
        var copy = self
        copy.kindAppliesDefault = true
        return copy
    }

    /// The same key, read only when `key` is one of `values`.
    public func only(when key: String, is values: [String], note: String? = nil) -> KeyDescriptor {
        var copy = self
        copy.condition = Condition(key: key, values: values, note: note)
        return copy
    }
}

/// What a key accepts, as the reader checks it.
public indirect enum KeyType: Sendable, Hashable, CustomStringConvertible {
    /// A whole number within the key's range (`1e6` is a fine million).
    case integer
    /// A finite number within the key's range.
    case number
    /// `true` or `false` (`yes`, `no`).
    case boolean
    /// Any text.
    case text
    /// A file, relative to the lesson or its `data/` folder.
    case path
    /// One of a fixed set of words.
    case word([String])
    /// A whole number within the range, or one of a few words (`batch_size: all`).
    case integerOrWord([String])
    /// A list of items (a single item written bare is a list of one).
    case list(KeyType, count: ClosedRange<Int>)
    /// A mapping the kind reads itself.
    case mapping
    /// Read by the kind with its own rules.
    case custom

    public var description: String {
        switch self {
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        case .text: "string"
        case .path: "path"
        case .word(let words): words.joined(separator: " | ")
        case .integerOrWord(let words): (["integer"] + words).joined(separator: " | ")
        case .list(let item, _): "list of " + item.plural
        case .mapping: "mapping"
        case .custom: "value"
        }
    }

    var plural: String {
        switch self {
        case .integer: "integers"
        case .number: "numbers"
        case .boolean: "booleans"
        case .text: "strings"
        case .path: "paths"
        case .word(let words): "words (" + words.joined(separator: ", ") + ")"
        case .integerOrWord: "integers"
        case .list(let item, _): "lists of " + item.plural
        case .mapping: "mappings"
        case .custom: "values"
        }
    }
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

extension Array where Element == KeyDescriptor {
    /// The same keys, those named in `values` with the value the block
    /// `lesson new` writes for them (for keys a kind shares with others,
    /// such as `data`, whose example is the kind's own).
    public func examples(_ values: KeyValuePairs<String, String>) -> [KeyDescriptor] {
        map { key in values.first { $0.key == key.name }.map { key.example($0.value) } ?? key }
    }
}
