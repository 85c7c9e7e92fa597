import Experiments
import LessonMarkdown
import Testing
@testable import LessonRunner

/// The per-block wall-time limit stops a block, says so, and leaves the others alone.
@Suite struct BlockTimeLimitTests {
    static let lesson = """
    ```experiment bias-variance
    id: slow
    data: moons
    train_size: 40
    validation_size: 40
    hidden: [2]
    epochs: 5
    ```

    ```experiment softmax
    id: quick
    logits: [2, 1, 0.1]
    label: 0
    ```

    The loss is `=quick.loss`.
    """

    @Test func aBlockPastTheLimitIsStoppedWithAClearError() throws {
        var executor = Executor(cache: nil)
        // A limit of zero has passed before the first training step: no timing involved.
        executor.blockTimeLimit = 0
        let executed = executor.execute(Planner.plan(LessonLoader.parse(Self.lesson, path: "l.md")))
        let slow = try #require(executed.blocks.first)
        #expect(!slow.passed)
        let message = slow.diagnostics.map(\.message).joined()
        // The limit was the user's: the message says so, and names the default.
        #expect(message == "experiment 'slow' was stopped after 0 s, the time limit set with --block-time-limit 0", "\(message)")
        #expect(slow.diagnostics.first?.location?.line == 1)
        let notes = slow.diagnostics.first?.notes.map(\.message) ?? []
        #expect(notes == ["the default limit is 120 s; raise --block-time-limit, or make the block smaller (less data, fewer epochs, repeats or sizes)"])
        #expect(!notes.joined().contains("estimate"), "a limit the user set is not the estimate's fault")
        #expect(executed.blocks[1].passed)
        #expect(executed.references.first?.text != nil)
    }

    /// Hitting the default limit (which a test cannot wait for) blames the
    /// work estimate and says how to raise the limit.
    @Test func theDefaultLimitsMessageBlamesTheEstimate() throws {
        let executor = Executor(cache: nil)
        #expect(executor.blockTimeLimitIsDefault)
        let plan = Planner.plan(LessonLoader.parse(Self.lesson, path: "l.md"))
        let diagnostic = executor.timeLimitDiagnostic(try #require(plan.blocks.first), seconds: executor.blockTimeLimit)
        #expect(diagnostic.message == "experiment 'slow' was stopped after 120 s, the default time limit of one block")
        #expect(diagnostic.notes.map(\.message) == [
            "its estimated work was within the kind's budget, so the estimate missed something",
            "make the block smaller (less data, fewer epochs, repeats or sizes), or raise the limit with --block-time-limit SECONDS",
        ])
        // Setting the limit, even to the default's value, makes it the user's.
        var set = executor
        set.blockTimeLimit = Executor.defaultBlockTimeLimit
        #expect(!set.blockTimeLimitIsDefault)
        #expect(set.timeLimitDiagnostic(try #require(plan.blocks.first), seconds: 120).message.hasSuffix("set with --block-time-limit 120"))
    }

    /// Each seed of a `seeds:` block runs under the limit too.
    @Test func aSeededBlockIsStoppedToo() throws {
        let source = Self.lesson.replacingOccurrences(of: "id: slow\n", with: "id: slow\nseeds: [1, 2]\n")
        var executor = Executor(cache: nil)
        executor.blockTimeLimit = 0
        let executed = executor.execute(Planner.plan(LessonLoader.parse(source, path: "l.md")))
        let slow = try #require(executed.blocks.first)
        #expect(!slow.passed)
        #expect(slow.diagnostics.map(\.message).contains("experiment 'slow' was stopped with seed 1 after 0 s, the time limit set with --block-time-limit 0"),
                "\(slow.diagnostics.map(\.message))")
        #expect(executed.blocks[1].passed)
    }

    @Test func theDefaultLimitIsGenerous() {
        #expect(Executor(cache: nil).blockTimeLimit == 120)
        let executed = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(Self.lesson, path: "l.md")))
        #expect(executed.blocks.allSatisfy { $0.passed })
    }
}
