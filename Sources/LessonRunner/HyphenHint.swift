import Foundation

/// "did you mean `softmax_1.loss`?" for an expression that wrote a block id
/// with '-' where it has '_' (`=softmax-1.loss` parses as a subtraction).
enum HyphenHint {
    /// The hint to append to an error about `text`, or "" when no hyphenated
    /// word in it names a block once its hyphens are underscores.
    static func suggestion(for text: String, ids: @autoclosure () -> Set<String>) -> String {
        guard text.contains("-") else { return "" }
        let ids = ids()
        guard !ids.isEmpty,
              let regex = try? NSRegularExpression(pattern: "[A-Za-z_][A-Za-z0-9_]*(?:\\s*-\\s*[A-Za-z0-9_]+)+") else { return "" }
        let range = NSRange(text.startIndex..., in: text)
        var fixed = text
        var found = false
        for match in regex.matches(in: text, range: range).reversed() {
            guard let r = Range(match.range, in: text) else { continue }
            let word = text[r].replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "-", with: "_")
            guard ids.contains(word) else { continue }
            fixed.replaceSubrange(Range(match.range, in: fixed)!, with: word)
            found = true
        }
        return found ? "; did you mean `\(fixed)`? (block ids use '_'; '-' subtracts)" : ""
    }
}
