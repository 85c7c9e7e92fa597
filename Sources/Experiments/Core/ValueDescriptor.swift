/// One named value a kind's run produces: what `expect:` lines and inline
/// `` `=id.value` `` references can read.
///
/// Declared next to each kind (like its ``KeyDescriptor``s), printed by
/// `lesson kinds`, and checked by a test that runs every kind: a value the
/// run produces but does not declare, or one declared but never produced,
/// fails it.
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

/// A small block of a kind that runs in well under a second: the block
/// `lesson new --kind` writes, and the block the tests run to compare the
/// values a kind produces with the ones it declares.
public struct KindExample: Sendable, Hashable {
    /// The YAML body without `id` and `expect` (one key a line).
    public var body: String
    /// An expectation that holds for this body on every machine.
    public var expectation: String
    /// An expression for an inline value, over the block's values (without
    /// the id), with an optional format: `"loss:.3f"`.
    public var inline: String
    /// A sentence introducing the inline value: "The loss is".
    public var sentence: String

    public init(body: String, expectation: String, inline: String, sentence: String) {
        self.body = body
        self.expectation = expectation
        self.inline = inline
        self.sentence = sentence
    }
}
