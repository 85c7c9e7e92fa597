import Experiments
import LessonMarkdown

/// A block after validation: its common settings and, when valid, the
/// prepared experiment. A block with diagnostics is never run.
public struct PlannedBlock: Sendable {
    public var block: ExperimentBlock
    public var id: String
    /// Whether the author wrote a valid `id:` (default ids skip these).
    public var hasExplicitId = false
    /// Whether that id was read from the text of a block that cannot be read
    /// (YAML that does not parse, an unknown kind) rather than by its kind.
    public var hasRecoveredId = false
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
    /// The author's `chart:`s, drawn from the values after the run, below the kind's own.
    public var charts: [ChartRequest] = []
    public var prepared: PreparedExperiment?
    /// The settings a reader may move (`explore:`) and the run of every
    /// combination; `nil` for a block that explores nothing.
    public var explore: ExplorePlan?
    public var diagnostics: [Diagnostic]

    public init(block: ExperimentBlock, id: String, hasExplicitId: Bool = false, seed: UInt64, seeds: [UInt64] = [], caption: String? = nil, show: Bool, expectations: [PlannedExpectation], table: TableRequest? = nil, tableDefaults: TableDefaults? = nil, prepared: PreparedExperiment? = nil, explore: ExplorePlan? = nil, diagnostics: [Diagnostic]) {
        self.block = block
        self.id = id
        self.hasExplicitId = hasExplicitId
        self.seed = seed
        self.seeds = seeds
        self.caption = caption
        self.show = show
        self.expectations = expectations
        self.table = table
        self.tableDefaults = tableDefaults
        self.prepared = prepared
        self.explore = explore
        self.diagnostics = diagnostics
    }

    public var isValid: Bool { prepared != nil && !diagnostics.contains { $0.severity == .error } }
}

extension PlannedBlock: BlockIdentified {
    public var blockID: BlockID { block.blockID }
}
