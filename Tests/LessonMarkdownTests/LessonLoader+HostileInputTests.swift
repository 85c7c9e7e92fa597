import Foundation
import Testing
import LessonMarkdown

/// Whatever an author (or a fuzzer) writes, loading ends, quickly, without a crash.
@Suite struct HostileInputTests {
    /// Generous for a debug build on a busy two-core machine; the point is "not
    /// quadratic", which would take minutes at these sizes.
    static let budget = Duration.seconds(20)

    private func parseWithinBudget(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Lesson {
        let clock = ContinuousClock()
        var lesson: Lesson?
        let elapsed = clock.measure {
            lesson = LessonLoader.parse(text, path: "hostile.md")
        }
        #expect(elapsed < Self.budget, "took \(elapsed)", sourceLocation: sourceLocation)
        return lesson ?? Lesson(path: "hostile.md")
    }

    private func depth(_ blocks: [BlockNode]) -> Int {
        blocks.map { block in
            switch block {
            case .blockQuote(let children): 1 + depth(children)
            case .list(_, _, _, let items): 2 + (items.map { depth($0.blocks) }.max() ?? 0)
            case .paragraph(let inlines), .heading(_, let inlines, _): 1 + depth(inlines)
            default: 1
            }
        }.max() ?? 0
    }

    private func depth(_ inlines: [InlineNode]) -> Int {
        inlines.map { inline in
            switch inline {
            case .emphasis(let children), .strong(let children), .strikethrough(let children),
                 .link(_, _, let children), .image(_, _, let children):
                1 + depth(children)
            default: 1
            }
        }.max() ?? 0
    }

    private func plainText(_ blocks: [BlockNode]) -> String {
        blocks.map { block in
            switch block {
            case .blockQuote(let children): plainText(children)
            case .list(_, _, _, let items): items.map { plainText($0.blocks) }.joined()
            case .paragraph(let inlines): plainText(inlines)
            default: ""
            }
        }.joined()
    }

    private func plainText(_ inlines: [InlineNode]) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let text): text
            case .emphasis(let children), .strong(let children), .image(_, _, let children): plainText(children)
            default: ""
            }
        }.joined()
    }

    @Test func fiftyThousandBlockQuoteMarkersAreFlattened() {
        let lesson = parseWithinBudget(String(repeating: ">", count: 50_000) + " deep text\n")
        #expect(depth(lesson.blocks) <= 300)
        #expect(plainText(lesson.blocks).contains("deep text"))
    }

    @Test func fiftyThousandListMarkersAreFlattened() {
        let lesson = parseWithinBudget(String(repeating: "- ", count: 50_000) + "item\n" + String(repeating: "1. ", count: 50_000) + "x\n")
        #expect(depth(lesson.blocks) <= 300)
        #expect(plainText(lesson.blocks).contains("item"))
    }

    @Test func deepNestingOnManyLines() {
        let line = String(repeating: "> ", count: 200) + String(repeating: "- ", count: 200) + "x $a_1$ `=r`\n"
        let lesson = parseWithinBudget(String(repeating: line, count: 100))
        #expect(depth(lesson.blocks) <= 300)
    }

    @Test func tenThousandNestedBracketsAndImages() {
        _ = parseWithinBudget(String(repeating: "[", count: 10_000) + "a" + String(repeating: "]", count: 10_000))
        _ = parseWithinBudget(String(repeating: "[", count: 10_000) + "a" + String(repeating: "](u)", count: 10_000))
        let images = parseWithinBudget(String(repeating: "![a", count: 10_000) + String(repeating: "](u)", count: 10_000))
        #expect(depth(images.blocks) <= 300)
        #expect(plainText(images.blocks).hasPrefix("aaa"))
    }

    @Test func deeplyNestedEmphasis() {
        let lesson = parseWithinBudget(String(repeating: "*a **b ", count: 20_000) + String(repeating: "** *", count: 20_000))
        #expect(depth(lesson.blocks) <= 300)
        _ = parseWithinBudget(String(repeating: "*_~", count: 50_000))
    }

    @Test func runsOfDollarsBackticksAndAngles() {
        _ = parseWithinBudget(String(repeating: "$", count: 100_000) + "\n" + String(repeating: "`", count: 50_000))
        _ = parseWithinBudget(String(repeating: "$1 ", count: 100_000))
        _ = parseWithinBudget(String(repeating: "$a ", count: 100_000))
        _ = parseWithinBudget(String(repeating: "` `` ``` ", count: 30_000))
        _ = parseWithinBudget(String(repeating: "<a ", count: 50_000) + "$x$")
        _ = parseWithinBudget(String(repeating: "\\", count: 100_000) + "$x$")
        let many = parseWithinBudget(String(repeating: "$a$ ", count: 100_000))
        if case .paragraph(let inlines)? = many.blocks.first {
            // A formula and a space each, except the trailing space cmark strips.
            #expect(inlines.count == 199_999)
        }
    }

    @Test func wideTable() {
        let header = String(repeating: "| a ", count: 500) + "|\n" + String(repeating: "|---", count: 500) + "|\n"
        let lesson = parseWithinBudget(header + String(repeating: String(repeating: "| $x$ ", count: 500) + "|\n", count: 50))
        if case .table(let table)? = lesson.blocks.first {
            #expect(table.rows.count == 50)
            #expect(table.rows.first?.count == 500)
        } else {
            Issue.record("expected a table")
        }
    }

    @Test func aFewMegabytesOfLesson() {
        let section = """
            ## Section $x^2$

            Prose with **bold**, a reference `=mlp.loss`, math $a_1 + b_1$ and $5.
            A [link](https://example.com) and `code`.

            $$
            \\sum_{i=1}^n x_i^2
            $$

            - item $y$
            - item `=x.y`

            > ```experiment mlp
            > hidden: [64, 64]
            > ```

            | a | b |
            |---|---|
            | $1$ | `=t` |


            """
        let lesson = parseWithinBudget(String(repeating: section, count: 4_000))
        #expect(lesson.experiments.count == 4_000)
        #expect(lesson.references.count == 12_000)
        #expect(lesson.experiments.last?.location.line == 3_999 * 20 + 13)
    }

    @Test func oneHugeParagraph() {
        let lesson = parseWithinBudget(String(repeating: "word $x$\n", count: 100_000))
        #expect(lesson.blocks.count == 1)
    }

    @Test func unclosedConstructsAtEndOfFile() {
        for text in ["```experiment mlp\nhidden: [", "> ~~~experiment", "- ```", "$$\n\\sum", "`=unclosed", "<div>", "[a](", "| a |\n|---|\n| `=x"] {
            _ = parseWithinBudget(text)
        }
        #expect(parseWithinBudget("- > ```experiment k").experiments.map(\.kind) == ["k"])
    }

    @Test func controlCharactersAndOddWhitespace() {
        let text = "\u{0}\u{1}\u{8}\u{B}\u{C}\u{1B}[31m\u{7F}\u{85}\u{2028}\u{FEFF}\t\u{A0}$\u{0}x\u{0}$ `=\u{0}`"
        let lesson = parseWithinBudget(text)
        #expect(lesson.references.count == 1)
    }
}

extension HostileInputTests {
    @Test func manyReferencesAfterLinksThatConfuseCmarkLineCounts() {
        let lesson = parseWithinBudget(String(repeating: "[x](<u>\n\"t\") `=a` `=b`\n", count: 20_000))
        #expect(lesson.references.count == 40_000)
        #expect(lesson.references.last?.location == SourceLocation(path: "hostile.md", line: 40_000, column: 11))
    }
}

/// Found by hand with the release binary on multi-megabyte lessons.
extension HostileInputTests {
    /// Each reference's column was counted from the start of its line: a line
    /// of 1,000,000 references took over two minutes.
    @Test func manyReferencesOnOneLine() {
        let lesson = parseWithinBudget("é " + String(repeating: "`=x` ", count: 60_000))
        #expect(lesson.references.count == 60_000)
        #expect(lesson.references.last?.location == SourceLocation(path: "hostile.md", line: 1, column: 3 + 5 * 59_999))
    }

    /// Each location also walked every formula before it on the line.
    @Test func manyFormulasAndReferencesOnOneLine() {
        let lesson = parseWithinBudget(String(repeating: "$a_1$ `=x` ", count: 30_000))
        #expect(lesson.references.count == 30_000)
        #expect(lesson.references.last?.location == SourceLocation(path: "hostile.md", line: 1, column: 7 + 11 * 29_999))
    }

    /// cmark-gfm spends k² on a row of k cells: 50,000 columns took 104 s.
    /// Past a budget the document is parsed without tables.
    @Test func absurdlyWideTableIsText() {
        let columns = 20_000
        let text = String(repeating: "|a", count: columns) + "|\n" + String(repeating: "|-", count: columns) + "|\n"
            + String(repeating: String(repeating: "|1", count: columns) + "|\n", count: 5)
        let lesson = parseWithinBudget(text)
        #expect(!lesson.blocks.contains { if case .table = $0 { true } else { false } })
        #expect(plainText(lesson.blocks).hasPrefix("|a|a|a"))
        // A normal table in a normal lesson is still a table.
        let normal = parseWithinBudget("| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n" + String(repeating: "|", count: 5_000) + "\n```\n")
        if case .table? = normal.blocks.first {} else { Issue.record("expected a table") }
    }
}
