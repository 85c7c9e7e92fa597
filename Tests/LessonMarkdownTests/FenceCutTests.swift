import Testing
import LessonMarkdown

/// An experiment block whose list item or block quote ends before its
/// closing fence is cut there; the author hears the line and the reason.
@Suite struct FenceCutTests {
    func cut(_ source: String) -> (lesson: Lesson, cut: FenceCut?) {
        let lesson = LessonLoader.parse(source, path: "cut.md")
        return (lesson, lesson.experiments.first?.cut)
    }

    @Test func aClosingFenceLessIndentedThanTheListItemEndsItAndSaysSo() throws {
        let (lesson, cut) = cut("# T\n\n1. Train:\n\n   ```experiment softmax\n   logits: [1, 2]\n   label: 1\n```\n\nText.\n")
        let found = try #require(cut)
        #expect(found.line == 8)
        #expect(found.reason.contains("the fence on line 8 is indented 0 spaces, less than the 3 of the list item"))
        #expect(found.fix.contains("by 3 spaces, as its opening fence on line 5 is"))
        let warning = try #require(lesson.warnings.first)
        #expect(warning.isError)
        #expect(warning.location == SourceLocation(path: "cut.md", line: 8, column: 1))
        #expect(warning.message.hasPrefix("the experiment block on line 5 ends before its closing fence"))
    }

    /// The block ran without `epochs: 3` and `hidden: [4]`, silently, before.
    @Test func aBodyLineLessIndentedThanTheListItemCutsTheBlockThere() throws {
        let (lesson, cut) = cut("# T\n\n- Train:\n\n  ```experiment train\n  data: moons\n epochs: 3\n  hidden: [4]\n  ```\n")
        let found = try #require(cut)
        #expect(found.line == 7)
        #expect(found.reason == "line 7 is indented 1 space, less than the 2 of the list item the block is in, so it ends the list item, and the block with it")
        #expect(lesson.experiments.first?.body == "data: moons\n")
    }

    @Test func aLineWithoutTheQuoteMarkerEndsABlockInAQuote() throws {
        let (_, cut) = cut("> ```experiment softmax\n> logits: [1, 2]\nlabel: 1\n> ```\n")
        let found = try #require(cut)
        #expect(found.line == 3)
        #expect(found.reason.contains("line 3 does not start with '>'"))
    }

    @Test func aFenceNeverClosedRunsToTheEndOfTheFile() throws {
        let (_, cut) = cut("# T\n\n```experiment softmax\nlogits: [1, 2]\n")
        let found = try #require(cut)
        #expect(found.line == 3)
        #expect(found.reason == "the file ends before the block's closing fence")
    }

    /// Blocks closed by their own fence, at any nesting, with blank lines
    /// and tabs, say nothing.
    @Test(arguments: [
        "1. Train:\n\n   ```experiment softmax\n   logits: [1, 2]\n\n   label: 1\n   ```\n\nText.\n",
        "- a\n  - b\n\n    ~~~experiment softmax\n    logits: [1, 2]\n    ~~~\n",
        "> - x\n>\n>   ```experiment softmax\n>   logits: [1, 2]\n>   ```\n",
        "```experiment softmax\nlogits: [1, 2]\n```",
        "-\t```experiment softmax\n\tlogits: [1, 2]\n\t```\n",
        "```experiment softmax\n```\n",
    ])
    func closedBlocksAreNotCut(source: String) {
        let (lesson, cut) = cut(source)
        #expect(lesson.experiments.count == 1)
        #expect(cut == nil, "\(source)")
        #expect(lesson.warnings.isEmpty, "\(lesson.warnings)")
    }
}
