/// A piece of running text inside a paragraph, heading, table cell or link.
///
/// Text nodes are merged: two `.text` values never follow each other.
public indirect enum InlineNode: Sendable, Equatable {
    /// Literal text, entities and backslash escapes already resolved.
    case text(String)
    /// A code span that is not a reference; the content without the backticks.
    case code(String)
    /// A `` `=expr` `` code span; the index into `Lesson.references`.
    case reference(Int)
    case emphasis([InlineNode])
    case strong([InlineNode])
    /// `~~text~~` (GFM).
    case strikethrough([InlineNode])
    case link(destination: String, title: String, [InlineNode])
    case image(source: String, title: String, alt: [InlineNode])
    /// Raw inline HTML, kept verbatim; the renderer decides whether to emit it.
    case html(String)
    /// A line break in the source that is not a hard break.
    case softBreak
    /// A hard line break (two trailing spaces or a trailing backslash).
    case lineBreak
    /// TeX between `$…$` (`display: false`) or `$$…$$` (`display: true`),
    /// exactly as written, without the dollar signs.
    case math(String, display: Bool)
    /// `[^label]` (GFM footnotes), where a definition exists.
    case footnoteReference(String)
}
