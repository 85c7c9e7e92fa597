import Experiments
import Foundation
import LessonMarkdown

extension Pipeline {
    /// Runs lessons with up to `jobs` blocks (or seeds of a block) at once,
    /// across lessons. Blocks of `runsAlone` kinds (timing) run last, one at a
    /// time, with nothing else running. The result — every value, diagnostic
    /// and page — is the same for any `jobs`: a block's outcome depends only
    /// on its spec and seed, and lessons are finished in order, after their
    /// blocks, exactly as one at a time.
    public func run(paths: [String], jobs: Int) -> [ExecutedLesson] {
        let jobs = max(1, jobs)
        let loaded: [Loaded] = paths.map { path in
            do {
                return .plan(Planner.plan(try LessonLoader.load(path: path)))
            } catch {
                return .unreadable(unreadable(path: path, error: error))
            }
        }
        if jobs == 1 {
            return loaded.map { item in
                switch item {
                case .plan(let plan): return finishPage(executor.execute(plan))
                case .unreadable(let lesson): return lesson
                }
            }
        }
        let plans = loaded.map { item -> Plan? in
            if case .plan(let plan) = item { return plan }
            return nil
        }
        let board = WorkBoard(plans: plans, executor: executor)
        board.run(jobs: jobs)
        return loaded.enumerated().map { index, item in
            switch item {
            case .plan(let plan):
                let blocks = board.blocks(ofLesson: index, plan: plan)
                executor.observer?.lessonStarted(plan.lesson.path, blocks: plan.blocks.count)
                return finishPage(executor.finish(plan, executed: blocks, seconds: blocks.reduce(0) { $0 + $1.seconds }))
            case .unreadable(let lesson):
                return lesson
            }
        }
    }

    private enum Loaded {
        case plan(Plan)
        case unreadable(ExecutedLesson)
    }

    func unreadable(path: String, error: Error) -> ExecutedLesson {
        let lesson = Lesson(path: path, title: nil, blocks: [], experiments: [], references: [])
        let plan = Plan(lesson: lesson, blocks: [], diagnostics: [
            Diagnostic("\(error)", at: SourceLocation(path: path, line: 1, column: 1)),
        ])
        return ExecutedLesson(plan: plan, blocks: [], references: [], diagnostics: plan.diagnostics, seconds: 0)
    }
}

/// The units of work of a set of plans — a block, or one seed of a block with
/// `seeds:` — and the threads that run them.
final class WorkBoard: @unchecked Sendable {
    struct Unit {
        var lesson: Int
        var block: Int
        /// Index into the block's seeds, for blocks with `seeds:`.
        var seed: Int?
        var alone: Bool
    }

    private let plans: [Plan?]
    private let executor: Executor
    private let units: [Unit]
    private let lock = NSLock()
    private var next = 0
    /// Results, by unit index; written once each, under `lock`.
    private var blockResults: [Int: ExecutedBlock] = [:]
    private var seedResults: [Int: SeedRunResult] = [:]

    init(plans: [Plan?], executor: Executor) {
        self.plans = plans
        self.executor = executor
        var shared: [Unit] = [], alone: [Unit] = []
        for (l, plan) in plans.enumerated() {
            guard let plan else { continue }
            for (b, planned) in plan.blocks.enumerated() {
                let isAlone = planned.prepared?.runsAlone ?? false
                let runs = planned.isValid && planned.prepared != nil && !planned.seeds.isEmpty
                    ? planned.seeds.indices.map { Optional($0) } : [nil]
                for seed in runs {
                    let unit = Unit(lesson: l, block: b, seed: seed, alone: isAlone)
                    if isAlone { alone.append(unit) } else { shared.append(unit) }
                }
            }
        }
        // Timing blocks last: then the machine is theirs without stopping
        // the other threads more than once.
        units = shared + alone
    }

    func run(jobs: Int) {
        let sharedCount = units.firstIndex(where: \.alone) ?? units.count
        // Phase 1: blocks that may share the machine, `jobs` at a time.
        let done = DispatchGroup()
        for _ in 0..<min(jobs, max(sharedCount, 1)) {
            done.enter()
            let worker = Thread { [self] in
                while let index = take(below: sharedCount) { perform(index) }
                done.leave()
            }
            // As much stack as the main thread: deep specs and models recurse.
            worker.stackSize = 8 << 20
            worker.start()
        }
        done.wait()
        // Phase 2: timing blocks, one at a time, nothing else running.
        for index in sharedCount..<units.count { perform(index) }
    }

    private func take(below limit: Int) -> Int? {
        lock.withLock {
            guard next < limit else { return nil }
            defer { next += 1 }
            return next
        }
    }

    private func perform(_ index: Int) {
        let unit = units[index]
        guard let plan = plans[unit.lesson] else { return }
        let planned = plan.blocks[unit.block]
        if let seed = unit.seed, let prepared = planned.prepared {
            if seed == 0 {
                executor.observer?.blockStarted(plan.lesson.path, index: unit.block, of: plan.blocks.count,
                                                id: planned.id, kind: planned.block.kind)
            }
            let result = executor.runSeed(planned, prepared: prepared, index: seed)
            lock.withLock { seedResults[index] = result }
        } else {
            executor.observer?.blockStarted(plan.lesson.path, index: unit.block, of: plan.blocks.count,
                                            id: planned.id, kind: planned.block.kind)
            let result = executor.run(planned)
            lock.withLock { blockResults[index] = result }
        }
    }

    /// The executed blocks of one lesson, in order.
    func blocks(ofLesson lesson: Int, plan: Plan) -> [ExecutedBlock] {
        lock.withLock {
            plan.blocks.enumerated().map { b, planned in
                let mine = units.indices.filter { units[$0].lesson == lesson && units[$0].block == b }
                if mine.count == 1, units[mine[0]].seed == nil, let block = blockResults[mine[0]] { return block }
                let runs = mine.compactMap { seedResults[$0] }
                // In seed order, up to the first failure, as one at a time.
                var kept: [SeedRunResult] = []
                for run in runs {
                    kept.append(run)
                    if case .failed = run.result { break }
                }
                return executor.summarizeSeeds(planned, runs: kept)
            }
        }
    }
}
