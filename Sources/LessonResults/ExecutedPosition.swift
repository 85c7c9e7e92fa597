import Experiments

/// The run of one explored position of a block.
public struct ExecutedPosition: Sendable {
    public var outcome: ExperimentOutcome
    /// Each seed's values, for a block with `seeds:`.
    public var runs: [SeedRun]
    public var fromCache: Bool
    public var seconds: Double

    public init(outcome: ExperimentOutcome, runs: [SeedRun], fromCache: Bool, seconds: Double) {
        self.outcome = outcome
        self.runs = runs
        self.fromCache = fromCache
        self.seconds = seconds
    }
}
