/// A `[text](destination)` in a lesson, with where it is written, so a link
/// to another lesson that leads nowhere is reported at its place.
public struct LinkReference: Sendable, Equatable {
    /// The destination as written (`../ch2/intro.md#setup`).
    public var destination: String
    /// The `[` that starts it.
    public var location: SourceLocation

    public init(destination: String, location: SourceLocation) {
        self.destination = destination
        self.location = location
    }
}
