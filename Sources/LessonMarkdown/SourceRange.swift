/// A span of a lesson file, from `start` up to but not including `end`.
///
/// `end` is the position just after the last character, like the upper bound
/// of a Swift range; for a block that ends a line it is one column past the
/// line's last character.
public struct SourceRange: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The first character of the span.
    public var start: SourceLocation
    /// The position after the last character of the span.
    public var end: SourceLocation

    /// Creates a range; `end` is exclusive.
    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// `path:line:col-line:col`.
    public var description: String {
        "\(start)-\(end.line):\(end.column)"
    }
}
