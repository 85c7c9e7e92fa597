import Foundation
import LessonTestSupport
import Testing

/// Rendering lessons one at a time into the same folder keeps them all in the index.
@Suite struct IndexCommandTests {
    @Test func renderingASubsetKeepsTheOtherLessonsInTheIndex() throws {
        let course = try ScratchCourse([
            "lessons/one.md": "# First lesson\n\nOne.\n",
            "lessons/two.md": "# Second lesson\n\nTwo.\n",
        ])
        defer { course.remove() }
        let dir = course.url
        for file in ["lessons/one.md", "lessons/two.md", "lessons/one.md"] {
            let r = try LessonBinary.run(["render", file, "--out", "out", "--no-cache"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let index = try String(contentsOf: dir.appendingPathComponent("out/index.html"), encoding: .utf8)
        #expect(index.contains("First lesson"))
        #expect(index.contains("Second lesson"))
        let first = try #require(index.range(of: "First lesson")), second = try #require(index.range(of: "Second lesson"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/lessons.json").path))

        // A page removed from the folder leaves the index too.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("out/two.html"))
        let again = try LessonBinary.run(["render", "lessons/one.md", "--out", "out", "--no-cache"], in: dir)
        #expect(again.status == 0)
        let pruned = try String(contentsOf: dir.appendingPathComponent("out/index.html"), encoding: .utf8)
        #expect(!pruned.contains("Second lesson"))
    }
}
