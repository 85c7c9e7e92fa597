/// A Swift value a ``Record`` field can hold as it is: a kind builds its
/// records from typed results (`Record(fields: ["loss": r.loss, "steps": r.steps])`)
/// and the type a reader is told (`lesson kinds`, the reference) is the
/// type the field holds.
public protocol ResultValueConvertible: Sendable {
    var resultValue: ResultValue { get }
    /// "number", "integer", …, as ``ValueDescriptor/type`` spells it.
    static var typeName: String { get }
    /// The plural, for a list of them: "numbers", "records".
    static var pluralTypeName: String { get }
}

extension ResultValueConvertible {
    public static var pluralTypeName: String { typeName + "s" }
}

extension Double: ResultValueConvertible {
    public var resultValue: ResultValue { .number(self) }
    public static var typeName: String { "number" }
}

extension Int: ResultValueConvertible {
    public var resultValue: ResultValue { .integer(self) }
    public static var typeName: String { "integer" }
}

extension String: ResultValueConvertible {
    public var resultValue: ResultValue { .string(self) }
    public static var typeName: String { "string" }
}

extension Bool: ResultValueConvertible {
    public var resultValue: ResultValue { .bool(self) }
    public static var typeName: String { "boolean" }
}

extension Record: ResultValueConvertible {
    public var resultValue: ResultValue { .record(self) }
    public static var typeName: String { "record" }
}

extension Array: ResultValueConvertible where Element: ResultValueConvertible {
    public var resultValue: ResultValue { .list(map(\.resultValue)) }
    public static var typeName: String { "list of \(Element.pluralTypeName)" }
    public static var pluralTypeName: String { "lists of \(Element.pluralTypeName)" }
}

extension Record {
    /// A record of the given fields, in order; a field whose value is `nil`
    /// is left out (a value that only some runs have, such as
    /// `"diverged_at_step": divergence?.step`).
    public init(fields pairs: KeyValuePairs<String, (any ResultValueConvertible)?>) {
        self.init()
        add(fields: pairs)
    }

    /// Sets the given fields (appended when new), leaving out those whose value is `nil`.
    public mutating func add(fields pairs: KeyValuePairs<String, (any ResultValueConvertible)?>) {
        for (name, value) in pairs {
            if let value { self[name] = value.resultValue }
        }
    }
}
