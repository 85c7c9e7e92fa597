/// One `$…$` or `$$…$$` formula with its place in the file, so that a TeX
/// error at a character of the formula can be reported at that character.
public struct Formula: Sendable, Equatable {
    /// Where a line of the TeX starts in the file.
    public struct Anchor: Sendable, Equatable {
        /// UTF-8 offset in ``Formula/tex``.
        public var texOffset: Int
        public var location: SourceLocation
        public init(texOffset: Int, location: SourceLocation) {
            self.texOffset = texOffset
            self.location = location
        }
    }

    public var tex: String
    public var display: Bool
    /// One per source line the TeX spans, in order; never empty.
    public var anchors: [Anchor]

    public init(tex: String, display: Bool, anchors: [Anchor]) {
        self.tex = tex
        self.display = display
        self.anchors = anchors
    }

    /// The file location of the character `utf16Offset` UTF-16 units into
    /// ``tex`` (the unit JavaScript, and so KaTeX, counts in).
    public func location(ofUTF16Offset utf16Offset: Int) -> SourceLocation? {
        guard let first = anchors.first else { return nil }
        let utf16 = tex.utf16
        let clamped = min(max(utf16Offset, 0), utf16.count)
        let index = utf16.index(utf16.startIndex, offsetBy: clamped)
        // An offset inside a surrogate pair rounds down to its scalar.
        let scalarIndex = index.samePosition(in: tex.unicodeScalars) ?? tex.unicodeScalars.index(before: index)
        let utf8Offset = tex.utf8.distance(from: tex.utf8.startIndex, to: scalarIndex)
        let anchor = anchors.last { $0.texOffset <= utf8Offset } ?? first
        let start = tex.utf8.index(tex.utf8.startIndex, offsetBy: min(anchor.texOffset, tex.utf8.count))
        let scalars = tex.unicodeScalars[start..<scalarIndex].count
        var location = anchor.location
        location.column += max(scalars, 0)
        return location
    }
}
