import Foundation
import LessonMarkdown
import Testing
@testable import LessonRunner

/// The time left that progress lines show: priced from the blocks' declared
/// work at the rates the run has seen, never from a clock in the test.
@Suite struct TimeLeftTests {
    func item(_ lesson: String, _ index: Int, _ kind: String, work: Double, cached: Bool = false) -> TimeLeft.Item {
        TimeLeft.Item(lesson: lesson, index: index, kind: kind, work: work, cached: cached)
    }

    func close(_ a: Double?, _ b: Double) -> Bool {
        a.map { abs($0 - b) <= 1e-9 * max(1, abs(b)) } ?? false
    }

    /// Nothing has run: no number, only the count.
    @Test func noEstimateBeforeABlockHasRun() {
        let left = TimeLeft(items: [item("a.md", 0, "train", work: 2), item("a.md", 1, "train", work: 1)])
        #expect(left.secondsLeft == nil)
        #expect(left.line(started: 1) == "block 1 of 2")
    }

    /// A kind's rate prices its other blocks; a kind not seen yet goes at
    /// the rate of all kinds seen; a cached block and a kind that declares
    /// no work (not seen yet) cost nothing.
    @Test func blocksArePricedAtTheRatesSeen() {
        var left = TimeLeft(items: [
            item("a.md", 0, "train", work: 2), item("a.md", 1, "train", work: 1),
            item("a.md", 2, "train", work: 50, cached: true), item("b.md", 0, "softmax", work: 0),
            item("b.md", 1, "signal", work: 4),
        ])
        left.progress(lesson: "a.md", index: 0, share: 1, seconds: 10, fromCache: false)
        // train: 10 s for 2 units; 1 unit of train and 4 of signal (at the same rate) left.
        #expect(close(left.secondsLeft, 25))
        #expect(left.line(started: 2) == "block 2 of 5, ~25 s left")
        left.progress(lesson: "b.md", index: 1, share: 1, seconds: 2, fromCache: false)
        #expect(close(left.secondsLeft, 5))
        // A block read from the cache teaches nothing, and leaves.
        left.progress(lesson: "a.md", index: 1, share: 1, seconds: 0.001, fromCache: true)
        #expect(left.secondsLeft == 0)
    }

    /// A block of seeds is done a seed at a time; `--jobs 2` shares the rest.
    @Test func seedsAreSharesAndJobsShareTheRest() {
        var left = TimeLeft(items: [item("a.md", 0, "train", work: 4), item("a.md", 1, "train", work: 4)], jobs: 2)
        left.progress(lesson: "a.md", index: 0, share: 0.25, seconds: 3, fromCache: false)
        // 3 s for a unit: 3 units of the first block and 4 of the second, on two jobs.
        #expect(close(left.secondsLeft, 10.5))
        left.finished(lesson: "a.md")
        #expect(left.secondsLeft == 0)
    }

    /// Blocks of work-declaring kinds are left and only a kind without
    /// declared work has run: there is nothing to price them by.
    @Test func noNumberWhenNothingPricesTheRest() {
        var left = TimeLeft(items: [item("a.md", 0, "softmax", work: 0), item("a.md", 1, "train", work: 3)])
        left.progress(lesson: "a.md", index: 0, share: 1, seconds: 0.01, fromCache: false)
        #expect(left.secondsLeft == nil)
        #expect(left.line(started: 2) == "block 2 of 2")
    }

    @Test func timesReadAsPeopleSayThem() {
        #expect(TimeLeft.text(0.2) == "1 s")
        #expect(TimeLeft.text(40) == "40 s")
        #expect(TimeLeft.text(170) == "3 min")
        #expect(TimeLeft.text(3_900) == "1 h 5 min")
    }

    /// A block's work comes from its kind's estimates, times its seeds; a
    /// kind that declares none has none, and an invalid block costs nothing.
    @Test func itemsCarryTheDeclaredWorkTimesTheSeeds() {
        let source = """
        ```experiment train
        id: one
        data: digits
        epochs: 2
        ```

        ```experiment train
        id: four
        data: digits
        epochs: 2
        seeds: 4
        ```

        ```experiment softmax
        logits: [1, 2]
        label: 0
        ```

        ```experiment train
        id: bad
        epochs: -1
        ```
        """
        let plan = Planner.plan(LessonLoader.parse(source, path: "l.md"))
        let items = TimeLeft.items([plan]) { $0.id == "one" && false }
        #expect(items.map(\.kind) == ["train", "train", "softmax", "train"])
        #expect(items[0].work > 0 && !items[0].cached)
        #expect(abs(items[1].work - 4 * items[0].work) <= 1e-12 * items[1].work)
        #expect(items[2].work == 0)
        #expect(items[3].cached)
    }
}
