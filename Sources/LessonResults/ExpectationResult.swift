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

    public init(text: String, location: SourceLocation, passed: Bool, actual: String, failedSeeds: [UInt64] = []) {
        self.text = text
        self.location = location
        self.passed = passed
        self.actual = actual
        self.failedSeeds = failedSeeds
    }
}
