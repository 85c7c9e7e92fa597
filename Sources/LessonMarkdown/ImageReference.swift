/// A `![alt](source)` in a lesson, with where it is written, so a missing
/// local image is reported at its place.
public struct ImageReference: Sendable, Equatable {
    /// The destination as written (`img/loss.png`).
    public var source: String
    /// The `!` that starts it.
    public var location: SourceLocation

    public init(source: String, location: SourceLocation) {
        self.source = source
        self.location = location
    }
}
