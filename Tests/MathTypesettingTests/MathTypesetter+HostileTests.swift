import Foundation
import LessonTestSupport
import Testing
@testable import MathTypesetting

/// Formulas and cached formulas from a course that may come from a pull
/// request (issue 21: high 5 and 6, medium 10).
@Suite struct MathTypesetterHostileTests {
    static let katexInstalled = MathTypesetterTests.katexInstalled

    /// A file planted under a formula's name is not believed, in the old
    /// format or the new one with a matching checksum: the HTML must be what
    /// KaTeX writes, so no script comes from a shipped `.lesson-cache/`.
    @Test(.enabled(if: katexInstalled)) func aPlantedFormulaIsNotBelieved() throws {
        let scratch = try ScratchFolder("math")
        defer { scratch.remove() }
        let directory = scratch.path
        try scratch.folder("math")
        let planted = "<img src=x onerror=alert(1)>"
        let typesetter = MathTypesetter(cacheDirectory: directory)
        let file = try #require(typesetter.cacheFile("x^2", display: false))
        try ("ok\n" + planted).write(toFile: file, atomically: true, encoding: .utf8)
        guard case .success(let html) = typesetter.typeset("x^2", display: false) else {
            Issue.record("expected typeset math")
            return
        }
        #expect(!html.contains("onerror"))
        #expect(typesetter.engineStarts == 1)

        let key = (file as NSString).lastPathComponent.replacingOccurrences(of: ".html", with: "")
        for body in [planted, "<span class=\"katex\"><a href=\"javascript:alert(1)\">x</a></span>",
                     "<span style=\"position:fixed;inset:0;background:white\">x</span>",
                     "<span style=\"background:url(https://example.com/x)\">x</span>", "<!-- --><span>x</span>"] {
            try MathTypesetter.entry("ok\n" + body, key: key).write(to: URL(fileURLWithPath: file))
            let fresh = MathTypesetter(cacheDirectory: directory)
            guard case .success(let again) = fresh.typeset("x^2", display: false) else {
                Issue.record("expected typeset math")
                return
            }
            #expect(again == html, "\(body)")
            #expect(fresh.engineStarts == 1, "\(body)")
        }
        // What the typesetter wrote itself is believed.
        let warm = MathTypesetter(cacheDirectory: directory)
        #expect(warm.typeset("x^2", display: false) == .success(html))
        #expect(warm.engineStarts == 0)
        // Under another formula's name it is not.
        let other = try #require(warm.cacheFile("y", display: false))
        try FileManager.default.copyItem(atPath: file, toPath: other)
        guard case .success(let y) = warm.typeset("y", display: false) else {
            Issue.record("expected typeset math")
            return
        }
        #expect(y.contains("<mi>y</mi>"))
    }

    /// A formula that multiplies itself with `\def` stops at its CPU-time
    /// limit with an error naming it, and the next formula still typesets.
    @Test(.enabled(if: katexInstalled)) func anAmplifiedFormulaStopsAtItsTimeLimit() {
        let typesetter = MathTypesetter(cacheDirectory: nil)
        typesetter.formulaTimeLimit = 0.2
        let tex = "\\def\\a{" + String(repeating: "x", count: 900) + "}" + String(repeating: "\\a", count: 900)
        guard case .failure(let message, _) = typesetter.typeset(tex, display: true) else {
            Issue.record("expected the time limit")
            return
        }
        #expect(message.contains("took more than 0.2 s"), "\(message)")
        guard case .success = typesetter.typeset("x^2", display: false) else {
            Issue.record("expected typeset math after the limit")
            return
        }
        #expect(typesetter.engineStarts == 2)
    }

    @Test(.enabled(if: katexInstalled)) func aFormulaStopsAtItsMemoryLimit() {
        let typesetter = MathTypesetter(cacheDirectory: nil)
        typesetter.memoryLimit = 40 << 20
        typesetter.formulaTimeLimit = 1_000
        let tex = "\\def\\a{" + String(repeating: "x", count: 900) + "}" + String(repeating: "\\a", count: 900)
        guard case .failure(let message, _) = typesetter.typeset(tex, display: true) else {
            Issue.record("expected the memory limit")
            return
        }
        #expect(message.contains("needed more than 40 MiB"), "\(message)")
    }

    @Test func aFormulaOverTheSizeLimitIsAnError() {
        let typesetter = MathTypesetter(cacheDirectory: nil)
        guard case .failure(let message, _) = typesetter.typeset(String(repeating: "x", count: MathTypesetter.texLimit + 1),
                                                                 display: false) else {
            Issue.record("expected the size limit")
            return
        }
        #expect(message.contains("more than the limit of \(MathTypesetter.texLimit)"))
        #expect(typesetter.engineStarts == 0)
    }

    /// `trust` stays off, and what it refuses is an error at the command
    /// instead of red text nobody is told about (medium 10).
    @Test(.enabled(if: katexInstalled)) func untrustedCommandsAreErrorsAtTheirPlace() {
        let typesetter = MathTypesetter(cacheDirectory: nil)
        for (tex, command, position) in [("a + \\href{javascript:alert(1)}{x}", "\\href", 4), ("\\url{http://e.com}", "\\url", 0),
                                         ("x\\htmlClass{c}{y}", "\\htmlClass", 1),
                                         ("\\includegraphics{a.png}", "\\includegraphics", 0)] {
            guard case .failure(let message, let at) = typesetter.typeset(tex, display: false) else {
                Issue.record("expected an error for \(tex)")
                continue
            }
            #expect(message.hasPrefix(command + " is turned off"), "\(message)")
            #expect(at == position)
        }
    }
}
