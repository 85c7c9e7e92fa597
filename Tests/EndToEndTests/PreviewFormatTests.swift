import Foundation
import LessonTestSupport
import Testing

@Suite struct PreviewFormatTests {
    @Test func previewHonoursFormat() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        try LessonBinary.write(["lessons/bad.md": "# Bad\n\n```experiment softmx\nlogits: [1]\n```\n"], into: dir)
        let r = try LessonBinary.run(["preview", "--format", "github", "--port", "0", "--no-cache", "--stop-after", "0.5"], in: dir)
        #expect(r.stdout.contains("::error file=lessons/bad.md,line=3,col=15,title=unknown-kind::unknown experiment kind 'softmx'"), "\(r.stdout)\n\(r.stderr)")
    }
}
