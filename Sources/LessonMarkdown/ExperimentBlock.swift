/// A fenced code block whose info string starts with the word `experiment`.
///
/// ````markdown
/// ```experiment dropout-ensemble
/// hidden: [256, 256]
/// ```
/// ````
public struct ExperimentBlock: Sendable, Equatable {
    /// 0-based position among the lesson's experiment blocks.
    public var index: Int
    /// The word after `experiment` in the info string; `""` when there is none,
    /// which validation reports at `kindLocation`.
    public var kind: String
    /// The whole info string, as cmark reports it (escapes resolved, trimmed).
    public var infoString: String
    /// The block's content (YAML): `\n`-terminated lines with the container
    /// prefixes (`> `, list indentation) and fence indentation removed.
    public var body: String
    /// The first character of the opening fence.
    public var location: SourceLocation
    /// Where the kind word starts on the fence line (or where it should have
    /// started, just after `experiment`, when it is missing).
    public var kindLocation: SourceLocation
    /// From the opening fence to the end of the closing fence (or of the
    /// container, when the fence is never closed); `nil` for a block built in code.
    public var range: SourceRange?
    /// Where the first character of each body line sits in the file.
    ///
    /// Inside a block quote or a list item the lines of `body` do not start
    /// at column 1, and not necessarily all at the same column; this is what
    /// `fileLocation(bodyLine:bodyColumn:)` uses to shift positions back.
    public var bodyLineStarts: [SourceLocation]
    /// Set when the block ended before its closing fence (its list item or
    /// block quote ended first): what every problem of the block then notes.
    public var cut: FenceCut?

    /// Creates a block; without `bodyLineStarts`, body lines are taken to follow
    /// the fence line and to start at the fence's column.
    public init(
        index: Int,
        kind: String,
        infoString: String,
        body: String,
        location: SourceLocation,
        kindLocation: SourceLocation,
        range: SourceRange? = nil,
        bodyLineStarts: [SourceLocation]? = nil
    ) {
        self.index = index
        self.kind = kind
        self.infoString = infoString
        self.body = body
        self.location = location
        self.kindLocation = kindLocation
        let lineCount = body.split(separator: "\n", omittingEmptySubsequences: false).count
            - (body.hasSuffix("\n") || body.isEmpty ? 1 : 0)
        self.range = range
        self.bodyLineStarts = bodyLineStarts ?? (0..<lineCount).map { offset in
            SourceLocation(path: location.path, line: location.line + 1 + offset, column: location.column)
        }
    }

    /// Maps a 1-based position inside `body` (as a YAML parser reports it, column
    /// in Unicode scalars) to the same character's position in the lesson file.
    ///
    /// Positions past the last body line (a YAML error "at end of input") land on
    /// the lines after the body, aligned with the fence; out-of-range values are
    /// clamped rather than trapped on, since they come from other parsers.
    public func fileLocation(bodyLine: Int, bodyColumn: Int) -> SourceLocation {
        // Bounded so the arithmetic below cannot overflow whatever a parser hands in.
        let limit = 1 << 31
        let line = min(max(bodyLine, 1), limit)
        let column = min(max(bodyColumn, 1), limit)
        if line <= bodyLineStarts.count {
            let start = bodyLineStarts[line - 1]
            return SourceLocation(path: start.path, line: start.line, column: max(start.column + column - 1, 1))
        }
        return SourceLocation(
            path: location.path,
            line: location.line + line,
            column: max(location.column + column - 1, 1)
        )
    }
}

extension ExperimentBlock: BlockIdentified {
    /// The block's id: its lesson's file and its ``index``.
    public var blockID: BlockID { BlockID(path: location.path, ordinal: index) }
}
