/// A `[@…]` or a trailing `{#…}` in the prose whose id is not one, so the
/// page would show it as literal text: `[@fig loss]`, `[@]`,
/// `![Loss](loss.png){#fig:my loss}`, `Table: Sizes {#tbl:}`,
/// `## Setup {#1-setup}`. An id is a letter or digit, then letters, digits,
/// `-`, `_`, `:` and `.` (a heading's starts with a letter, pandoc's rule).
public struct MalformedId: Sendable, Equatable {
    public enum Form: Sendable, Equatable {
        /// `[@…]`, a cross-reference.
        case reference
        /// `{#…}` at the end of a line: a figure's, a table caption's or a heading's id.
        case attribute
    }

    /// What was written, brackets included, cut short when long.
    public var text: String
    public var form: Form
    /// Why it is not an id.
    public var reason: String
    /// The `[` or `{`.
    public var location: SourceLocation

    public init(text: String, form: Form, reason: String, location: SourceLocation) {
        self.text = text
        self.form = form
        self.reason = reason
        self.location = location
    }

    /// The longest id a `[@…]` may name.
    static let maximumLength = 200

    /// Why `id` is not an id, or nil when it is one.
    static func problem(_ id: String, heading: Bool) -> String? {
        if id.isEmpty { return "the id is empty" }
        if id.count >= maximumLength { return "the id is longer than \(maximumLength - 1) characters" }
        if heading, !HeadingIdentifier.isValid(id) {
            return id.first.map { $0.isLetter } == true ? "a heading's id has only letters, digits, '-', '_', ':' and '.'"
                : "a heading's id starts with a letter"
        }
        if let bad = id.first(where: { !($0.isLetter || $0.isNumber || "-_:.".contains($0)) }) {
            return bad == " " ? "an id has no spaces (write '-' between words)"
                : "an id has only letters, digits, '-', '_', ':' and '.', not '\(bad)'"
        }
        return nil
    }

    /// A malformed `[@…]` at `index` (which holds `[` then `@`) of `text`:
    /// closed by `]` on its paragraph, and not a link's text (`[@name](url)`,
    /// `[@name][ref]`, `[@name]: url`). Returns the finding's text, reason and length.
    static func reference(in text: [Character], at index: Int) -> (text: String, reason: String, length: Int)? {
        var end = index + 2
        while end < text.count, end - index < maximumLength + 3, text[end] != "]", text[end] != "[" {
            if text[end] == "\n", end + 1 < text.count, text[end + 1] == "\n" { return nil }
            end += 1
        }
        guard end < text.count, text[end] == "]" else { return nil }
        if end + 1 < text.count, "([:".contains(text[end + 1]) { return nil }
        let id = String(text[(index + 2)..<end])
        guard let reason = problem(id, heading: false) else { return nil }
        return ("[@" + id + "]", reason, end + 1 - index)
    }

    /// A malformed `{#…}` at `index` (which holds `{` then `#`) that ends
    /// its line, where an id belongs.
    static func attribute(in text: [Character], at index: Int, heading: Bool) -> (text: String, reason: String, length: Int)? {
        guard let (id, length) = trailingAttribute(in: text, at: index), let reason = problem(id, heading: heading) else { return nil }
        return ("{#" + id + "}", reason, length)
    }

    /// The text between `{#` and `}` at `index`, when it ends its line (where
    /// an id belongs), and the attribute's length; well-formed or not.
    static func trailingAttribute(in text: [Character], at index: Int) -> (id: String, length: Int)? {
        if index > 0, text[index - 1] == "\\" { return nil }
        var end = index + 2
        while end < text.count, end - index < maximumLength + 3, text[end] != "}", text[end] != "\n" { end += 1 }
        guard end < text.count, text[end] == "}" else { return nil }
        var after = end + 1
        while after < text.count, text[after] == " " || text[after] == "\t" { after += 1 }
        guard after == text.count || text[after] == "\n" else { return nil }
        return (String(text[(index + 2)..<end]), end + 1 - index)
    }
}
