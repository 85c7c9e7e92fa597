import Testing
import LessonSupport

@Suite struct StringFileExtensionTests {
    @Test(arguments: [
        ("a.md", ".md", true), ("A.MD", ".md", true), ("\u{6DD}.md", ".md", true),
        ("a.mdx", ".md", false), ("md", ".md", false), ("", ".md", false), ("x.html", ".html", true),
    ])
    func suffixesCompareBytesIgnoringASCIICase(name: String, suffix: String, expected: Bool) {
        #expect(name.hasFileSuffix(suffix) == expected)
    }

    @Test(arguments: [
        ("a.md", "a"), ("\u{6DD}.md", "\u{6DD}"), (".hidden", ".hidden"), ("end.", "end."),
        ("none", "none"), ("a.b.c", "a.b"),
    ])
    func theLastExtensionIsDropped(name: String, expected: String) {
        #expect(name.droppingFileExtension == expected)
    }

    /// Why the byte comparison: Swift compares characters, and a prepending
    /// mark joins the dot after it.
    @Test func characterComparisonMissesThePrependedDot() {
        #expect(!"\u{6DD}.md".hasSuffix(".md"))
    }

    @Test func pathsSplitAtEverySlashByte() {
        #expect("lessons/x\u{6DD}/a.md".slashSeparatedParts == ["lessons", "x\u{6DD}", "a.md"])
        #expect("/a//b/".slashSeparatedParts == ["a", "b"])
        #expect("".slashSeparatedParts == [])
    }
}
