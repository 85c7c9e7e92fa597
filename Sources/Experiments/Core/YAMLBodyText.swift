/// What an author wrote in a block body, read from its text to explain a
/// YAML error in the author's terms (never from libyaml's wording).
enum YAMLBodyText {
    /// A tab in the leading whitespace of `line` or of the lines just before
    /// it (libyaml reports the token after the tab, sometimes a line later).
    static func indentingTab(in body: String, nearLine line: Int) -> (line: Int, column: Int)? {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        for candidate in stride(from: min(line, lines.count), through: max(1, line - 2), by: -1) where candidate >= 1 {
            var column = 1
            for character in lines[candidate - 1] {
                if character == "\t" { return (candidate, column) }
                guard character == " " else { break }
                column += 1
            }
        }
        return nil
    }

    /// Where `key` is written a second time, at the indentation of its first
    /// occurrence at or after `startLine` (1-based lines of the body).
    static func repeatedKey(_ key: String, in body: String, from startLine: Int) -> (line: Int, column: Int, firstLine: Int)? {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        var first: (line: Int, indent: Int)?
        for (offset, text) in lines.enumerated() where offset + 1 >= startLine {
            let indent = text.prefix { $0 == " " || $0 == "-" }.count
            guard text.dropFirst(indent).hasPrefix(key) || text.dropFirst(indent).hasPrefix("\"" + key + "\"")
                    || text.dropFirst(indent).hasPrefix("'" + key + "'") else { continue }
            let quoted = !text.dropFirst(indent).hasPrefix(key)
            let afterKey = text.dropFirst(indent + key.count + (quoted ? 2 : 0)).drop { $0 == " " }
            guard afterKey.hasPrefix(":") else { continue }
            if let first {
                if indent == first.indent { return (offset + 1, indent + 1, first.line) }
            } else {
                first = (offset + 1, indent)
            }
        }
        return nil
    }
}
