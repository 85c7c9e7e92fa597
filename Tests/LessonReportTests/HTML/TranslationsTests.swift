import Foundation
import LessonMarkdown
import LessonRunner
import LessonResults
import LessonTestSupport
import Testing
@testable import LessonReport

/// Lessons that translate one another are one lesson in the sequence with a
/// language switch, and the index counts lessons, not the reference page.
@Suite struct TranslationsTests {
    func executed(_ source: String, path: String) -> ExecutedLesson {
        Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: path)))
    }

    @Test func aTranslationIsALanguageSwitchNotAStepInTheSequence() throws {
        let scratch = try ScratchFolder("translations")
        defer { scratch.remove() }
        let root = scratch.path
        try scratch.folder("lessons")
        try "---\norder: 1\n---\n# Init\n\ntext\n".write(toFile: root + "/lessons/init.md", atomically: true, encoding: .utf8)
        let lessons = [
            executed("---\norder: 1\n---\n# Init\n\ntext\n", path: root + "/lessons/init.md"),
            executed("---\norder: 2\nlang: vi\ntranslation_of: init.md\n---\n# Khởi tạo\n\nchữ\n", path: root + "/lessons/khoi-tao.md"),
            executed("---\norder: 3\n---\n# Next one\n", path: root + "/lessons/next.md"),
            executed("---\nrole: reference\n---\n# Reference\n", path: root + "/ref/reference.md"),
        ]
        let warnings = try ReportWriter(outputDirectory: root + "/out").write(lessons)
        #expect(warnings.isEmpty, "\(warnings)")
        let original = try String(contentsOfFile: root + "/out/init.html", encoding: .utf8)
        // Next goes to the next lesson, not to the translation.
        #expect(original.contains("<link rel=\"next\" href=\"next.html\">"))
        #expect(original.contains("<nav class=\"languages\" aria-label=\"Language\"><span aria-current=\"page\" lang=\"en\">English</span> "
            + "<a href=\"khoi-tao.html\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a></nav>"))
        #expect(original.contains("<link rel=\"alternate\" hreflang=\"vi\" href=\"khoi-tao.html\">"))
        #expect(!original.contains("<a href=\"khoi-tao.html\" lang=\"vi\">Khởi tạo</a>"))
        // The way back: the Markdown beside the page, linked from its footer.
        #expect(original.contains("<p>Source: <a href=\"init.md.txt\"><code>init.md</code></a></p>"))
        #expect(try String(contentsOfFile: root + "/out/init.md.txt", encoding: .utf8).hasSuffix("# Init\n\ntext\n"))
        let translation = try String(contentsOfFile: root + "/out/khoi-tao.html", encoding: .utf8)
        #expect(translation.contains("<nav class=\"languages\" aria-label=\"Ngôn ngữ\"><a href=\"init.html\" hreflang=\"en\" lang=\"en\">English</a> "
            + "<span aria-current=\"page\" lang=\"vi\">Tiếng Việt</span></nav>"))
        #expect(translation.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"init.html\">"))
        #expect(!translation.contains("rel=\"next\""))
        let index = try String(contentsOfFile: root + "/out/index.html", encoding: .utf8)
        // Two lessons: the translation is with its original, the reference apart.
        #expect(index.contains("2 lessons, 2 passing."))
        #expect(index.contains("<p class=\"also-in\"><span>Also in</span> <a href=\"khoi-tao.html\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a></p>"))
        #expect(index.contains("<h2>Reference</h2>\n<ol class=\"lessons references\">"))
    }

    @Test func aTranslationOfNoRenderedLessonIsAWarningWithItsPlace() throws {
        let scratch = try ScratchFolder("translations")
        defer { scratch.remove() }
        let root = scratch.path
        let lesson = executed("---\nlang: vi\ntranslation_of: missing.md\n---\n# X\n", path: root + "/x.md")
        let warnings = try ReportWriter(outputDirectory: root + "/out").write([lesson])
        let warning = try #require(warnings.first, "\(warnings)")
        #expect(warning.code == .frontMatter && warning.severity == .warning)
        #expect(warning.formatted() == "\(root)/x.md:3:17: warning: translation_of: 'missing.md' is not a lesson rendered with this one; "
                + "the page is listed as a lesson of its own [front-matter]")
    }
}
