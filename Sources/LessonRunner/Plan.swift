import Experiments
import LessonMarkdown

/// One `expect:` entry, parsed and placed.
public struct PlannedExpectation: Sendable {
    public var text: String
    public var expression: Expression?
    public var location: SourceLocation
    /// Written as `every: "…"`: checked at every explored position, not
    /// only the default one.
    public var atEveryPosition = false
    /// Why ``expression`` is `nil`: the entry does not parse. It counts as a
    /// failed expectation; the block still runs.
    public var problem: Diagnostic?
}

/// A block after validation: its common settings and, when valid, the
/// prepared experiment. A block with diagnostics is never run.
public struct PlannedBlock: Sendable {
    public var block: ExperimentBlock
    public var id: String
    /// Whether the author wrote a valid `id:` (default ids skip these).
    public var hasExplicitId = false
    public var seed: UInt64
    /// The seeds of a block run several times (`seeds:`), in order; empty for
    /// a block that runs once with ``seed``.
    public var seeds: [UInt64] = []
    public var caption: String?
    public var show: Bool
    public var expectations: [PlannedExpectation]
    /// The author's `table:`, built from the values after the run.
    public var table: TableRequest?
    /// Where the kind's table rows come from by default.
    public var tableDefaults: TableDefaults?
    public var prepared: PreparedExperiment?
    /// The settings a reader may move (`explore:`) and the run of every
    /// combination; `nil` for a block that explores nothing.
    public var explore: ExplorePlan?
    public var diagnostics: [Diagnostic]

    public var isValid: Bool { prepared != nil && !diagnostics.contains { $0.severity == .error } }
}

/// A lesson whose blocks have all been validated.
public struct Plan: Sendable {
    public var lesson: Lesson
    public var blocks: [PlannedBlock]
    /// Problems not tied to one block (duplicate ids, …).
    public var diagnostics: [Diagnostic]
}
