import LessonMarkdown

/// The outcome of one `expect:` entry.
public struct ExpectationResult: Sendable {
    public var text: String
    public var location: SourceLocation
    public var passed: Bool
    /// "loss = 0.417, max_gradient_error = 3.1e-11": the values it read.
    public var actual: String
    /// The seeds of the runs where it failed, when it read per-seed values
    /// (a `seeds:` block); empty otherwise.
    public var failedSeeds: [UInt64] = []
    /// For `every: "…"`, the explored positions where it failed
    /// ("label_noise = 0.2") and how many positions it was checked at.
    public var failedPositions: [String] = []
    public var positionCount = 0

    public init(text: String, location: SourceLocation, passed: Bool, actual: String, failedSeeds: [UInt64] = [],
                failedPositions: [String] = [], positionCount: Int = 0) {
        self.text = text
        self.location = location
        self.passed = passed
        self.actual = actual
        self.failedSeeds = failedSeeds
        self.failedPositions = failedPositions
        self.positionCount = positionCount
    }
}
