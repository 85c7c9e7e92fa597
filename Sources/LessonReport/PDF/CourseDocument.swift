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
            articles += "<article class=\"course-lesson\" id=\"\(page)\" style=\"page: \(page)\"\(lang)>\n\(prefixingIds(part.body, prefix: "l\(number)-"))</article>\n"
        }
        let date = options.renderDate.map { " · " + HTML.escape($0) } ?? ""
        let main = "<section class=\"course-title\"><h1>\(HTML.escape(course))</h1>"
            + "<p>LessonRunner \(HTML.escape(LessonRunnerVersion.string))\(date)</p>"
            + "<nav class=\"course-contents\" aria-label=\"\(HTML.escape(words.contents))\"><h2\(words.wordsAttribute)>\(HTML.escape(words.contents))</h2><ol>\n"
            + contents + "</ol></nav></section>\n" + articles
        return PageShell.document(title: course, main: main, head: head, words: words, options: options)
    }

    /// Attributes that hold the id of another element (a list of ids for some).
    static let idReferences: Set<String> = ["for", "headers", "list", "aria-labelledby", "aria-describedby", "aria-controls",
                                            "aria-owns", "aria-details", "aria-errormessage", "aria-activedescendant", "aria-flowto"]

    static let attribute = try? NSRegularExpression(pattern: #"(?<=\s)([A-Za-z:-]+)="([^"]*)""#)
    static let urlReference = try? NSRegularExpression(pattern: #"url\(#([^)"]*)\)"#)

    /// A lesson's body with every id it defines given `prefix`, and every
    /// reference to one of them (`href="#…"`, `aria-labelledby`, an SVG's
    /// `url(#…)`) rewritten to match. Lessons repeat ids (`fn-1`, `ref-…`,
    /// heading ids), so in one document a footnote link in lesson 5 would
    /// jump to lesson 1's. References to ids the lesson does not define are
    /// left as they are.
    ///
    /// Text never holds a raw `"` (``HTML/escape(_:)`` writes `&quot;`), so
    /// `name="value"` is always an attribute.
    static func prefixingIds(_ html: String, prefix: String) -> String {
        guard let attribute, let urlReference else { return html }
        let ns = html as NSString
        let whole = NSRange(location: 0, length: ns.length)
        let matches = attribute.matches(in: html, range: whole)
        var ids = Set<String>()
        for match in matches where ns.substring(with: match.range(at: 1)) == "id" {
            ids.insert(ns.substring(with: match.range(at: 2)))
        }
        guard !ids.isEmpty else { return html }
        func renamed(_ id: String) -> String { ids.contains(id) ? prefix + id : id }
        var out = ""
        var last = 0
        for match in matches {
            let name = ns.substring(with: match.range(at: 1)).lowercased()
            let value = ns.substring(with: match.range(at: 2))
            var new = value
            if name == "id" {
                new = prefix + value
            } else if name == "href" || name == "xlink:href", value.hasPrefix("#") {
                new = "#" + renamed(String(value.dropFirst()))
            } else if idReferences.contains(name) {
                new = value.split(separator: " ", omittingEmptySubsequences: false).map { renamed(String($0)) }.joined(separator: " ")
            } else if value.contains("url(#") {
                new = replacingURLReferences(value, urlReference, renamed)
            }
            guard new != value else { continue }
            let range = match.range(at: 2)
            out += ns.substring(with: NSRange(location: last, length: range.location - last)) + new
            last = range.location + range.length
        }
        out += ns.substring(from: last)
        return out
    }

    /// `url(#x)` → `url(#<renamed x>)` in a style or presentation attribute.
    static func replacingURLReferences(_ value: String, _ urlReference: NSRegularExpression, _ renamed: (String) -> String) -> String {
        let ns = value as NSString
        var out = ""
        var last = 0
        for match in urlReference.matches(in: value, range: NSRange(location: 0, length: ns.length)) {
            let range = match.range(at: 1)
            out += ns.substring(with: NSRange(location: last, length: range.location - last)) + renamed(ns.substring(with: range))
            last = range.location + range.length
        }
        return out + ns.substring(from: last)
    }
}
