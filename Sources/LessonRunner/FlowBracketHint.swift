/// What to do when YAML refuses a path with brackets inside `{…}` or `[…]`:
/// `chart: {y: {variants[0].curve.validation_loss: full}}` fails at the `[`,
/// which YAML reads there as the start of a list, and libyaml's words
/// ("did not find expected ',' or '}'") do not say that quotes would do.
enum FlowBracketHint {
    /// The note for an error at `line`, `column` (1-based, in the body's
    /// Unicode scalars) of a block's body, or nil when the error is not at a
    /// `[` that follows a name inside an open `{` or `[` on that line.
    static func note(in body: String, line: Int, column: Int) -> String? {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard (1...lines.count).contains(line) else { return nil }
        let characters = Array(lines[line - 1].unicodeScalars)
        let bracket = column - 1
        guard bracket > 0, bracket < characters.count, characters[bracket] == "[",
              isPathCharacter(characters[bracket - 1]), opensFlow(characters[..<bracket]) else { return nil }
        var start = bracket
        while start > 0, isPathCharacter(characters[start - 1]) { start -= 1 }
        var end = bracket
        var depth = 0
        while end < characters.count {
            let character = characters[end]
            if character == "[" { depth += 1 }
            if character == "]" { depth -= 1 }
            if depth == 0, [",", "}", ":", " "].contains(character) { break }
            end += 1
        }
        let path = String(String.UnicodeScalarView(characters[start..<end]))
        return "inside '{…}' or '[…]' YAML reads '[' as the start of a list: put a path with brackets in quotes, '\(path)'"
    }

    private static func isPathCharacter(_ character: Unicode.Scalar) -> Bool {
        character.properties.isAlphabetic || ("0"..."9").contains(character) || character == "_" || character == "." || character == "]"
    }

    /// Whether more `{` and `[` than `}` and `]` are open, outside quotes.
    private static func opensFlow(_ characters: ArraySlice<Unicode.Scalar>) -> Bool {
        var open = 0
        var quote: Unicode.Scalar?
        for character in characters {
            if let current = quote {
                if character == current { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "{", "[": open += 1
            case "}", "]": open -= 1
            default: break
            }
        }
        return open > 0
    }
}
