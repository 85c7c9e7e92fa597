import Experiments
import Foundation
import NeuralEngine
import LessonSupport
import LessonResults

extension Executor {
    /// Runs a block with `seeds:` once per seed, each run cached on its own
    /// (under the same key a block with that single `seed:` has), and sums
    /// them up into one outcome: values' means, tables with mean ± sd, charts
    /// with their spread. The whole is cached too (``SeededEntry``) under
    /// `key` (``seededKey(_:prepared:)``), and read from there when it can be.
    func runSeeds(_ planned: PlannedBlock, prepared: PreparedExperiment, key: String?) -> ExecutedBlock {
        if let cached = cachedSeeds(planned, key: key) { return cached }
        var runs: [SeedRunResult] = []
        for index in planned.seeds.indices {
            let run = runSeed(planned, prepared: prepared, index: index)
            runs.append(run)
            if case .failed = run.result { break }
        }
        return summarizeSeeds(planned, runs: runs, key: key)
    }

    /// The key of a block with `seeds:` as a whole, if there is a cache and
    /// the block's data files can be read. Computed once per block and run
    /// (it reads and hashes the data files), then passed along.
    func seededKey(_ planned: PlannedBlock, prepared: PreparedExperiment) -> String? {
        cache?.key(for: prepared, seeds: planned.seeds)
    }

    /// Whether the block's result (a `seeds:` block's whole entry) is in the
    /// cache and will be read rather than run: for the time left, so it
    /// only looks that the entry is there.
    func isCached(_ planned: PlannedBlock) -> Bool {
        guard !force, let cache, let prepared = planned.prepared else { return false }
        let key = planned.seeds.isEmpty ? cache.key(for: prepared, seed: planned.seed) : seededKey(planned, prepared: prepared)
        return key.map(cache.contains) ?? false
    }

    /// Whether the cache has a whole entry under `key` to read (not with
    /// `--force`), so that the block's seeds need not be scheduled one by one.
    func hasCachedSeeds(key: String?) -> Bool {
        guard !force, let cache, let key else { return false }
        return cache.contains(key)
    }

    /// The block with `seeds:` from its whole-block cache entry, or `nil`.
    func cachedSeeds(_ planned: PlannedBlock, key: String?) -> ExecutedBlock? {
        guard !force, let key, let entry = cache?.loadSeeded(key), entry.runs.map(\.seed) == planned.seeds else { return nil }
        var summary = entry.summary
        // Drawn again from the values: a change to the pages reruns nothing.
        if let prepared = planned.prepared {
            summary.presentation = prepared.present(RunValues(records: entry.runs.map(\.values), seeds: planned.seeds))
        }
        return ExecutedBlock(planned: planned, outcome: summary, expectations: [], diagnostics: planned.diagnostics,
                             seconds: 0, fromCache: true, runs: entry.runs)
    }

    /// One seed of a block with `seeds:` (from the cache when it has it).
    /// Each seed is its own unit of work, so several can run at once.
    func runSeed(_ planned: PlannedBlock, prepared: PreparedExperiment, index: Int) -> SeedRunResult {
        runUnit(planned, prepared: prepared, seed: planned.seeds[index],
                decode: decodeContext(lessonPath: planned.block.location.path, seeds: planned.seeds.count), namingSeed: true)
    }

    /// One run of a block's code with one seed, from the cache when it can
    /// be: the one path every run takes — a block without `seeds:`, each
    /// seed of a block with them, each explored position — so that caching,
    /// the time limit, the timing gate and the failure messages cannot drift
    /// apart between them.
    /// - Parameter namingSeed: whether a failure names the seed (one of several).
    func runUnit(_ planned: PlannedBlock, prepared: PreparedExperiment, seed: UInt64, decode: DecodeContext,
                 namingSeed: Bool) -> SeedRunResult {
        let key = cache?.key(for: prepared, seed: seed)
        if !force, let key, let cached = cache?.load(key) {
            return SeedRunResult(result: .ran(cached), fromCache: true, seconds: 0, key: key)
        }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let outcome = try WorkDeadline.$current.withValue(WorkDeadline(seconds: blockTimeLimit)) {
                try gated { try prepared.run(RunContext(seed: seed, decode: decode)) }
            }
            if let key { cache?.store(outcome, key: key) }
            return SeedRunResult(result: .ran(outcome), fromCache: false, seconds: WallClock.seconds(of: clock.now - start), key: key)
        } catch let error as WorkDeadline.Exceeded {
            let diagnostic = timeLimitDiagnostic(planned, seconds: error.seconds, seed: namingSeed ? seed : nil)
            return SeedRunResult(result: .failed(diagnostic), fromCache: false, seconds: WallClock.seconds(of: clock.now - start))
        } catch {
            let message = (error as? ExperimentError)?.message ?? "\(error)"
            let notes = (error as? ExperimentError)?.notes ?? []
            let diagnostic = Diagnostic(.experimentFailed, "experiment '\(planned.id)' failed\(namingSeed ? " with seed \(seed)" : ""): \(message)",
                                        at: planned.block.location, notes: notes.map { .init($0) })
            return SeedRunResult(result: .failed(diagnostic), fromCache: false, seconds: WallClock.seconds(of: clock.now - start))
        }
    }

    /// The block from its seeds' runs, in seed order: the first failed seed
    /// fails the block; otherwise the outcomes are summed up, and the whole
    /// is cached under `key`.
    func summarizeSeeds(_ planned: PlannedBlock, runs: [SeedRunResult], key: String?) -> ExecutedBlock {
        var block = ExecutedBlock(planned: planned, outcome: nil, expectations: [], diagnostics: planned.diagnostics,
                                  seconds: 0, fromCache: false)
        var outcomes: [ExperimentOutcome] = []
        for run in runs {
            block.seconds += run.seconds
            switch run.result {
            case .ran(let outcome):
                outcomes.append(outcome)
            case .failed(let diagnostic):
                block.diagnostics.append(diagnostic)
                return block
            }
        }
        block.runs = zip(planned.seeds, outcomes).map { SeedRun(seed: $0, values: $1.values) }
        let summary = planned.prepared?.outcome(of: outcomes, seeds: planned.seeds)
            ?? ExperimentOutcome(values: SeedStatistic.meanRecord(outcomes.map(\.values)))
        block.outcome = summary
        block.fromCache = runs.allSatisfy(\.fromCache)
        let seedKeys = runs.compactMap(\.key)
        if let key, outcomes.count == planned.seeds.count, seedKeys.count == runs.count {
            // The entry keeps values: the pages are drawn from them when it is read.
            var stored = summary
            stored.presentation = []
            cache?.storeSeeded(SeededEntry(seedKeys: seedKeys, runs: block.runs, summary: stored), key: key)
        }
        return block
    }

    /// One expectation's verdict over the runs it reads.
    struct SeedVerdict {
        var passed: Bool
        /// What the check printed beside it ("loss = 0.417, …" or, over seeds,
        /// how many held and the failing seeds' values).
        var actual: String
        /// " for 3 of 8 seeds" when some runs failed, "" when the one verdict did.
        var failedRuns: String
        var text: String
        var notes: [String]
        var failedSeeds: [UInt64] = []

        /// "expectation failed for 3 of 8 seeds: text"; on noisy timings, says so.
        func failureMessage(noisy: Bool) -> String {
            "expectation failed\(noisy ? " on noisy timings" : "")\(failedRuns): \(text)"
        }
    }

    /// Evaluates an expectation: once when it reads no per-seed value, else
    /// once per run (an expectation on plain `x` must hold for every seed).
    func evaluate(_ expression: Expression, text: String, scope: ValueScope) throws(ExpressionError) -> SeedVerdict {
        var scope = scope
        let tracker = SeedReadTracker()
        scope.tracker = tracker
        scope.run = 0
        let first = try expression.evaluate(in: scope)
        let firstPassed = try Expression.verdict(first.value)
        let readBlocks = tracker.blocks
        func describe(_ reads: [(path: String, value: ResultValue)]) -> String {
            reads.map { "\($0.path) = \($0.value.formatted)" }.joined(separator: ", ")
        }
        guard let runCount = readBlocks.first?.runs else {
            return SeedVerdict(passed: firstPassed, actual: describe(first.reads), failedRuns: "", text: text,
                               notes: first.reads.map { "\($0.path) = \($0.value.formatted)" } + (firstPassed ? [] : expression.nanNotes(in: scope)))
        }
        if let mismatch = readBlocks.first(where: { $0.runs != runCount }) {
            let name = { (id: String) in id.isEmpty ? "this block" : "block '\(id)'" }
            throw ExpressionError(
                "it reads per-seed values of \(name(readBlocks[0].id)) (\(runCount) seeds) and of \(name(mismatch.id)) (\(mismatch.runs) seeds), which cannot be paired",
                notes: ["give both blocks the same number of seeds, or compare summaries such as x.mean"])
        }
        let seeds = (readBlocks[0].id.isEmpty ? scope.ownRuns : scope.seeded[readBlocks[0].id])?.seeds ?? []
        var failures: [(seed: UInt64, reads: String)] = []
        var nanNotes: [String] = []
        var values: [String: [Double]] = [:]
        var order: [String] = []
        for run in 0..<runCount {
            scope.run = run
            let result: ExpressionResult
            do {
                result = run == 0 ? first : try expression.evaluate(in: scope)
                if !(run == 0 ? firstPassed : try Expression.verdict(result.value)) {
                    failures.append((seeds[run], describe(result.reads)))
                    if nanNotes.isEmpty { nanNotes = expression.nanNotes(in: scope).map { "seed \(seeds[run]): " + $0 } }
                }
            } catch {
                throw ExpressionError("with seed \(seeds[run]): \(error.message)", notes: error.notes)
            }
            for read in result.reads {
                guard let x = read.value.doubleValue else { continue }
                if values[read.path] == nil { order.append(read.path) }
                values[read.path, default: []].append(x)
            }
        }
        let ranges = order.map { path -> String in
            let xs = values[path]!
            let low = xs.min()!, high = xs.max()!
            return low == high ? "\(path) = \(ResultValue.format(low))" : "\(path) = \(ResultValue.format(low))…\(ResultValue.format(high))"
        }.joined(separator: ", ")
        if failures.isEmpty {
            return SeedVerdict(passed: true, actual: "held for all \(runCount) seeds; " + ranges, failedRuns: "", text: text, notes: [])
        }
        let seedList = failures.map { String($0.seed) }.joined(separator: ", ")
        return SeedVerdict(
            passed: false,
            actual: "failed for \(failures.count) of \(runCount) seeds (\(seedList)); " + ranges,
            failedRuns: " for \(failures.count) of \(runCount) seeds", text: text,
            notes: failures.map { "seed \($0.seed): \($0.reads)" } + nanNotes,
            failedSeeds: failures.map(\.seed))
    }
}

/// What one seed of a block produced.
struct SeedRunResult: Sendable {
    enum Result: Sendable {
        case ran(ExperimentOutcome)
        case failed(Diagnostic)
    }
    var result: Result
    var fromCache: Bool
    var seconds: Double
    /// The run's cache key, if it has one and its outcome is (or was) cached.
    var key: String? = nil
}
