import Foundation
import LessonMarkdown
import LessonResults
import LessonTestSupport
import Testing
@testable import LessonRunner

/// Links from a lesson to another lesson's file and anchor are checked.
@Suite struct LessonLinkCheckTests {
    @Test func aMissingFileOrAnchorIsAnErrorAtTheLink() throws {
        let scratch = try ScratchFolder("links")
        defer { scratch.remove() }
        let root = try scratch.write([
            "ch1/a.md": "# A\n\n[ok](../ch2/b.md#set-up) [named](../ch2/b.md#mine) [gone](../ch2/c.md)\n\n[typo](../ch2/b.md#setup) [web](https://x.org/y.md#z) [here](#a)\n",
            "ch2/b.md": "# B\n\n## Set up\n\n## Other {#mine}\n",
        ])
        let lesson = try LessonLoader.load(path: root + "/ch1/a.md")
        let problems = LessonLinkCheck.diagnostics(for: lesson, root: root)
        let texts = problems.map { "\($0.location!.line):\($0.location!.column) \($0.message)" }
        #expect(texts.count == 2, "\(texts)")
        #expect(texts.first { $0.hasPrefix("3:52 link '../ch2/c.md' leads to no lesson") } != nil, "\(texts)")
        #expect(texts.contains("5:1 link '../ch2/b.md#setup': ../ch2/b.md has no heading, figure or table with the anchor 'setup'; did you mean 'set-up'?"), "\(texts)")
    }

    /// A link to a `.markdown` file that exists leads to no page (no run
    /// takes it for a lesson): a warning at the link saying what to rename;
    /// one that does not exist is not a lesson link, and is left alone.
    @Test func aLinkToAMarkdownFileIsAWarningThatItIsNoLesson() throws {
        let scratch = try ScratchFolder("links")
        defer { scratch.remove() }
        let root = try scratch.write([
            "a.md": "# A\n\n[notes](notes.markdown#top) [gone](gone.markdown)\n",
            "notes.markdown": "# Notes\n",
        ])
        let lesson = try LessonLoader.load(path: root + "/a.md")
        let problems = LessonLinkCheck.diagnostics(for: lesson, root: root)
        #expect(problems.count == 1, "\(problems)")
        let warning = try #require(problems.first)
        #expect(warning.code == .lessonLink && warning.severity == .warning && warning.location?.line == 3 && warning.location?.column == 1)
        #expect(warning.message == "link 'notes.markdown#top' names notes.markdown, which is not a lesson (a lesson's name ends in .md), "
                + "so no page is made for it and the link leads to no page; rename the file to 'notes.md' and the link to 'notes.md#top'",
                "\(warning.message)")
    }

    /// Found in review: a deliberate link to a document outside the lessons'
    /// folders (a repository's `CHANGELOG.markdown`) was a warning too, which
    /// fails a course with `warnings_as_errors`.
    @Test func aMarkdownFileOutsideTheLessonsFoldersIsLeftAlone() throws {
        let scratch = try ScratchFolder("links")
        defer { scratch.remove() }
        let root = try scratch.write([
            "lessons/a.md": "# A\n\n[changes](../CHANGELOG.markdown) [notes](../extra/notes.markdown)\n",
            "CHANGELOG.markdown": "# Changes\n",
            "extra/notes.markdown": "# Notes\n",
        ])
        let lesson = try LessonLoader.load(path: root + "/lessons/a.md")
        #expect(LessonLinkCheck.diagnostics(for: lesson, root: root).isEmpty)
        let course = CourseOrder(paths: [root + "/lessons", root + "/extra/b.md"])
        let problems = LessonLinkCheck.diagnostics(for: lesson, root: root, lessonFolders: LessonLinkCheck.folders(of: course))
        #expect(problems.map(\.message) == ["link '../extra/notes.markdown' names ../extra/notes.markdown, which is not a lesson (a lesson's name ends in .md), "
                                           + "so no page is made for it and the link leads to no page; rename the file to '../extra/notes.md' "
                                           + "and the link to '../extra/notes.md'"], "\(problems)")
    }

    /// A file outside the root is only checked to exist: none of its
    /// headings may reach a message.
    @Test func anchorsAreReadOnlyInsideTheRoot() throws {
        let scratch = try ScratchFolder("links")
        defer { scratch.remove() }
        let root = try scratch.write([
            "course/a.md": "# A\n\n[out](../outside.md#nope)\n",
            "outside.md": "# Secret heading\n",
        ])
        let lesson = try LessonLoader.load(path: root + "/course/a.md")
        #expect(LessonLinkCheck.diagnostics(for: lesson, root: root + "/course").isEmpty)
        #expect(LessonLinkCheck.diagnostics(for: lesson, root: root).count == 1)
    }
}
