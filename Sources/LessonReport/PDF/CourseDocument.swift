import Foundation
import LessonResults

/// The whole course as one document to print: a title page with the
/// contents, then every lesson from a new page, each with its own running
/// header (a named page per lesson: `@page lesson-3 { @top-left { … } }`).
enum CourseDocument {
    struct Part {
        var title: String
        var lang: String?
        /// The lesson's `<main>` (``PageRenderer/mainHTML``).
        var body: String
    }

    static func render(_ parts: [Part], words: InterfaceWords, options: RenderOptions) -> String {
        let course = options.courseTitle ?? words.lessons
        var head = "<style media=\"print\">@page :first { @top-left { content: none; } @top-right { content: none; } }"
            + " article.course-lesson { break-before: page; }"
            + " section.course-title { padding-top: 30vh; } section.course-title h1 { font-size: 2.4rem; }"
            + " nav.course-contents ol { font-size: 1.05rem; line-height: 2; }</style>\n"
        var contents = ""
        var articles = ""
        for (i, part) in parts.enumerated() {
            let number = i + 1
            let page = "lesson-\(number)"
            head += PrintLook.runningHeader(lesson: part.title, number: number, words: words, options: options, pageName: page)
            let lang = words.langAttribute(part.lang)
            contents += "<li><a href=\"#\(page)\"\(lang)>\(HTML.escape(part.title))</a></li>\n"
            articles += "<article class=\"course-lesson\" id=\"\(page)\" style=\"page: \(page)\"\(lang)>\n\(part.body)</article>\n"
        }
        let date = options.renderDate.map { " · " + HTML.escape($0) } ?? ""
        let main = "<section class=\"course-title\"><h1>\(HTML.escape(course))</h1>"
            + "<p>LessonRunner \(HTML.escape(LessonRunnerVersion.string))\(date)</p>"
            + "<nav class=\"course-contents\" aria-label=\"\(HTML.escape(words.contents))\"><h2\(words.wordsAttribute)>\(HTML.escape(words.contents))</h2><ol>\n"
            + contents + "</ol></nav></section>\n" + articles
        return PageShell.document(title: course, main: main, head: head, words: words, options: options)
    }
}
