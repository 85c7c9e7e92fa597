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

    /// The problem with an HTML block that starts with a marker and goes on
    /// with text on the same line (`<!-- default d -->With 40 % …`): Markdown
    /// makes the whole line part of the comment's HTML block, so the text is
    /// dropped from the page without a word, and the marker is not one.
    public static func textAfterMarker(inHTMLBlock html: String) -> String? {
        let text = html.drop { $0 == " " }
        guard text.hasPrefix("<!--"), let end = text.range(of: "-->") else { return nil }
        let marker = String(text[..<end.upperBound])
        let rest = text[end.upperBound...].prefix { $0 != "\n" }
        guard parse(marker) != nil, rest.contains(where: { !$0.isWhitespace }) else { return nil }
        return "the text after '\(marker)' on its line is taken into the HTML comment, so it is not shown; "
            + "put the marker on a line of its own, or start the line with the text and the marker inside the sentence"
    }

    /// An opening marker where the lesson has it (the runner checks the block it names).
    public struct Use: Sendable, Equatable {
        public var block: String
        public var location: SourceLocation
    }
}
