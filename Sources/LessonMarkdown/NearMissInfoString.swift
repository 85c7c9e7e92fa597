/// Info strings that look meant as `experiment <kind>` but are not, so the
/// block would silently be plain code: ```` ```Experiment softmax ````,
/// ```` ```experiment-softmax ````, ```` ```experiments softmax ````,
/// ```` ```expermient softmax ````.
enum NearMissInfoString {
    static let keyword = "experiment"

    /// The info string the author most likely meant, or nil when `info` does
    /// not look like a misspelt experiment fence.
    static func suggestion(for info: String) -> String? {
        let words = info.split(whereSeparator: \.isWhitespace)
        guard let first = words.first, first != Substring(keyword) else { return nil }
        let rest = words.dropFirst().joined(separator: " ")
        let lowered = first.lowercased()
        // Kinds are named in lower case: `Experiment Softmax` means `experiment
        // softmax`, and suggesting `experiment Softmax` led to an unknown kind.
        func joined(_ kind: String, _ after: String) -> String {
            ([keyword] + [kind.lowercased(), after].filter { !$0.isEmpty }).joined(separator: " ")
        }
        // The second word is the kind: `Experiment Softmax`, `experiment: Softmax`.
        let nextWord = words.dropFirst().first.map(String.init) ?? ""
        let afterNextWord = words.dropFirst(2).joined(separator: " ")
        if lowered == keyword || lowered == keyword + "s" || (lowered.count >= 8 && distance(lowered, keyword) <= 2) {
            return joined(nextWord, afterNextWord)
        }
        // `experiment-softmax`, `experiment_softmax`, `experiment:softmax`, `experiments.softmax`
        for stem in [keyword, keyword + "s"] where lowered.hasPrefix(stem) {
            let tail = first.dropFirst(stem.count)
            guard let separator = tail.first, "-_:.,/=".contains(separator) else { continue }
            let kind = tail.drop { "-_:.,/=".contains($0) }
            if kind.isEmpty { return joined(nextWord, afterNextWord) }
            return joined(String(kind), rest)
        }
        return nil
    }

    /// Levenshtein distance, for words of a few letters (bounded by the caller).
    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(32)), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
