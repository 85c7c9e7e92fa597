/// One item of a bulleted or numbered list.
public struct ListItem: Sendable, Equatable {
    /// `true`/`false` for a GFM task item (`- [x]` / `- [ ]`), `nil` otherwise.
    public var checked: Bool?
    /// The item's content.
    public var blocks: [BlockNode]

    /// Creates an item; `checked` only for task items.
    public init(checked: Bool? = nil, blocks: [BlockNode]) {
        self.checked = checked
        self.blocks = blocks
    }
}
