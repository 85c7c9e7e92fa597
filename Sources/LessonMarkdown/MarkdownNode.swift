/// A Swift copy of one cmark node, as `CmarkConverter` hands it over.
///
/// It mirrors cmark's tree one to one, positions still in cmark's terms (byte
/// columns of the text that was parsed); `LessonBuilder` turns it into the
/// public `BlockNode`/`InlineNode` values. Keeping the copy dumb keeps all the
/// judgement (experiments, references, math) out of the file that speaks C.
struct MarkdownNode {
    /// What the node is, with the attributes cmark keeps for that kind.
    enum Kind {
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        /// `checked` is non-nil for a GFM task item.
        case item(checked: Bool?)
        case codeBlock(info: String, literal: String, fenced: Bool)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case table(alignments: [Table.Alignment])
        case tableRow(isHeader: Bool)
        case tableCell
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis
        case strong
        case strikethrough
        case link(destination: String, title: String)
        case image(source: String, title: String)
        case footnoteReference(label: String)
        case footnoteDefinition(label: String)
        /// The text of a subtree nested deeper than the converter keeps as a tree.
        case flattened(String)
        /// A node kind this loader does not know (a custom or footnote node);
        /// its children are kept.
        case other
    }

    /// A cmark source position: 1-based line and byte column; 0 when unknown.
    struct Position: Equatable {
        var line: Int
        var column: Int
    }

    var kind: Kind
    var start: Position
    /// The last byte of the node (inclusive), as cmark reports it.
    var end: Position
    var children: [MarkdownNode] = []
}
