/// How far cmark's inline columns are off on each line of a paragraph.
///
/// cmark computes an inline node's column as if every line of the paragraph
/// began at the paragraph's first column, but the text of a continuation line
/// begins after its own prefix and indentation (or at column 1, for a lazy
/// line in a block quote).
struct LineColumns {
    var firstLine = 0
    var firstColumn = 0
    /// The block's last line; 0 when unknown.
    var lastLine = 0

    /// No correction: table cells, whose columns cmark gets right.
    init() {}

    /// For the lines of `node`, a paragraph or heading.
    init(_ node: MarkdownNode) {
        firstLine = node.start.line
        firstColumn = node.start.column
        lastLine = node.end.line
    }

    /// What to add to cmark's column for an inline node on `line` of `text`.
    func correction(line: Int, in text: SourceText) -> Int {
        guard firstLine > 0, line > firstLine else { return 0 }
        let bytes = text.line(line)
        var index = bytes.startIndex
        while index < bytes.endIndex,
              bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") || bytes[index] == UInt8(ascii: ">") {
            index += 1
        }
        return (index - bytes.startIndex + 1) - firstColumn
    }
}
