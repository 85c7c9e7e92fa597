import Experiments
import Foundation
import LessonMarkdown
import LessonTestSupport
import Testing
@testable import LessonRunner
import LessonResults

/// A block with `seeds:` is cached as a whole (``SeededEntry``) besides
/// seed by seed: a warm run reads one entry per block.
@Suite struct SeededEntryTests {
    static let source = """
    ```experiment softmax
    id: s
    seeds: [3, 4, 5]
    logits: [2, 1, 0.1]
    label: 0
    expect: ["loss < 0.5", "len(loss.runs) == 3"]
    ```

    Mean `=s.loss`, runs `=s.loss.runs`.
    """

    /// A fresh cache folder, removed by `body`'s end.
    func withCache(_ body: (ResultCache, String) throws -> Void) throws {
        let scratch = try ScratchFolder("seeded")
        defer { scratch.remove() }
        try body(ResultCache(directory: scratch.path), scratch.path)
    }

    func plan(_ source: String = Self.source, path: String = "l.md") -> Plan {
        Planner.plan(LessonLoader.parse(source, path: path))
    }

    func run(_ cache: ResultCache, force: Bool = false) -> ExecutedLesson {
        Executor(cache: cache, force: force).execute(plan())
    }

    /// The keys of the block's whole entry and of its seeds' entries.
    func keys(_ cache: ResultCache) throws -> (whole: String, seeds: [String]) {
        let prepared = try #require(plan().blocks[0].prepared)
        let whole = try #require(cache.key(for: prepared, seeds: [3, 4, 5]))
        return (whole, try [3, 4, 5].map { try #require(cache.key(for: prepared, seed: $0)) })
    }

    func remove(_ keys: [String], in dir: String) throws {
        for key in keys { try FileManager.default.removeItem(atPath: "\(dir)/\(key).entry") }
    }

    /// The entry keeps values, not pages: a warm run draws the block again
    /// from its runs' values, and draws it as the cold run did.
    @Test func theEntryKeepsValuesAndTheBlockIsDrawnWhenRead() throws {
        try withCache { cache, dir in
            let cold = run(cache)
            let (whole, seeds) = try keys(cache)
            let entry = try #require(cache.loadSeeded(whole))
            #expect(entry.summary.presentation.isEmpty)
            #expect(entry.runs.count == 3)
            try remove(seeds, in: dir)
            let warm = run(cache)
            #expect(warm.blocks[0].fromCache)
            let drawn = try #require(warm.blocks[0].outcome?.presentation)
            #expect(!drawn.isEmpty)
            #expect(drawn == cold.blocks[0].outcome?.presentation)
        }
    }

    @Test func aWarmRunReadsTheWholeBlockFromItsOwnEntry() throws {
        try withCache { cache, dir in
            let cold = run(cache)
            #expect(cold.passed, "\(cold.allDiagnostics)")
            #expect(!cold.blocks[0].fromCache)
            let (whole, seeds) = try keys(cache)
            #expect(cache.contains(whole))
            // Without the seeds' entries, the whole entry alone gives the block.
            try remove(seeds, in: dir)
            let warm = run(cache)
            #expect(warm.blocks[0].fromCache)
            #expect(warm.passed, "\(warm.allDiagnostics)")
            #expect(warm.blocks[0].runs == cold.blocks[0].runs)
            #expect(warm.blocks[0].outcome == cold.blocks[0].outcome)
            #expect(warm.references.map(\.text) == cold.references.map(\.text))
            #expect(warm.blocks[0].expectations.map(\.actual) == cold.blocks[0].expectations.map(\.actual))
            #expect(seeds.allSatisfy { !cache.contains($0) })
        }
    }

    @Test func withoutTheWholeEntryTheSeedsAreReadAndItIsWrittenAgain() throws {
        try withCache { cache, dir in
            let cold = run(cache)
            let (whole, _) = try keys(cache)
            try remove([whole], in: dir)
            let warm = run(cache)
            #expect(warm.blocks[0].fromCache)
            #expect(warm.blocks[0].outcome == cold.blocks[0].outcome)
            #expect(cache.loadSeeded(whole)?.runs == cold.blocks[0].runs)
        }
    }

    @Test func aDamagedWholeEntryIsAMissAndIsRepaired() throws {
        try withCache { cache, dir in
            let cold = run(cache)
            let (whole, _) = try keys(cache)
            let path = "\(dir)/\(whole).entry"
            let data = try #require(FileManager.default.contents(atPath: path))
            try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
            #expect(cache.loadSeeded(whole) == nil)
            let warm = run(cache)
            #expect(warm.passed)
            #expect(warm.blocks[0].outcome == cold.blocks[0].outcome)
            #expect(cache.loadSeeded(whole) != nil)
        }
    }

    @Test func readingTheWholeEntryKeepsItsSeedsForPrune() throws {
        try withCache { cache, _ in
            _ = run(cache)
            let (whole, seeds) = try keys(cache)
            let usage = CacheUsage()
            let warm = run(ResultCache(directory: cache.directory, usage: usage))
            #expect(warm.blocks[0].fromCache)
            #expect(usage.usedKeys == Set([whole] + seeds))
        }
    }

    /// Warm runs read only the whole entry; `cache prune --older-than` must
    /// still keep the seeds' entries, or `seeds:` with one more seed reruns
    /// them all.
    @Test func readingTheWholeEntryKeepsItsSeedsForPruneOlderThan() throws {
        try withCache { cache, dir in
            _ = run(cache)
            let (whole, seeds) = try keys(cache)
            // Every entry last used 30 days ago.
            let old = Date().addingTimeInterval(-30 * 86_400)
            for key in [whole] + seeds {
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: "\(dir)/\(key).entry")
            }
            let warm = run(cache)
            #expect(warm.blocks[0].fromCache)
            _ = try cache.prune(olderThan: 7 * 86_400)
            #expect(cache.contains(whole))
            #expect(seeds.allSatisfy { cache.contains($0) })
        }
    }

    /// An entry under the block's key whose runs are of other seeds (a
    /// shared cache written by something else) is a miss, not the block.
    @Test func aWholeEntryOfOtherSeedsIsAMiss() throws {
        try withCache { cache, _ in
            let cold = run(cache)
            let (whole, _) = try keys(cache)
            let stored = try #require(cache.loadSeeded(whole))
            var other = stored
            other.runs = stored.runs.map { SeedRun(seed: $0.seed + 100, values: $0.values) }
            cache.storeSeeded(other, key: whole)
            let warm = run(cache)
            #expect(warm.blocks[0].runs.map(\.seed) == [3, 4, 5])
            #expect(warm.blocks[0].outcome == cold.blocks[0].outcome)
            #expect(cache.loadSeeded(whole) == stored)
        }
    }

    @Test func forceRunsEverySeedAndRewritesTheWholeEntry() throws {
        try withCache { cache, _ in
            _ = run(cache)
            let forced = run(cache, force: true)
            #expect(!forced.blocks[0].fromCache)
            #expect(forced.blocks[0].runs.map(\.seed) == [3, 4, 5])
        }
    }

    @Test func theWholeEntryIsKeyedByTheListOfSeeds() throws {
        let prepared = try #require(plan().blocks[0].prepared)
        let keys = [[3, 4, 5], [5, 4, 3], [3, 4], [3]].map { ResultCache.key(for: prepared, seeds: $0, code: "c") }
        #expect(Set(keys).count == 4)
        #expect(ResultCache.key(for: prepared, seed: 3, code: "c") != keys[3])
        #expect(ResultCache.key(for: prepared, seeds: [3, 4, 5], code: "d") != keys[0])
    }

    /// Blocks of several lessons at once: a block whose whole entry is cached
    /// is one unit of work, read as one.
    @Test(arguments: [1, 2])
    func parallelRunsReadTheWholeEntry(jobs: Int) throws {
        try withCache { cache, dir in
            let lesson = "\(dir)-lesson.md"
            try Self.source.write(toFile: lesson, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: lesson) }
            let pipeline = Pipeline(executor: Executor(cache: cache))
            let cold = pipeline.run(paths: [lesson, lesson], jobs: jobs)
            let prepared = try #require(plan(path: lesson).blocks[0].prepared)
            let seeds = try [3, 4, 5].map { try #require(cache.key(for: prepared, seed: $0)) }
            try remove(seeds, in: dir)
            let warm = pipeline.run(paths: [lesson, lesson], jobs: jobs)
            #expect(warm.allSatisfy { $0.passed && $0.blocks[0].fromCache })
            #expect(warm.map { $0.blocks[0].runs } == cold.map { $0.blocks[0].runs })
            #expect(warm.map(\.references).map { $0.map(\.text) } == cold.map(\.references).map { $0.map(\.text) })
        }
    }
}
