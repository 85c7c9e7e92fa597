import LessonMarkdown
import LessonRunner

/// Turns the lesson's prose nodes into HTML. Experiment blocks and inline
/// references are filled from the executed lesson; raw HTML is dropped unless
/// the author opted in.
struct MarkdownHTML {
    var allowRawHTML: Bool
    var references: [Int: ResolvedReference]
    /// Ids of blocks that failed: a value read from one is marked, since a
    /// failed expectation may mean the number is not what the prose claims.
    var failedBlocks: Set<String> = []
    var experiment: (Int) -> String

    /// The loader already flattens deeper input; this guards trees built in
    /// code, so the renderer never exhausts the stack either.
    private let maximumDepth = Lesson.maximumNesting + 1

    func render(_ blocks: [BlockNode]) -> String {
        var out = ""
        for block in blocks { render(block, into: &out, depth: 0, tight: false) }
        return out
    }

    private func render(_ block: BlockNode, into out: inout String, depth: Int, tight: Bool) {
        guard depth < maximumDepth else {
            out += "<p>…</p>\n"
            return
        }
        switch block {
        case .paragraph(let inlines):
            if tight {
                out += inline(inlines, depth: depth) + "\n"
            } else {
                out += "<p>" + inline(inlines, depth: depth) + "</p>\n"
            }
        case .heading(let level, let inlines, let anchor):
            let l = min(max(level, 1), 6)
            out += "<h\(l) id=\"\(HTML.escape(anchor))\"><a class=\"anchor\" href=\"#\(HTML.escape(anchor))\" aria-hidden=\"true\">#</a>"
                + inline(inlines, depth: depth) + "</h\(l)>\n"
        case .blockQuote(let children):
            out += "<blockquote>\n"
            for child in children { render(child, into: &out, depth: depth + 1, tight: false) }
            out += "</blockquote>\n"
        case .list(let ordered, let start, let isTight, let items):
            let tag = ordered ? "ol" : "ul"
            let startAttribute = ordered && start != 1 ? " start=\"\(start)\"" : ""
            let isTaskList = items.contains { $0.checked != nil }
            out += "<\(tag)\(startAttribute)\(isTaskList ? " class=\"tasks\"" : "")>\n"
            for item in items {
                out += "<li>"
                if let checked = item.checked {
                    out += "<input type=\"checkbox\" disabled\(checked ? " checked" : "")> "
                }
                for child in item.blocks { render(child, into: &out, depth: depth + 1, tight: isTight) }
                out += "</li>\n"
            }
            out += "</\(tag)>\n"
        case .codeBlock(let info, let literal):
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            let cls = language.isEmpty ? "" : " class=\"language-\(HTML.escape(language))\""
            out += "<pre><code\(cls)>" + HTML.escape(literal) + "</code></pre>\n"
        case .experiment(let index):
            out += experiment(index)
        case .htmlBlock(let html):
            out += allowRawHTML ? html : "<!-- raw HTML omitted -->\n"
        case .thematicBreak:
            out += "<hr>\n"
        case .table(let table):
            out += "<div class=\"table-wrap\"><table>\n<thead><tr>"
            for (i, cell) in table.header.enumerated() {
                out += "<th\(alignment(table, i))>" + inline(cell, depth: depth) + "</th>"
            }
            out += "</tr></thead>\n<tbody>\n"
            for row in table.rows {
                out += "<tr>"
                for (i, cell) in row.enumerated() {
                    out += "<td\(alignment(table, i))>" + inline(cell, depth: depth) + "</td>"
                }
                out += "</tr>\n"
            }
            out += "</tbody></table></div>\n"
        case .mathBlock(let tex):
            out += "<div class=\"math display\">" + HTML.escape(tex) + "</div>\n"
        }
    }

    private func alignment(_ table: Table, _ column: Int) -> String {
        guard table.alignments.indices.contains(column) else { return "" }
        switch table.alignments[column] {
        case .left: return " style=\"text-align:left\""
        case .center: return " style=\"text-align:center\""
        case .right: return " style=\"text-align:right\""
        case .none: return ""
        }
    }

    func inline(_ nodes: [InlineNode], depth: Int) -> String {
        var out = ""
        for node in nodes { inline(node, into: &out, depth: depth + 1) }
        return out
    }

    private func inline(_ node: InlineNode, into out: inout String, depth: Int) {
        guard depth < maximumDepth else {
            // Never drop text: too deep for markup, it is still read.
            out += HTML.escape(plainText([node]))
            return
        }
        switch node {
        case .text(let text): out += HTML.escape(text)
        case .code(let code): out += "<code>" + HTML.escape(code) + "</code>"
        case .reference(let id):
            if let resolved = references[id], let text = resolved.text {
                let expression = InlineFormat.split(resolved.reference.expression).0
                let failedSource = ((try? Expression.parse(expression))?.rootNames ?? []).intersection(failedBlocks).sorted().first
                if let failedSource {
                    out += "<span class=\"value from-failed\" title=\"\(HTML.escape("=" + resolved.reference.expression))\">"
                        + HTML.escape(TableColumns.keepUnits(text)) + "<a class=\"why\" href=\"#block-\(HTML.escape(failedSource))\">(from failed block \(HTML.escape(failedSource)))</a></span>"
                } else {
                    out += "<span class=\"value\" title=\"\(HTML.escape("=" + resolved.reference.expression))\">" + HTML.escape(TableColumns.keepUnits(text)) + "</span>"
                }
            } else {
                // The reason is in the text, not only a tooltip: touch
                // screens and paper have no hover.
                let why = references[id]?.error ?? "not computed"
                out += "<span class=\"value missing\" title=\"\(HTML.escape(why))\">?<span class=\"why\">(\(HTML.escape(why)))</span></span>"
            }
        case .emphasis(let children): out += "<em>" + inline(children, depth: depth) + "</em>"
        case .strong(let children): out += "<strong>" + inline(children, depth: depth) + "</strong>"
        case .strikethrough(let children): out += "<del>" + inline(children, depth: depth) + "</del>"
        case .link(let destination, let title, let children):
            // Written as cmark-gfm writes it (percent-encoded, already attribute-safe).
            let href = HTML.isSafeLinkURL(destination) ? HTML.href(destination) : ""
            let titleAttribute = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
            out += "<a href=\"\(href)\"\(titleAttribute)>" + inline(children, depth: depth) + "</a>"
        case .image(let source, let title, let alt):
            let altText = plainText(alt)
            if !HTML.isSafeImageURL(source) || HTML.isExternal(source) {
                // Loading it would leave the page's folder: offer a link instead.
                out += "<a class=\"external-image\" href=\"\(HTML.isSafeLinkURL(source) ? HTML.href(source) : "")\">[image: \(HTML.escape(altText))]</a>"
            } else {
                let titleAttribute = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
                out += "<img src=\"\(HTML.href(source))\" alt=\"\(HTML.escape(altText))\"\(titleAttribute)>"
            }
        case .html(let html): out += allowRawHTML ? html : ""
        case .softBreak: out += "\n"
        case .lineBreak: out += "<br>\n"
        case .math(let tex, let display):
            out += display
                ? "<span class=\"math display\">" + HTML.escape(tex) + "</span>"
                : "<span class=\"math inline\">" + HTML.escape(tex) + "</span>"
        }
    }

    func plainText(_ nodes: [InlineNode]) -> String {
        var out = ""
        func walk(_ nodes: [InlineNode], _ depth: Int) {
            guard depth < maximumDepth else { return }
            for node in nodes {
                switch node {
                case .text(let t), .code(let t): out += t
                case .math(let t, _): out += t
                case .emphasis(let c), .strong(let c), .strikethrough(let c): walk(c, depth + 1)
                case .link(_, _, let c): walk(c, depth + 1)
                case .image(_, _, let c): walk(c, depth + 1)
                case .reference(let id): out += references[id]?.text ?? "?"
                case .softBreak, .lineBreak: out += " "
                case .html: break
                }
            }
        }
        walk(nodes, 0)
        return out
    }
}
