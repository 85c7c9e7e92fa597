import LessonResults

extension MarkdownHTML {
    /// For a lesson's text shown away from its page (index summaries, the
    /// sidebar's sections, the search index): inline values and math as on
    /// the page, a cross-reference as its words ("Figure 2", "§ Setup")
    /// without a link, and no footnote references, whose notes are elsewhere.
    static func fragment(_ executed: ExecutedLesson) -> MarkdownHTML {
        var references: [Int: ResolvedReference] = [:]
        for resolved in executed.references { references[resolved.reference.id] = resolved }
        var markdown = MarkdownHTML(allowRawHTML: false, references: references, experiment: { _ in "" },
                                    math: executed.math, numbering: executed.numbering,
                                    words: InterfaceWords.forLanguage(executed.lesson.frontMatter?.lang))
        markdown.citations = executed.citations
        markdown.writesFootnoteReferences = false
        markdown.linksCrossReferences = false
        return markdown
    }
}
