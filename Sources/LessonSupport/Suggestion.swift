import Foundation

/// "Did you mean …?" for misspelt names: layer names, kinds, keys, values.
///
/// It lives in `LessonSupport`, the module below all others, so the engine's
/// parsers, the spec reader, the planner and the command line share one rule
/// for what counts as a plausible typo.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough
    /// to be a plausible typo.
    ///
    /// Candidates that cannot beat the best so far (their length alone differs
    /// by as much) are skipped and distances stop early, so thousands of
    /// candidates cost little; the answer is the same as comparing each fully.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        let loweredScalars = Array(lowered.unicodeScalars)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let scalars = Array(candidate.lowercased().unicodeScalars)
            if let best, abs(scalars.count - loweredScalars.count) >= best.distance { continue }
            let d = distance(loweredScalars, scalars, stoppingAt: best?.distance)
            if best == nil || d < best!.distance { best = (candidate, d) }
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
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a.unicodeScalars), Array(b.unicodeScalars), stoppingAt: nil)
    }

    /// The distance, or some value ≥ `limit` as soon as it is sure to be at least that.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], stoppingAt limit: Int?) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        guard a.count < 200, b.count < 200 else { return max(a.count, b.count) }
        // Three rows: the transposition looks two rows back.
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        var previousMinimum = 0
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, beforePrevious[j - 2] + 1)
                }
                current[j] = d
                rowMinimum = min(rowMinimum, d)
            }
            // Every later cell builds on this row or the one before it.
            if let limit, min(rowMinimum, previousMinimum) >= limit { return limit }
            previousMinimum = rowMinimum
            swap(&beforePrevious, &previous)
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
