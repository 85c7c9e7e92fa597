import Experiments
import Foundation
import LessonMarkdown
import LessonRunner

/// Options that change what a page contains.
public struct RenderOptions: Sendable {
    /// Pass raw HTML in lessons through (off by default: lessons may come from anyone).
    public var allowRawHTML: Bool
    /// Relative URL of the folder holding `katex/` and `style.css`.
    public var assetsURL: String
    /// The course's title (`course.yml`): the index page's heading instead of "Lessons".
    public var courseTitle: String?

    public init(allowRawHTML: Bool = false, assetsURL: String = "assets", courseTitle: String? = nil) {
        self.allowRawHTML = allowRawHTML
        self.assetsURL = assetsURL
        self.courseTitle = courseTitle
    }
}

/// The render stage for one lesson: executed lesson in, standalone HTML out.
/// It never runs anything.
public enum PageRenderer {
    /// - Parameter navigation: where the page sits among the lessons (sidebar,
    ///   previous/next); without it, a contents list follows the title.
    /// - Parameter imageSources: the `src` of local images that are not
    ///   copied to the path the lesson wrote (``ImagePlacement``).
    /// - Parameter lessonLinks: the pages of the other lessons rendered with
    ///   it, for links to their `.md` files.
    public static func render(_ executed: ExecutedLesson, options: RenderOptions = RenderOptions(),
                              navigation: PageNavigation? = nil, imageSources: [String: String] = [:],
                              lessonLinks: LessonLinks = LessonLinks()) -> String {
        let lesson = executed.lesson
        let words = InterfaceWords.forLanguage(lesson.frontMatter?.lang)
        let blockHTML = BlockHTML(lessonPath: lesson.path, words: words)
        var referenceById: [Int: ResolvedReference] = [:]
        for resolved in executed.references { referenceById[resolved.reference.id] = resolved }
        var markdown = MarkdownHTML(
            allowRawHTML: options.allowRawHTML, references: referenceById,
            failedBlocks: Set(executed.blocks.filter { !$0.passed }.map(\.planned.id)),
            experiment: { index in
                guard executed.blocks.indices.contains(index) else { return "" }
                return blockHTML.render(executed.blocks[index], number: index + 1)
            }, math: executed.math, numbering: executed.numbering, words: words, imageSources: imageSources)
        markdown.lessonLinks = lessonLinks
        markdown.lessonPath = lesson.path
        let fileName = (lesson.path as NSString).lastPathComponent
        let title = Curriculum.title(of: executed)
        let status = "<span class=\"badge \(executed.passed ? "passed" : "failed")\"\(words.wordsAttribute)>\(HTML.escape(StatusWords.badge(executed, words: words)))</span>"

        var body = FailureSummary.html(executed, words: words)
        // A contents list after the title, for lessons long enough to need one.
        var contents = markdown
        contents.writesFootnoteReferences = false
        let sections: [(String, String)] = lesson.blocks.compactMap {
            guard case .heading(2, let inlines, let anchor) = $0 else { return nil }
            return (contents.inline(inlines, depth: 0), anchor)
        }
        let titleIndex = lesson.blocks.firstIndex {
            if case .heading(1, _, _) = $0 { return true }
            return false
        }
        if navigation == nil, sections.count >= 3, let titleIndex {
            body += markdown.render(Array(lesson.blocks[...titleIndex]))
            body += "<nav class=\"toc\" aria-label=\"\(HTML.escape(words.contents))\"><ol>\n"
            for (html, anchor) in sections {
                body += "<li><a href=\"#\(HTML.escape(anchor))\">\(html)</a></li>\n"
            }
            body += "</ol></nav>\n"
            body += markdown.render(Array(lesson.blocks[(titleIndex + 1)...]), offset: titleIndex + 1)
        } else {
            body += markdown.render(lesson.blocks)
        }

        body += markdown.footnotes(lesson.blocks)
        body += navigation?.pager(words: words) ?? ""

        let header = "<header class=\"page\"><a href=\"index.html\">← \(words.word(words.allLessons))</a>"
            + PageShell.searchBox(words: words)
            + "<span class=\"spacer\"></span>\(status)<span>\(HTML.escape(fileName))</span></header>\n"
        return PageShell.document(title: title, header: header, main: body,
                                  sidebar: navigation?.sidebar(words: words) ?? "",
                                  head: navigation?.headLinks() ?? "", words: words, options: options,
                                  explores: executed.blocks.contains { !$0.positions.isEmpty })
    }
}
