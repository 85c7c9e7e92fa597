import Foundation
import LessonMarkdown
import Testing
@testable import LessonRunner

/// The closing list of failed expectations names each one and its seeds.
@Suite struct FailedExpectationTests {
    @Test func failuresNameTheirSeedsInSourceOrder() {
        let source = """
        ```experiment softmax
        id: one
        seed: 3
        logits: [2, 1, 0.1]
        label: 0
        expect: ["loss > 100", "loss < 1"]
        ```

        ```experiment softmax
        id: many
        seeds: [4, 6]
        logits: [2, 1, 0.1]
        label: 0
        expect: ["loss > 100", "approx(loss, 0.417, 0.01)", "nonsense +", "loss.mean > 100", "loss < best / 2"]
        ```
        """
        let lesson = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: "l.md"), reseed: 10))
        let failures = FailedExpectation.all(in: [lesson])
        #expect(failures.map(\.text) == ["loss > 100", "loss > 100", "nonsense +", "loss.mean > 100", "loss < best / 2"])
        #expect(failures[0].seeds == [13] && failures[0].runs == 1)
        #expect(failures[1].seeds == [14, 16] && failures[1].runs == 2)
        #expect(failures[0].line == "l.md:6:10: block 'one': `loss > 100` failed at seed 13")
        #expect(failures[1].line == "l.md:14:10: block 'many': `loss > 100` failed at seeds 14, 16 (2 of 2 runs)")
        #expect(failures[2].seeds.isEmpty)
        // It does not parse: listed at its error, inside it, as not read (it said "did not hold", at its start).
        #expect(failures[2].line == "l.md:14:64: block 'many': `nonsense +` could not be read, so it was not checked (its error above says why)",
                "\(failures[2].line)")
        #expect(failures[3].line.hasSuffix("block 'many': `loss.mean > 100` did not hold over the 2 runs together (seeds 14, 16)"))
        // An unknown name: it failed at no seed (the summary said "failed at seeds 14, 16").
        #expect(failures[4].seeds.isEmpty && failures[4].summaryOf.isEmpty)
        #expect(failures[4].line.hasSuffix("block 'many': `loss < best / 2` could not be evaluated (its error above says why)"), "\(failures[4].line)")
    }

    /// Found by a teacher: an `every:` expectation that failed at two
    /// explored positions was listed as "failed at seed 1681114644875864".
    @Test func anExpectationAtEveryPositionNamesThePositionsItFailedAt() {
        let source = """
        ```experiment softmax
        id: t
        seed: 3
        logits: [2, 1, 0.1]
        label: 0
        temperature: 1
        explore:
          temperature: [0.5, 1, 5, 20]
        expect:
          - every: "probabilities[0] > 0.5"
        ```
        """
        let lesson = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: "l.md")))
        let failures = FailedExpectation.all(in: [lesson])
        #expect(failures.map(\.line) == ["l.md:10:12: block 't': `probabilities[0] > 0.5` failed at 2 of 4 explored positions "
                                          + "(temperature = 5; temperature = 20) at seed 3"], "\(failures.map(\.line))")
    }

    /// Found in review: the positions were listed in full (20 of them made
    /// one very long line), and a `seeds:` block's line named no seed.
    @Test func manyPositionsAreClippedAndASeedsBlockNamesItsSeeds() {
        let source = """
        ```experiment softmax
        id: t
        seeds: [4, 5]
        logits: [2, 1, 0.1]
        label: 0
        temperature: 1
        explore:
          temperature: [1, 5, 6, 7, 8, 9, 10, 11, 12]
        expect:
          - every: "probabilities.mean[0] > 0.5"
        ```
        """
        let lesson = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: "l.md")))
        let failures = FailedExpectation.all(in: [lesson])
        #expect(failures.map(\.line) == ["l.md:10:12: block 't': `probabilities.mean[0] > 0.5` failed at 8 of 9 explored positions "
                                          + "(temperature = 5; temperature = 6; temperature = 7; temperature = 8; temperature = 9 … and 3 more) "
                                          + "over the 2 runs together (seeds 4–5)"], "\(failures.map(\.line))")
    }
}
