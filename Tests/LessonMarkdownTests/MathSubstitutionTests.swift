import Testing
import LessonMarkdown

/// `$…$` and `$$…$$` reach the page exactly as written, for KaTeX.
@Suite struct MathSubstitutionTests {
    private func inlines(_ markdown: String) -> [InlineNode] {
        let lesson = LessonLoader.parse(markdown, path: "m.md")
        guard case .paragraph(let content)? = lesson.blocks.first else {
            Issue.record("expected a paragraph, got \(lesson.blocks)")
            return []
        }
        return content
    }

    @Test func inlineMathKeepsBackslashesAndUnderscores() {
        #expect(inlines(#"$a_1 + b_1$ and $\{x\}$"#) == [
            .math("a_1 + b_1", display: false), .text(" and "), .math(#"\{x\}"#, display: false),
        ])
        #expect(inlines(#"$a*b*c$ and $x_i y_i$ and $\\ \,$"#) == [
            .math("a*b*c", display: false), .text(" and "), .math("x_i y_i", display: false),
            .text(" and "), .math(#"\\ \,"#, display: false),
        ])
    }

    @Test func displayMathParagraphIsAMathBlock() {
        let lesson = LessonLoader.parse(#"""
            $$\sum_{i=1}^n x_i^2$$

            $$
            \begin{aligned}
            a &= b_1 \\
            *c* &= \{d\}
            \end{aligned}
            $$

            > $$
            > x_1 \\
            > y^*
            > $$
            """#, path: "m.md")
        #expect(lesson.blocks == [
            .mathBlock(#"\sum_{i=1}^n x_i^2"#),
            .mathBlock("\\begin{aligned}\na &= b_1 \\\\\n*c* &= \\{d\\}\n\\end{aligned}"),
            .blockQuote([.mathBlock("x_1 \\\\\ny^*")]),
        ])
    }

    @Test func displayMathInsideTextIsInline() {
        #expect(inlines("so $$E = mc^2$$ holds") == [.text("so "), .math("E = mc^2", display: true), .text(" holds")])
    }

    @Test func moneyIsNotMath() {
        #expect(inlines("costs $5 and $10 per run") == [.text("costs $5 and $10 per run")])
        #expect(inlines("between $20,000 and $30,000.") == [.text("between $20,000 and $30,000.")])
        #expect(inlines("a $ b $ c") == [.text("a $ b $ c")])
        #expect(inlines("it was $5$6 total") == [.text("it was $5$6 total")])
    }

    @Test func escapedDollarsAreLiteral() {
        #expect(inlines(#"\$x$ and $y\$z$"#) == [.text("$x$ and "), .math(#"y\$z"#, display: false)])
        #expect(inlines(#"\\$x$"#) == [.text(#"\"#), .math("x", display: false)])
    }

    @Test func loneAndUnclosedDollarsAreText() {
        #expect(inlines("$") == [.text("$")])
        #expect(inlines("$$") == [.text("$$")])
        #expect(inlines("$x") == [.text("$x")])
        #expect(inlines("$$x_1") == [.text("$$x_1")])
        #expect(inlines("x$") == [.text("x$")])
    }

    @Test func mathInsideCodeIsUntouched() {
        #expect(inlines(#"`$a_1$` and `$$\{x\}$$`"#) == [.code("$a_1$"), .text(" and "), .code(#"$$\{x\}$$"#)])
        let lesson = LessonLoader.parse(#"""
            ```python
            cost = "$a_1$" + r"$\{x\}$"
            ```

                $$\sum_i$$
            """#, path: "m.md")
        #expect(lesson.blocks == [
            .codeBlock(info: "python", literal: #"cost = "$a_1$" + r"$\{x\}$""# + "\n"),
            .codeBlock(info: "", literal: #"$$\sum_i$$"# + "\n"),
        ])
    }

    @Test func mathSpanningLinesInAParagraph() {
        #expect(inlines("see $a +\n  b_1$ here") == [.text("see "), .math("a +\nb_1", display: false), .text(" here")])
    }

    @Test func mathInHeadingsTablesLinksAndEmphasis() {
        let lesson = LessonLoader.parse(#"""
            # Softmax $\sigma(z)_i$

            | symbol | meaning |
            |--------|---------|
            | $x_i$  | $a|b$   |

            *$a_1$* and [$\{x\}$](https://example.com/$a_1$)
            """#, path: "m.md")
        #expect(lesson.blocks == [
            .heading(level: 1, [.text("Softmax "), .math(#"\sigma(z)_i"#, display: false)], anchor: "softmax-sigmaz_i"),
            .table(Table(
                alignments: [.none, .none],
                header: [[.text("symbol")], [.text("meaning")]],
                rows: [[[.math("x_i", display: false)], [.math("a|b", display: false)]]]
            )),
            .paragraph([
                .emphasis([.math("a_1", display: false)]),
                .text(" and "),
                .link(destination: "https://example.com/$a_1$", title: "", [.math(#"\{x\}"#, display: false)]),
            ]),
        ])
        #expect(lesson.title == #"Softmax \sigma(z)_i"#)
    }

    @Test func mathInHTMLIsRawText() {
        let lesson = LessonLoader.parse(#"<span title="$a_1$">x</span> and <https://x.org/$a$b$>"#, path: "m.md")
        #expect(lesson.blocks == [.paragraph([
            .html(#"<span title="$a_1$">"#), .text("x"), .html("</span>"), .text(" and "),
            .link(destination: "https://x.org/$a$b$", title: "", [.text("https://x.org/$a$b$")]),
        ])])
    }

    @Test func dollarsInBareURLsAreNotMath() {
        let lesson = LessonLoader.parse("see https://x.org/$a$b$ and www.x.org/$c$, a@b.org $d$", path: "m.md")
        #expect(lesson.blocks == [.paragraph([
            .text("see "),
            .link(destination: "https://x.org/$a$b$", title: "", [.text("https://x.org/$a$b$")]),
            .text(" and "),
            .link(destination: "http://www.x.org/$c$", title: "", [.text("www.x.org/$c$")]),
            .text(", "),
            .link(destination: "mailto:a@b.org", title: "", [.text("a@b.org")]),
            .text(" "),
            .math("d", display: false),
        ])])
    }

    @Test func filesThatAlreadyUsePrivateUseCharactersStillWork() {
        #expect(inlines("\u{E000}\u{E001} $x_1$ \u{E002}") == [
            .text("\u{E000}\u{E001} "), .math("x_1", display: false), .text(" \u{E002}"),
        ])
    }
}
