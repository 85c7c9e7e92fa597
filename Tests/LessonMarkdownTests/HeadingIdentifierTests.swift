import Testing
@testable import LessonMarkdown

/// `## Heading {#id}` names the heading's anchor, as pandoc, Quarto and MyST do.
@Suite struct HeadingIdentifierTests {
    @Test func anIdAfterTheWordsIsTheAnchorAndNotText() {
        let lesson = LessonLoader.parse("# Title\n\n## Setting up {#setup}\n\n## With `code` {#sec:code}\n", path: "h.md")
        #expect(lesson.blocks == [
            .heading(level: 1, [.text("Title")], anchor: "title"),
            .heading(level: 2, [.text("Setting up")], anchor: "setup"),
            .heading(level: 2, [.text("With "), .code("code")], anchor: "sec:code"),
        ])
        #expect(lesson.warnings.isEmpty)
    }

    /// What is not an id (`{#1x}`, `{#a b}`, `{.class}`) stays text, with the
    /// anchor made from the words as before.
    @Test(arguments: ["## Odd {#1x}", "## Odd {#a b}", "## Odd {.wide}", "## Odd {#}"])
    func anythingElseInBracesStaysText(_ source: String) {
        let lesson = LessonLoader.parse(source + "\n", path: "h.md")
        guard case .heading(_, let content, let anchor)? = lesson.blocks.first else {
            Issue.record("no heading in \(lesson.blocks)")
            return
        }
        #expect(content == [.text(String(source.dropFirst(3)))])
        #expect(anchor.hasPrefix("odd"))
    }

    /// An id a heading before it already has: a warning at the heading, and
    /// the anchor from its words; a later heading's words never take an id.
    @Test func aTakenIdIsAWarningAndLaterSlugsStepAside() {
        let lesson = LessonLoader.parse("## Intro\n\n## Again {#intro}\n\n## Mine {#setup}\n\n## Setup\n", path: "h.md")
        let anchors = lesson.blocks.compactMap { block -> String? in
            if case .heading(_, _, let anchor) = block { return anchor }
            return nil
        }
        #expect(anchors == ["intro", "again", "setup", "setup-1"])
        #expect(lesson.warnings.map(\.location.line) == [3])
        #expect(lesson.warnings.first?.message.contains("already has the anchor 'intro'") == true)
    }

    @Test func linksAreRecordedWithTheirPlace() {
        let lesson = LessonLoader.parse("# T\n\nSee [the next](next.md#setup) and <https://example.com>.\n", path: "l.md")
        #expect(lesson.links.map(\.destination) == ["next.md#setup"])
        #expect(lesson.links.first.map { "\($0.location.line):\($0.location.column)" } == "3:5")
    }
}
