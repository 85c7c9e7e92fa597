import Foundation
import Testing
@testable import LessonMarkdown

/// Whatever an author (or a fuzzer) writes, loading ends, quickly, without a crash.
///
/// "Quickly" is counted, not timed (a shared machine makes any time bound
/// flaky): the loader's own scans may take at most ``stepsPerByte`` steps per
/// byte of input, so anything quadratic at these sizes is far over. cmark-gfm's
/// work is not counted; the time limit, far above any normal run, only
/// catches a hang there.
@Suite(.timeLimit(.minutes(10))) struct HostileInputTests {
    /// Finding a column scans at most about two checkpoint strides (2 × 1,024
    /// bytes) and a reference can be 5 bytes long, so a line packed with
    /// references takes about 100 steps per byte (the most here is 103); a
    /// quadratic scan of these inputs would take tens of thousands.
    static let stepsPerByte = 500

    private func parseWithinBudget(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Lesson {
        let counter = LoadWork.Counter()
        let lesson = LoadWork.$counter.withValue(counter) { LessonLoader.parse(text, path: "hostile.md") }
        let budget = Self.stepsPerByte * max(text.utf8.count, 100)
        #expect(counter.steps <= budget, "\(counter.steps) steps for \(text.utf8.count) bytes", sourceLocation: sourceLocation)
        if ProcessInfo.processInfo.environment["LESSON_PRINT_LOAD_WORK"] != nil {
            print("load work: \(counter.steps) steps, \(text.utf8.count) bytes, \(Double(counter.steps) / Double(max(text.utf8.count, 1))) per byte")
        }
        return lesson
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

    /// The count follows the work: each reference's column is counted, and
    /// four times the references (with formulas) on one line take about four
    /// times the steps, where counting columns from the line's start took 16.
    @Test func loadWorkGrowsLinearly() {
        func steps(_ n: Int) -> Int {
            let counter = LoadWork.Counter()
            _ = LoadWork.$counter.withValue(counter) {
                LessonLoader.parse("é " + String(repeating: "$a_1$ `=x` ", count: n), path: "hostile.md")
            }
            return counter.steps
        }
        let small = steps(2_000), large = steps(8_000)
        #expect(small >= 2_000)
        #expect(large <= 5 * small, "\(small) steps for 2,000 references, \(large) for 8,000")
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
