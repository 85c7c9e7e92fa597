import Foundation
import LessonMarkdown
import LessonResults

/// The lessons in teaching order: what the index, the sidebar, previous/next
/// and the search index share.
///
/// Order comes from the course's `lessons:` list when there is one
/// (``LessonResults/CourseOrder``, as Jupyter Book's `_toc.yml`), then from
/// each lesson's front matter (`order: 3`); lessons without one follow those
/// with one, and ties go by file path. Without a course the key in the file
/// itself decides, so a lesson carries its place wherever it is rendered from.
public struct Curriculum: Sendable {
    public struct Entry: Sendable {
        public var title: String
        /// The page's file name (`softmax.html`).
        public var href: String
        /// The h2 sections: (HTML of the heading text, anchor).
        public var sections: [(html: String, anchor: String)]
        /// The lesson's `lang:` (nil: English), so its title is marked
        /// in its language on a page in another.
        public var lang: String? = nil
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Indices of `lessons` in teaching order.
    public static func teachingOrder(_ lessons: [Lesson]) -> [Int] {
        lessons.indices.sorted { a, b in
            let listed = (lessons[a].coursePosition ?? .max, lessons[b].coursePosition ?? .max)
            if listed.0 != listed.1 { return listed.0 < listed.1 }
            let x = lessons[a].frontMatter?.order ?? .infinity
            let y = lessons[b].frontMatter?.order ?? .infinity
            if x != y { return x < y }
            return lessons[a].path < lessons[b].path
        }
    }

    /// The title lists show: front matter `title:`, else the first `#`
    /// heading, else the file name.
    public static func title(of lesson: Lesson) -> String {
        lesson.frontMatter?.title ?? lesson.title
            ?? ((lesson.path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// The title of a lesson that ran: an inline value in its `#` heading
    /// reads as the value (`Loss 0.31`), as it does on the page, not as
    /// `=sm.loss`.
    public static func title(of executed: ExecutedLesson) -> String {
        let lesson = executed.lesson
        if lesson.frontMatter?.title == nil, let content = lesson.titleContent {
            let text = MarkdownHTML.fragment(executed).plainText(content)
            if !text.isEmpty { return text }
        }
        return title(of: lesson)
    }

    static func sections(of executed: ExecutedLesson) -> [(html: String, anchor: String)] {
        let markdown = MarkdownHTML.fragment(executed)
        return executed.lesson.blocks.compactMap {
            guard case .heading(2, let inlines, let anchor) = $0 else { return nil }
            return (markdown.inline(inlines, depth: 0), anchor)
        }
    }
}

/// Where a page sits in the curriculum.
public struct PageNavigation: Sendable {
    public var curriculum: Curriculum
    /// Index of this page in `curriculum.entries`.
    public var current: Int

    public init(curriculum: Curriculum, current: Int) {
        self.curriculum = curriculum
        self.current = current
    }

    /// The sidebar: every lesson, the current one with its sections; a
    /// `<details>`, closed, so a phone shows the lesson first (the
    /// stylesheet shows its list beside the text on wider screens).
    ///
    /// A course of more than ``sidebarLimit`` lessons lists the
    /// ``sidebarLimit`` around the current one (the index lists them all):
    /// with every lesson in every page, pages grew with the square of the
    /// lesson count (10,000 lessons made 5.7 GB).
    func sidebar(words: InterfaceWords) -> String {
        // Focusable: beside the text it scrolls on its own (a long course), and a
        // keyboard must be able to scroll it (its links are in a closed details box).
        var out = "<nav class=\"sidebar\" tabindex=\"0\" aria-label=\"\(HTML.escape(words.contents))\">\n"
        out += "<details class=\"sidebar-box\"><summary>\(words.word(words.contents))</summary>\n"
        out += "<p class=\"sidebar-home\"><a href=\"index.html\">\(words.word(words.allLessons))</a></p>\n<ol class=\"lesson-list\">\n"
        let shown = Self.window(count: curriculum.entries.count, around: current, limit: Self.sidebarLimit)
        for (i, entry) in curriculum.entries.enumerated() where shown.contains(i) {
            if i == shown.lowerBound, i > 0 { out += "<li class=\"more\" aria-hidden=\"true\">…</li>\n" }
            defer { if i == shown.upperBound - 1, i < curriculum.entries.count - 1 { out += "<li class=\"more\" aria-hidden=\"true\">…</li>\n" } }
            let href = HTML.escape(HTML.fileHref(entry.href))
            if i == current {
                out += "<li class=\"current\"><a href=\"\(href)\" aria-current=\"page\"\(words.langAttribute(entry.lang))>\(HTML.escape(entry.title))</a>"
                if !entry.sections.isEmpty {
                    out += "\n<ol class=\"sections\">\n"
                    for section in entry.sections {
                        out += "<li><a href=\"#\(HTML.escape(section.anchor))\">\(section.html)</a></li>\n"
                    }
                    out += "</ol>"
                }
                out += "</li>\n"
            } else {
                out += "<li><a href=\"\(href)\"\(words.langAttribute(entry.lang))>\(HTML.escape(entry.title))</a></li>\n"
            }
        }
        return out + "</ol>\n</details>\n</nav>\n"
    }

    /// The most lessons a page's sidebar lists.
    static let sidebarLimit = 100

    /// `limit` positions of `0..<count` around `current`, kept inside.
    static func window(count: Int, around current: Int, limit: Int) -> Range<Int> {
        guard count > limit else { return 0..<count }
        let start = min(max(0, current - limit / 2), count - limit)
        return start..<(start + limit)
    }

    /// Previous/next links, with `rel` so browsers and readers know them.
    func pager(words: InterfaceWords) -> String {
        let entries = curriculum.entries
        var out = "<nav class=\"pager\" aria-label=\"\(HTML.escape(words.previous)) / \(HTML.escape(words.next))\">\n"
        if current > 0 {
            let entry = entries[current - 1]
            out += "<a class=\"prev\" rel=\"prev\" href=\"\(HTML.escape(HTML.fileHref(entry.href)))\"><span class=\"label\"\(words.wordsAttribute)>← \(HTML.escape(words.previous))</span><span class=\"title\"\(words.langAttribute(entry.lang))>\(HTML.escape(entry.title))</span></a>\n"
        }
        if current + 1 < entries.count {
            let entry = entries[current + 1]
            out += "<a class=\"next\" rel=\"next\" href=\"\(HTML.escape(HTML.fileHref(entry.href)))\"><span class=\"label\"\(words.wordsAttribute)>\(HTML.escape(words.next)) →</span><span class=\"title\"\(words.langAttribute(entry.lang))>\(HTML.escape(entry.title))</span></a>\n"
        }
        return out + "</nav>\n"
    }

    /// `<link rel=prev/next>` for the head.
    func headLinks() -> String {
        var out = ""
        if current > 0 { out += "<link rel=\"prev\" href=\"\(HTML.escape(HTML.fileHref(curriculum.entries[current - 1].href)))\">\n" }
        if current + 1 < curriculum.entries.count { out += "<link rel=\"next\" href=\"\(HTML.escape(HTML.fileHref(curriculum.entries[current + 1].href)))\">\n" }
        return out
    }
}
