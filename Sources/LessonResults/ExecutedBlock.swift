import Experiments
import LessonMarkdown

/// One block after execution.
public struct ExecutedBlock: Sendable {
    public var planned: PlannedBlock
    public var outcome: ExperimentOutcome?
    public var expectations: [ExpectationResult]
    /// Validation, run and expectation failures, in that order.
    public var diagnostics: [Diagnostic]
    public var seconds: Double
    public var fromCache: Bool
    /// A block with `seeds:`: each seed's values, in seed order (its
    /// ``outcome`` then holds their summary). Empty for a block run once.
    public var runs: [SeedRun] = []
    /// A block with `explore:`: every position's run, in the order of
    /// ``ExplorePlan/positions`` (the default one is this block's own
    /// ``outcome`` and ``runs``). Empty for a block that explores nothing.
    public var positions: [ExecutedPosition] = []

    public init(planned: PlannedBlock, outcome: ExperimentOutcome? = nil, expectations: [ExpectationResult], diagnostics: [Diagnostic], seconds: Double, fromCache: Bool, runs: [SeedRun] = [], positions: [ExecutedPosition] = []) {
        self.planned = planned
        self.outcome = outcome
        self.expectations = expectations
        self.diagnostics = diagnostics
        self.seconds = seconds
        self.fromCache = fromCache
        self.runs = runs
        self.positions = positions
    }

    public var passed: Bool { !diagnostics.contains { $0.severity == .error } }
}

extension ExecutedBlock: BlockIdentified {
    public var blockID: BlockID { planned.blockID }
}
