/// Turns the converter's copy of the cmark tree into a `Lesson`.
///
/// This is where the tree gets its meaning for LessonRunner: fenced
/// `experiment` blocks are pulled out, `` `=expr` `` code spans become
/// references, math placeholders become formulas again, headings get anchors,
/// and every cmark position (bytes of the text cmark parsed) becomes a
/// `SourceLocation` in the file as the author sees it.
struct LessonBuilder {
    let path: String
    /// The file as the author wrote it (normalized line endings, no BOM).
    let source: SourceText
    /// What cmark parsed instead, and how to undo it.
    let math: MathSubstitution

    private var experiments: [ExperimentBlock] = []
    private var references: [InlineReference] = []
    private var images: [ImageReference] = []
    private var links: [LinkReference] = []
    private var footnoteDefinitions = 0
    private var warnings: [LessonWarning] = []
    private var defaultProse: [DefaultProseMarker.Use] = []
    private var deepNestingWarnings = 0
    /// The list items and block quotes around the node being built, innermost last.
    private var containers: [(kind: FenceCut.Container, endLine: Int)] = []
    private var slugger = HeadingSlugger()
    private var title: String?
    private var titleContent: [InlineNode]?
    /// Parsed-text offsets of backtick runs already taken as a reference's opening.
    private var claimedBackticks: Set<Int> = []
    private var lastClaimedBacktick = -1

    init(path: String, source: SourceText, math: MathSubstitution) {
        self.path = path
        self.source = source
        self.math = math
    }

    /// Builds the lesson from the document node.
    mutating func build(_ document: MarkdownNode) -> Lesson {
        var blocks: [BlockNode] = []
        for child in document.children {
            blocks += self.blocks(from: child)
        }
        var lesson = Lesson(
            path: path,
            title: title,
            blocks: blocks,
            experiments: experiments,
            references: references
        )
        lesson.titleContent = titleContent
        // Columns are counted on from the previous formula on the same line:
        // a line of 100,000 formulas must not count from its start each time.
        var cursor = (offset: -1, line: 0, column: 0)
        lesson.formulas = math.spans.map { span in
            Formula(tex: span.tex, display: span.display, anchors: span.anchors.map { anchor in
                let offset = anchor.sourceOffset
                let position = source.position(ofOffset: offset)
                let column: Int
                if position.line == cursor.line, offset >= cursor.offset {
                    column = cursor.column + source.bytes[cursor.offset..<offset].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
                } else {
                    column = source.scalarColumn(line: position.line, byteColumn: position.byteColumn)
                }
                cursor = (offset, position.line, column)
                return Formula.Anchor(texOffset: anchor.texOffset, location: SourceLocation(path: path, line: position.line, column: column))
            })
        }
        lesson.warnings = warnings
        lesson.images = images
        lesson.defaultProse = defaultProse
        lesson.links = links
        return lesson
    }

    // MARK: Blocks

    /// Usually one block; none for an empty paragraph, several when a node this
    /// loader does not know is replaced by its children.
    private mutating func blocks(from node: MarkdownNode) -> [BlockNode] {
        switch node.kind {
        case .paragraph:
            let content = inlines(node.children, lines: LineColumns(node))
            if let tex = displayMathOnly(content) {
                return [.mathBlock(tex)]
            }
            return content.isEmpty ? [] : [.paragraph(content)]
        case .heading(let level):
            var content = inlines(node.children, lines: LineColumns(node))
            let explicit = HeadingIdentifier.take(from: &content)
            let text = plainText(content)
            if level == 1, title == nil {
                title = text
                titleContent = content
            }
            var anchor: String?
            if let explicit {
                if slugger.claim(explicit) {
                    anchor = explicit
                } else {
                    warnings.append(LessonWarning("another heading already has the anchor '\(explicit)'; this one gets its own from its words",
                                                  at: location(node.start), isDuplicateAnchor: true))
                }
            }
            return [.heading(level: level, content, anchor: anchor ?? slugger.slug(for: text))]
        case .blockQuote:
            containers.append((.blockQuote, node.end.line))
            defer { containers.removeLast() }
            return [.blockQuote(childBlocks(node))]
        case .footnoteDefinition:
            footnoteDefinitions += 1
            return [.footnoteDefinition(label: "\(footnoteDefinitions)", childBlocks(node))]
        case .list(let ordered, let start, let tight):
            let items = node.children.map { child -> ListItem in
                containers.append((.listItem, child.end.line))
                defer { containers.removeLast() }
                if case .item(let checked) = child.kind {
                    return ListItem(checked: checked, blocks: childBlocks(child))
                }
                return ListItem(blocks: blocks(from: child))
            }
            // cmark says 0 for bullet lists; 1 reads better to anyone numbering items.
            return [.list(ordered: ordered, start: ordered ? start : 1, tight: tight, items: items)]
        case .codeBlock(let info, let literal, let fenced):
            let info = math.restoringSource(info)
            let literal = math.restoringSource(literal)
            let words = info.split(whereSeparator: \.isWhitespace)
            if fenced, words.first == "experiment" {
                let index = addExperiment(node, info: info, kind: words.dropFirst().first.map(String.init) ?? "", body: literal)
                return [.experiment(experiments[index].blockID)]
            }
            if fenced, let suggestion = NearMissInfoString.suggestion(for: info) {
                warnings.append(LessonWarning(
                    "the info string '\(info.prefix(80))' is not an experiment block, so this is shown as code; "
                        + "write '\(suggestion)' to run it",
                    at: infoLocation(fence: node.start)))
            }
            return [.codeBlock(info: info, literal: literal)]
        case .htmlBlock(let html):
            let html = math.restoringSource(html)
            warnExperimentFence(inHTML: html, at: node.start)
            if let problem = DefaultProseMarker.textAfterMarker(inHTMLBlock: html) {
                warnings.append(LessonWarning(problem, at: location(node.start), isError: true))
            }
            if case .open(let id)? = DefaultProseMarker.parse(html) { defaultProse.append(.init(block: id, location: location(node.start))) }
            return [.htmlBlock(html)]
        case .thematicBreak:
            return [.thematicBreak]
        case .table(let alignments):
            return [.table(table(node, alignments: alignments))]
        case .flattened(let text):
            warnDeepNesting(at: node.start)
            return [.paragraph([.text(math.restoringSource(text))])]
        case .document, .item, .other:
            return childBlocks(node)
        case .tableRow, .tableCell, .text, .softBreak, .lineBreak, .code, .htmlInline,
             .emphasis, .strong, .strikethrough, .link, .image, .footnoteReference:
            // Inline content where a block belongs: keep it rather than lose it.
            let content = inlines([node], lines: LineColumns())
            return content.isEmpty ? [] : [.paragraph(content)]
        }
    }

    private mutating func childBlocks(_ node: MarkdownNode) -> [BlockNode] {
        var result: [BlockNode] = []
        for child in node.children {
            result += blocks(from: child)
        }
        return result
    }

    /// A paragraph that is just `$$…$$` (a formula on its own, perhaps over
    /// several lines) is display math, not a paragraph with a formula in it.
    private func displayMathOnly(_ content: [InlineNode]) -> String? {
        var tex: String?
        for node in content {
            switch node {
            case .math(let formula, display: true) where tex == nil:
                tex = formula
            case .text(let text) where text.allSatisfy(\.isWhitespace):
                continue
            case .softBreak, .lineBreak:
                continue
            default:
                return nil
            }
        }
        return tex
    }

    private mutating func table(_ node: MarkdownNode, alignments: [Table.Alignment]) -> Table {
        var header: [Table.Cell] = []
        var rows: [[Table.Cell]] = []
        for row in node.children {
            let cells = row.children.map { cell in
                inlines(cell.kind.isTableCell ? cell.children : [cell], lines: LineColumns())
            }
            if case .tableRow(isHeader: true) = row.kind, header.isEmpty, rows.isEmpty {
                header = cells
            } else {
                rows.append(cells)
            }
        }
        return Table(alignments: alignments, header: header, rows: rows)
    }

    // MARK: Experiments

    private mutating func addExperiment(_ node: MarkdownNode, info: String, kind: String, body: String) -> Int {
        let index = experiments.count
        let body = body.isEmpty || body.hasSuffix("\n") ? body : body + "\n"
        let lineStarts = bodyLineStarts(body, fenceLine: node.start.line)
        let cut = FenceCut.find(in: source, fenceLine: node.start.line, bodyLineCount: body.isEmpty ? 0 : lineStarts.count,
                                endLine: node.end.line, container: containers.last)
        if let cut {
            // An error: the block runs without what follows the cut, or not at all.
            warnings.append(LessonWarning("the experiment block on line \(node.start.line) ends before its closing fence: \(cut.reason); \(cut.fix)",
                                          at: SourceLocation(path: path, line: cut.line, column: 1), isError: true))
        }
        experiments.append(ExperimentBlock(
            index: index,
            kind: kind,
            infoString: info,
            body: body,
            location: location(node.start),
            kindLocation: kindLocation(fence: node.start),
            range: range(of: node),
            bodyLineStarts: lineStarts
        ))
        experiments[index].cut = cut
        return index
    }

    /// Text nested deeper than the tree may go is kept, as plain text; the
    /// author hears about it once per place.
    private mutating func warnDeepNesting(at position: MarkdownNode.Position) {
        let location = location(position)
        // A generated file can do this thousands of times: a few say it all.
        guard warnings.last?.location.line != location.line, deepNestingWarnings < 10 else { return }
        deepNestingWarnings += 1
        warnings.append(LessonWarning(
            "content nested more than \(Lesson.maximumNesting) levels deep (block quotes, lists, emphasis) "
                + "is shown as plain text; nest it less deeply to keep its formatting",
            at: location))
    }

    /// An experiment fence right after an HTML tag (`<div>` and no blank
    /// line) is part of the HTML block, so it would be dropped (or passed
    /// through as text) without running. A comment or `<pre>` keeps its
    /// fences on purpose.
    private mutating func warnExperimentFence(inHTML html: String, at start: MarkdownNode.Position) {
        let opening = html.drop { $0 == " " }.prefix(9).lowercased()
        if ["<!--", "<pre", "<script", "<style", "<textarea"].contains(where: { opening.hasPrefix($0) }) { return }
        for (offset, line) in html.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " }.count
            let text = line.dropFirst(indent)
            guard text.hasPrefix("```") || text.hasPrefix("~~~"),
                  text.drop(while: { $0 == "`" || $0 == "~" }).split(whereSeparator: \.isWhitespace).first == "experiment"
            else { continue }
            let column = (offset == 0 ? start.column : 1) + indent
            // An error: the author wrote a block to run, and `check` must not pass without it.
            warnings.append(LessonWarning(
                "this experiment block is inside an HTML block, so it is not run; "
                    + "leave a blank line between the HTML tag above it and the fence",
                at: location(MarkdownNode.Position(line: start.line + offset, column: column)), isError: true))
            return
        }
    }

    /// Where the info string starts on a fence line: after the fence characters and blanks.
    private func infoLocation(fence: MarkdownNode.Position) -> SourceLocation {
        let line = source.line(fence.line)
        var index = min(line.startIndex + max(fence.column - 1, 0), line.endIndex)
        if index < line.endIndex {
            let fenceCharacter = line[index]
            while index < line.endIndex, line[index] == fenceCharacter {
                index += 1
            }
        }
        while index < line.endIndex, line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t") {
            index += 1
        }
        return SourceLocation(
            path: path,
            line: fence.line,
            column: source.scalarColumn(line: fence.line, byteColumn: index - line.startIndex + 1)
        )
    }

    /// Where the kind word starts on the fence line: after the fence characters,
    /// blanks, `experiment` and blanks. Read from the source rather than from
    /// the info string, whose escapes and entities are already resolved.
    private func kindLocation(fence: MarkdownNode.Position) -> SourceLocation {
        let line = source.line(fence.line)
        var index = min(line.startIndex + max(fence.column - 1, 0), line.endIndex)
        if index < line.endIndex {
            let fenceCharacter = line[index]
            while index < line.endIndex, line[index] == fenceCharacter {
                index += 1
            }
        }
        func skipBlanks() {
            while index < line.endIndex, line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t") {
                index += 1
            }
        }
        skipBlanks()
        let word = Array("experiment".utf8)
        if line[index...].starts(with: word) {
            index += word.count
            skipBlanks()
        }
        let byteColumn = index - line.startIndex + 1
        return SourceLocation(
            path: path,
            line: fence.line,
            column: source.scalarColumn(line: fence.line, byteColumn: byteColumn)
        )
    }

    /// Finds each body line in the file by matching it against the end of its
    /// source line: what precedes the match is the prefix cmark stripped (block
    /// quote markers, list indentation, fence indentation), however it was spelled.
    ///
    /// When cmark expanded a tab into spaces the match is shorter than the body
    /// line; the start is then moved left by the unmatched part, so columns
    /// inside the matched text are still exact.
    private func bodyLineStarts(_ body: String, fenceLine: Int) -> [SourceLocation] {
        var lines = body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if body.hasSuffix("\n") {
            lines.removeLast()
        }
        return lines.enumerated().map { offset, bodyLine in
            let lineNumber = fenceLine + 1 + offset
            let sourceLine = source.line(lineNumber)
            var common = 0
            while common < bodyLine.count, common < sourceLine.count,
                  bodyLine[bodyLine.index(bodyLine.endIndex, offsetBy: -common - 1)]
                    == sourceLine[sourceLine.endIndex - common - 1] {
                common += 1
            }
            let prefixScalars = source.scalarColumn(line: lineNumber, byteColumn: sourceLine.count - common + 1) - 1
            let unmatched = bodyLine.prefix(bodyLine.count - common).filter { $0 & 0xC0 != 0x80 }.count
            return SourceLocation(path: path, line: lineNumber, column: max(prefixScalars + 1 - unmatched, 1))
        }
    }

    // MARK: Inlines

    private mutating func inlines(_ nodes: [MarkdownNode], lines: LineColumns) -> [InlineNode] {
        var result: [InlineNode] = []
        // cmark splits text at characters that might have been syntax; rejoin
        // it so placeholders (and readers) see whole runs.
        var pendingText = ""
        for node in nodes {
            if case .text(let text) = node.kind {
                pendingText += text
                continue
            }
            appendParsedText(pendingText, to: &result)
            pendingText = ""
            switch node.kind {
            case .softBreak:
                result.append(.softBreak)
            case .lineBreak:
                result.append(.lineBreak)
            case .code(let literal):
                result.append(codeSpan(parsedLiteral: literal, node: node, lines: lines))
            case .htmlInline(let html):
                let html = math.restoringSource(html)
                if case .open(let id)? = DefaultProseMarker.parse(html) { defaultProse.append(.init(block: id, location: location(node.start))) }
                result.append(.html(html))
            case .emphasis:
                result.append(.emphasis(inlines(node.children, lines: lines)))
            case .strong:
                result.append(.strong(inlines(node.children, lines: lines)))
            case .strikethrough:
                result.append(.strikethrough(inlines(node.children, lines: lines)))
            case .link(let destination, let title):
                if !isAutolink(node, destination: destination) {
                    let text = math.parsedText
                    let line = min(max(node.start.line, 1), text.lineCount)
                    links.append(LinkReference(destination: math.restoringSource(destination), location: location(
                        MarkdownNode.Position(line: line, column: max(node.start.column + lines.correction(line: line, in: text), 1)))))
                }
                result.append(.link(
                    destination: math.restoringSource(destination),
                    title: math.restoringSource(title),
                    isAutolink(node, destination: destination)
                        ? [.text(math.restoringSource(linkText(node)))]
                        : inlines(node.children, lines: lines)
                ))
            case .image(let destination, let title):
                let text = math.parsedText
                let line = min(max(node.start.line, 1), text.lineCount)
                images.append(ImageReference(source: math.restoringSource(destination), location: location(
                    MarkdownNode.Position(line: line, column: max(node.start.column + lines.correction(line: line, in: text), 1)))))
                result.append(.image(
                    source: math.restoringSource(destination),
                    title: math.restoringSource(title),
                    alt: inlines(node.children, lines: lines)
                ))
            case .footnoteReference(let label):
                result.append(.footnoteReference(label))
            case .flattened(let text):
                warnDeepNesting(at: node.start)
                appendText(math.restoringSource(text), to: &result)
            default:
                for child in inlines(node.children, lines: lines) {
                    append(child, to: &result)
                }
            }
        }
        appendParsedText(pendingText, to: &result)
        return result
    }

    /// Whether a link is an autolink (`<…>` or GFM's bare URLs), whose text is
    /// its URL: dollars in a URL are not math, even in the link's text.
    private func isAutolink(_ node: MarkdownNode, destination: String) -> Bool {
        let text = linkText(node)
        return !text.isEmpty && (text == destination || "http://" + text == destination || "mailto:" + text == destination)
    }

    /// The concatenated text of a link whose children are all text, else "".
    private func linkText(_ node: MarkdownNode) -> String {
        var text = ""
        for child in node.children {
            guard case .text(let plain) = child.kind else { return "" }
            text += plain
        }
        return text
    }

    /// Appends text cmark produced, turning placeholders back into formulas.
    private func appendParsedText(_ text: String, to result: inout [InlineNode]) {
        guard !text.isEmpty else { return }
        for segment in math.segments(text) {
            switch segment {
            case .text(let plain):
                appendText(plain, to: &result)
            case .piece(let index):
                let piece = math.pieces[index]
                if piece.isFirst {
                    let span = math.spans[piece.span]
                    result.append(.math(span.tex, display: span.display))
                } else if let last = result.last, last == .softBreak || last == .lineBreak {
                    // The line break inside a formula is part of the formula.
                    result.removeLast()
                }
            }
        }
    }

    private func appendText(_ text: String, to result: inout [InlineNode]) {
        append(.text(text), to: &result)
    }

    private func append(_ node: InlineNode, to result: inout [InlineNode]) {
        if case .text(let text) = node, case .text(let previous)? = result.last {
            result[result.count - 1] = .text(previous + text)
        } else if node != .text("") {
            result.append(node)
        }
    }

    private mutating func codeSpan(parsedLiteral: String, node: MarkdownNode, lines: LineColumns) -> InlineNode {
        let content = math.restoringSource(parsedLiteral)
        guard content.first == "=" else { return .code(content) }
        let id = references.count
        references.append(InlineReference(
            expression: String(content.dropFirst()).trimmingWhitespace(),
            location: backtickLocation(node, parsedLiteral: parsedLiteral, lines: lines),
            id: id
        ))
        return .reference(id)
    }

    /// The opening backtick of a code span.
    ///
    /// cmark reports where the content starts, just after the backticks. On a
    /// paragraph's continuation lines it miscounts the column by the indentation
    /// it stripped (which `lines` corrects), and after a link whose destination
    /// or title spans lines it miscounts the line. So the spot is checked against
    /// the text: a backtick run there must open this span's content. If it does
    /// not, the first run on that line or the paragraph's later lines that opens
    /// the same content, and that no earlier span has claimed, is taken.
    private mutating func backtickLocation(_ node: MarkdownNode, parsedLiteral: String, lines: LineColumns) -> SourceLocation {
        let text = math.parsedText
        let reportedLine = min(max(node.start.line, 1), text.lineCount)
        let contentColumn = node.start.column + lines.correction(line: reportedLine, in: text)
        let key = Array(parsedLiteral.utf8.prefix { $0 != UInt8(ascii: " ") }.prefix(32))

        let line = text.lineRange(reportedLine)
        var runStart = line.lowerBound + contentColumn - 1
        if runStart > line.lowerBound, runStart <= line.upperBound, text.bytes[runStart - 1] == UInt8(ascii: "`") {
            let runEnd = runStart
            while runStart > line.lowerBound, text.bytes[runStart - 1] == UInt8(ascii: "`") {
                runStart -= 1
            }
            if !claimedBackticks.contains(runStart), opens(key, at: runEnd, before: line.upperBound) {
                return claim(runStart, line: reportedLine)
            }
        }
        let lastClaimedLine = lastClaimedBacktick >= 0 ? text.position(ofOffset: lastClaimedBacktick).line : 0
        let firstLine = max(reportedLine, lastClaimedLine)
        for lineNumber in firstLine...max(firstLine, min(lines.lastLine, text.lineCount)) {
            let range = text.lineRange(lineNumber)
            // Spans come in document order, so nothing before the last claimed
            // run can be this one's; resuming there keeps the search linear.
            var index = max(range.lowerBound, lastClaimedBacktick + 1)
            let scanStart = index
            defer { LoadWork.count(1 + max(0, index - scanStart)) }
            while index < range.upperBound {
                guard text.bytes[index] == UInt8(ascii: "`") else {
                    index += 1
                    continue
                }
                let candidate = index
                while index < range.upperBound, text.bytes[index] == UInt8(ascii: "`") {
                    index += 1
                }
                if !claimedBackticks.contains(candidate), opens(key, at: index, before: range.upperBound) {
                    return claim(candidate, line: lineNumber)
                }
            }
        }
        return location(MarkdownNode.Position(line: reportedLine, column: max(contentColumn - 1, 1)))
    }

    /// Whether the parsed text at `offset` (just after a backtick run) starts
    /// with `key`, allowing the one space cmark strips from padded code spans.
    private func opens(_ key: [UInt8], at offset: Int, before end: Int) -> Bool {
        let bytes = math.parsedText.bytes
        var start = offset
        if start < end, bytes[start] == UInt8(ascii: " ") {
            start += 1
        }
        return start + key.count <= end && bytes[start..<(start + key.count)].elementsEqual(key)
    }

    /// Records that the backtick run at `offset` opened a span, so a later span
    /// on the same line cannot be placed on it too.
    private mutating func claim(_ offset: Int, line: Int) -> SourceLocation {
        claimedBackticks.insert(offset)
        lastClaimedBacktick = max(lastClaimedBacktick, offset)
        let lineStart = math.parsedText.lineStarts[line - 1]
        return location(MarkdownNode.Position(line: line, column: offset - lineStart + 1))
    }

    /// The text of a heading, for its anchor and the lesson title.
    private func plainText(_ nodes: [InlineNode]) -> String {
        var text = ""
        for node in nodes {
            switch node {
            case .text(let plain), .code(let plain), .math(let plain, _):
                text += plain
            case .reference(let id):
                text += "=" + (references.indices.contains(id) ? references[id].expression : "")
            case .emphasis(let children), .strong(let children), .strikethrough(let children),
                 .link(_, _, let children), .image(_, _, let children):
                text += plainText(children)
            case .softBreak, .lineBreak:
                text += " "
            case .html, .footnoteReference:
                continue
            }
        }
        return text
    }

    // MARK: Positions

    /// A cmark position (in the parsed text) as a location in the file.
    private func location(_ position: MarkdownNode.Position) -> SourceLocation {
        let line = min(max(position.line, 1), source.lineCount)
        let byteColumn = math.originalByteColumn(line: line, column: max(position.column, 1))
        return SourceLocation(path: path, line: line, column: source.scalarColumn(line: line, byteColumn: byteColumn))
    }

    /// cmark's inclusive end becomes an exclusive one.
    private func range(of node: MarkdownNode) -> SourceRange {
        SourceRange(
            start: location(node.start),
            end: location(MarkdownNode.Position(line: node.end.line, column: node.end.column + 1))
        )
    }
}

private extension MarkdownNode.Kind {
    var isTableCell: Bool {
        if case .tableCell = self { return true }
        return false
    }
}

