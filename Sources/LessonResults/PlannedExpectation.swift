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

    public init(text: String, expression: Expression? = nil, location: SourceLocation, atEveryPosition: Bool = false, problem: Diagnostic? = nil) {
        self.text = text
        self.expression = expression
        self.location = location
        self.atEveryPosition = atEveryPosition
        self.problem = problem
    }
}
