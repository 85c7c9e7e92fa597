import Experiments
import LessonMarkdown
import LessonRunner
import LessonResults
import Testing
@testable import LessonReport

/// What a student reads of a block: its checks in one line, its caption
/// before them, how many seeds rather than which, and the page's furniture.
@Suite struct ReadingModeTests {
    func page(_ source: String, options: RenderOptions = RenderOptions()) -> String {
        let executed = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: "lessons/t.md")))
        return PageRenderer.render(executed, options: options)
    }

    static let block = """
    # Softmax

    ```experiment softmax
    logits: [2, 1]
    classes: [a, b]
    label: a
    seeds: [3, 4, 5]
    caption: Two classes.
    expect:
      - "loss < 1"
      - "approx(sum_probabilities, 1, 1e-9)"
    ```
    """

    @Test func checksThatHeldFoldIntoOneLineAfterTheCaption() throws {
        let html = page(Self.block)
        #expect(html.contains("<details class=\"checks\"><summary class=\"held\">✓ 2 checks held over 3 seeds</summary>"))
        let caption = try #require(html.range(of: "<p class=\"block-caption\" id=\"block-softmax_1-caption\">Two classes.</p>"))
        let checks = try #require(html.range(of: "<details class=\"checks\""))
        #expect(caption.lowerBound < checks.lowerBound)
        #expect(html.contains("<figure class=\"experiment passed\" id=\"block-softmax_1\" aria-labelledby=\"block-softmax_1-head\" aria-describedby=\"block-softmax_1-caption\">"))
        #expect(!html.contains("<figcaption>Two classes."))
    }

    @Test func aBrokenCheckOpensThem() {
        let html = page(Self.block.replacingOccurrences(of: "loss < 1", with: "loss > 1"))
        #expect(html.contains("<details class=\"checks\" open><summary class=\"broken\">✗ 1 of 2 checks not met</summary>"))
    }

    @Test func theHeadCountsSeedsAndTheSpecListsThem() {
        let html = page(Self.block)
        #expect(html.contains("<span class=\"seed-count\">3 seeds</span>"))
        #expect(html.contains("</code></pre><p class=\"seed\">3 seeds: 3–5</p><p class=\"rerun\">Re-run this block: <code>lesson check lessons/t.md --block "), "\(html)")
        let one = page("```experiment softmax\nlogits: [2, 1]\nclasses: [a, b]\nlabel: a\nseed: 7\n```\n")
        #expect(one.contains("<span class=\"seed-count\">1 seed</span>") && one.contains("<p class=\"seed\">seed 7</p>"))
    }

    @Test func theSourceFileIsInTheFooterNotTheHeader() throws {
        let html = page(Self.block, options: RenderOptions(renderDate: "2026-12-06"))
        let header = try #require(html.range(of: "<header class=\"page\">").map { html[$0.lowerBound...] }?.prefix { $0 != "\n" })
        #expect(!header.contains("t.md"))
        #expect(html.contains("<footer class=\"page\"><p>Source: <code>t.md</code></p><p>Rendered by LessonRunner \(LessonRunnerVersion.string) on 2026-12-06.</p></footer>"))
    }

    @Test func theSkipLinkComesFirstAndTheContentsBoxIsClosed() throws {
        let html = page(Self.block)
        let body = try #require(html.range(of: "<body>\n"))
        #expect(html[body.upperBound...].hasPrefix("<a class=\"skip-link\" href=\"#content\">Skip to the text</a>"))
        #expect(html.contains("<main id=\"content\" tabindex=\"-1\""))
        // Heading anchors are for the mouse: no invisible tab stop.
        #expect(html.contains("aria-hidden=\"true\" tabindex=\"-1\">#</a>"))
        let navigation = PageNavigation(curriculum: Curriculum(entries: [.init(title: "A", href: "a.html", sections: [])]), current: 0)
        #expect(navigation.sidebar(words: .english).contains("<details class=\"sidebar-box\"><summary>"))
    }

    @Test func aColumnEmptyInEveryRowIsMarkedForPrint() {
        let table = ResultTable(columns: [.init("variant", numeric: false), .init("loss"), .init("dead")],
                                rows: [[.init("a"), .init("0.5"), .missing], [.init("b"), .init("0.25 ± 0.01"), .missing]])
        let html = BlockHTML(lessonPath: "t.md").render(.table(table), chartId: "x")
        #expect(html.contains("<th class=\"num blank\" scope=\"col\">dead</th>"))
        #expect(html.contains("<td class=\"num blank\">–</td>"))
        #expect(!html.contains("<th class=\"num blank\" scope=\"col\">loss</th>"))
        // A cell may break before its ± on paper, never inside a number.
        #expect(html.contains("<td class=\"num\">0.25 ±\u{00A0}0.01</td>"))
    }

    /// Whether a column is empty is the cells' to say, not their text's: a
    /// value whose own text is "-" or "–" (a string a run recorded) is kept.
    @Test func aColumnOfTextsThatLookLikeTheMarkIsKept() {
        let table = ResultTable(columns: [.init("variant", numeric: false), .init("sign", numeric: false), .init("dead")],
                                rows: [[.init("a"), .init("-"), .init("–")], [.init("b"), .init("-"), .missing]])
        let html = BlockHTML(lessonPath: "t.md").render(.table(table), chartId: "x")
        #expect(html.contains("<th scope=\"col\">sign</th>"))
        #expect(html.contains("<th class=\"num\" scope=\"col\">dead</th>"))
        #expect(!html.contains("blank"))
    }

    @Test func aBlocksTablesAndChartsAreNumberedWithinIt() throws {
        let html = page(Self.block)
        let table = try #require(html.range(of: "<span class=\"table-number\" id=\"block-softmax_1-table-1\">Table 1.1.</span> "))
        let figure = try #require(html.range(of: "<p class=\"figure-label\"><span class=\"figure-number\" id=\"block-softmax_1-figure-1\">Figure 1.1.</span> </p>"))
        #expect(table.lowerBound < html.range(of: "<div class=\"table-wrap\"")!.lowerBound)
        #expect(figure.upperBound <= html.range(of: "<div class=\"chart-wrap\"")!.lowerBound)
    }
}
