import LessonMarkdown

/// The numbers a page gives its figures, tables, experiment blocks and
/// footnotes, and what each `[@id]` points to. Computed from the lesson
/// alone, so `check` and the page agree.
///
/// - A figure is a paragraph holding one image, optionally followed by
///   `{#fig:id}`: `![Loss against epochs](img/loss.png){#fig:loss}`. The alt
///   text is its caption.
/// - A table is numbered when a paragraph `Table: caption {#tbl:id}` stands
///   just before or after it (pandoc's syntax); that paragraph becomes its
///   caption.
/// - Experiment blocks are numbered in order; `[@id]` uses the block's id.
/// - Sections: `[@sec:anchor]`, or `[@anchor]`, with the heading's anchor.
public struct Numbering: Sendable {
    public enum Kind: String, Sendable { case figure, table, experiment, section }

    public struct Target: Sendable, Equatable {
        public var kind: Kind
        /// 1-based among its kind (0 for sections).
        public var number: Int
        /// The HTML id to link to.
        public var anchor: String
        /// A section's heading text.
        public var title: String
    }

    /// By `[@id]` id.
    public private(set) var targets: [String: Target] = [:]
    /// Figures by the index of their paragraph in `lesson.blocks` (top level
    /// and nested are numbered alike; the key is the block's path).
    public private(set) var figures: [[Int]: (number: Int, id: String)] = [:]
    /// Captioned tables by the path of the table block; the caption
    /// paragraph's path is in `captionParagraphs`.
    public private(set) var tables: [[Int]: (number: Int, id: String, caption: [InlineNode])] = [:]
    public private(set) var captionParagraphs: Set<[Int]> = []
    /// Footnote labels in order of first reference: label → number.
    public private(set) var footnotes: [String: Int] = [:]
    public private(set) var footnoteOrder: [String] = []

    /// - Parameter referenceTexts: the values of inline references by id, so
    ///   a section's title reads "Loss 0.31" where its heading has `=sm.loss`.
    public init(lesson: Lesson, blockIds: [String], referenceTexts: [Int: String] = [:]) {
        for (i, id) in blockIds.enumerated() where targets[id] == nil {
            targets[id] = Target(kind: .experiment, number: i + 1, anchor: "block-" + id, title: id)
        }
        var figureCount = 0
        var tableCount = 0
        func walk(_ blocks: [BlockNode], path: [Int], depth: Int) {
            guard depth < Lesson.maximumNesting else { return }
            for (i, block) in blocks.enumerated() {
                let here = path + [i]
                switch block {
                case .paragraph(let inlines):
                    inlines.forEach { collectFootnotes($0, depth: depth) }
                    if let (id, _) = Self.figure(inlines) {
                        figureCount += 1
                        let anchor = id ?? "figure-\(figureCount)"
                        figures[here] = (figureCount, anchor)
                        if let id, targets[id] == nil {
                            targets[id] = Target(kind: .figure, number: figureCount, anchor: anchor, title: "")
                        }
                    }
                case .table(let table):
                    for row in [table.header] + table.rows { row.forEach { $0.forEach { collectFootnotes($0, depth: depth) } } }
                    let neighbours = [i - 1, i + 1].filter { blocks.indices.contains($0) && !captionParagraphs.contains(path + [$0]) }
                    for n in neighbours {
                        guard case .paragraph(let inlines) = blocks[n], let (caption, id) = Self.tableCaption(inlines) else { continue }
                        tableCount += 1
                        let anchor = id ?? "table-\(tableCount)"
                        tables[here] = (tableCount, anchor, caption)
                        captionParagraphs.insert(path + [n])
                        if let id, targets[id] == nil {
                            targets[id] = Target(kind: .table, number: tableCount, anchor: anchor, title: "")
                        }
                        break
                    }
                case .heading(_, let inlines, let anchor):
                    inlines.forEach { collectFootnotes($0, depth: depth) }
                    let title = Self.plain(inlines, referenceTexts: referenceTexts)
                    for key in ["sec:" + anchor, anchor] where targets[key] == nil {
                        targets[key] = Target(kind: .section, number: 0, anchor: anchor, title: title)
                    }
                case .blockQuote(let children):
                    walk(children, path: here, depth: depth + 1)
                case .list(_, _, _, let items):
                    for (k, item) in items.enumerated() { walk(item.blocks, path: here + [k], depth: depth + 1) }
                case .footnoteDefinition(_, let children):
                    walk(children, path: here, depth: depth + 1)
                default:
                    break
                }
            }
        }
        walk(lesson.blocks, path: [], depth: 0)
    }

    private mutating func collectFootnotes(_ node: InlineNode, depth: Int) {
        guard depth < Lesson.maximumNesting else { return }
        switch node {
        case .footnoteReference(let label):
            if footnotes[label] == nil {
                footnoteOrder.append(label)
                footnotes[label] = footnoteOrder.count
            }
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c):
            c.forEach { collectFootnotes($0, depth: depth + 1) }
        default:
            break
        }
    }

    /// An image alone in its paragraph, with an optional `{#fig:id}` after it.
    public static func figure(_ inlines: [InlineNode]) -> (id: String?, image: InlineNode)? {
        let meaningful = inlines.filter {
            if case .text(let t) = $0 { return !t.allSatisfy(\.isWhitespace) }
            return $0 != .softBreak && $0 != .lineBreak
        }
        guard let image = meaningful.first, case .image = image else { return nil }
        if meaningful.count == 1 { return (nil, image) }
        guard meaningful.count == 2, case .text(let text) = meaningful[1], let id = attributeId(text) else { return nil }
        return (id, image)
    }

    /// `Table: caption {#tbl:id}` → (caption, id).
    public static func tableCaption(_ inlines: [InlineNode]) -> ([InlineNode], String?)? {
        guard case .text(let first)? = inlines.first, first.hasPrefix("Table:") || first.hasPrefix(": ") else { return nil }
        var caption = inlines
        let prefix = first.hasPrefix("Table:") ? "Table:" : ":"
        caption[0] = .text(String(first.dropFirst(prefix.count)).drop { $0 == " " }.description)
        var id: String?
        if case .text(let last)? = caption.last, let open = last.range(of: "{#", options: .backwards),
           let found = attributeId(String(last[open.lowerBound...])) {
            id = found
            let kept = String(last[..<open.lowerBound])
            caption[caption.count - 1] = .text(String(kept.reversed().drop { $0 == " " }.reversed()))
        }
        return (caption, id)
    }

    /// `{#id}` (with spaces around) → id.
    static func attributeId(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{#"), trimmed.hasSuffix("}"), trimmed.count > 3 else { return nil }
        let id = String(trimmed.dropFirst(2).dropLast())
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || "-_:.".contains($0) }) else { return nil }
        return id
    }

    static func plain(_ inlines: [InlineNode], referenceTexts: [Int: String] = [:]) -> String {
        inlines.map { node -> String in
            switch node {
            case .text(let t), .code(let t), .math(let t, _): return t
            case .reference(let id): return referenceTexts[id] ?? ""
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c):
                return plain(c, referenceTexts: referenceTexts)
            case .softBreak, .lineBreak: return " "
            default: return ""
            }
        }.joined()
    }

    /// Unknown `[@id]`s, as errors at their place; ids in `excluding` are
    /// citations (``Citations`` checks those).
    public func diagnostics(for lesson: Lesson, excluding: Set<String> = []) -> [Diagnostic] {
        lesson.crossReferences.compactMap { reference in
            guard targets[reference.id] == nil, !excluding.contains(reference.id) else { return nil }
            let known = targets.keys.sorted()
            let close = known.first { $0.lowercased() == reference.id.lowercased() }
                ?? known.first { $0.hasSuffix(":" + reference.id) || reference.id.hasSuffix(":" + $0) }
            return Diagnostic(.crossReference,
                "unknown cross-reference '[@\(reference.id)]'" + (close.map { "; did you mean '[@\($0)]'?" } ?? "")
                    + " (a figure `{#fig:…}`, a `Table: … {#tbl:…}` caption, a block id or a heading's anchor)",
                at: reference.location)
        }
    }
}

import Foundation
