/// A code span starting with `=`, such as `` `=drop.mc.100.accuracy` ``,
/// which the page replaces with a value an experiment produced.
public struct InlineReference: Sendable, Equatable {
    /// The text after `=`, with surrounding whitespace trimmed (may be empty).
    public var expression: String
    /// The opening backtick, so an unknown name can be reported where it was written.
    public var location: SourceLocation
    /// This reference's index in `Lesson.references`.
    public var id: Int

    /// Creates a reference; `id` must be its index in `Lesson.references`.
    public init(expression: String, location: SourceLocation, id: Int) {
        self.expression = expression
        self.location = location
        self.id = id
    }
}
