import Foundation
import LessonResults
import LessonTestSupport
import Testing
@testable import LessonRunner

/// `[@top]` naming another lesson's heading: the error gives the link that
/// reaches it, relative to the lesson that wrote it.
@Suite struct CrossLessonReferenceTests {
    func run(_ files: [String: String], jobs: Int = 1) throws -> [String: ExecutedLesson] {
        let scratch = try ScratchFolder("cross")
        defer { scratch.remove() }
        try scratch.write(files)
        let root = scratch.url
        let lessons = Pipeline(executor: Executor(cache: nil)).run(paths: files.keys.sorted().map { root.appendingPathComponent($0).path }, jobs: jobs)
        var byName: [String: ExecutedLesson] = [:]
        for lesson in lessons { byName[String(lesson.lesson.path.dropFirst(root.path.count + 1))] = lesson }
        return byName
    }

    @Test(arguments: [1, 2])
    func anotherLessonsHeadingIsSuggestedAsALink(jobs: Int) throws {
        let lessons = try run([
            "ch1/a.md": "# A\n\nSee [@top] and [@fig:curve] and [@nowhere].\n",
            "ch2/b.md": "# B\n\n## The top {#top}\n\nText.\n\n![A curve](c.png){#fig:curve}\n",
        ], jobs: jobs)
        let diagnostics = try #require(lessons["ch1/a.md"]).diagnostics.filter { $0.code == .crossReference }
        #expect(diagnostics.count == 3)
        let top = try #require(diagnostics.first { $0.message.contains("[@top]") })
        #expect(top.notes.map(\.message).contains { $0.hasPrefix("'top' is a heading of ") && $0.hasSuffix("ch2/b.md; a cross-reference reaches only this lesson's own, so link to the other lesson: [The top](../ch2/b.md#top)") },
                "\(top.notes)")
        let figure = try #require(diagnostics.first { $0.message.contains("[@fig:curve]") })
        #expect(figure.notes.map(\.message).contains { $0.hasSuffix("link to the other lesson: [text](../ch2/b.md#fig:curve)") }, "\(figure.notes)")
        #expect(try #require(diagnostics.first { $0.message.contains("[@nowhere]") }).notes.isEmpty)
    }

    @Test func linksAreRelativeToTheLessonThatWritesThem() {
        #expect(CrossLessonReference.relativePath(to: "lessons/b.md", from: "lessons/a.md") == "b.md")
        #expect(CrossLessonReference.relativePath(to: "lessons/ch2/b.md", from: "lessons/a.md") == "ch2/b.md")
        #expect(CrossLessonReference.relativePath(to: "lessons/b.md", from: "lessons/ch1/a.md") == "../b.md")
        #expect(CrossLessonReference.relativePath(to: "/x/y/b.md", from: "/x/z/w/a.md") == "../../y/b.md")
    }
}
