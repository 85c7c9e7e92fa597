import LessonMarkdown
import LessonResults
import LessonSupport

/// Two figures, tables or headings of one lesson with the same id: the page
/// would hold the id twice, and `[@id]` and every link to `#id` would lead to
/// the first, silently. Each later one is a warning at its `{#…}`. (Two
/// headings with one `{#id}` are the loader's warning, with the same code:
/// the later heading takes an anchor from its words.) A `{#id}` that is an
/// experiment block's id is a warning too: `[@id]` leads to the block.
enum DuplicateAnchors {
    /// - Parameter blocks: the lesson's blocks' ids and the lines of their fences.
    static func diagnostics(for lesson: Lesson, numbering: Numbering, blocks blockLines: [(id: String, line: Int)] = []) -> [Diagnostic] {
        guard !lesson.idAttributes.isEmpty else { return [] }
        var blockLine: [String: Int] = [:]
        for block in blockLines where blockLine[block.id] == nil { blockLine[block.id] = block.line }
        let figures = Set(numbering.figures.values.map(\.id))
        let tables = Set(numbering.tables.values.map(\.id))
        let explicitHeadings = Set(lesson.idAttributes.filter(\.isHeading).map(\.id))
        // Headings' anchors from their words, with their titles.
        var wordHeadings: [String: String] = [:]
        for (key, target) in numbering.targets where target.kind == .section && key.hasPrefix("sec:") && !explicitHeadings.contains(target.anchor) {
            wordHeadings[target.anchor] = target.title
        }
        let blocks = Set(numbering.targets.values.filter { $0.kind == .experiment }.map(\.anchor))
        var first: [String: (attribute: IdAttribute, what: String)] = [:]
        var found: [Diagnostic] = []
        for attribute in lesson.idAttributes {
            let id = attribute.id
            // Only a `{#…}` that made an id: a heading's, a figure's, a table caption's.
            let what = attribute.isHeading ? "heading"
                : attribute.isTableCaption ? (tables.contains(id) ? "table" : nil)
                : figures.contains(id) ? "figure" : nil
            guard let what else { continue }
            if let earlier = first[id] {
                if !(attribute.isHeading && earlier.attribute.isHeading) {
                    found.append(Diagnostic(.duplicateAnchor,
                        "'{#\(id)}' is already the id of the \(earlier.what) on line \(earlier.attribute.location.line); [@\(id)] and links to '#\(id)' lead there, not here: give this \(what) an id of its own",
                        at: attribute.location, severity: .warning))
                }
                continue
            }
            first[id] = (attribute, what)
            if let line = blockLine[id], numbering.targets[id]?.kind == .experiment {
                // The block's id is a target before any `{#…}` (``Numbering``), wherever it stands.
                let heading = attribute.isHeading ? " (write [@sec:\(id)] for this heading)" : ""
                found.append(Diagnostic(.duplicateAnchor,
                    "'{#\(id)}' is also the id of the experiment block on line \(line) (id: \(id)); [@\(id)] leads to the block, not here\(heading): give this \(what) an id of its own",
                    at: attribute.location, severity: .warning))
            } else if let title = wordHeadings[id] {
                found.append(Diagnostic(.duplicateAnchor,
                    "'{#\(id)}' is also the anchor of the heading '\(Excerpt.clipped(title))' (from its words); links to '#\(id)' lead to whichever comes first: give this \(what) an id of its own",
                    at: attribute.location, severity: .warning))
            } else if blocks.contains(id) {
                found.append(Diagnostic(.duplicateAnchor,
                    "'{#\(id)}' is also the id of the experiment block '\(id.dropFirst("block-".count))' in the page: give this \(what) an id of its own",
                    at: attribute.location, severity: .warning))
            }
        }
        return found
    }
}
