/// A well-formed `{#id}` at the end of a line: a figure's
/// (`![…](a.png){#fig:a}`), a table caption's (`Table: … {#tbl:a}`) or a
/// heading's (`## Setup {#setup}`), where it is written.
public struct IdAttribute: Sendable, Equatable {
    public var id: String
    /// Whether it ends a heading line.
    public var isHeading: Bool
    /// Whether it ends a line that starts with `Table:` (or `: `), a table's caption.
    public var isTableCaption: Bool
    /// The `{`.
    public var location: SourceLocation

    public init(id: String, isHeading: Bool, isTableCaption: Bool = false, location: SourceLocation) {
        self.id = id
        self.isHeading = isHeading
        self.isTableCaption = isTableCaption
        self.location = location
    }
}
