/// Lesson text on its way to a terminal or a CI log, where it is read by
/// more than people: a newline in a block id would start a line of its own,
/// which GitHub Actions reads as a workflow command when it starts with `::`
/// (`::add-mask::`, `::stop-commands::` hides every later annotation), and an
/// escape sequence would rewrite the terminal. So every control character in
/// lesson text is shown escaped (`\n`, `\u{1B}`) and no line may start with
/// `::`.
public enum TerminalText {
    /// `text` with control characters (C0, DEL, C1, and the line and
    /// paragraph separators) written as Swift escapes; tabs stay.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if !isControl(scalar) {
                out.unicodeScalars.append(scalar)
            } else if scalar == "\n" {
                out += "\\n"
            } else if scalar == "\r" {
                out += "\\r"
            } else {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// Each line of `text` that would start with `::` once leading
    /// whitespace is trimmed (as the Actions runner trims it) gets `| `
    /// before it.
    public static func neutralizingCommands(_ text: String) -> String {
        guard text.contains("::") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.drop { $0 == " " || $0 == "\t" }.hasPrefix("::") ? "| " + line : String(line)
        }.joined(separator: "\n")
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
            || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
