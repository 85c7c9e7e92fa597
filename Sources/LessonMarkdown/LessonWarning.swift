/// Something the loader noticed and kept going past, that the author should
/// hear about: text nested too deep to keep as a tree, a fence whose info
/// string nearly says `experiment` — or, as errors, bytes that are not
/// UTF-8 (the lesson is still shown, with U+FFFD in their place), an
/// experiment fence swallowed by an HTML block and an experiment block cut
/// short by the end of its list item or block quote (``FenceCut``).
public struct LessonWarning: Sendable, Equatable {
    /// What is wrong and what would be right.
    public var message: String
    public var location: SourceLocation
    /// Whether `lesson check` must fail for it (the lesson still renders).
    public var isError: Bool
    /// Whether it is an anchor another heading already has (the runner's
    /// `duplicate-anchor` code, with figures' and tables' ids).
    public var isDuplicateAnchor: Bool

    public init(_ message: String, at location: SourceLocation, isError: Bool = false, isDuplicateAnchor: Bool = false) {
        self.message = message
        self.location = location
        self.isError = isError
        self.isDuplicateAnchor = isDuplicateAnchor
    }
}
