import Experiments
import LessonMarkdown
import LessonRunner
import LessonResults
import Testing
@testable import LessonReport

@Suite struct FailureSummaryTests {
    func executed(_ source: String) -> ExecutedLesson {
        Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: "lessons/t.md")))
    }

    let lesson = """
    # Title

    ```experiment softmax
    id: bad
    logits: [1]
    label: 0
    ```

    ```experiment softmax
    id: unmet
    logits: [2, 1]
    label: 0
    expect:
      - "loss > 5"
      - "loss < 1"
    ```

    ```experiment softmax
    id: fine
    logits: [2, 1]
    label: 0
    ```

    Read from a failed block: `=unmet.loss`; from one that never ran: `=bad.loss`; fine: `=fine.loss`.
    """

    @Test func theSummaryLinksEveryFailedBlockWithItsReason() {
        let html = PageRenderer.render(executed(lesson))
        let summary = html.range(of: "<section class=\"failure-summary\"")
        #expect(summary != nil)
        #expect(summary!.lowerBound < html.range(of: "<h1")!.lowerBound)
        #expect(html.contains("2 of 3 blocks failed; 1 expectation not met"))
        #expect(html.contains("<a href=\"#block-bad\"><code>bad</code></a> <span class=\"where\">(softmax, line 3)</span>: &#39;logits&#39; needs at least 2 classes"))
        #expect(html.contains("<a href=\"#block-unmet\"><code>unmet</code></a> <span class=\"where\">(softmax, line 9)</span>: expectation not met: loss &gt; 5 — loss = "))
        #expect(!html.contains("href=\"#block-fine\""))
        #expect(html.contains("<span class=\"badge failed\">2 of 3 blocks failed</span>"))
    }

    @Test func valuesFromFailedBlocksAreMarkedAndReasonsAreInTheText() {
        let html = PageRenderer.render(executed(lesson))
        #expect(html.contains("<span class=\"value from-failed\""))
        #expect(html.contains("<a class=\"why\" href=\"#block-unmet\">(from failed block unmet)</a>"))
        #expect(html.contains("?<span class=\"why\">(block &#39;bad&#39; failed)</span>"))
        // The value from the passing block is plain.
        #expect(html.contains("title=\"=fine.loss\">"))
    }

    @Test func aPassingPageHasNoSummaryAndEveryBlockShowsItsYAML() {
        let html = PageRenderer.render(executed("# T\n\n```experiment softmax\nlogits: [2, 1]\nlabel: 0\n```\n"))
        #expect(!html.contains("failure-summary"))
        #expect(html.contains("<details class=\"spec\"><summary>block source (YAML, t.md:3:1)</summary><pre><code class=\"language-yaml\">logits: [2, 1]"))
        #expect(html.contains("<span class=\"badge passed\">1 block passed</span>"))
        #expect(html.contains("download=\"softmax_1-"))
    }

    @Test func theIndexUsesThePagesWords() {
        let index = IndexRenderer.render([
            IndexRenderer.Entry(title: "A", href: "a.html", blocks: 4, failedBlocks: 0, errors: 0),
            IndexRenderer.Entry(title: "B", href: "b.html", blocks: 4, failedBlocks: 4, errors: 0, expectationsNotMet: 6),
        ])
        #expect(index.contains(">4 blocks passed</span>"))
        #expect(index.contains(">4 of 4 blocks failed; 6 expectations not met</span>"))
    }
}
