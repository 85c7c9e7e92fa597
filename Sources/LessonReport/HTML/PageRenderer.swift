import Experiments
import Foundation
import LessonMarkdown
import LessonResults

/// Options that change what a page contains.
public struct RenderOptions: Sendable {
    /// Pass raw HTML in lessons through (off by default: lessons may come from anyone).
    public var allowRawHTML: Bool
    /// Relative URL of the folder holding `katex/` and `style.css`.
    public var assetsURL: String
    /// The day of the render (`2026-12-06`) for the footer and the printed
    /// page's header; nil leaves it out (tests, reproducible builds without
    /// `SOURCE_DATE_EPOCH`).
    public var renderDate: String?
    /// The course's title (`course.yml` or `--course-title`): the index
    /// page's heading instead of "Lessons", and the printed pages' running header.
    public var courseTitle: String?

    public init(allowRawHTML: Bool = false, assetsURL: String = "assets", renderDate: String? = nil, courseTitle: String? = nil) {
        self.allowRawHTML = allowRawHTML
        self.assetsURL = assetsURL
        self.renderDate = renderDate
        self.courseTitle = courseTitle
    }

    /// Today in UTC, or the day of `SOURCE_DATE_EPOCH` when it is set (the
    /// reproducible-builds convention: the same pages from the same sources).
    public static func today(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let seconds = environment["SOURCE_DATE_EPOCH"].flatMap(Double.init) ?? Date().timeIntervalSince1970
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
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
    /// - Parameter csvFiles: collects the CSV files of the page's tables and
    ///   charts, which the caller writes beside it; nil inlines them as `data:` links.
    /// - Parameter versions: the lesson in every language it is written in
    ///   (``Translations``), for the language switch; `pageName` is this page's.
    public static func render(_ executed: ExecutedLesson, options: RenderOptions = RenderOptions(),
                              navigation: PageNavigation? = nil, imageSources: [String: String] = [:],
                              lessonLinks: LessonLinks = LessonLinks(), versions: [Translations.Version] = [],
                              pageName: String = "", csvFiles: CSVFiles? = nil) -> String {
        let lesson = executed.lesson
        let words = InterfaceWords.forLanguage(lesson.frontMatter?.lang)
        let fileName = (lesson.path as NSString).lastPathComponent
        let title = Curriculum.title(of: executed)
        let status = "<span class=\"badge \(executed.passed ? "passed" : "failed")\"\(words.wordsAttribute)>\(HTML.escape(StatusWords.badge(executed, words: words)))</span>"
        let body = mainHTML(executed, navigation: navigation, imageSources: imageSources, lessonLinks: lessonLinks, options: options,
                            csvFiles: csvFiles)
            + (navigation?.pager(words: words) ?? "")
        let header = "<header class=\"page\"><a href=\"index.html\">← \(words.word(words.allLessons))</a>"
            + PageShell.searchBox(words: words)
            + "<span class=\"spacer\"></span>" + Translations.languageSwitch(versions, current: pageName, words: words)
            + "\(status)</header>\n"
        let number = navigation.map { $0.current + 1 }
        return PageShell.document(title: title, header: header, main: body,
                                  sidebar: navigation?.sidebar(words: words) ?? "",
                                  head: (navigation?.headLinks() ?? "") + Translations.headLinks(versions) + PrintLook.runningHeader(lesson: title, number: number, words: words, options: options),
                                  footer: PageShell.footer(source: fileName, sourceHref: pageName.isEmpty ? nil : ReportWriter.sourceCopyName(pageName),
                                                           machines: PageShell.machineFacts(executed), words: words, options: options),
                                  words: words, options: options,
                                  explores: executed.blocks.contains { !$0.positions.isEmpty })
    }

    /// What `<main>` holds: the failure summary, the lesson (with a contents
    /// list when there is no sidebar) and its footnotes; also a lesson's
    /// part of the whole course's printout.
    static func mainHTML(_ executed: ExecutedLesson, navigation: PageNavigation?, imageSources: [String: String],
                         lessonLinks: LessonLinks, options: RenderOptions, csvFiles: CSVFiles? = nil) -> String {
        let lesson = executed.lesson
        let words = InterfaceWords.forLanguage(lesson.frontMatter?.lang)
        let blockHTML = BlockHTML(lessonPath: lesson.path, words: words, csvFiles: csvFiles)
        var referenceById: [Int: ResolvedReference] = [:]
        for resolved in executed.references { referenceById[resolved.reference.id] = resolved }
        var markdown = MarkdownHTML(
            allowRawHTML: options.allowRawHTML, references: referenceById,
            failedBlocks: Set(executed.blocks.filter { !$0.passed }.map(\.planned.id)),
            experiment: { id in
                guard let block = executed.blocks[id] else { return "" }
                return blockHTML.render(block, number: id.number)
            }, math: executed.math, numbering: executed.numbering, words: words, imageSources: imageSources)
        markdown.citations = executed.citations
        markdown.lessonLinks = lessonLinks
        markdown.lessonPath = lesson.path

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
        body += BibliographyHTML.list(executed.citations, words: words)
        return body
    }
}
