import Experiments
import LessonResults

/// What the cache keeps for a block with `seeds:` as a whole: every seed's
/// values and their means, as ``Executor/summarizeSeeds(_:runs:key:)`` made
/// them.
///
/// Each seed is cached on its own too (under the key a block with that single
/// `seed:` has), so adding a seed reruns only that seed. This entry is what a
/// warm render reads: one decode instead of one per seed, and no summing up —
/// for a block with `seeds: 8`, one file to read instead of eight.
public struct SeededEntry: Codable, Sendable, Equatable {
    /// The keys of the single seeds' entries it was made from, in seed order.
    public var seedKeys: [String]
    /// Each seed's values, in seed order.
    public var runs: [SeedRun]
    /// The runs' mean values (``PreparedExperiment/outcome(of:seeds:)``); no
    /// presentation: the page is drawn from ``runs`` when the entry is read.
    public var summary: ExperimentOutcome

    public init(seedKeys: [String], runs: [SeedRun], summary: ExperimentOutcome) {
        self.seedKeys = seedKeys
        self.runs = runs
        self.summary = summary
    }
}
