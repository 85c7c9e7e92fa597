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
        #expect("/a//b/".slashSeparatedParts(keepingEmpty: true) == ["", "a", "", "b", ""])
    }

    /// The `names` fuzzer's crash inputs (`Fuzz/artifacts/names/crash-c5712dcb…`
    /// and `crash-f7cdc171…`), byte for byte, read as its harness reads them:
    /// U+06DD twice before a `/`, and U+06DD alone.
    static let fuzzerCrashes: [String] = [
        [0x2C, 0x2E, 0x22, 0x25, 0xFF, 0x26, 0x9D, 0x9D, 0x9D, 0xA4, 0xA4, 0xDB, 0x9D, 0xDB, 0x9D, 0x2F]
            + [UInt8](repeating: 0x88, count: 9) + [0x6E, 0x67],
        [0xDB, 0x9D],
    ].map { String(decoding: $0, as: UTF8.self) }

    /// Paths whose `/` a character holds: a mark after it (`/\u{301}`), a
    /// prepending mark before it (`\u{6DD}/`), and the fuzzer's, as its
    /// harness named lessons with them.
    static let joinedSlashes: [String] = ["a/\u{301}b", "x\u{6DD}/a.md", "../\u{301}x.png", "\u{600}/../\u{301}x", "a/\u{301}/b/"]
        + fuzzerCrashes.flatMap { ["lessons/\($0).md", "lessons/\($0)", "x/\($0).md"] }

    @Test(arguments: joinedSlashes)
    func everySlashByteSplits(path: String) {
        let slashes = path.utf8.filter { $0 == UInt8(ascii: "/") }.count
        let parts = path.slashSeparatedParts(keepingEmpty: true)
        #expect(parts.count == slashes + 1)
        #expect(parts.allSatisfy { !$0.utf8.contains(UInt8(ascii: "/")) })
        #expect(parts.joined(separator: "/").utf8.elementsEqual(path.utf8))
    }

    /// Why bytes: splitting by characters finds no slash in `a/\u{301}b`.
    @Test func characterSplittingMissesTheJoinedSlash() {
        #expect("a/\u{301}b".split(separator: "/").count == 1)
        #expect("a/\u{301}b".slashSeparatedParts == ["a", "\u{301}b"])
        #expect(!"/\u{301}x".hasPrefix("/"))
        #expect("/\u{301}x".isAbsolutePath)
        #expect(!"\u{301}/x".isAbsolutePath)
    }

    @Test func prefixesAndSuffixesCompareBytes() {
        #expect(!".\u{301}x".hasPrefix("."))
        #expect(".\u{301}x".hasBytePrefix("."))
        #expect("a/\u{301}".hasByteSuffix("\u{301}") && !"a/\u{301}".hasByteSuffix("/"))
        #expect("x\u{6DD}/".hasByteSuffix("/"))
        // Canonically equivalent, different names on disk.
        #expect("caf\u{E9}/x".hasPrefix("cafe\u{301}/"))
        #expect(!"caf\u{E9}/x".hasBytePrefix("cafe\u{301}/"))
        #expect(!"caf\u{E9}".hasSameBytes(as: "cafe\u{301}"))
        #expect("caf\u{E9}".hasSameBytes(as: "caf\u{E9}"))
    }
}
