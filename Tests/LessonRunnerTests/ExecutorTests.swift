import Experiments
import Foundation
import LessonMarkdown
import LessonTestSupport
import Testing
@testable import LessonRunner
import LessonResults

@Suite struct ExecutorTests {
    func run(_ source: String, cache: ResultCache? = nil, force: Bool = false) -> ExecutedLesson {
        Executor(cache: cache, force: force).execute(Planner.plan(LessonLoader.parse(source, path: "l.md")))
    }

    @Test func inlineValuesAndCrossBlockExpectations() {
        let lesson = run("""
        ```experiment softmax
        id: a
        logits: [2, 1, 0.1]
        label: 0
        ```

        ```experiment softmax
        id: b
        logits: [2, 1, 0.1]
        label: 2
        expect:
          - "loss > a.loss"
          - "loss < a.loss"
        ```

        Loss `=a.loss`, percent `=a.probabilities[0]:%`, missing `=a.nope`, math `=1 + 1`.
        """)
        #expect(lesson.references.map(\.text) == ["0.417", "65.9 %", nil, "2"])
        #expect(lesson.diagnostics.map(\.message) == ["inline value `=a.nope`: unknown value 'a.nope'"])
        #expect(lesson.blocks[1].expectations.map(\.passed) == [true, false])
        let failure = lesson.blocks[1].diagnostics.first { $0.message.hasPrefix("expectation failed") }
        #expect(failure?.notes.map(\.message) == ["loss = 2.317", "a.loss = 0.417"])
        #expect(!lesson.passed)
    }

    /// A failed expectation that reads a block whose timings stayed noisy is a
    /// warning naming the spread; with --strict-timing an error.
    @Test(arguments: [false, true])
    func failuresOnNoisyTimingsAreWarningsUnlessStrict(strict: Bool) throws {
        let lesson = run("```experiment softmax\nid: a\nlogits: [2, 1, 0.1]\nlabel: 0\n```\n\n"
                         + "```experiment softmax\nid: b\nlogits: [2, 1]\nlabel: 0\nexpect:\n  - \"loss > a.loss\"\n  - \"loss > 0\"\n```\n")
        var block = lesson.blocks[1]
        block.diagnostics = []
        block.expectations = []
        let values = ["a": try #require(lesson.blocks[0].outcome).values, "b": try #require(block.outcome).values]
        var executor = Executor(cache: nil)
        executor.strictTiming = strict
        executor.check(&block, scope: ValueScope(own: values["b"]!, blocks: values, names: ValueScope.Names(values)),
                       noise: ["a": "the timings of 'dot' stayed noisy: their runs spread by up to 40 %"])
        #expect(block.expectations.map(\.passed) == [false, true])
        let diagnostic = try #require(block.diagnostics.first)
        #expect(block.diagnostics.count == 1)
        #expect(diagnostic.message == "expectation failed on noisy timings: loss > a.loss")
        #expect(diagnostic.severity == (strict ? .error : .warning))
        #expect(diagnostic.notes.contains { $0.message.contains("spread by up to 40 %") })
        #expect(block.passed == !strict)
    }

    @Test func oneBadBlockDoesNotStopTheOthers() {
        let lesson = run("""
        ```experiment nope
        x: 1
        ```

        ```experiment softmax
        logits: [1, 2]
        label: 1
        ```
        """)
        #expect(lesson.blocks.map(\.passed) == [false, true])
        #expect(lesson.blocks[1].outcome != nil)
    }

    /// The second block with an id fails as a duplicate, but the first ran:
    /// `=a.loss` is its value (not "?"), and a misspelt `=a.nope` is reported.
    @Test func referencesToADuplicatedIdUseTheFirstBlock() {
        let lesson = run("""
        ```experiment softmax
        id: a
        logits: [1, 2]
        label: 0
        ```

        ```experiment softmax
        id: a
        logits: [3, 2]
        label: 0
        ```

        Loss `=a.loss` and `=a.nope`.
        """)
        #expect(lesson.blocks.map(\.passed) == [true, false])
        #expect(lesson.references.first?.text != nil)
        #expect(lesson.diagnostics.map(\.message).contains { $0.hasPrefix("inline value `=a.nope`: unknown value 'a.nope'") },
                "\(lesson.diagnostics.map(\.message))")
    }

    /// A value from a failed block is not reported again (the block's error
    /// says why), but a misspelt format is wrong whatever the block did.
    @Test func aBadFormatIsReportedEvenWhenItsBlockFailed() {
        let lesson = run("""
        ```experiment softmax
        id: bad
        logits: [1]
        label: 0
        ```

        Loss `=bad.loss` and `=bad.loss:%q`.
        """)
        let inline = lesson.diagnostics.map(\.message)
        #expect(inline == ["inline value `=bad.loss:%q`: unknown format ':%q'; use ':%', ':.1%', ':.3f', ':.2e' or ':.4g'"], "\(inline)")
    }

    /// A block whose YAML does not parse, or whose kind is unknown, still
    /// has the id its author wrote: the values read from it are values of a
    /// failed block, not "unknown value … no values are available here"
    /// once per inline value on top of the block's one error.
    @Test func valuesOfABlockThatCannotBeReadAreThoseOfAFailedBlock() {
        let lesson = run("""
        ```experiment softmax
        id: broken   # a comment
        logits: [1, 2
        label: 0
        ```

        ```experiment sofmax
        id: misspelt
        logits: [1, 2]
        label: 0
        ```

        Loss `=broken.loss`, `=misspelt.loss` and `=broken.nope:%q`.
        """)
        #expect(lesson.blocks.map(\.planned.id) == ["broken", "misspelt"])
        #expect(lesson.blocks.map(\.passed) == [false, false])
        let inline = lesson.diagnostics.map(\.message)
        #expect(inline == ["inline value `=broken.nope:%q`: unknown format ':%q'; use ':%', ':.1%', ':.3f', ':.2e' or ':.4g'"], "\(inline)")
    }

    @Test func cacheHitsReturnTheSameOutcome() throws {
        let scratch = try ScratchFolder("cache")
        defer { scratch.remove() }
        let dir = scratch.path
        let cache = ResultCache(directory: dir)
        let source = "```experiment softmax\nlogits: [1, 2]\nlabel: 1\n```\n"
        let first = run(source, cache: cache)
        let second = run(source, cache: cache)
        #expect(!first.blocks[0].fromCache && second.blocks[0].fromCache)
        #expect(first.blocks[0].outcome == second.blocks[0].outcome)
        let forced = run(source, cache: cache, force: true)
        #expect(!forced.blocks[0].fromCache)
        // A different spec is a different key.
        let other = run("```experiment softmax\nlogits: [1, 3]\nlabel: 1\n```\n", cache: cache)
        #expect(!other.blocks[0].fromCache)
        // A corrupt entry is a miss, not an error.
        for file in try FileManager.default.contentsOfDirectory(atPath: dir) {
            try Data("garbage".utf8).write(to: URL(fileURLWithPath: dir + "/" + file))
        }
        let afterCorruption = run(source, cache: cache)
        #expect(!afterCorruption.blocks[0].fromCache && afterCorruption.passed)
    }

    @Test func summaryLine() {
        let lesson = run("```experiment softmax\nlogits: [1, 2]\nlabel: 1\nexpect: [\"loss < 1\"]\n```\n")
        let summary = CheckSummary([lesson])
        #expect(summary.line == "checked 1 lesson, 1 block: 1 passed, 0 failed")
        #expect(summary.detailLine == "1 of 1 expectation held")
        #expect(summary.renderedLine(into: "out") == "rendered 1 lesson into out/ (1 of 1 block passed)")
        // An error outside the lessons (a folder that could not be read) is
        // counted by the summary itself, which fails and says why.
        let unread = CheckSummary([lesson], unread: 1)
        #expect(!unread.passed)
        #expect(unread.detailLine == "1 of 1 expectation held; 1 error outside blocks (inline values, unreadable files)")
        #expect(unread.renderedLine(into: "out") == "rendered 1 lesson into out/ (1 of 1 block passed); 1 error outside blocks (inline values, unreadable files)")
    }
}
