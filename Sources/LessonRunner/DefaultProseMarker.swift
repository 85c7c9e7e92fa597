import LessonMarkdown
import LessonSupport

/// `<!-- default ID -->` … `<!-- /default -->` in a lesson: prose true only at
/// block ID's default explored position, which the page hides at the others.
/// HTML comments, so the lesson reads the same on GitHub and without this tool.
public enum DefaultProseMarker: Equatable, Sendable {
    case open(block: String)
    case close

    /// The marker `html` (an HTML block or inline HTML) is, if any.
    public static func parse(_ html: String) -> DefaultProseMarker? {
        let text = html.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("<!--"), text.hasSuffix("-->"), text.count >= 7 else { return nil }
        let inner = text.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespaces)
        if inner == "/default" { return .close }
        let words = inner.split(separator: " ")
        guard words.count == 2, words[0] == "default" else { return nil }
        return .open(block: String(words[1]))
    }

    /// A located error for each marker naming a block that explores nothing:
    /// its prose would show at every position, true or not.
    static func diagnostics(_ plan: Plan) -> [Diagnostic] {
        let exploring = plan.blocks.filter { $0.explore != nil }.map(\.id)
        let all = Set(plan.blocks.map(\.id))
        var out: [Diagnostic] = []
        for (i, block) in plan.lesson.blocks.enumerated() {
            let location = plan.lesson.blockRanges.indices.contains(i) ? plan.lesson.blockRanges[i].start
                : SourceLocation(path: plan.lesson.path, line: 1, column: 1)
            for id in markedIds(block) where !exploring.contains(id) {
                let why = all.contains(id) ? "block '\(id)' has no 'explore:'" : "no block is named '\(id)'" + Suggestion.didYouMean(id, in: exploring)
                out.append(Diagnostic("'<!-- default \(id) -->' marks prose true at the default position of a block that explores, and \(why)",
                                      at: location,
                                      notes: [.init(exploring.isEmpty ? "no block of this lesson has 'explore:'" : "blocks that explore: " + exploring.joined(separator: ", "))]))
            }
        }
        return out
    }

    private static func markedIds(_ block: BlockNode) -> [String] {
        switch block {
        case .htmlBlock(let html):
            if case .open(let id)? = parse(html) { return [id] }
            return []
        case .paragraph(let inlines), .heading(_, let inlines, _): return markedIds(inlines)
        case .blockQuote(let blocks), .footnoteDefinition(_, let blocks): return blocks.flatMap(markedIds)
        case .list(_, _, _, let items): return items.flatMap { $0.blocks.flatMap(markedIds) }
        case .table(let table): return (table.header + table.rows.flatMap { $0 }).flatMap { markedIds($0) }
        default: return []
        }
    }

    private static func markedIds(_ inlines: [InlineNode]) -> [String] {
        inlines.flatMap { inline -> [String] in
            switch inline {
            case .html(let html):
                if case .open(let id)? = parse(html) { return [id] }
                return []
            case .emphasis(let children), .strong(let children), .strikethrough(let children), .link(_, _, let children):
                return markedIds(children)
            default: return []
            }
        }
    }
}
