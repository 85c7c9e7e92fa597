import Experiments
import Foundation
import LessonMarkdown
import LessonTestSupport
import Testing
@testable import LessonRunner
import LessonResults

/// `seeds:` runs a block once per seed; values gain .mean/.sd/.min/.max/.runs,
/// and an expectation on a plain value must hold for every seed.
@Suite struct SeedsTests {
    func run(_ source: String, cache: ResultCache? = nil) -> ExecutedLesson {
        Executor(cache: cache).execute(Planner.plan(LessonLoader.parse(source, path: "l.md")))
    }

    /// A softmax block whose loss depends on the seed: the seed picks the label.
    /// Instead, use explicit seeds on a kind that ignores them and check the plumbing.
    @Test func seedsCountFromSeedAndListsAreTakenAsWritten() {
        let plan = Planner.plan(LessonLoader.parse("""
        ```experiment softmax
        seed: 10
        seeds: 3
        logits: [1, 2]
        label: 0
        ```

        ```experiment softmax
        seeds: [5, 9]
        logits: [1, 2]
        label: 0
        ```
        """, path: "l.md"))
        #expect(plan.blocks[0].seeds == [10, 11, 12])
        #expect(plan.blocks[0].seed == 10)
        #expect(plan.blocks[1].seeds == [5, 9])
        #expect(plan.blocks.allSatisfy { $0.isValid })
    }

    @Test func badSeedsAreLocatedErrors() {
        func message(_ body: String) -> [String] {
            Planner.plan(LessonLoader.parse("```experiment softmax\nlogits: [1, 2]\nlabel: 0\n\(body)\n```\n", path: "l.md"))
                .blocks[0].diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.message)" }
        }
        #expect(message("seeds: 0") == ["4:8 'seeds' is 0, outside the allowed range 1 ≤ seeds ≤ 64"])
        #expect(message("seeds: 65") == ["4:8 'seeds' is 65, outside the allowed range 1 ≤ seeds ≤ 64"])
        #expect(message("seeds: many") == ["4:8 'seeds' must be a number of runs (1 to 64) or a list of seeds, found 'many'"])
        #expect(message("seeds: [1, 1]") == ["4:12 seed 1 is listed twice in 'seeds'; each run needs its own seed"])
        #expect(message("seed: 3\nseeds: [1, 2]").first?.hasPrefix("5:8 give either 'seed' or a list of 'seeds', not both") == true)
        #expect(message("seeds: [-1]").first?.hasPrefix("4:9 'seeds' is -1, outside the allowed range") == true)
        #expect(message("seed: 9007199254740991\nseeds: 2").first?.hasPrefix("5:8 seeds 9007199254740991 … 9007199254740992 go past the largest seed") == true)
    }

    @Test func workBudgetCoversEverySeed() {
        let body = "data: moons\nhidden: [64, 128, 256]\nepochs: 2000\ntrain_size: 200\n"
        let one = Planner.plan(LessonLoader.parse("```experiment bias-variance\n\(body)```\n", path: "l.md"))
        let many = Planner.plan(LessonLoader.parse("```experiment bias-variance\n\(body)seeds: 64\n```\n", path: "l.md"))
        #expect(one.blocks[0].isValid)
        #expect(many.blocks[0].diagnostics.contains { $0.message.contains("× 64 seeds), more than the budget") })
    }

    /// Values of each run, by hand: the statistics and the per-seed verdicts.
    func scope(own runs: [Double]) -> ValueScope {
        let records = runs.map { x in Record(["acc": .number(x), "name": .string("net"), "curve": .numbers([x, 2 * x]),
                                             "flag": .bool(x > 0.5)]) }
        var scope = ValueScope(own: SeedStatistic.meanRecord(records), blocks: ["b": SeedStatistic.meanRecord(records)])
        let seeded = SeedRuns(zip([7, 8, 9] as [UInt64], records).map { SeedRun(seed: $0, values: $1) })
        scope.ownRuns = seeded
        scope.seeded = ["b": seeded]
        return scope
    }

    func value(_ text: String, _ scope: ValueScope) throws -> ResultValue {
        try Expression.parse(text).evaluate(in: scope).value
    }

    @Test func statisticsOverSeeds() throws {
        let scope = scope(own: [0.2, 0.6, 0.7])
        #expect(try value("acc", scope) == .number(0.5))
        #expect(try value("acc.mean", scope) == .number(0.5))
        #expect(try value("acc.min", scope) == .number(0.2))
        #expect(try value("acc.max", scope) == .number(0.7))
        #expect(abs(try value("acc.sd", scope).doubleValue! - 0.264575) < 1e-5)
        #expect(try value("acc.runs", scope) == .numbers([0.2, 0.6, 0.7]))
        #expect(try value("acc.runs[1]", scope) == .number(0.6))
        #expect(try value("b.curve.mean[1]", scope) == .number(1.0))
        #expect(try value("name", scope) == .string("net"))
        #expect(try value("flag.mean", scope).doubleValue == 2.0 / 3)
        #expect(try value("sum(b.flag.runs)", scope) == .number(2))
        #expect(throws: ExpressionError.self) { try value("flag", scope) }
    }

    @Test func expectationsHoldForEverySeedAndNameTheOnesThatFail() throws {
        let executor = Executor(cache: nil)
        let scope = scope(own: [0.2, 0.6, 0.7])
        let held = try executor.evaluate(Expression.parse("acc > 0.1"), text: "acc > 0.1", scope: scope)
        #expect(held.passed)
        #expect(held.actual == "held for all 3 seeds; acc = 0.2…0.7")
        let failed = try executor.evaluate(Expression.parse("acc > 0.5"), text: "acc > 0.5", scope: scope)
        #expect(!failed.passed)
        #expect(failed.failureMessage(noisy: false) == "expectation failed for 1 of 3 seeds: acc > 0.5")
        #expect(failed.failureMessage(noisy: true) == "expectation failed on noisy timings for 1 of 3 seeds: acc > 0.5")
        #expect(failed.notes == ["seed 7: acc = 0.2"])
        // The mean is one number: evaluated once.
        let mean = try executor.evaluate(Expression.parse("acc.mean > 0.4"), text: "", scope: scope)
        #expect(mean.passed && mean.actual == "acc.mean = 0.5")
        // Another seeded block's plain values are read per seed as well.
        let other = try executor.evaluate(Expression.parse("b.acc < 0.65"), text: "b.acc < 0.65", scope: scope)
        #expect(!other.passed && other.notes == ["seed 9: b.acc = 0.7"])
    }

    @Test func aSeededBlockRunsAndCachesEachSeed() throws {
        let scratch = try ScratchFolder("seeds")
        defer { scratch.remove() }
        let dir = scratch.path
        let cache = ResultCache(directory: dir)
        let source = """
        ```experiment softmax
        id: s
        seeds: [3, 4]
        logits: [2, 1, 0.1]
        label: 0
        expect: ["loss < 0.5", "loss.sd == 0", "len(loss.runs) == 2"]
        ```

        Mean `=s.loss`, runs `=s.loss.runs`.
        """
        let first = run(source, cache: cache)
        #expect(first.passed, "\(first.allDiagnostics)")
        #expect(first.blocks[0].runs.map(\.seed) == [3, 4])
        #expect(first.references.map(\.text) == ["0.417", "[0.417, 0.417]"])
        // One entry per seed, and one for the block as a whole.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".entry") }.count == 3)
        // A single-seed block with one of those seeds shares its cache entry.
        let single = run("```experiment softmax\nid: s\nseed: 4\nlogits: [2, 1, 0.1]\nlabel: 0\n```\n", cache: cache)
        #expect(single.blocks[0].fromCache)
        #expect(run(source, cache: cache).blocks[0].fromCache)
    }
}

extension SeedsTests {
    @Test func countSaysHowOftenAClaimHolds() throws {
        let scope = scope(own: [0.2, 0.6, 0.7])
        #expect(try value("count(acc > 0.5)", scope) == .integer(2))
        #expect(try value("count(b.acc > 0.65)", scope) == .integer(1))
        #expect(try value("count(acc.runs)", scope) == .integer(3))
        #expect(try value("count(1 > 2)", scope) == .integer(0))
        #expect(try value("len(acc.runs)", scope) == .integer(3))
    }
}
