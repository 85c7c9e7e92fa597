import LessonMarkdown
import LessonResults
import LessonSupport

/// Two figures, tables or headings of one lesson with the same id: the page
/// would hold the id twice, and `[@id]` and every link to `#id` would lead to
/// the first, silently. Each later one is a warning at its `{#…}`. (Two
/// headings with one `{#id}` are the loader's warning, with the same code:
/// the later heading takes an anchor from its words.)
enum DuplicateAnchors {
    static func diagnostics(for lesson: Lesson, numbering: Numbering) -> [Diagnostic] {
        guard !lesson.idAttributes.isEmpty else { return [] }
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
            if let title = wordHeadings[id] {
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
