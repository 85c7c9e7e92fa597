import Experiments
import Foundation
import LessonMarkdown
import LessonSupport
import NeuralEngine
import LessonResults

extension Pipeline {
    /// The memory one block may be given: the kinds' work budgets and the
    /// data-file limits keep a block well below it (a hostile block measured
    /// about 400 MB; the math heap is one for the run, 256 MiB).
    public static let memoryPerJob: UInt64 = 1 << 30

    /// `requested` jobs, at most one per ``memoryPerJob`` of the machine's
    /// memory and at least one, so `--jobs 16` on an 8 GB runner runs 8
    /// blocks at once rather than running out of memory.
    public static func jobsFitting(_ requested: Int, physicalMemory: UInt64 = ProcessInfo.processInfo.physicalMemory) -> Int {
        max(1, min(requested, Int(min(physicalMemory / memoryPerJob, 1 << 20))))
    }

    /// Runs lessons with up to `jobs` blocks (or seeds of a block) at once,
    /// across lessons.
    ///
    /// Every block runs holding a shared hold of a ``TimingGate``; the timed
    /// sections of kinds that time themselves take it exclusively, so nothing
    /// else runs while they measure, and the rest of those blocks (inputs,
    /// warm-up, training) runs beside other blocks. Their blocks start first,
    /// so that rest overlaps with other work rather than trailing at the end.
    ///
    /// Lessons are finished — expectations, inline values, math — on the
    /// calling thread, in order, each as soon as its blocks and the lessons
    /// before it are done: progress lines stream in lesson order while later
    /// blocks still run. The result — every value, diagnostic and page — is
    /// the same for any `jobs`: a block's outcome depends only on its spec
    /// and seed, and each lesson is finished after its blocks, as one at a time.
    ///
    /// `jobs` is first reduced to ``jobsFitting(_:physicalMemory:)``: every
    /// budget is per block, so N blocks at once take N times the memory.
    public func run(paths: [String], jobs: Int) -> [ExecutedLesson] {
        let jobs = Self.jobsFitting(jobs)
        // Loading and planning (cmark, every block's YAML) are per
        // lesson: on `jobs` threads too, in lesson order.
        let registry = registry, reseed = reseed
        let language = defaultLanguage, courseOrder = courseOrder, folders = executor.sharedDataFolders, courseRoot = executor.courseRoot
        let onlyBlocks = onlyBlocks
        let loaded: [Loaded] = ParallelMap.map(paths.count, jobs: jobs) { index in
            do {
                let lesson = Self.placed(Self.withLanguage(language, try LessonLoader.load(path: paths[index])), in: courseOrder)
                return .plan(Self.restricted(Planner.plan(lesson, registry: registry,
                                                          reseed: reseed, sharedDataFolders: folders, courseRoot: courseRoot), to: onlyBlocks))
            } catch {
                return .unreadable(Self.unreadable(path: paths[index], error: error))
            }
        }
        if let observer = executor.observer {
            let executor = executor
            observer.runPlanned(TimeLeft.items(loaded.compactMap { item -> Plan? in
                if case .plan(let plan) = item { return plan }
                return nil
            }, isCached: { executor.isCached($0) }), jobs: jobs)
        }
        if jobs == 1 {
            return CrossLessonReference.noted(loaded.map { item in
                switch item {
                case .plan(let plan): return finishPage(executor.execute(plan))
                case .unreadable(let lesson): return lesson
                }
            })
        }
        let plans = loaded.map { item -> Plan? in
            if case .plan(let plan) = item { return plan }
            return nil
        }
        let gate = TimingGate()
        let gated = executor.gated(by: gate)
        let board = WorkBoard(plans: plans, executor: gated)
        board.start(jobs: jobs)
        let lessons = loaded.enumerated().map { index, item in
            switch item {
            case .plan(let plan):
                return finish(plan, blocks: board.waitForBlocks(ofLesson: index, plan: plan), executor: gated, gate: gate)
            case .unreadable(let lesson):
                return lesson
            }
        }
        board.join()
        return CrossLessonReference.noted(lessons)
    }

    /// Finishes a lesson whose blocks ran on the board. Finishing is work too:
    /// a timed section waits for it as for a block.
    private func finish(_ plan: Plan, blocks: [ExecutedBlock], executor: Executor, gate: TimingGate) -> ExecutedLesson {
        gate.runShared {
            executor.observer?.lessonStarted(plan.lesson.path, blocks: plan.blocks.count)
            return finishPage(executor.finish(plan, executed: blocks, seconds: blocks.reduce(0) { $0 + $1.seconds }))
        }
    }

    private enum Loaded: Sendable {
        case plan(Plan)
        case unreadable(ExecutedLesson)
    }

    static func unreadable(path: String, error: Error) -> ExecutedLesson {
        let lesson = Lesson(path: path, title: nil, blocks: [], experiments: [], references: [])
        let plan = Plan(lesson: lesson, blocks: [], diagnostics: [
            Diagnostic(.unreadableLesson, "\(error)", at: SourceLocation(path: path, line: 1, column: 1)),
        ])
        return ExecutedLesson(plan: plan, blocks: [], references: [], diagnostics: plan.diagnostics, seconds: 0)
    }
}
