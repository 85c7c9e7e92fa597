import Foundation
import LessonMarkdown
import LessonRunner
import LessonResults
import LessonTestSupport
import Testing
@testable import LessonReport

/// Lessons as other people lay them out: a folder per chapter, each with its
/// own `img/`, and titles that quote a result.
@Suite struct LessonFoldersPageTests {
    func executed(_ source: String, path: String) -> ExecutedLesson {
        var lesson = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: path)))
        lesson.diagnostics += lesson.numbering.diagnostics(for: lesson.lesson) + LocalImage.diagnostics(for: lesson.lesson)
        return lesson
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// An inline value in the `#` heading is its value in the page's
    /// `<title>`, the index, the sidebar and the search index, as it is in
    /// the heading itself — never the expression `=two.x`.
    @Test func aValueInTheTitleReadsAsTheValueEverywhere() throws {
        let scratch = try ScratchFolder("folders")
        defer { scratch.remove() }
        let root = scratch.path
        let lesson = executed("# Two is `=1 + 1` and `=nope.x`\n\nText.\n", path: root + "/t.md")
        try ReportWriter(outputDirectory: root + "/out").write([lesson])
        let page = try read(root + "/out/t.html")
        #expect(page.contains("<title>Two is 2 and ?</title>"))
        #expect(page.contains("aria-current=\"page\">Two is 2 and ?</a>"))
        #expect(try read(root + "/out/index.html").contains("Two is 2 and ?"))
        #expect(try read(root + "/out/assets/search-index.js").contains("\"t\":\"Two is 2 and ?\""))
        // (The page's heading keeps the expression in its value's tooltip.)
        for file in ["index.html", "assets/search-index.js", "lessons.json"] {
            #expect(!(try read(root + "/out/" + file)).contains("=1 + 1"), "\(file)")
        }
        // A front-matter title still wins.
        let titled = executed("---\ntitle: Chosen\n---\n# Two is `=1 + 1`\n", path: root + "/u.md")
        #expect(Curriculum.title(of: titled) == "Chosen")
    }

    /// `[@sec:…]` reads as the heading's words, with its inline values.
    @Test func aSectionReferenceReadsTheValuesInItsHeading() throws {
        let lesson = executed("# T\n\n## Two is `=1 + 1`\n\nText.\n", path: "s.md")
        let section = try #require(lesson.numbering.targets.values.first { $0.kind == .section && $0.title.hasPrefix("Two") })
        #expect(section.title == "Two is 2")
        let page = PageRenderer.render(executed("# T\n\n## Two is `=1 + 1`\n\nSee [@\(section.anchor)].\n", path: "s.md"))
        #expect(page.contains("§ Two is 2"), "\(page)")
    }

    /// Two chapters each with an `img/plot.png` of their own: each page shows
    /// its own picture, not whichever was copied last.
    @Test func imagesOfTheSameNameFromTwoFoldersStayApart() throws {
        let scratch = try ScratchFolder("folders")
        defer { scratch.remove() }
        let root = scratch.path
        let pictures = ["a": Data([0x89, 0x50, 0x4E, 0x47, 1]), "b": Data([0x89, 0x50, 0x4E, 0x47, 2])]
        for (folder, bytes) in pictures {
            try FileManager.default.createDirectory(atPath: root + "/\(folder)/img", withIntermediateDirectories: true)
            try bytes.write(to: URL(fileURLWithPath: root + "/\(folder)/img/plot.png"))
        }
        let lessons = [
            executed("# A\n\n![first plot](img/plot.png)\n\nAnd again ![](./img/plot.png).\n", path: root + "/a/intro.md"),
            executed("# B\n\n![second plot](img/plot.png)\n", path: root + "/b/other.md"),
            // Beside A, so the same file: it shares A's copy.
            executed("# A2\n\n![first plot again](img/plot.png)\n", path: root + "/a/more.md"),
        ]
        try ReportWriter(outputDirectory: root + "/out").write(lessons)
        func source(ofImageIn page: String) throws -> [String] {
            let html = try read(root + "/out/" + page)
            return html.components(separatedBy: "<img src=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
        let first = try source(ofImageIn: "intro.html"), second = try source(ofImageIn: "other.html")
        let third = try source(ofImageIn: "more.html")
        #expect(first.count == 2 && second.count == 1 && third.count == 1)
        #expect(first[0] != second[0])
        #expect(third[0] == first[0])
        for src in first { #expect(FileManager.default.contents(atPath: root + "/out/" + src) == pictures["a"]) }
        #expect(FileManager.default.contents(atPath: root + "/out/" + second[0]) == pictures["b"])
        // The index summary of B shows B's picture too.
        let index = try read(root + "/out/index.html")
        #expect(index.contains("<img src=\"\(second[0])\" alt=\"second plot\">"))
    }

    /// Lessons written for GitHub link each other's `.md` files; on the
    /// pages those links go to the other lesson's page, fragment kept.
    @Test func linksToAnotherLessonsMarkdownGoToItsPage() throws {
        let scratch = try ScratchFolder("folders")
        defer { scratch.remove() }
        let root = scratch.path
        let lessons = [
            executed("""
            # A

            Next: [part two](../b/part%202.md#setup), [itself](intro.md), [not rendered](gone.md),
            [elsewhere](https://example.com/b/part%202.md), [a section](#a).
            """, path: root + "/a/intro.md"),
            executed("# B\n\nBack to [A](../a/intro.md).\n", path: root + "/b/part 2.md"),
        ]
        try ReportWriter(outputDirectory: root + "/out").write(lessons)
        let first = try read(root + "/out/intro.html")
        #expect(first.contains("<a href=\"part%202.html#setup\">part two</a>"))
        #expect(first.contains("<a href=\"intro.html\">itself</a>"))
        #expect(first.contains("<a href=\"gone.md\">not rendered</a>"))
        #expect(first.contains("<a href=\"https://example.com/b/part%202.md\">elsewhere</a>"))
        #expect(first.contains("<a href=\"#a\">a section</a>"))
        #expect(try read(root + "/out/part 2.html").contains("<a href=\"intro.html\">A</a>"))
        // The index summary links the same way.
        #expect(try read(root + "/out/index.html").contains("<a href=\"part%202.html#setup\">part two</a>"))
    }

    /// Only a `.md` file is a lesson (discovery skips `.markdown`): a link
    /// to a `.markdown` file is left as written, as any other file's, even
    /// when a page is listed under its path.
    @Test func aLinkToAMarkdownFileIsLeftAsWritten() {
        let links = LessonLinks(paths: ["/c/notes.markdown", "/c/b.md"], pageNames: ["notes.html", "b.html"])
        #expect(links.page(for: "notes.markdown#top", from: "/c/a.md") == nil)
        #expect(links.page(for: "b.md#top", from: "/c/a.md") == "b.html#top")
    }
}
