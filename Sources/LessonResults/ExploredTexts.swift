/// An inline value's text at each position of the explored block it reads.
public struct ExploredTexts: Sendable {
    public var block: String
    /// `nil` where it could not be computed at that position.
    public var texts: [String?]

    public init(block: String, texts: [String?]) {
        self.block = block
        self.texts = texts
    }
}
