import Testing
@testable import LessonSupport

/// Lesson text in CI logs (issue 21, medium 9 and the low on escape codes).
@Suite struct TerminalTextTests {
    @Test func controlCharactersAreShownEscaped() {
        #expect(TerminalText.escaped("a\n::error::x") == "a\\n::error::x")
        #expect(TerminalText.escaped("red \u{1B}[31m\r") == "red \\u{1B}[31m\\r")
        #expect(TerminalText.escaped("tab\tand é 😀") == "tab\tand é 😀")
        #expect(TerminalText.escaped("\u{9B}2J \u{2028}") == "\\u{9B}2J \\u{2028}")
    }

    /// The Actions runner trims leading whitespace before it looks for `::`.
    @Test func noLineStartsAWorkflowCommand() {
        let text = TerminalText.neutralizingCommands("ok: a::b\n::stop-commands::x\n  ::add-mask::y")
        for line in text.split(separator: "\n") {
            #expect(!line.drop { $0 == " " }.hasPrefix("::"), "\(line)")
        }
        #expect(text.hasPrefix("ok: a::b\n"))
    }
}
