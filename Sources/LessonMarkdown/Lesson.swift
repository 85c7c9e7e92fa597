/// A lesson file after loading: its prose as a tree, and the experiment blocks
/// and inline references found in it, each with its place in the file.
public struct Lesson: Sendable, Equatable {
    /// How deep blocks and inlines may nest; deeper content is flattened to
    /// text by the loader, so every later stage can walk the tree
    /// recursively without exhausting the stack.
    public static let maximumNesting = 256

    /// The path the lesson was loaded from; every `SourceLocation` repeats it.
    public var path: String
    /// Plain text of the first level-1 heading, if any; an inline value in
    /// it reads as its expression (`=sm.loss`), since nothing has run yet.
    public var title: String?
    /// The inlines of that heading, so the report can show the title with
    /// the values of inline references (see `Curriculum.title(of:)`).
    public var titleContent: [InlineNode]?
    /// The document, top-level blocks in order.
    public var blocks: [BlockNode]
    /// The experiment blocks, in document order; `.experiment(id)` is `experiments[id]`.
    public var experiments: [ExperimentBlock]
    /// Every `` `=expr` `` code span, in document order; `.reference(i)` refers to `references[i]`.
    public var references: [InlineReference]
    /// What the loader kept but would not stay silent about (deep nesting,
    /// near-miss `experiment` info strings), in document order.
    public var warnings: [LessonWarning] = []
    /// Every formula, in document order, with its place in the file.
    public var formulas: [Formula] = []
    /// Every image, in document order, with its place in the file.
    public var images: [ImageReference] = []
    /// Every link but autolinks, where it is written (links to other lessons are checked).
    public var links: [LinkReference] = []
    /// Every `[@id]` cross-reference outside code, in document order.
    public var crossReferences: [CrossReference] = []
    /// Every `[@…]` and trailing `{#…}` whose id is not one, in document order.
    public var malformedIds: [MalformedId] = []
    /// Every well-formed trailing `{#id}` (a figure's, a table caption's or a
    /// heading's), in document order.
    public var idAttributes: [IdAttribute] = []
    /// The leading `---` YAML block, if the file has one.
    public var frontMatter: FrontMatter?
    /// The lesson's place in its course's `lessons:` list (the entry that
    /// names it or its folder), set by the runner; nil outside a course or
    /// when the list does not name it. It comes before `order:` in the
    /// teaching order.
    public var coursePosition: Int?
    /// Every `<!-- default ID -->` marker, where it is (``DefaultProseMarker``).
    public var defaultProse: [DefaultProseMarker.Use] = []

    /// Creates a lesson; tests and tools can build one without a file.
    public init(
        path: String,
        title: String? = nil,
        blocks: [BlockNode] = [],
        experiments: [ExperimentBlock] = [],
        references: [InlineReference] = []
    ) {
        self.path = path
        self.title = title
        self.blocks = blocks
        self.experiments = experiments
        self.references = references
    }
}
