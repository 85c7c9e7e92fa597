/// A problem with a block body, at a position inside the body.
///
/// Positions are 1-based and relative to the block's YAML; line 0 means "the
/// block as a whole" (e.g. a missing required key). The runner shifts them into
/// whole-file coordinates, because only it knows where the block sits.
public struct SpecIssue: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    public var notes: [String]

    public init(_ message: String, line: Int, column: Int, notes: [String] = []) {
        self.message = message
        self.line = line
        self.column = column
        self.notes = notes
    }

    public var description: String { "\(line):\(column): \(message)" }
}

/// Suggestions for misspelt names.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough
    /// to be a plausible typo.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(lowered, candidate.lowercased())
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        guard let (name, d) = best, d < lowered.count else { return nil }
        let allowed = max(1, min(3, (max(word.count, name.count) + 2) / 4))
        return d <= allowed || name.lowercased().hasPrefix(lowered) && lowered.count >= 3 ? name : nil
    }

    /// " did you mean 'x'?" or "".
    public static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance with transpositions counted as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        guard a.count < 200, b.count < 200 else { return max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
