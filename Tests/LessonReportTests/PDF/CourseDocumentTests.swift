import Foundation
import LessonMarkdown
import LessonResults
import LessonRunner
import LessonTestSupport
import Testing
@testable import LessonReport

/// The whole course in one document (`course.pdf`): lessons repeat ids
/// (`fn-1`, `ref-…`, `fig-…`, heading ids, block ids), so each lesson's ids
/// get a prefix of their own and its in-page links follow them.
@Suite struct CourseDocumentTests {
    static let bib = "@article{ioffe2015, author = {Ioffe, Sergey}, title = {Batch Normalization}, journal = {ICML}, year = 2015}\n"

    static func lesson(_ title: String) -> String {
        """
        ---
        bibliography: refs.bib
        ---
        # \(title)

        ## Setup

        A note[^1], a paper [@ioffe2015], the figure [@fig:plot], the block [@sm] and [@sec:setup].

        ![A plot](img/plot.png){#fig:plot}

        ```experiment softmax
        id: sm
        logits: [1, 2]
        label: 1
        ```

        [^1]: The note of \(title).

        """
    }

    /// Every `id="…"` of an HTML text, in order.
    static func ids(_ html: String) -> [String] {
        html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func noIdRepeatsAndEveryLinkStaysInItsLesson() throws {
        let scratch = try ScratchFolder("course")
        defer { scratch.remove() }
        try scratch.write(Self.bib, to: "l/refs.bib")
        try scratch.write("png", to: "l/img/plot.png")
        let paths = [try scratch.write(Self.lesson("First"), to: "l/a.md"), try scratch.write(Self.lesson("Second"), to: "l/b.md")]
        let lessons = paths.map { Pipeline(executor: Executor(cache: nil)).run(path: $0) }
        for lesson in lessons { #expect(lesson.diagnostics.filter { $0.severity == .error }.isEmpty, "\(lesson.diagnostics)") }
        let html = ReportWriter.courseHTML(lessons, arrangement: ReportWriter.arrangement(lessons), options: RenderOptions())

        let all = Self.ids(html)
        #expect(Set(all).count == all.count, "repeated: \(Dictionary(grouping: all, by: { $0 }).filter { $1.count > 1 }.keys.sorted())")
        let articles = html.components(separatedBy: "<article class=\"course-lesson\"").dropFirst()
        #expect(articles.count == 2)
        for article in articles {
            let own = Set(Self.ids(article))
            let links = article.components(separatedBy: "href=\"#").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            // The footnote, the citation, the figure, the block and the section, and the notes' way back.
            #expect(links.count >= 6, "\(links)")
            for link in links { #expect(own.contains(link), "'#\(link)' does not resolve within its lesson") }
            for reference in ["aria-labelledby", "aria-describedby"] {
                let targets = article.components(separatedBy: " \(reference)=\"").dropFirst().flatMap { $0.prefix { $0 != "\"" }.split(separator: " ").map(String.init) }
                for target in targets { #expect(own.contains(target), "\(reference) '\(target)' does not resolve within its lesson") }
            }
        }
        #expect(html.contains("The note of Second"))
    }

    /// Only ids the lesson defines are renamed; a link elsewhere keeps its target.
    @Test func referencesToOtherIdsAreLeftAlone() {
        let body = "<h2 id=\"a\">A</h2><a href=\"#a\">x</a><a href=\"#elsewhere\">y</a><a href=\"b.html#a\">z</a>"
            + "<svg><path marker-end=\"url(#a)\" style=\"fill: url(#b)\"/></svg><p aria-describedby=\"a b\">t</p>"
        #expect(CourseDocument.prefixingIds(body, prefix: "l2-") ==
            "<h2 id=\"l2-a\">A</h2><a href=\"#l2-a\">x</a><a href=\"#elsewhere\">y</a><a href=\"b.html#a\">z</a>"
            + "<svg><path marker-end=\"url(#l2-a)\" style=\"fill: url(#b)\"/></svg><p aria-describedby=\"l2-a b\">t</p>")
    }
}
