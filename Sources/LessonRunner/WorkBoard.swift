import Experiments
import Foundation
import LessonMarkdown
import LessonSupport
import LessonResults

/// The units of work of a set of plans — a block, or one seed of a block with
/// `seeds:` whose whole is not in the cache — and the threads that run them.
final class WorkBoard: @unchecked Sendable {
    struct Unit {
        var lesson: Int
        var block: BlockID
        /// Index into the block's seeds, for blocks with `seeds:`.
        var seed: Int?
        /// An explored position other than the default one (`explore:`),
        /// run as a whole (its seeds one after another).
        var position: Int? = nil
        /// For a block with `seeds:`, its whole entry's key
        /// (``Executor/seededKey(_:prepared:)``), computed once here.
        var seededKey: String?
    }

    private let plans: [Plan?]
    private let executor: Executor
    private let units: [Unit]
    /// Unit indices of each lesson, in block and seed order.
    private let unitsOfLesson: [[Int]]
    private let condition = NSCondition()
    /// The threads `start(jobs:)` started, for `join()`.
    private var workers: WorkerThreads?
    private var next = 0
    /// Units of each lesson not yet done.
    private var unfinished: [Int]
    /// Results, by unit index; written once each, under `condition`.
    private var blockResults: [Int: ExecutedBlock] = [:]
    private var seedResults: [Int: SeedRunResult] = [:]

    init(plans: [Plan?], executor: Executor) {
        self.plans = plans
        self.executor = executor
        var timing: [Unit] = [], other: [Unit] = []
        for (l, plan) in plans.enumerated() {
            guard let plan else { continue }
            for planned in plan.blocks {
                let b = planned.blockID
                // Seeds one by one, unless the cache has the block as a whole.
                var runs: [Int?] = [nil]
                var seededKey: String?
                if planned.isValid, let prepared = planned.prepared, !planned.seeds.isEmpty {
                    seededKey = executor.seededKey(planned, prepared: prepared)
                    if !executor.hasCachedSeeds(key: seededKey) { runs = planned.seeds.indices.map { Optional($0) } }
                }
                for seed in runs {
                    let unit = Unit(lesson: l, block: b, seed: seed, seededKey: seededKey)
                    if planned.prepared?.timesItself == true { timing.append(unit) } else { other.append(unit) }
                }
                if planned.isValid, let explore = planned.explore {
                    for p in explore.positions.indices where p != explore.defaultPosition {
                        other.append(Unit(lesson: l, block: b, seed: nil, position: p, seededKey: nil))
                    }
                }
            }
        }
        // Blocks that time themselves first: only their timed sections must
        // run alone, and their other work then overlaps with other blocks
        // instead of being the last thing left.
        let units = timing + other
        var unitsOfLesson = Array(repeating: [Int](), count: plans.count)
        for (index, unit) in units.enumerated() { unitsOfLesson[unit.lesson].append(index) }
        for l in unitsOfLesson.indices {
            unitsOfLesson[l].sort {
                (units[$0].block, units[$0].position ?? -1, units[$0].seed ?? 0) < (units[$1].block, units[$1].position ?? -1, units[$1].seed ?? 0)
            }
        }
        self.units = units
        self.unitsOfLesson = unitsOfLesson
        unfinished = unitsOfLesson.map(\.count)
    }

    /// Starts `jobs` threads (fewer if there are fewer units) that run the
    /// units until none is left.
    func start(jobs: Int) {
        // As much stack as the main thread: deep specs and models recurse.
        workers = WorkerThreads.start(count: min(jobs, units.count)) { [self] in
            while let index = take() { perform(index) }
        }
    }

    /// Waits until every thread is done.
    func join() {
        workers?.join()
    }

    private func take() -> Int? {
        condition.withLock {
            guard next < units.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    private func perform(_ index: Int) {
        let unit = units[index]
        guard let plan = plans[unit.lesson], let planned = plan.blocks[unit.block] else {
            // Units are made from these plans' blocks, so this does not happen;
            // a unit never marked done would hold its lesson's page forever.
            done(index) {}
            return
        }
        // The share of the block this unit is, for the time left.
        let positions = Double(max(1, planned.explore?.positions.count ?? 1))
        func progress(_ share: Double, seconds: Double, fromCache: Bool) {
            executor.observer?.blockProgress(plan.lesson.path, index: unit.block.ordinal, share: share, seconds: seconds, fromCache: fromCache)
        }
        if let position = unit.position {
            let result = executor.runPosition(planned, position)
            progress(1 / positions, seconds: result.seconds, fromCache: result.fromCache)
            done(index) { blockResults[index] = result }
            return
        }
        if unit.seed ?? 0 == 0 {
            executor.observer?.blockStarted(plan.lesson.path, index: unit.block.ordinal, of: plan.blocks.count,
                                            id: planned.id, kind: planned.block.kind)
        }
        if let seed = unit.seed, let prepared = planned.prepared {
            let result = executor.runSeed(planned, prepared: prepared, index: seed)
            progress(1 / (positions * Double(max(1, planned.seeds.count))), seconds: result.seconds, fromCache: result.fromCache)
            done(index) { seedResults[index] = result }
        } else if let key = unit.seededKey, let prepared = planned.prepared {
            // The whole entry's key is known: not hashed again.
            let result = executor.runSeeds(planned, prepared: prepared, key: key)
            progress(1 / positions, seconds: result.seconds, fromCache: result.fromCache)
            done(index) { blockResults[index] = result }
        } else {
            // Its other explored positions are units of their own.
            let result = executor.runOne(planned)
            progress(1 / positions, seconds: result.seconds, fromCache: result.fromCache)
            done(index) { blockResults[index] = result }
        }
    }

    private func done(_ index: Int, store: () -> Void) {
        condition.withLock {
            store()
            unfinished[units[index].lesson] -= 1
            if unfinished[units[index].lesson] == 0 { condition.broadcast() }
        }
    }

    /// The executed blocks of one lesson, in order, once all have run.
    func waitForBlocks(ofLesson lesson: Int, plan: Plan) -> [ExecutedBlock] {
        let mine = unitsOfLesson[lesson]
        let (blocks, seeds) = condition.withLock {
            while unfinished[lesson] > 0 { condition.wait() }
            return (blockResults.filter { mine.contains($0.key) }, seedResults.filter { mine.contains($0.key) })
        }
        return plan.blocks.map { planned in
            let b = planned.blockID
            let block = defaultBlock(b, planned: planned, units: mine.filter { units[$0].block == b && units[$0].position == nil },
                                     blocks: blocks, seeds: seeds)
            guard let explore = planned.explore, block.outcome != nil else { return block }
            let others = explore.positions.indices.map { p in
                mine.first { units[$0].block == b && units[$0].position == p }.flatMap { blocks[$0] }
            }
            return executor.attachPositions(block, others: others)
        }
    }

    /// A block as planned (its default position, if it explores), from its units.
    private func defaultBlock(_ b: BlockID, planned: PlannedBlock, units ofBlock: [Int], blocks: [Int: ExecutedBlock],
                              seeds: [Int: SeedRunResult]) -> ExecutedBlock {
        if ofBlock.count == 1, units[ofBlock[0]].seed == nil, let block = blocks[ofBlock[0]] { return block }
        // In seed order, up to the first failure, as one at a time.
        var kept: [SeedRunResult] = []
        for run in ofBlock.compactMap({ seeds[$0] }) {
            kept.append(run)
            if case .failed = run.result { break }
        }
        return executor.summarizeSeeds(planned, runs: kept, key: units[ofBlock[0]].seededKey)
    }
}
