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

    /// libyaml's limit on nested lists and mappings (`yaml_set_max_nest_level`'s default).
    static let libyamlMaximumNesting = 1_000

    /// How far libyaml's scanner may read past the token it reports: it
    /// looks up to 1,024 characters ahead for the `:` of a simple key.
    static let scannerLookahead = 1_100

    /// The most lists and mappings open at once up to `line`, `column`
    /// (1-based) and a scanner's look-ahead beyond, read from the text:
    /// brackets outside quotes and comments, and block collections by their
    /// columns. libyaml counts the collections its scanner has opened, which
    /// can be far past the token it names (`[[[[…` fails at the first `[`),
    /// hence the look-ahead. Tells "nested too deeply" from other errors by
    /// the structure, not by libyaml's wording; an estimate (a bracket inside
    /// a plain scalar counts), which only a body nested about a thousand
    /// levels can bring near the limit.
    static func nestingDepth(in body: String, line: Int, column: Int) -> Int {
        var flow = 0
        var blocks: [(column: Int, isSequence: Bool)] = []
        var deepest = 0
        var remaining = scannerLookahead
        for (offset, text) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let characters = Array(text.unicodeScalars)
            var end = characters.count
            if offset + 1 == line {
                end = min(max(column, 0) + remaining, characters.count)
                remaining -= max(end - max(column, 0), 0)
            } else if offset + 1 > line {
                guard remaining > 0 else { break }
                end = min(remaining, characters.count)
                remaining -= end + 1
            }
            var index = 0
            if flow == 0 {
                while index < end, characters[index] == " " { index += 1 }
                guard index < end, characters[index] != "#" else { continue }
                // `- ` entries, several on one line for a list in a list.
                while index < end, characters[index] == "-", index + 1 == characters.count || characters[index + 1] == " " {
                    while let last = blocks.last, last.column > index { blocks.removeLast() }
                    if !(blocks.last.map { $0.column == index && $0.isSequence } ?? false) { blocks.append((index, true)) }
                    index += 1
                    while index < end, characters[index] == " " { index += 1 }
                }
                if index < end, startsKey(characters, at: index) {
                    while let last = blocks.last, last.column > index || (last.column == index && last.isSequence) { blocks.removeLast() }
                    if !(blocks.last.map { $0.column == index && !$0.isSequence } ?? false) { blocks.append((index, false)) }
                }
                deepest = max(deepest, blocks.count)
            }
            var quote: Unicode.Scalar?
            while index < end {
                let character = characters[index]
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == "#", index == 0 || characters[index - 1] == " " {
                    break
                } else if character == "[" || character == "{" {
                    flow += 1
                    deepest = max(deepest, blocks.count + flow)
                } else if (character == "]" || character == "}") && flow > 0 {
                    flow -= 1
                }
                index += 1
            }
        }
        return deepest
    }

    /// Whether a block mapping's key starts at `index`: a name (or quoted
    /// text) followed by `:` and a space or the end of the line.
    private static func startsKey(_ characters: [Unicode.Scalar], at start: Int) -> Bool {
        var index = start
        if let quote = characters.dropFirst(start).first, quote == "\"" || quote == "'" {
            index += 1
            while index < characters.count, characters[index] != quote { index += 1 }
            index += 1
        } else if let first = characters.dropFirst(start).first, "[]{},#&*!|>%@`".unicodeScalars.contains(first) {
            return false
        }
        while index < characters.count {
            if characters[index] == ":" { return index + 1 == characters.count || characters[index + 1] == " " }
            if characters[index] == "#", index > start, characters[index - 1] == " " { return false }
            index += 1
        }
        return false
    }
}
