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
        #expect(message.contains("experiment 'slow' was stopped after 0 s, the time limit of one block"), "\(message)")
        #expect(slow.diagnostics.first?.location?.line == 1)
        #expect(slow.diagnostics.first?.notes.first?.message.contains("--block-time-limit") == true)
        #expect(executed.blocks[1].passed)
        #expect(executed.references.first?.text != nil)
    }

    @Test func theDefaultLimitIsGenerous() {
        #expect(Executor(cache: nil).blockTimeLimit == 120)
        let executed = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(Self.lesson, path: "l.md")))
        #expect(executed.blocks.allSatisfy { $0.passed })
    }
}
