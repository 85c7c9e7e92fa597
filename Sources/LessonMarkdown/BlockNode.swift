/// A block of a lesson: the document is a list of these.
public indirect enum BlockNode: Sendable, Equatable {
    case paragraph([InlineNode])
    /// An ATX or setext heading; `anchor` is a slug unique within the lesson.
    case heading(level: Int, [InlineNode], anchor: String)
    case blockQuote([BlockNode])
    /// `start` is the first number of an ordered list (1 for bullet lists);
    /// a tight list's items render without paragraph spacing.
    case list(ordered: Bool, start: Int, tight: Bool, items: [ListItem])
    /// A fenced or indented code block that is not an experiment.
    case codeBlock(info: String, literal: String)
    /// An experiment block, by its id: `Lesson.experiments[id]`.
    case experiment(BlockID)
    /// Raw block HTML, kept verbatim; the renderer decides whether to emit it.
    case htmlBlock(String)
    case thematicBreak
    /// A GFM table.
    case table(Table)
    /// A paragraph holding nothing but one `$$…$$` formula; the TeX inside.
    case mathBlock(String)
    /// `[^label]: text` (GFM footnotes); the page lists them at the end.
    case footnoteDefinition(label: String, [BlockNode])
}
