/// `<!-- default ID -->` … `<!-- /default -->` in a lesson: prose true only at
/// block ID's default explored position, which the page hides at the others.
/// HTML comments, so the lesson reads the same on GitHub and without this tool.
public enum DefaultProseMarker: Equatable, Sendable {
    case open(block: String)
    case close

    /// The marker `html` (an HTML block or inline HTML) is, if any.
    public static func parse(_ html: String) -> DefaultProseMarker? {
        let text = html.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("<!--"), text.hasSuffix("-->"), text.count >= 7 else { return nil }
        let inner = text.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespaces)
        if inner == "/default" { return .close }
        let words = inner.split(separator: " ")
        guard words.count == 2, words[0] == "default" else { return nil }
        return .open(block: String(words[1]))
    }

    /// An opening marker where the lesson has it (the runner checks the block it names).
    public struct Use: Sendable, Equatable {
        public var block: String
        public var location: SourceLocation
    }
}
