/// Something the loader noticed that is not an error but that the author
/// should hear about: text nested too deep to keep as a tree, a fence whose
/// info string nearly says `experiment`.
public struct LessonWarning: Sendable, Equatable {
    /// What is wrong and what would be right.
    public var message: String
    public var location: SourceLocation

    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }
}
