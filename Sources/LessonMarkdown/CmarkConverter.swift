import Foundation
import CCmarkGFM

/// The only code that speaks cmark-gfm's C API: parses bytes and copies the
/// tree into `MarkdownNode` values.
///
/// The tree is walked once with cmark's iterator (no recursion, so a document
/// nested 100,000 levels deep cannot exhaust the stack), and freed with `defer`
/// before returning; no C pointer leaves this file.
enum CmarkConverter {
    /// How deep the copied tree may get (the document is depth 0).
    ///
    /// Everything in Swift that walks lessons (this loader, the renderer, the
    /// synthesized `==`, even deinit) recurses, and secondary threads can have
    /// far less stack than the main thread (512 KiB on macOS); a debug build
    /// here overflowed 8 MiB between 1,000 and 3,000 levels. Anything deeper is
    /// kept as its plain text. Real lessons nest a handful of levels.
    static let maximumDepth = Lesson.maximumNesting

    /// The GFM extensions lessons use; `tagfilter` is left to the renderer.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// Registers the core extensions exactly once: cmark-gfm's own guard is a
    /// plain static flag, not safe when lessons load on several threads at once.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// How much table-cell work one document may ask of cmark-gfm, as the sum
    /// over lines of (`|` on the line)².
    ///
    /// cmark-gfm 0.29 appends each cell to a linked list by walking it, so a
    /// row of k cells costs k²: found by hand, a 2 MB table of 50,000 columns
    /// took 104 s. At the budget cmark spends a second or two; real tables
    /// (20,000 rows of 100 columns, or a code block with a long line of pipes)
    /// are below it. Past it the document is parsed without the table
    /// extension, and its would-be tables read as text.
    static let tableCellBudget = 1_000_000_000

    /// Whether `bytes` is within ``tableCellBudget``.
    static func allowsTables(_ bytes: [UInt8]) -> Bool {
        var total = 0
        var pipes = 0
        for byte in bytes {
            if byte == UInt8(ascii: "|") {
                pipes += 1
            } else if byte == UInt8(ascii: "\n") {
                total += pipes * pipes
                pipes = 0
                if total > tableCellBudget { return false }
            }
        }
        return total + pipes * pipes <= tableCellBudget
    }

    /// One parse at a time: cmark-gfm 0.29 adds the extensions' inline
    /// characters (`~` of strikethrough) to a global table when it starts a
    /// document's inlines and takes them out when it is done, so a lesson
    /// parsed while another finished could lose its `~~…~~` (seen once in CI,
    /// `LessonLoaderTests.lessonsLoadConcurrently`). Parsing is a small part
    /// of loading; the rest of it still runs in parallel.
    private static let parserLock = NSLock()

    /// Parses UTF-8 Markdown (GFM) and returns the document node; without
    /// `tables`, pipe tables are left as text.
    static func parse(_ bytes: [UInt8], tables: Bool = true) -> MarkdownNode {
        parserLock.lock()
        defer { parserLock.unlock() }
        let emptyDocument = MarkdownNode(kind: .document, start: .init(line: 1, column: 1), end: .init(line: 1, column: 1))
        guard extensionsRegistered, let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES) else {
            return emptyDocument
        }
        defer { cmark_parser_free(parser) }
        for name in extensionNames where tables || name != "table" {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                if let base = characters.baseAddress {
                    cmark_parser_feed(parser, base, characters.count)
                }
            }
        }
        guard let document = cmark_parser_finish(parser) else {
            return emptyDocument
        }
        defer { cmark_node_free(document) }
        return copyTree(document)
    }

    /// Copies the tree under `root`, flattening subtrees deeper than `maximumDepth`.
    private static func copyTree(_ root: OpaquePointer) -> MarkdownNode {
        guard let iterator = cmark_iter_new(root) else {
            return makeNode(root)
        }
        defer { cmark_iter_free(iterator) }

        // Open containers, root first; a node joins its parent when it is exited.
        var stack: [MarkdownNode] = []
        // While > 0, we are inside a subtree too deep to copy: depth within it.
        var flattenedDepth = 0
        var flattenedText = ""
        // Where the subtree being flattened starts, for the loader's warning.
        var flattenedStart = MarkdownNode.Position(line: 0, column: 0)

        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE {
                break
            }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let leaf = isLeaf(node)

            if event == CMARK_EVENT_ENTER {
                if flattenedDepth > 0 || stack.count > maximumDepth {
                    // (Line 0: restarting after an experiment fence, below.)
                    if flattenedDepth == 0 || flattenedStart.line == 0 {
                        flattenedStart = makeNode(node).start
                    }
                    if let fence = experimentFence(node) {
                        // An experiment block still runs however deep it sits:
                        // it joins the deepest container kept, between the
                        // text before and after it.
                        appendFlattened(&flattenedText, start: flattenedStart, to: &stack)
                        if !stack.isEmpty { stack[stack.count - 1].children.append(fence) }
                        flattenedStart = MarkdownNode.Position(line: 0, column: 0)
                        continue
                    }
                    flattenedText += literal(of: node)
                    if !leaf {
                        flattenedDepth += 1
                    } else if flattenedDepth == 0 {
                        appendFlattened(&flattenedText, start: flattenedStart, to: &stack)
                    }
                    continue
                }
                let copy = makeNode(node)
                if leaf, !stack.isEmpty {
                    stack[stack.count - 1].children.append(copy)
                } else {
                    stack.append(copy)
                }
            } else if event == CMARK_EVENT_EXIT {
                if flattenedDepth > 0 {
                    if isBlock(node), !flattenedText.isEmpty, flattenedText.last != "\n" {
                        flattenedText += "\n"
                    }
                    flattenedDepth -= 1
                    if flattenedDepth == 0 {
                        appendFlattened(&flattenedText, start: flattenedStart, to: &stack)
                    }
                    continue
                }
                if stack.count > 1 {
                    let finished = stack.removeLast()
                    stack[stack.count - 1].children.append(finished)
                }
            }
        }
        return stack.first ?? makeNode(root)
    }

    private static func appendFlattened(_ text: inout String, start: MarkdownNode.Position, to stack: inout [MarkdownNode]) {
        defer { text = "" }
        guard !stack.isEmpty else { return }
        let parent = stack[stack.count - 1]
        let trimmed = String(text.drop { $0 == "\n" }.reversed().drop { $0 == "\n" }.reversed())
        guard !trimmed.isEmpty else { return }
        stack[stack.count - 1].children.append(
            MarkdownNode(kind: .flattened(trimmed), start: start.line > 0 ? start : parent.start, end: parent.end)
        )
    }

    /// A fenced code block whose info string starts with `experiment`, as a
    /// node; nil for anything else.
    private static func experimentFence(_ node: OpaquePointer) -> MarkdownNode? {
        guard cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK else { return nil }
        let copy = makeNode(node)
        guard case .codeBlock(let info, _, true) = copy.kind,
              info.split(whereSeparator: \.isWhitespace).first == "experiment" else { return nil }
        return copy
    }

    /// Leaves get only an ENTER event from the iterator, never an EXIT.
    private static func isLeaf(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
             CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    private static func isBlock(_ node: OpaquePointer) -> Bool {
        cmark_node_get_type(node).rawValue & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_BLOCK)
    }

    /// The text a node contributes when its subtree is flattened.
    private static func literal(of node: OpaquePointer) -> String {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
            return string(cmark_node_get_literal(node))
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            return "\n"
        default:
            return ""
        }
    }

    private static func makeNode(_ node: OpaquePointer) -> MarkdownNode {
        MarkdownNode(
            kind: kind(of: node),
            start: .init(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))),
            end: .init(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node)))
        )
    }

    /// Extension nodes get their type numbers at registration, so they are told
    /// apart by name; a task item keeps the core item type under another name.
    private static func extensionKind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch string(cmark_node_get_type_string(node)) {
        case "table":
            return .table(alignments: tableAlignments(node))
        case "table_header":
            return .tableRow(isHeader: true)
        case "table_row":
            return .tableRow(isHeader: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
        case "table_cell":
            return .tableCell
        case "strikethrough":
            return .strikethrough
        case "tasklist":
            return .item(checked: cmark_gfm_extensions_get_tasklist_item_checked(node))
        default:
            return .other
        }
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT:
            return .document
        case CMARK_NODE_BLOCK_QUOTE:
            return .blockQuote
        case CMARK_NODE_LIST:
            return .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0
            )
        case CMARK_NODE_ITEM:
            if case .item(let checked) = extensionKind(of: node) {
                return .item(checked: checked)
            }
            return .item(checked: nil)
        case CMARK_NODE_CODE_BLOCK:
            var length: Int32 = 0
            var offset: Int32 = 0
            var character: CChar = 0
            let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
            return .codeBlock(
                info: string(cmark_node_get_fence_info(node)),
                literal: string(cmark_node_get_literal(node)),
                fenced: fenced
            )
        case CMARK_NODE_HTML_BLOCK:
            return .htmlBlock(string(cmark_node_get_literal(node)))
        case CMARK_NODE_PARAGRAPH:
            return .paragraph
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak
        case CMARK_NODE_TEXT:
            return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK:
            return .softBreak
        case CMARK_NODE_LINEBREAK:
            return .lineBreak
        case CMARK_NODE_CODE:
            return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE:
            return .htmlInline(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH:
            return .emphasis
        case CMARK_NODE_STRONG:
            return .strong
        // cmark-gfm numbers footnotes in order of first reference: a
        // reference's literal is that number, and the definitions (without a
        // label in the API) are moved to the end of the document in that
        // order, unreferenced ones dropped. LessonBuilder numbers them again.
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            return .footnoteReference(label: string(cmark_node_get_literal(node)))
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            return .footnoteDefinition(label: "")
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default:
            return extensionKind(of: node)
        }
    }

    private static func tableAlignments(_ node: OpaquePointer) -> [Table.Alignment] {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        guard columns > 0, let alignments = cmark_gfm_extensions_get_table_alignments(node) else {
            return []
        }
        return (0..<columns).map { column in
            switch alignments[column] {
            case UInt8(ascii: "l"): .left
            case UInt8(ascii: "c"): .center
            case UInt8(ascii: "r"): .right
            default: .none
            }
        }
    }

    /// cmark returns NUL-terminated UTF-8 (NULs in the input became U+FFFD);
    /// `String(cString:)` repairs anything malformed rather than trapping.
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
