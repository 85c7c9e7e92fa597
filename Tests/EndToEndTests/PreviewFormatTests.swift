import Foundation
import LessonTestSupport
import Testing

@Suite struct PreviewFormatTests {
    @Test func previewHonoursFormat() throws {
        let course = try ScratchCourse(["lessons/bad.md": "# Bad\n\n```experiment softmx\nlogits: [1]\n```\n"])
        defer { course.remove() }
        let dir = course.url
        let r = try LessonBinary.run(["preview", "--format", "github", "--port", "0", "--no-cache", "--stop-after", "0.5"], in: dir)
        #expect(r.stdout.contains("::error file=lessons/bad.md,line=3,col=15,title=unknown-kind::unknown experiment kind 'softmx'"), "\(r.stdout)\n\(r.stderr)")
    }

    /// What writing the pages found (a `translation_of:` that names no
    /// lesson) is shown as the lessons' problems are, with its code.
    @Test func previewShowsThePagesWarnings() throws {
        let course = try ScratchCourse(["lessons/fr.md": "---\ntranslation_of: missing.md\n---\n# A\n"])
        defer { course.remove() }
        let dir = course.url
        let r = try LessonBinary.run(["preview", "--format", "github", "--port", "0", "--no-cache", "--stop-after", "0.5"], in: dir)
        #expect(r.stderr.contains("lessons/fr.md:2:17: warning: translation_of: 'missing.md' is not a lesson rendered with this one; "
                                  + "the page is listed as a lesson of its own [front-matter]"), "\(r.stderr)")
        #expect(r.stdout.contains("::warning file=lessons/fr.md,line=2,col=17,title=front-matter::translation_of: 'missing.md'"), "\(r.stdout)")
    }
}
