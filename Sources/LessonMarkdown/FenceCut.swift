/// An experiment block that ended before its closing fence: its list item or
/// block quote ended first (a line indented less than the item, a line
/// without `>`), or the file did.
///
/// CommonMark closes a fenced block with its container, silently: the block
/// then runs without the settings after the cut (or fails with "missing
/// required key" and no word of why), and the stray closing fence opens a
/// code block that swallows the rest of the page. The author sees the line
/// that cut it and the indentation that would have kept it.
public struct FenceCut: Sendable, Equatable {
    /// What holds the block: its nearest container.
    enum Container {
        case listItem
        case blockQuote
    }

    /// The line that ended the block (the fence's own line when the file did).
    public var line: Int
    /// Why the block ended there: "line 8 is indented 2 spaces, less than …".
    public var reason: String
    /// What would keep the block whole.
    public var fix: String

    /// The cut of the block whose fence is on `fenceLine`, or nil when its
    /// own closing fence ended it.
    /// - Parameters:
    ///   - bodyLineCount: the lines cmark gave the block's body.
    ///   - endLine: the block's last line as cmark counts it: its closing
    ///     fence, or the line that ended its container (cmark ends a fenced
    ///     block on the line being read when it closes it).
    ///   - container: the block's nearest list item or block quote, and the
    ///     last line cmark counts as that container's.
    static func find(in source: SourceText, fenceLine: Int, bodyLineCount: Int, endLine: Int,
                     container: (kind: Container, endLine: Int)?) -> FenceCut? {
        guard let container, endLine > container.endLine else {
            // Only the end of the file ends a block that is in no container,
            // or whose container it ends: then no line follows the body.
            guard endLine <= fenceLine + bodyLineCount else { return nil }
            return FenceCut(line: fenceLine, reason: "the file ends before the block's closing fence",
                            fix: "close the block with a fence like its opening one")
        }
        let next = endLine
        switch container.kind {
        case .blockQuote:
            return FenceCut(line: next, reason: "line \(next) does not start with '>', so it ends the block quote, and the block with it",
                            fix: "start every line of the block, its closing fence too, with '>'")
        case .listItem:
            let have = indentation(source.line(next)), need = indentation(source.line(fenceLine))
            let spaces = "\(have) space\(have == 1 ? "" : "s")"
            let fix = "indent every line of the block, its closing fence too, by \(need) spaces, as its opening fence on line \(fenceLine) is"
            if isFence(source.line(next)) {
                return FenceCut(line: next, reason: "the fence on line \(next) is indented \(spaces), less than the \(need) of the list item the block is in, "
                                    + "so it ends the list item (and opens a new code block) instead of closing the block", fix: fix)
            }
            return FenceCut(line: next, reason: "line \(next) is indented \(spaces), less than the \(need) of the list item the block is in, "
                                + "so it ends the list item, and the block with it", fix: fix)
        }
    }

    /// Leading blanks in columns (a tab reaches the next multiple of 4, as in CommonMark).
    static func indentation(_ line: ArraySlice<UInt8>) -> Int {
        var columns = 0
        for byte in line {
            if byte == UInt8(ascii: " ") {
                columns += 1
            } else if byte == UInt8(ascii: "\t") {
                columns += 4 - columns % 4
            } else {
                break
            }
        }
        return columns
    }

    private static func isFence(_ line: ArraySlice<UInt8>) -> Bool {
        let text = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        return text.starts(with: Array("```".utf8)) || text.starts(with: Array("~~~".utf8))
    }
}
