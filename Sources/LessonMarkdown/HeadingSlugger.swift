/// Gives each heading of a lesson a URL fragment, unique within the lesson,
/// for the table of contents and for links to a section.
///
/// Close to GitHub's rule: lowercase, letters and digits (any script), `-` and
/// `_` kept, whitespace runs become one `-`, everything else dropped; a repeat
/// gets `-1`, `-2`, … and a heading with no usable characters is `section`.
struct HeadingSlugger {
    private var used: Set<String> = []
    private var nextSuffix: [String: Int] = [:]

    /// Takes `id` (a heading's `{#id}`) for a heading; false when a heading
    /// before it already has that anchor.
    mutating func claim(_ id: String) -> Bool {
        used.insert(id).inserted
    }

    /// The anchor for a heading whose plain text is `text`.
    mutating func slug(for text: String) -> String {
        var base = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            let properties = scalar.properties
            if properties.isWhitespace {
                pendingHyphen = !base.isEmpty
            } else if properties.isAlphabetic || properties.generalCategory == .decimalNumber
                        || scalar == "-" || scalar == "_" {
                if pendingHyphen {
                    base.append("-")
                    pendingHyphen = false
                }
                base.unicodeScalars.append(scalar)
            }
        }
        if base.isEmpty {
            base = "section"
        }
        var candidate = base
        // Resuming from the last suffix keeps a lesson with thousands of equal
        // headings linear.
        var suffix = nextSuffix[base, default: 0]
        while used.contains(candidate) {
            suffix += 1
            candidate = "\(base)-\(suffix)"
        }
        nextSuffix[base] = suffix
        used.insert(candidate)
        return candidate
    }
}
