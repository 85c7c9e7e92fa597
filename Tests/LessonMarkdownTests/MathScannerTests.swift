import Testing
@testable import LessonMarkdown

/// Which dollars open and close formulas, by pandoc's rules.
@Suite struct MathScannerTests {
    /// The formulas of `text` as written, delimiters included.
    private func formulas(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return MathScanner.spans(in: bytes).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    @Test func pandocRules() {
        #expect(formulas("$x$ $$y$$ $ z$ $z $ $1$") == ["$x$", "$$y$$", "$1$"])
        #expect(formulas("$5 and $10") == [])
        #expect(formulas("$x$5") == [])
        #expect(formulas("$$ spaced $$") == ["$$ spaced $$"])
        #expect(formulas("$$$$ then $a$") == ["$a$"])
        #expect(formulas("a$b$c") == ["$b$"])
    }

    @Test func escapes() {
        #expect(formulas(#"\$x$ $a\$b$ \\$c$"#) == [#"$a\$b$"#, "$c$"])
        #expect(formulas(#"$$a\$$b$$"#) == [#"$$a\$$b$$"#])
    }

    @Test func codeSpansWinWhenTheyOpenFirst() {
        #expect(formulas("`$x$` $y$ ``a`$z$`` `unclosed $w$") == ["$y$", "$w$"])
        #expect(formulas("$a `b$ c`") == ["$a `b$"])
    }

    @Test func autolinksAndTagsAreSkipped() {
        #expect(formulas("<https://a.b/$x$> <span title='$y$'> $z$ <$w$>") == ["$z$", "$w$"])
        #expect(formulas("a < b $c$ > d") == ["$c$"])
    }

    @Test func spansCrossLineBreaks() {
        #expect(formulas("$$\na\n$$ and $b\nc$") == ["$$\na\n$$", "$b\nc$"])
    }
}
