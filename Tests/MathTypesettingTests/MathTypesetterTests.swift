import Foundation
import LessonTestSupport
import Testing
@testable import MathTypesetting

@Suite struct MathTypesetterTests {
    static let katexInstalled = FileManager.default.fileExists(atPath: MathTypesetter.defaultScriptPath)

    @Test(.enabled(if: katexInstalled)) func typesetsHTMLAndMathML() throws {
        let typesetter = MathTypesetter(cacheDirectory: nil)
        guard case .success(let html) = typesetter.typeset(#"\frac{a}{b} + x^2"#, display: true) else {
            Issue.record("expected typeset math")
            return
        }
        #expect(html.contains("katex-display"))
        #expect(html.contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\""))
        #expect(html.contains("class=\"katex-html\""))
        #expect(html.contains("<annotation encoding=\"application/x-tex\">\\frac{a}{b} + x^2</annotation>"))
        guard case .success(let inline) = typesetter.typeset("x", display: false) else {
            Issue.record("expected typeset math")
            return
        }
        #expect(!inline.contains("katex-display"))
    }

    @Test(.enabled(if: katexInstalled)) func aTeXErrorHasKaTeXsPosition() {
        let typesetter = MathTypesetter(cacheDirectory: nil)
        // KaTeX stops at the unknown command, 4 UTF-16 units in.
        guard case .failure(let message, let position) = typesetter.typeset(#"a + \nosuchcommand b"#, display: false) else {
            Issue.record("expected a TeX error")
            return
        }
        #expect(message.contains("Undefined control sequence"))
        #expect(position == 4)
    }

    @Test(.enabled(if: katexInstalled)) func aWarmCacheNeverStartsTheEngine() throws {
        let scratch = try ScratchFolder("math")
        defer { scratch.remove() }
        let directory = scratch.path
        let cold = MathTypesetter(cacheDirectory: directory)
        let first = cold.typeset(#"\sum_i x_i"#, display: true)
        let error = cold.typeset(#"\frac{1}{"#, display: false)
        #expect(cold.engineStarts == 1)
        let warm = MathTypesetter(cacheDirectory: directory)
        #expect(warm.typeset(#"\sum_i x_i"#, display: true) == first)
        #expect(warm.typeset(#"\frac{1}{"#, display: false) == error)
        #expect(warm.engineStarts == 0)
        // Display mode is part of the key.
        _ = warm.typeset(#"\sum_i x_i"#, display: false)
        #expect(warm.engineStarts == 1)
    }

    /// The cache's file names, worked out independently (FNV-1a over the
    /// concatenated bytes, in Python): moving to the shared `StableHash` kept
    /// every formula already on disk.
    @Test func cacheKeysAreTheOnesAlreadyOnDisk() {
        #expect(MathTypesetter.cacheKey(#"\frac{a}{b}"#, display: true, scriptKey: "0123456789abcdef")
            == "055db66e06ccedbbae754b5446338217")
        #expect(MathTypesetter.cacheKey(#"\frac{a}{b}"#, display: false, scriptKey: "0123456789abcdef")
            == "85f17b046efb6784eb7ba827d4005188")
    }

    /// Formulas are written like every other file (`AtomicFile`: registered
    /// for removal on an interrupt), and what a killed run left is swept.
    @Test(.enabled(if: katexInstalled)) func theCacheLeavesAndKeepsNoTemporaryFile() throws {
        let scratch = try ScratchFolder("math")
        defer { scratch.remove() }
        let directory = scratch.path
        let math = directory + "/math"
        try FileManager.default.createDirectory(atPath: math, withIntermediateDirectories: true)
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let stale = ".0123.html.\(gone.processIdentifier).0BADF00D.tmp"
        try #require(FileManager.default.createFile(atPath: math + "/" + stale, contents: Data("half".utf8)))
        let typesetter = MathTypesetter(cacheDirectory: directory)
        _ = typesetter.typeset("x^2", display: false)
        let names = try FileManager.default.contentsOfDirectory(atPath: math)
        #expect(names.count == 1, "\(names)")
        #expect(names.allSatisfy { $0.hasSuffix(".html") && !$0.hasPrefix(".") }, "\(names)")
    }

    @Test func missingKaTeXIsUnavailableNotACrash() {
        let typesetter = MathTypesetter(scriptPath: "/nonexistent/katex.min.js", cacheDirectory: nil)
        guard case .unavailable(let reason) = typesetter.typeset("x", display: false) else {
            Issue.record("expected unavailable")
            return
        }
        #expect(reason.contains("libjs-katex"))
    }
}

@Suite struct CESU8Tests {
    @Test func charactersOutsideTheBMPRoundTrip() {
        for text in ["plain", "é ü", "😀", "a𝐀b𠀀c", ""] {
            let bytes = KaTeXEngine.cesu8(text)
            let back = bytes.withUnsafeBytes { KaTeXEngine.decodeCESU8($0) }
            #expect(back == text)
        }
        #expect(KaTeXEngine.cesu8("😀").count == 6)
    }
}
