import Experiments
import Foundation
import LessonSupport
import LessonMarkdown
import NeuralEngine
import LessonResults

/// Receives progress as blocks run; the command line shows it.
public protocol ProgressObserver: AnyObject {
    /// Every block of the run, before the first starts (``TimeLeft``).
    func runPlanned(_ blocks: [TimeLeft.Item], jobs: Int)
    func lessonStarted(_ path: String, blocks: Int)
    func blockStarted(_ path: String, index: Int, of total: Int, id: String, kind: String)
    /// `share` of a block (one seed, one explored position, or all of it)
    /// is done, having run `seconds` of its own.
    func blockProgress(_ path: String, index: Int, share: Double, seconds: Double, fromCache: Bool)
    func lessonFinished(_ lesson: ExecutedLesson)
}

extension ProgressObserver {
    public func runPlanned(_ blocks: [TimeLeft.Item], jobs: Int) {}
    public func blockProgress(_ path: String, index: Int, share: Double, seconds: Double, fromCache: Bool) {}
}

/// The execute stage: runs each valid block (or takes it from the cache),
/// checks its expectations, and resolves inline references.
public struct Executor {
    public var cache: ResultCache?
    /// Re-run blocks even when the cache has their results.
    public var force: Bool
    public weak var observer: (any ProgressObserver)?
    /// Wall time one block (each seed of a `seeds:` block) may run before it
    /// is stopped (see `WorkDeadline`). Setting it marks the limit as the
    /// user's, which the message of a stopped block says.
    public var blockTimeLimit: Double = Executor.defaultBlockTimeLimit {
        didSet { blockTimeLimitIsDefault = false }
    }
    /// Whether ``blockTimeLimit`` is still the default, not one the user set.
    public private(set) var blockTimeLimitIsDefault = true
    /// Generous: budgets refuse what they can estimate; this catches the rest.
    public static let defaultBlockTimeLimit = 120.0
    /// A failed expectation over timings that stayed noisy is an error, not a
    /// warning (`--strict-timing`).
    public var strictTiming = false
    /// The course's shared data folders and folder (``CourseSettings``), for
    /// the data files blocks name.
    public var sharedDataFolders: [String] = []
    public var courseRoot: String?

    /// What a block of the lesson at `lessonPath` decodes and runs with.
    func decodeContext(lessonPath: String, seeds: Int = 1) -> DecodeContext {
        Self.decodeContext(lessonPath: lessonPath, seeds: seeds, sharedDataFolders: sharedDataFolders, courseRoot: courseRoot)
    }

    static func decodeContext(lessonPath: String, seeds: Int = 1, sharedDataFolders: [String], courseRoot: String?) -> DecodeContext {
        let directory = (lessonPath as NSString).deletingLastPathComponent
        return DecodeContext(lessonDirectory: directory.isEmpty ? "." : directory, seeds: seeds,
                             sharedDataFolders: sharedDataFolders, courseRoot: courseRoot)
    }

    /// Set while blocks run in parallel (`Pipeline.run(paths:jobs:)`): each
    /// block's code runs holding a shared hold, so that timed sections run
    /// alone. `nil`: one block at a time, nothing to wait for.
    var timingGate: TimingGate?

    public init(cache: ResultCache?, force: Bool = false, observer: (any ProgressObserver)? = nil) {
        self.cache = cache
        self.force = force
        self.observer = observer
        EngineSettings.useOneThread()
    }

    public func execute(_ plan: Plan) -> ExecutedLesson {
        let clock = ContinuousClock()
        let start = clock.now
        observer?.lessonStarted(plan.lesson.path, blocks: plan.blocks.count)
        var executed: [ExecutedBlock] = []
        // One block at a time here; `Pipeline.run(paths:jobs:)` runs blocks
        // of several lessons at once, timed sections alone.
        for (n, planned) in plan.blocks.enumerated() {
            observer?.blockStarted(plan.lesson.path, index: n, of: plan.blocks.count, id: planned.id, kind: planned.block.kind)
            let block = run(planned)
            observer?.blockProgress(plan.lesson.path, index: n, share: 1, seconds: block.seconds, fromCache: block.fromCache)
            executed.append(block)
        }
        return finish(plan, executed: executed, seconds: WallClock.seconds(of: clock.now - start))
    }

    /// Checks the expectations of blocks that have run and resolves the
    /// lesson's inline values.
    func finish(_ plan: Plan, executed: [ExecutedBlock], seconds: Double) -> ExecutedLesson {
        var executed = executed
        var values: [String: Record] = [:]
        var seeded: [String: SeedRuns] = [:]
        for block in executed {
            if let outcome = block.outcome { values[block.planned.id] = outcome.values }
            if !block.runs.isEmpty { seeded[block.planned.id] = SeedRuns(block.runs) }
        }
        let names = ValueScope.Names(values)
        let explored = Self.exploredValues(executed)
        var noise: [String: String] = [:]
        for block in executed {
            if let note = block.outcome?.timingNoise { noise[block.planned.id] = note }
        }
        for i in executed.indices {
            applyTable(&executed[i])
            applyCharts(&executed[i])
            reportMalformedExpectations(&executed[i])
            guard let outcome = executed[i].outcome else { continue }
            var scope = ValueScope(own: outcome.values, blocks: values, names: names)
            scope.seeded = seeded
            scope.ownRuns = seeded[executed[i].planned.id]
            scope.explored = explored
            scope.ownExplored = explored[executed[i].planned.id]
            check(&executed[i], scope: scope, noise: noise)
            checkEveryPosition(&executed[i], scope: scope)
        }
        let (references, diagnostics) = resolveReferences(plan, executed: executed, values: values, names: names, seeded: seeded,
                                                          explored: explored)
        let lesson = ExecutedLesson(plan: plan, blocks: executed, references: references, diagnostics: diagnostics + plan.diagnostics,
                                    seconds: seconds)
        observer?.lessonFinished(lesson)
        return lesson
    }

    func run(_ planned: PlannedBlock) -> ExecutedBlock {
        let block = runOne(planned)
        guard let explore = planned.explore, block.outcome != nil else { return block }
        let others = explore.positions.indices.map { $0 == explore.defaultPosition ? nil : runPosition(planned, $0) }
        return attachPositions(block, others: others)
    }

    /// One run of the block as planned (its seeds, if any), from the cache
    /// when it can be.
    func runOne(_ planned: PlannedBlock) -> ExecutedBlock {
        var block = ExecutedBlock(planned: planned, outcome: nil, expectations: [], diagnostics: planned.diagnostics,
                                  seconds: 0, fromCache: false)
        guard let prepared = planned.prepared, planned.isValid else { return block }
        if !planned.seeds.isEmpty { return runSeeds(planned, prepared: prepared, key: seededKey(planned, prepared: prepared)) }
        let run = runUnit(planned, prepared: prepared, seed: planned.seed,
                          decode: decodeContext(lessonPath: planned.block.location.path), namingSeed: false)
        switch run.result {
        case .ran(let outcome): block.outcome = prepared.outcome(of: [outcome], seeds: [])
        case .failed(let diagnostic): block.diagnostics.append(diagnostic)
        }
        block.fromCache = run.fromCache
        block.seconds = run.seconds
        return block
    }

    /// This executor, running blocks' code under `gate`.
    func gated(by gate: TimingGate) -> Executor {
        var executor = self
        executor.timingGate = gate
        return executor
    }

    /// Runs a kind's code under a shared hold of ``timingGate``, if there is one.
    func gated<T>(_ body: () throws -> T) rethrows -> T {
        guard let timingGate else { return try body() }
        return try timingGate.runShared(body)
    }

    /// - Parameter noise: per block id, why its timings are noisy; a failed
    ///   expectation reading such a block is a warning unless ``strictTiming``.
    func check(_ block: inout ExecutedBlock, scope: ValueScope, noise: [String: String] = [:]) {
        for expectation in block.planned.expectations where !expectation.atEveryPosition {
            guard let expression = expectation.expression else { continue }
            do {
                let verdict = try evaluate(expression, text: expectation.text, scope: scope)
                block.expectations.append(ExpectationResult(text: expectation.text, location: expectation.location,
                                                            passed: verdict.passed, actual: verdict.actual,
                                                            failedSeeds: verdict.failedSeeds))
                if !verdict.passed {
                    var notes: [Diagnostic.Note] = verdict.notes.map { .init($0) }
                    let noisy = ([block.planned.id] + expression.rootNames.sorted()).compactMap { noise[$0] }
                    let message = verdict.failureMessage(noisy: !noisy.isEmpty)
                    if let reason = noisy.first {
                        notes.append(.init(reason))
                        notes.append(.init(strictTiming
                            ? "the timings were noisy; without --strict-timing this would be a warning"
                            : "the timings were noisy, so this is a warning; --strict-timing makes it an error"))
                    }
                    block.diagnostics.append(Diagnostic(noisy.isEmpty ? .expectationFailed : .noisyTiming, message, at: expectation.location,
                                                        severity: noisy.isEmpty || strictTiming ? .error : .warning,
                                                        notes: notes))
                }
            } catch {
                block.expectations.append(ExpectationResult(text: expectation.text, location: expectation.location,
                                                            passed: false, actual: error.message))
                block.diagnostics.append(Diagnostic(.expectationError, "cannot evaluate expectation '\(Excerpt.clipped(expectation.text))': \(error.message)"
                                                        + HyphenHint.suggestion(for: expectation.text, ids: Set(scope.blocks.keys)),
                                                    at: expectation.location, notes: error.notes.map { .init($0) }))
            }
        }
    }

    /// An expectation that does not parse counts as failed, whether or not
    /// its block ran; the block's other expectations are still evaluated.
    func reportMalformedExpectations(_ block: inout ExecutedBlock) {
        for expectation in block.planned.expectations {
            guard expectation.expression == nil, let problem = expectation.problem else { continue }
            block.expectations.append(ExpectationResult(text: expectation.text, location: expectation.location,
                                                        passed: false, actual: problem.message))
            block.diagnostics.append(problem)
        }
    }

    func resolveReferences(_ plan: Plan, executed: [ExecutedBlock], values: [String: Record],
                           names: ValueScope.Names? = nil, seeded: [String: SeedRuns] = [:],
                           explored: [String: ExploredValues] = [:]) -> ([ResolvedReference], [Diagnostic]) {
        var scope = ValueScope(own: nil, blocks: values, names: names ?? ValueScope.Names(values))
        scope.seeded = seeded
        scope.explored = explored
        var resolved: [ResolvedReference] = []
        var diagnostics: [Diagnostic] = []
        // A duplicate of an id whose first block ran fails on its own; the
        // id's values are the first block's, so references to it resolve.
        let failedIds = Set(executed.filter { $0.outcome == nil }.map(\.planned.id)).subtracting(values.keys)
        for reference in plan.lesson.references {
            let (source, format) = InlineFormat.split(reference.expression)
            do {
                let expression = try Expression.parse(source)
                // A misspelt format is wrong whatever the block did.
                try format.validate()
                if let first = expression.rootNames.intersection(failedIds).sorted().first {
                    // The block's own error already says what went wrong.
                    resolved.append(ResolvedReference(reference: reference, text: nil, error: "block '\(first)' failed"))
                    continue
                }
                let evaluation = try expression.evaluate(in: scope)
                let text = try format.apply(evaluation.value)
                resolved.append(ResolvedReference(reference: reference, text: text, error: nil,
                                                  explored: explored.isEmpty ? nil : exploredTexts(expression, format: format, plan: plan,
                                                                                                    executed: executed, scope: scope)))
            } catch {
                let message = error.message + HyphenHint.suggestion(for: source, ids: Set(plan.blocks.map(\.id)))
                resolved.append(ResolvedReference(reference: reference, text: nil, error: message))
                diagnostics.append(Diagnostic(.inlineValue, "inline value `=\(Excerpt.clipped(reference.expression))`: \(message)",
                                              at: reference.location, notes: error.notes.map { .init($0) }))
            }
        }
        return (resolved, diagnostics)
    }
}
