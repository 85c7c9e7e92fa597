import LessonMarkdown

/// An inline `=expr` reference after evaluation.
public struct ResolvedReference: Sendable {
    public var reference: InlineReference
    /// The formatted value, or `nil` when it could not be computed.
    public var text: String?
    public var error: String?
    /// A value that reads an explored block: its text at every position of
    /// that block (``ExplorePlan/positions`` order), for the page to swap.
    public var explored: ExploredTexts? = nil

    public init(reference: InlineReference, text: String? = nil, error: String? = nil, explored: ExploredTexts? = nil) {
        self.reference = reference
        self.text = text
        self.error = error
        self.explored = explored
    }
}
