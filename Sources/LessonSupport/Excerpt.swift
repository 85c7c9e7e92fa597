/// Text quoted back in a message, cut to a readable length: an author's
/// 100,000-character expression or file name must not become a
/// 100,000-character line in the terminal, the page and the JUnit report.
public enum Excerpt {
    /// `text`, or its first `limit` characters and "…".
    public static func clipped(_ text: String, limit: Int = 80) -> String {
        text.count > limit ? text.prefix(limit) + "…" : text
    }

    /// The first `limit` of `items` joined by `separator`, and "… and N more"
    /// for the rest: a list of 20 explored positions stays one readable line.
    public static func listed(_ items: [String], separator: String = ", ", limit: Int = 5) -> String {
        let shown = items.prefix(limit).map { clipped($0) }.joined(separator: separator)
        return items.count > limit ? shown + " … and \(items.count - limit) more" : shown
    }
}
