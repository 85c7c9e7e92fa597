import Foundation
import LessonMarkdown
import LessonResults
import LessonSupport

/// The offline search index: for every lesson, its title and, per section,
/// the heading and the prose (code and experiment blocks left out). Written
/// as `assets/search-index.js`, which sets `window.LESSON_SEARCH`: a script
/// loads over file://, where fetching JSON does not.
public enum SearchIndex {
    struct Lesson: Encodable, Sendable {
        /// The page.
        var p: String
        /// The title.
        var t: String
        var s: [Section]
        /// The lesson's `lang:` (absent: English), so a result is read in its language.
        var l: String? = nil
    }

    struct Section: Encodable, Sendable {
        /// The heading's anchor ("" for the text before the first heading).
        var a: String
        /// The heading.
        var h: String
        /// The prose.
        var x: String
    }

    /// `lessons` with their page names, in teaching order.
    public static func script(for lessons: [(executed: ExecutedLesson, href: String)]) -> String {
        script(entries: lessons.map { entry(for: $0.executed, href: $0.href) })
    }

    /// The script from entries made with ``entry(for:href:)`` (one per lesson, in teaching order).
    static func script(entries: [Lesson]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(entries)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        return "window.LESSON_SEARCH = " + json + ";\n"
    }

    static func entry(for executed: ExecutedLesson, href: String) -> Lesson {
        let markdown = MarkdownHTML.fragment(executed)
        let title = Curriculum.title(of: executed)
        var sections: [Section] = [Section(a: "", h: title, x: "")]
        func add(_ text: String) {
            let trimmed = text.collapsingWhitespace
            guard !trimmed.isEmpty else { return }
            sections[sections.count - 1].x += (sections[sections.count - 1].x.isEmpty ? "" : " ") + trimmed
        }
        func walk(_ block: BlockNode, depth: Int) {
            guard depth < 64 else { return }
            switch block {
            case .heading(let level, let inlines, let anchor):
                let text = markdown.plainText(inlines)
                if level == 1, sections.count == 1, sections[0].x.isEmpty {
                    sections[0].a = anchor
                } else {
                    sections.append(Section(a: anchor, h: text, x: ""))
                }
            case .paragraph(let inlines):
                add(markdown.plainText(inlines))
            case .blockQuote(let children):
                children.forEach { walk($0, depth: depth + 1) }
            case .list(_, _, _, let items):
                for item in items { item.blocks.forEach { walk($0, depth: depth + 1) } }
            case .table(let table):
                for row in [table.header] + table.rows { add(row.map { markdown.plainText($0) }.joined(separator: " ")) }
            case .mathBlock(let tex):
                add(tex)
            default:
                // Code, experiment blocks, raw HTML and rules are not prose.
                break
            }
        }
        executed.lesson.blocks.forEach { walk($0, depth: 0) }
        // Percent-encoded like every page link: the script sets `a.href` from
        // it, where a name such as `javascript:x.html` would be a scheme.
        return Lesson(p: HTML.fileHref(href), t: title, s: sections.filter { !$0.x.isEmpty || !$0.a.isEmpty },
                      l: executed.lesson.frontMatter?.lang)
    }
}
