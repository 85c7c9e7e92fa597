/// A value an experiment computed: what `expect:` lines and inline `=name`
/// references read.
///
/// Results are trees: a block's values form a ``Record`` whose fields may be
/// numbers, lists or nested records, so `mc.100.accuracy` and
/// `rows[0].diagnosis` are paths into that tree.
public indirect enum ResultValue: Sendable, Hashable {
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case list([ResultValue])
    case record(Record)

    /// The value as a `Double`, if it is numeric (integers and booleans count:
    /// `true` is 1 so that `accuracy * correct` reads naturally).
    public var doubleValue: Double? {
        switch self {
        case .number(let x): return x
        case .integer(let n): return Double(n)
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// The type's name with its article, "a number", "an integer", for error messages.
    public var typeNameWithArticle: String {
        (typeName.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + typeName
    }

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .integer: return "integer"
        case .string: return "string"
        case .bool: return "boolean"
        case .list: return "list"
        case .record: return "record"
        }
    }

    public static func numbers(_ values: [Double]) -> ResultValue {
        .list(values.map { .number($0) })
    }

    public static func integers(_ values: [Int]) -> ResultValue {
        .list(values.map { .integer($0) })
    }

    public static func strings(_ values: [String]) -> ResultValue {
        .list(values.map { .string($0) })
    }

    /// Follows a path of keys and indices; `nil` when any step is missing.
    public func lookup(_ path: some Collection<PathComponent>) -> ResultValue? {
        var current = self
        for component in path {
            switch (component, current) {
            case (.key(let key), .record(let record)):
                guard let next = record[key] else { return nil }
                current = next
            case (.index(let index), .list(let items)):
                let resolved = index < 0 ? items.count + index : index
                guard items.indices.contains(resolved) else { return nil }
                current = items[resolved]
            case (.key(let key), .list(let items)):
                // `mc.100` on a list of records: pick the item whose `key`
                // field (or `name`) matches, so authors can name rows.
                if let found = items.first(where: { $0.matchesName(key) }) {
                    current = found
                    continue
                }
                // Otherwise `variants.test_accuracy`: that field of every record,
                // a column to compare (`argmax(variants.test_accuracy)`).
                var column: [ResultValue] = []
                for item in items {
                    guard case .record(let record) = item, let field = record[key] else { return nil }
                    column.append(field)
                }
                guard !column.isEmpty else { return nil }
                current = .list(column)
            default:
                return nil
            }
        }
        return current
    }

    private func matchesName(_ key: String) -> Bool {
        guard case .record(let record) = self else { return false }
        for field in ["key", "name"] {
            switch record[field] {
            case .string(let s)? where s == key: return true
            case .integer(let n)? where String(n) == key: return true
            case .number(let x)? where ResultValue.number(x).formatted == key: return true
            default: continue
            }
        }
        return false
    }
}

/// One step of a path into a ``ResultValue``.
public enum PathComponent: Hashable, Sendable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let k): return k
        case .index(let i): return "[\(i)]"
        }
    }
}

/// An ordered set of named values.
public struct Record: Sendable, Hashable {
    public private(set) var fields: [Field]

    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: ResultValue
    }

    public init() { fields = [] }

    /// The fields as they are, in order (for decoding, which has checked nothing more).
    init(fields: [Field]) { self.fields = fields }

    public init(_ pairs: KeyValuePairs<String, ResultValue>) {
        fields = pairs.map { Field(name: $0.key, value: $0.value) }
    }

    public subscript(name: String) -> ResultValue? {
        get { fields.first(where: { $0.name == name })?.value }
        set {
            if let index = fields.firstIndex(where: { $0.name == name }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append(Field(name: name, value: newValue))
            }
        }
    }

    public var names: [String] { fields.map(\.name) }

    /// Every path to a leaf (number, string, boolean), for "did you mean"
    /// suggestions and for `lesson check --list-values`.
    public func leafPaths(prefix: String = "", limit: Int = 2_000) -> [String] {
        var out: [String] = []
        func walk(_ value: ResultValue, _ path: String) {
            guard out.count < limit else { return }
            switch value {
            case .record(let r):
                for f in r.fields { walk(f.value, path.isEmpty ? f.name : "\(path).\(f.name)") }
            case .list(let items):
                out.append(path)
                for (i, item) in items.prefix(3).enumerated() { walk(item, "\(path)[\(i)]") }
            default:
                out.append(path)
            }
        }
        for f in fields { walk(f.value, prefix.isEmpty ? f.name : "\(prefix).\(f.name)") }
        return out
    }
}
