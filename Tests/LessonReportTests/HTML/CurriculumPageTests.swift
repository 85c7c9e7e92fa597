import Foundation
import LessonMarkdown
import LessonRunner
import LessonResults
import LessonSupport
import LessonTestSupport
import Testing
@testable import LessonReport

/// Navigation, search, figures, cross-references, footnotes, images and the
/// page language, through ``ReportWriter`` as `lesson render` uses it.
@Suite struct CurriculumPageTests {
    func executed(_ source: String, path: String) -> ExecutedLesson {
        var lesson = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: path)))
        lesson.diagnostics += lesson.numbering.diagnostics(for: lesson.lesson) + LocalImage.diagnostics(for: lesson.lesson)
        return lesson
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func lessonsFollowFrontMatterOrderWithPreviousAndNext() throws {
        let scratch = try ScratchFolder("curriculum")
        defer { scratch.remove() }
        let root = scratch.path
        try scratch.folder("lessons/img")
        let lessons = [
            executed("---\norder: 2\n---\n# Second\n\n## Part A\n\ntext\n\n## Part B\n", path: root + "/lessons/a.md"),
            executed("# Unordered\n", path: root + "/lessons/b.md"),
            executed("---\norder: 1\n---\n# First\n", path: root + "/lessons/c.md"),
        ]
        #expect(Curriculum.teachingOrder(lessons.map(\.lesson)) == [2, 0, 1])
        try ReportWriter(outputDirectory: root + "/out").write(lessons)
        let index = try read(root + "/out/index.html")
        let positions = ["c.html", "a.html", "b.html"].map { index.range(of: "href=\"\($0)\"")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions[0]! < positions[1]! && positions[1]! < positions[2]!)

        let second = try read(root + "/out/a.html")
        #expect(second.contains("<link rel=\"prev\" href=\"c.html\">"))
        #expect(second.contains("<link rel=\"next\" href=\"b.html\">"))
        #expect(second.contains("<a class=\"prev\" rel=\"prev\" href=\"c.html\"><span class=\"label\">← Previous</span><span class=\"title\">First</span></a>"))
        #expect(second.contains("<a class=\"next\" rel=\"next\" href=\"b.html\">"))
        // The sidebar lists every lesson, and the current one's sections.
        #expect(second.contains("<nav class=\"sidebar\" tabindex=\"0\" aria-label=\"Contents\">"))
        #expect(second.contains("<li class=\"current\"><a href=\"a.html\" aria-current=\"page\">Second</a>"))
        #expect(second.contains("<li><a href=\"#part-a\">Part A</a></li>"))
        #expect(second.contains("<li><a href=\"b.html\">Unordered</a></li>"))
        let first = try read(root + "/out/c.html")
        #expect(!first.contains("rel=\"prev\""))
        let last = try read(root + "/out/b.html")
        #expect(!last.contains("rel=\"next\""))
    }

    /// A course's `lessons:` list comes before `order:`, which still orders
    /// the lessons of one folder it names; unlisted lessons come last.
    @Test func aCoursesListComesBeforeFrontMatterOrder() throws {
        let scratch = try ScratchFolder("curriculum")
        defer { scratch.remove() }
        let root = scratch.path
        try scratch.folder("lessons/img")
        var lessons = [
            executed("---\norder: 2\n---\n# Second in folder\n", path: root + "/lessons/a.md"),
            executed("---\norder: 1\n---\n# First in folder\n", path: root + "/lessons/b.md"),
            executed("---\norder: 9\n---\n# Listed first\n", path: root + "/lessons/z.md"),
            executed("---\norder: 0\n---\n# Not listed\n", path: root + "/other/n.md"),
        ]
        let order = CourseOrder(paths: [root + "/lessons/z.md", root + "/lessons"])
        for i in lessons.indices { lessons[i].plan.lesson.coursePosition = order.position(of: lessons[i].lesson.path) }
        #expect(Curriculum.teachingOrder(lessons.map(\.lesson)) == [2, 1, 0, 3])
        // The printed course (`render --pdf`) follows the same sequence.
        #expect(ReportWriter.arrangement(lessons).sequence == [2, 1, 0, 3])
        try ReportWriter(outputDirectory: root + "/out").write(lessons)
        let index = try read(root + "/out/index.html")
        let positions = ["z.html", "b.html", "a.html", "n.html"].compactMap { index.range(of: "href=\"\($0)\"")?.lowerBound }
        #expect(positions.count == 4 && positions == positions.sorted())
        // Previous/next and the search follow it too.
        #expect(try read(root + "/out/b.html").contains("<link rel=\"prev\" href=\"z.html\">"))
        let search = try read(root + "/out/assets/search-index.js")
        let titles = ["Listed first", "First in folder", "Second in folder", "Not listed"].compactMap { search.range(of: $0)?.lowerBound }
        #expect(titles.count == 4 && titles == titles.sorted())
    }

    /// Pages are rendered on several threads; the files are the same for any number.
    @Test func pagesAreTheSameForAnyNumberOfJobs() throws {
        let scratch = try ScratchFolder("curriculum")
        defer { scratch.remove() }
        let root = scratch.path
        try scratch.folder("lessons/img")
        let lessons = (0..<5).map { n in
            executed("---\norder: \(5 - n)\n---\n# Lesson \(n)\n\n## Part\n\nText $x_\(n)$ and `=\(n) * 2`.\n", path: root + "/lessons/l\(n).md")
        }
        try ReportWriter(outputDirectory: root + "/one", jobs: 1).write(lessons)
        try ReportWriter(outputDirectory: root + "/three", jobs: 3).write(lessons)
        for n in 0..<5 {
            let one = try read(root + "/one/l\(n).html"), three = try read(root + "/three/l\(n).html")
            #expect(one == three, "l\(n).html")
            #expect(one.contains("Lesson \(n)"))
        }
        #expect(try read(root + "/one/index.html") == read(root + "/three/index.html"))
    }

    /// A render of unchanged lessons writes nothing: every file keeps its
    /// inode and modification time; a changed lesson rewrites its own page.
    @Test func aSecondRenderRewritesOnlyWhatChanged() throws {
        let scratch = try ScratchFolder("curriculum")
        defer { scratch.remove() }
        let root = scratch.path
        try scratch.folder("lessons/img")
        func identities() throws -> [String: [Int]] {
            var out: [String: [Int]] = [:]
            let enumerator = FileManager.default.enumerator(atPath: root + "/out")
            while let file = enumerator?.nextObject() as? String {
                var info = stat()
                guard stat(root + "/out/" + file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                out[file] = [Int(info.st_ino), info.st_mtim.tv_sec, info.st_mtim.tv_nsec]
            }
            return out
        }
        let a = executed("# A\n\nFirst $x^2$.\n", path: root + "/lessons/a.md")
        let b = executed("# B\n\nSecond.\n", path: root + "/lessons/b.md")
        try ReportWriter(outputDirectory: root + "/out").write([a, b])
        let first = try identities()
        #expect(first.keys.contains("a.html") && first.keys.contains("index.html") && first.keys.contains("assets/style.css"))
        try ReportWriter(outputDirectory: root + "/out").write([a, b])
        #expect(try identities() == first)
        let changed = executed("# B\n\nSecond, changed.\n", path: root + "/lessons/b.md")
        try ReportWriter(outputDirectory: root + "/out").write([a, changed])
        let third = try identities()
        #expect(third["b.html"] != first["b.html"])
        #expect(third["a.html"] == first["a.html"])
        #expect(third["assets/style.css"] == first["assets/style.css"])
        #expect(try read(root + "/out/b.html").contains("Second, changed."))
    }

    @Test func searchIndexHasTitlesHeadingsAndProseButNoCode() throws {
        let lesson = executed("# Softmax\n\nIntro **words** here.\n\n## Stability\n\nLog-sum-exp trick.\n\n```python\nsecret_code()\n```\n", path: "lessons/s.md")
        let script = SearchIndex.script(for: [(lesson, "s.html")])
        #expect(script.hasPrefix("window.LESSON_SEARCH = ["))
        #expect(script.contains("\"t\":\"Softmax\""))
        #expect(script.contains("\"p\":\"s.html\""))
        #expect(script.contains("{\"a\":\"softmax\",\"h\":\"Softmax\",\"x\":\"Intro words here.\"}"))
        #expect(script.contains("{\"a\":\"stability\",\"h\":\"Stability\",\"x\":\"Log-sum-exp trick.\"}"))
        #expect(!script.contains("secret_code"))
        #expect(!script.contains("\"l\":"))
        let vietnamese = executed("---\nlang: vi\n---\n# Hàm\n\nChữ.\n", path: "lessons/v.md")
        #expect(SearchIndex.script(for: [(vietnamese, "v.html")]).contains("\"l\":\"vi\""))
    }

    @Test func figuresTablesBlocksAndSectionsAreNumberedAndCrossReferenced() {
        let source = """
        # T

        See [@fig:loss], [@tbl:sizes], [@sm] and [@sec:details], not `[@code]`.

        ![Loss against epochs](img/loss.png){#fig:loss}

        | n | time |
        |---|------|
        | 1 | 2 |

        Table: Sizes and times {#tbl:sizes}

        ```experiment softmax
        id: sm
        logits: [1, 2]
        classes: [a, b]
        label: a
        ```

        ## Details

        ![Second](img/b.png)
        """
        let lesson = executed(source, path: "lessons/t.md")
        let html = PageRenderer.render(lesson)
        #expect(html.contains("<a class=\"xref figure\" href=\"#fig:loss\">Figure 1</a>"))
        #expect(html.contains("<a class=\"xref table\" href=\"#tbl:sizes\">Table 1</a>"))
        #expect(html.contains("<a class=\"xref experiment\" href=\"#block-sm\">Experiment 1</a>"))
        #expect(html.contains("<a class=\"xref section\" href=\"#details\">§ Details</a>"))
        #expect(html.contains("<code>[@code]</code>"))
        #expect(html.contains("<figure class=\"figure\" id=\"fig:loss\"><img src=\"img/loss.png\" alt=\"Loss against epochs\"><figcaption><span class=\"figure-number\">Figure 1.</span> Loss against epochs</figcaption></figure>"))
        #expect(html.contains("<figure class=\"figure\" id=\"figure-2\">"))
        #expect(html.contains("<div class=\"table-wrap\" tabindex=\"0\" id=\"tbl:sizes\"><table>\n<caption><span class=\"table-number\">Table 1.</span> Sizes and times</caption>"))
        #expect(!html.contains("Table: Sizes"))
        #expect(html.contains("<span class=\"experiment-number\">Experiment 1</span>"))
        // Only the missing images are errors here; every reference resolved.
        #expect(!lesson.diagnostics.contains { $0.message.contains("cross-reference") })
    }

    @Test func unknownCrossReferenceIsALocatedError() throws {
        let lesson = executed("# T\n\nSee [@fig:nope] and [@T].\n", path: "lessons/t.md")
        let errors = lesson.diagnostics.filter { $0.message.contains("cross-reference") }
        #expect(errors.count == 2)
        #expect(errors.last?.message.contains("did you mean '[@t]'") == true)
        let error = try #require(errors.first)
        #expect(error.location == SourceLocation(path: "lessons/t.md", line: 3, column: 5))
        #expect(error.severity == .error)
        #expect(PageRenderer.render(lesson).contains("[@fig:nope]"))
    }

    @Test func footnotesAreNumberedInOrderOfReference() {
        let lesson = executed("Text[^b] and[^a], again[^b].\n\n[^a]: Note A.\n\n[^b]: Note B.\n", path: "lessons/t.md")
        let html = PageRenderer.render(lesson)
        #expect(html.contains("Text<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" role=\"doc-noteref\">1</a></sup>"))
        #expect(html.contains("and<sup class=\"footnote-ref\"><a href=\"#fn-2\""))
        let list = html[html.range(of: "<section class=\"footnotes\"")!.lowerBound...]
        let b = list.range(of: "Note B.")!.lowerBound, a = list.range(of: "Note A.")!.lowerBound
        #expect(b < a)
        #expect(list.contains("<li id=\"fn-1\">"))
        // Referenced twice: two ids, and a back-link to each.
        #expect(html.contains("again<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\" role=\"doc-noteref\">1</a></sup>"))
        #expect(list.contains("<a href=\"#fnref-1\" role=\"doc-backlink\" aria-label=\"Back to the text 1\">↩</a> "
            + "<a href=\"#fnref-1-2\" role=\"doc-backlink\" aria-label=\"Back to the text 2\">↩<sup>2</sup></a>"))
        #expect(list.contains("<a href=\"#fnref-2\" role=\"doc-backlink\" aria-label=\"Back to the text\">↩</a></p>"))
        // Not left in the text where they were written.
        #expect(html.components(separatedBy: "Note A.").count == 2)
    }

    /// The contents list repeats a heading's text, but not its footnote
    /// reference: that would repeat the id, and put a link in a link.
    @Test func theContentsListLeavesOutFootnoteReferences() {
        let lesson = executed("# T\n\n## One[^a]\n\nx[^a]\n\n## Two\n\n## Three\n\n[^a]: Note.\n", path: "lessons/t.md")
        let html = PageRenderer.render(lesson)
        let toc = html[html.range(of: "<nav class=\"toc\"")!.lowerBound..<html.range(of: "</nav>")!.upperBound]
        #expect(toc.contains("One</a></li>"))
        #expect(!toc.contains("footnote-ref"))
        #expect(html.contains("One<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" role=\"doc-noteref\">1</a></sup></h2>"))
        #expect(html.contains("x<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\""))
    }

    @Test func localImagesAreCopiedAndMissingOnesAreLocatedErrors() throws {
        let scratch = try ScratchFolder("curriculum")
        defer { scratch.remove() }
        let root = scratch.path
        try scratch.folder("lessons/img")
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: URL(fileURLWithPath: root + "/lessons/img/a.png"))
        let lesson = executed("# T\n\n![A](img/a.png)\n\nText ![gone](img/missing.png) and ![out](../secret.png).\n",
                              path: root + "/lessons/t.md")
        let errors = lesson.diagnostics.filter { $0.message.contains("image") }
        #expect(errors.count == 2)
        #expect(errors[0].location == SourceLocation(path: root + "/lessons/t.md", line: 5, column: 6))
        #expect(errors[0].message.contains("not found"))
        #expect(errors[1].location?.column == 35)
        #expect(errors[1].message.contains("outside the lesson's folder"))
        try ReportWriter(outputDirectory: root + "/out").write([lesson])
        #expect(FileManager.default.contents(atPath: root + "/out/img/a.png") == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(!FileManager.default.fileExists(atPath: root + "/secret.png"))
    }

    @Test func langSetsTheHTMLLangAndTheInterfaceWords() {
        let lesson = executed("---\nlang: vi\n---\n# Khởi tạo\n\n![Hình](a.png){#fig:x}\n\nXem [@fig:x].\n", path: "lessons/v.md")
        let html = PageRenderer.render(lesson, navigation: PageNavigation(curriculum: Curriculum(entries: [
            .init(title: "Khởi tạo", href: "v.html", sections: []),
            .init(title: "Next", href: "n.html", sections: []),
        ]), current: 0))
        #expect(html.contains("<html lang=\"vi\">"))
        #expect(html.contains("<a class=\"xref figure\" href=\"#fig:x\">Hình 1</a>"))
        #expect(html.contains("aria-label=\"Mục lục\""))
        #expect(html.contains("Bài sau →"))
        #expect(html.contains("placeholder=\"Tìm trong các bài học\""))
        let english = PageRenderer.render(executed("# T\n", path: "lessons/e.md"))
        #expect(english.contains("<html lang=\"en\">"))
    }

    @Test func searchTextCollapsesEveryKindOfWhitespace() {
        #expect("  a\t\nb\u{A0}\u{2003}c \r\n".collapsingWhitespace == "a b c")
        #expect("one".collapsingWhitespace == "one")
        #expect(" \u{3000} ".collapsingWhitespace == "")
    }

    /// Issue 21 (medium 4): every page listed every lesson, so 10,000 lessons
    /// made 5.7 GB of pages. Past ``PageNavigation/sidebarLimit`` lessons a
    /// page lists those around it; the index lists them all.
    @Test func aLargeCoursesSidebarListsTheLessonsAroundThePage() {
        let entries = (0..<1_000).map { Curriculum.Entry(title: "L\($0)", href: "l\($0).html", sections: []) }
        let html = PageNavigation(curriculum: Curriculum(entries: entries), current: 500).sidebar(words: InterfaceWords.forLanguage(nil))
        #expect(html.components(separatedBy: "<li><a href").count - 1 == 99)
        #expect(html.contains("href=\"l500.html\" aria-current=\"page\""))
        #expect(html.contains("href=\"l450.html\"") && html.contains("href=\"l549.html\""))
        #expect(!html.contains("href=\"l449.html\"") && !html.contains("href=\"l550.html\""))
        let first = PageNavigation(curriculum: Curriculum(entries: entries), current: 0).sidebar(words: InterfaceWords.forLanguage(nil))
        #expect(first.contains("href=\"l99.html\"") && !first.contains("href=\"l100.html\""))
        let small = PageNavigation(curriculum: Curriculum(entries: Array(entries.prefix(100))), current: 3)
        #expect(!small.sidebar(words: InterfaceWords.forLanguage(nil)).contains("class=\"more\""))
    }
}
