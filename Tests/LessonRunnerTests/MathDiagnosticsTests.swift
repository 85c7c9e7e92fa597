import Foundation
import LessonMarkdown
import MathTypesetting
import Testing
@testable import LessonRunner
import LessonResults

@Suite struct MathDiagnosticsTests {
    static let katexInstalled = FileManager.default.fileExists(atPath: MathTypesetter.defaultScriptPath)

    func typeset(_ source: String) -> ExecutedLesson {
        var executed = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: "lessons/t.md")))
        executed.typesetMath(with: MathTypesetter(cacheDirectory: nil))
        return executed
    }

    func errors(_ lesson: ExecutedLesson) -> [Diagnostic] {
        lesson.diagnostics.filter { $0.severity == .error }
    }

    @Test(.enabled(if: katexInstalled)) func inlineErrorPointsAtTheCharacter() throws {
        // The backslash of `\badcmd` is column 16 of "Text with $x + \badcmd$".
        let executed = typeset("# T\n\nText with $x + \\badcmd$ here.\n")
        let error = try #require(errors(executed).first)
        #expect(error.location == SourceLocation(path: "lessons/t.md", line: 3, column: 16))
        #expect(error.message.contains("TeX error"))
        #expect(error.message.contains("Undefined control sequence"))
        #expect(!error.message.contains("KaTeX parse error"))
    }

    @Test(.enabled(if: katexInstalled)) func displayErrorOnALaterLineAndInAList() throws {
        let source = """
        # T

        - item with
          $$
          a = b \\\\
          c = \\oops{d}
          $$
        """
        let executed = typeset(source)
        let error = try #require(errors(executed).first)
        // `\oops` is on line 6, after the list indentation "  c = ".
        #expect(error.location == SourceLocation(path: "lessons/t.md", line: 6, column: 7))
    }

    @Test(.enabled(if: katexInstalled)) func errorPositionCountsUnicodeLikeJavaScript() throws {
        // "é" is one scalar, "𝐀" two UTF-16 units but one column.
        let executed = typeset("é $𝐀 + \\nope$\n")
        let error = try #require(errors(executed).first)
        #expect(error.location == SourceLocation(path: "lessons/t.md", line: 1, column: 8))
    }

    @Test(.enabled(if: katexInstalled)) func typesetMathIsKeptForThePage() {
        let executed = typeset("$$\n\\frac{a}{b}\n$$\n\nand $x$.\n")
        #expect(errors(executed).isEmpty)
        guard case .success(let html)? = executed.math[Formula.key(tex: "\\frac{a}{b}", display: true)] else {
            Issue.record("display formula not typeset")
            return
        }
        #expect(html.contains("katex-mathml"))
        #expect(executed.math[Formula.key(tex: "x", display: false)] != nil)
    }

    @Test func kaTeXMessagesLoseTheirPrefixAndEcho() {
        #expect(ExecutedLesson.plainMessage("ParseError: KaTeX parse error: Undefined control sequence: \\x at position 3: a+\\x")
            == "Undefined control sequence: \\x")
        #expect(ExecutedLesson.plainMessage("KaTeX parse error: Expected '}', got 'EOF' at end of input: \\frac{1}{")
            == "Expected '}', got 'EOF' at end of input")
    }
}
