import LessonMarkdown
import LessonRunner
import LessonResults
import Testing
@testable import LessonReport

/// Text nested deeper than the tree may go is still on the page.
@Suite struct DeepNestingPageTests {
    func page(_ source: String) -> (html: String, diagnostics: [Diagnostic]) {
        let executed = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: "lessons/t.md")))
        return (PageRenderer.render(executed, options: RenderOptions(allowRawHTML: false)), executed.allDiagnostics)
    }

    @Test(arguments: [200, 255, 256, 257, 300, 1_000])
    func blockQuotesKeepTheirText(levels: Int) {
        let (html, diagnostics) = page(String(repeating: ">", count: levels) + " deep *text* here\n")
        #expect(html.contains("deep"), "\(levels) levels")
        #expect(html.contains("here"), "\(levels) levels")
        let warnings = diagnostics.filter { $0.severity == .warning }
        // The paragraph inside 255 quotes holds inlines one level too deep already.
        #expect(warnings.count == (levels >= Lesson.maximumNesting - 1 ? 1 : 0), "\(warnings)")
        #expect(!diagnostics.contains { $0.severity == .error })
    }

    @Test(arguments: [120, 127, 128, 129, 400])
    func listsKeepTheirText(markers: Int) {
        let (html, _) = page(String(repeating: "- ", count: markers) + "listed _words_\n")
        #expect(html.contains("listed"), "\(markers) markers")
        #expect(html.contains("words"), "\(markers) markers")
    }

    @Test func emphasisInsideDeepQuotesKeepsItsText() {
        let (html, _) = page(String(repeating: ">", count: 254) + " alpha *beta **gamma [delta](e.html) `epsilon`** zeta*\n")
        for word in ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"] {
            #expect(html.contains(word))
        }
    }
}
