import LessonMarkdown
import LessonResults
import MathTypesetting

/// Turns the lesson's prose nodes into HTML. Experiment blocks and inline
/// references are filled from the executed lesson; raw HTML is dropped unless
/// the author opted in.
struct MarkdownHTML {
    var allowRawHTML: Bool
    var references: [Int: ResolvedReference]
    /// Ids of blocks that failed: a value read from one is marked, since a
    /// failed expectation may mean the number is not what the prose claims.
    var failedBlocks: Set<String> = []
    /// The HTML of the experiment block with this id.
    var experiment: (BlockID) -> String
    /// KaTeX's output by ``Formula/key(tex:display:)``; a formula missing
    /// here shows as its TeX.
    var math: [String: MathTypesetter.Result] = [:]
    /// Figure, table and footnote numbers and `[@id]` targets; nil for
    /// fragments (the index's summaries), which get none.
    var numbering: Numbering? = nil
    /// Citation numbers by BibTeX key: `[@key]` reads "[1]" and links to the
    /// bibliography (``BibliographyHTML``).
    var citations = Citations()
    var words: InterfaceWords = .english
    /// The `src` of local images copied somewhere other than where the
    /// lesson says (``ImagePlacement``), by the source as written.
    var imageSources: [String: String] = [:]
    /// Where links to other lessons' `.md` files go, from ``lessonPath``.
    var lessonLinks = LessonLinks()
    var lessonPath = ""
    /// False where a heading is repeated (the contents list): a reference
    /// there would be a second element with its id, and a link in a link.
    var writesFootnoteReferences = true
    /// False for text shown away from the page (see ``fragment(_:)``): a
    /// cross-reference is its words ("Figure 2") without a link.
    var linksCrossReferences = true
    /// The references to each footnote written so far, shared by copies of
    /// this renderer: each gets its own id, and the footnote links back to
    /// every one.
    let footnoteReferences = FootnoteReferences()
    /// `<!-- default id -->` blocks opened and not yet closed (``ExploreHTML/defaultMarker(_:block:)``).
    let exploreOpen = ExploreHTML.OpenCount()

    /// The loader already flattens deeper input; this guards trees built in
    /// code, so the renderer never exhausts the stack either.
    private let maximumDepth = Lesson.maximumNesting + 1

    /// - Parameter offset: the index of `blocks[0]` among the lesson's blocks.
    func render(_ blocks: [BlockNode], offset: Int = 0) -> String {
        var out = ""
        for (i, block) in blocks.enumerated() { render(block, into: &out, depth: 0, tight: false, path: [offset + i]) }
        while exploreOpen.count > 0 {
            out += "</div>\n"
            exploreOpen.count -= 1
        }
        return out
    }

    private func render(_ block: BlockNode, into out: inout String, depth: Int, tight: Bool, path: [Int]) {
        guard depth < maximumDepth else {
            out += "<p>…</p>\n"
            return
        }
        if let numbering, numbering.captionParagraphs.contains(path) { return }
        switch block {
        case .paragraph(let inlines):
            if let numbering, let figure = numbering.figures[path], let (_, image) = Numbering.figure(inlines),
               case .image(_, _, let alt) = image {
                out += "<figure class=\"figure\" id=\"\(HTML.escape(figure.id))\">"
                inline(image, into: &out, depth: depth + 1)
                out += "<figcaption><span class=\"figure-number\"\(words.wordsAttribute)>\(HTML.escape(words.figure)) \(figure.number).</span> "
                    + inline(alt, depth: depth) + "</figcaption></figure>\n"
            } else if tight {
                out += inline(inlines, depth: depth) + "\n"
            } else {
                out += "<p>" + inline(inlines, depth: depth) + "</p>\n"
            }
        case .heading(let level, let inlines, let anchor):
            let l = min(max(level, 1), 6)
            out += "<h\(l) id=\"\(HTML.escape(anchor))\"><a class=\"anchor\" href=\"#\(HTML.escape(anchor))\" aria-hidden=\"true\" tabindex=\"-1\">#</a>"
                + inline(inlines, depth: depth) + "</h\(l)>\n"
        case .blockQuote(let children):
            out += "<blockquote>\n"
            for (i, child) in children.enumerated() { render(child, into: &out, depth: depth + 1, tight: false, path: path + [i]) }
            out += "</blockquote>\n"
        case .list(let ordered, let start, let isTight, let items):
            let tag = ordered ? "ol" : "ul"
            let startAttribute = ordered && start != 1 ? " start=\"\(start)\"" : ""
            let isTaskList = items.contains { $0.checked != nil }
            out += "<\(tag)\(startAttribute)\(isTaskList ? " class=\"tasks\"" : "")>\n"
            for (k, item) in items.enumerated() {
                out += "<li>"
                if let checked = item.checked {
                    out += "<input type=\"checkbox\" disabled\(checked ? " checked" : "")> "
                }
                for (i, child) in item.blocks.enumerated() {
                    render(child, into: &out, depth: depth + 1, tight: isTight, path: path + [k, i])
                }
                out += "</li>\n"
            }
            out += "</\(tag)>\n"
        case .codeBlock(let info, let literal):
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            let cls = language.isEmpty ? "" : " class=\"language-\(HTML.escape(language))\""
            out += "<pre><code\(cls)>" + HTML.escape(literal) + "</code></pre>\n"
        case .experiment(let id):
            out += experiment(id)
        case .htmlBlock(let html):
            if let marker = ExploreHTML.defaultMarker(html, block: true) {
                // Only balanced: a stray </div> would close the page's layout.
                if marker.hasPrefix("</") {
                    if exploreOpen.count > 0 { out += marker + "\n"; exploreOpen.count -= 1 }
                } else {
                    out += marker + "\n"
                    exploreOpen.count += 1
                }
            } else {
                out += allowRawHTML ? html : "<!-- raw HTML omitted -->\n"
            }
        case .thematicBreak:
            out += "<hr>\n"
        case .table(let table):
            let numbered = numbering?.tables[path]
            // Focusable, so a keyboard can scroll a table wider than the page (WCAG 2.1.1).
            out += "<div class=\"table-wrap\" tabindex=\"0\"\(numbered.map { " id=\"\(HTML.escape($0.id))\"" } ?? "")><table>\n"
            if let numbered {
                out += "<caption><span class=\"table-number\"\(words.wordsAttribute)>\(HTML.escape(words.table)) \(numbered.number).</span> "
                    + inline(numbered.caption, depth: depth) + "</caption>\n"
            }
            out += "<thead><tr>"
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
            out += "<div class=\"math display\">" + typeset(tex, display: true) + "</div>\n"
        case .footnoteDefinition:
            // Listed at the end of the page (``footnotes(_:)``).
            break
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
        case .text(let text): out += linksCrossReferences ? crossReferenced(text) : HTML.escape(resolvingCrossReferences(text))
        case .code(let code): out += "<code>" + HTML.escape(code) + "</code>"
        case .reference(let id):
            if let resolved = references[id], let text = resolved.text {
                let expression = InlineFormat.split(resolved.reference.expression).0
                let failedSource = ((try? Expression.parse(expression))?.rootNames ?? []).intersection(failedBlocks).sorted().first
                if let failedSource {
                    out += "<span class=\"value from-failed\" title=\"\(HTML.escape("=" + resolved.reference.expression))\">"
                        + HTML.escape(words.numbers(TableColumns.keepUnits(text))) + "<a class=\"why\" href=\"#block-\(HTML.escape(failedSource))\"\(words.wordsAttribute)>(\(HTML.escape(words.fromFailedBlock(failedSource))))</a></span>"
                } else {
                    out += "<span class=\"value\" title=\"\(HTML.escape("=" + resolved.reference.expression))\"\(ExploreHTML.valueAttributes(resolved.explored, numbers: words.numbers))>"
                        + HTML.escape(words.numbers(TableColumns.keepUnits(text))) + "</span>"
                }
            } else {
                // The reason is in the text, not only a tooltip: touch
                // screens and paper have no hover.
                // An error is the tool's English message; "not computed" the page's words.
                let error = references[id]?.error
                let why = error ?? words.notComputed
                let lang = error == nil ? words.wordsAttribute : words.englishAttribute
                out += "<span class=\"value missing\" title=\"\(HTML.escape(why))\"\(lang)>?<span class=\"why\">(\(HTML.escape(why)))</span></span>"
            }
        case .emphasis(let children): out += "<em>" + inline(children, depth: depth) + "</em>"
        case .strong(let children): out += "<strong>" + inline(children, depth: depth) + "</strong>"
        case .strikethrough(let children): out += "<del>" + inline(children, depth: depth) + "</del>"
        case .link(let written, let title, let children):
            // Written as cmark-gfm writes it (percent-encoded, already attribute-safe).
            let destination = lessonLinks.page(for: written, from: lessonPath) ?? written
            guard HTML.isSafeLinkURL(destination) else {
                // A refused scheme is text, not `href=""` (a link to the page itself).
                out += inline(children, depth: depth)
                break
            }
            let titleAttribute = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
            out += "<a href=\"\(HTML.href(destination))\"\(titleAttribute)>" + inline(children, depth: depth) + "</a>"
        case .image(let source, let title, let alt):
            let altText = plainText(alt)
            if !HTML.isSafeImageURL(source) || HTML.isExternal(source) {
                // Loading it would leave the page's folder: offer a link instead.
                out += HTML.isSafeLinkURL(source)
                    ? "<a class=\"external-image\" href=\"\(HTML.href(source))\">[image: \(HTML.escape(altText))]</a>"
                    : "<span class=\"external-image\">[image: \(HTML.escape(altText))]</span>"
            } else {
                let titleAttribute = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
                out += "<img src=\"\(HTML.href(imageSources[source] ?? source))\" alt=\"\(HTML.escape(altText))\"\(titleAttribute)>"
            }
        case .html(let html): out += ExploreHTML.defaultMarker(html, block: false) ?? (allowRawHTML ? html : "")
        case .footnoteReference(let label):
            if writesFootnoteReferences, let number = numbering?.footnotes[label] {
                let id = HTML.escape(Self.footnoteId(label))
                let reference = Self.referenceId(id, occurrence: footnoteReferences.next(label))
                out += "<sup class=\"footnote-ref\"><a href=\"#fn-\(id)\" id=\"\(reference)\" role=\"doc-noteref\">\(number)</a></sup>"
            }
        case .softBreak: out += "\n"
        case .lineBreak: out += "<br>\n"
        case .math(let tex, let display):
            out += display
                ? "<span class=\"math display\">" + typeset(tex, display: true) + "</span>"
                : "<span class=\"math inline\">" + typeset(tex, display: false) + "</span>"
        }
    }

    /// Text with every `[@id]` whose target exists turned into "Figure 2"
    /// with a link; an unknown one stays as written (check reports it).
    private func crossReferenced(_ text: String) -> String {
        replacingCrossReferences(text, other: HTML.escape, cite: { number, key in
            "<a class=\"cite\" href=\"#\(BibliographyHTML.anchor(key))\" role=\"doc-biblioref\">[\(number)]</a>"
        }) { target in
            "<a class=\"xref \(target.kind.rawValue)\" href=\"#\(HTML.escape(target.anchor))\"\(target.kind == .section ? "" : words.wordsAttribute)>\(HTML.escape(label(target)))</a>"
        }
    }

    /// Plain text with every `[@id]` whose target exists replaced by its
    /// words ("Figure 2", "§ Heading"); not escaped.
    private func resolvingCrossReferences(_ text: String) -> String {
        replacingCrossReferences(text, other: { $0 }, cite: { number, _ in "[\(number)]" }, label)
    }

    /// `text` with each `[@id]` whose target exists replaced by `replacement`
    /// and the text around them (unknown references included) by `other`.
    /// A citation (a key of ``citations``) is replaced by `cite(number, key)`.
    private func replacingCrossReferences(_ text: String, other: (String) -> String, cite: (Int, String) -> String,
                                          _ replacement: (Numbering.Target) -> String) -> String {
        guard let numbering, text.contains("[@") else { return other(text) }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "[@") {
            out += other(String(rest[..<open.lowerBound]))
            let candidate = rest[open.lowerBound...]
            if let (id, length) = CrossReference.id(atStartOf: candidate), let target = numbering.targets[id] {
                out += replacement(target)
                rest = candidate.dropFirst(length)
            } else if let (id, length) = CrossReference.id(atStartOf: candidate), let number = citations.numbers[id] {
                out += cite(number, id)
                rest = candidate.dropFirst(length)
            } else {
                out += other("[@")
                rest = candidate.dropFirst(2)
            }
        }
        return out + other(String(rest))
    }

    /// What a cross-reference to `target` reads as.
    private func label(_ target: Numbering.Target) -> String {
        switch target.kind {
        case .figure: "\(words.figure) \(target.number)"
        case .table: "\(words.table) \(target.number)"
        case .experiment: "\(words.experiment) \(target.number)"
        case .section: "§ " + target.title
        }
    }

    /// The footnotes of `blocks`, numbered in order of first reference, as
    /// the list at the end of the page ("" when there are none).
    func footnotes(_ blocks: [BlockNode]) -> String {
        guard let numbering, !numbering.footnoteOrder.isEmpty else { return "" }
        var definitions: [String: [BlockNode]] = [:]
        func collect(_ blocks: [BlockNode], _ depth: Int) {
            guard depth < maximumDepth else { return }
            for block in blocks {
                switch block {
                case .footnoteDefinition(let label, let children): if definitions[label] == nil { definitions[label] = children }
                case .blockQuote(let children): collect(children, depth + 1)
                case .list(_, _, _, let items): items.forEach { collect($0.blocks, depth + 1) }
                default: break
                }
            }
        }
        collect(blocks, 0)
        // Every note's text first: a note may refer to another one, and each
        // back-link list must count every reference.
        let texts = numbering.footnoteOrder.map { label in
            var text = ""
            for (i, child) in (definitions[label] ?? []).enumerated() {
                render(child, into: &text, depth: 1, tight: false, path: [-1, i])
            }
            return text
        }
        var out = "<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"\(HTML.escape(words.footnotes))\"><hr>\n<ol>\n"
        for (label, text) in zip(numbering.footnoteOrder, texts) {
            let id = HTML.escape(Self.footnoteId(label))
            out += "<li id=\"fn-\(id)\">\n" + text + "<p class=\"footnote-back\">"
            // One back-link per reference, as GitHub writes them: ↩ ↩² ↩³.
            let count = max(1, footnoteReferences.count(label))
            out += (1...count).map { occurrence in
                "<a href=\"#\(Self.referenceId(id, occurrence: occurrence))\" role=\"doc-backlink\" aria-label=\"\(HTML.escape(words.backToText))"
                    + (count > 1 ? " \(occurrence)" : "") + "\"\(words.wordsAttribute)>↩" + (occurrence > 1 ? "<sup>\(occurrence)</sup>" : "") + "</a>"
            }.joined(separator: " ")
            out += "</p></li>\n"
        }
        return out + "</ol>\n</section>\n"
    }

    /// A label as an id fragment: letters, digits, `-` and `_` kept.
    static func footnoteId(_ label: String) -> String {
        String(label.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    }

    /// The id of the `occurrence`-th reference (from 1) to footnote `id`:
    /// `fnref-1`, then `fnref-1-2`, `fnref-1-3`, as cmark-gfm names them.
    /// Labels are cmark-gfm's footnote numbers, so no two ids can meet.
    static func referenceId(_ id: String, occurrence: Int) -> String {
        occurrence <= 1 ? "fnref-\(id)" : "fnref-\(id)-\(occurrence)"
    }

    /// KaTeX's HTML + MathML; on a TeX error the TeX itself, marked, with
    /// the reason in the text (not only in a tooltip).
    private func typeset(_ tex: String, display: Bool) -> String {
        switch math[Formula.key(tex: tex, display: display)] {
        case .success(let html)?:
            return html
        case .failure(let message, _)?:
            return "<code class=\"math-error\" title=\"\(HTML.escape(message))\">" + HTML.escape(tex)
                + "</code> <span class=\"math-error-reason\"\(words.englishAttribute)>(" + HTML.escape(message) + ")</span>"
        case .unavailable?, nil:
            return HTML.escape(tex)
        }
    }

    func plainText(_ nodes: [InlineNode]) -> String {
        var out = ""
        func walk(_ nodes: [InlineNode], _ depth: Int) {
            guard depth < maximumDepth else { return }
            for node in nodes {
                switch node {
                case .text(let t): out += resolvingCrossReferences(t)
                case .code(let t): out += t
                case .math(let t, _): out += t
                case .emphasis(let c), .strong(let c), .strikethrough(let c): walk(c, depth + 1)
                case .link(_, _, let c): walk(c, depth + 1)
                case .image(_, _, let c): walk(c, depth + 1)
                case .reference(let id): out += references[id]?.text.map { words.numbers($0) } ?? "?"
                case .softBreak, .lineBreak: out += " "
                case .html, .footnoteReference: break
                }
            }
        }
        walk(nodes, 0)
        return out
    }
}
