/// One named value a kind's run produces: what `expect:` lines and inline
/// `` `=id.value` `` references can read.
///
/// Declared next to each kind (like its ``KeyDescriptor``s; most kinds
/// through a ``ValueDeclaration``, which also reads the value from the run's
/// result), printed by `lesson kinds` and the reference, and checked by tests
/// that run every kind: a value the run produces but does not declare, one
/// declared but never produced, or a field of a record that its text does not
/// name, fails them.
public struct ValueDescriptor: Sendable, Hashable {
    /// The top-level name, as written after `id.`.
    public var name: String
    /// "number", "integer", "boolean", "string", "list of numbers", "record", …
    public var type: String
    public var summary: String
    /// For lists and records: how to reach an element (`probabilities[0]`,
    /// `mc.100.accuracy`) and what the fields are.
    public var access: String?
    /// When the value is only present under some condition ("with `resamples`
    /// > 0"); `nil` means every run produces it.
    public var condition: String?

    public init(_ name: String, type: String, _ summary: String, access: String? = nil, when condition: String? = nil) {
        self.name = name
        self.type = type
        self.summary = summary
        self.access = access
        self.condition = condition
    }
}

/// What a kind's example block checks and shows: the block `lesson new
/// --kind` writes, and the block the tests run to compare the values a kind
/// produces with the ones it declares. Its keys and their values are declared
/// with the keys (``KeyDescriptor/example``), so that a key added to a kind
/// can show in the scaffold; ``AnyExperimentKind/exampleBody`` collects them.
public struct KindExample: Sendable, Hashable {
    /// An expectation that holds for this body on every machine.
    public var expectation: String
    /// An expression for an inline value, over the block's values (without
    /// the id), with an optional format: `"loss:.3f"`.
    public var inline: String
    /// A sentence introducing the inline value: "The loss is".
    public var sentence: String

    public init(expectation: String, inline: String, sentence: String) {
        self.expectation = expectation
        self.inline = inline
        self.sentence = sentence
    }
}
