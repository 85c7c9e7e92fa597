/// Counts the references to each footnote as a page is written, so that
/// each reference gets an id of its own and the note links back to all of
/// them. One per page; a class, so the copies of a `MarkdownHTML` share it.
final class FootnoteReferences {
    private var counts: [String: Int] = [:]

    /// Counts one more reference to `label` and returns its occurrence, from 1.
    func next(_ label: String) -> Int {
        counts[label, default: 0] += 1
        return counts[label]!
    }

    /// How many references to `label` have been written.
    func count(_ label: String) -> Int {
        counts[label, default: 0]
    }
}
