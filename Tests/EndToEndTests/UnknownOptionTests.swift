import Foundation
import LessonTestSupport
import Testing

/// An unknown option is reported as such, before anything looks for lessons.
@Suite struct UnknownOptionTests {
    @Test(arguments: ["render", "check", "preview"])
    func anUnknownOptionIsNamedEvenWithoutALessonsFolder(command: String) throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let empty = scratch.url
        let r = try LessonBinary.run([command, "-x"], in: empty)
        #expect(r.status == 64)
        #expect(r.stderr.contains("Unknown option '-x'"), "\(r.stderr)")
        #expect(!r.stderr.contains("no such lesson file or folder"), "\(r.stderr)")
    }

    /// An output folder that cannot be made is refused before any lesson
    /// runs (a long render must not end in "cannot write").
    @Test(arguments: ["render", "preview"])
    func anUnusableOutputFolderIsAUsageErrorBeforeAnythingRuns(command: String) throws {
        let course = try ScratchCourse(["lessons/a.md": "# A\n\n```experiment softmax\nlogits: [1, 2]\nlabel: 0\n```\n", "taken": "a file"])
        defer { course.remove() }
        let dir = course.url
        let preview = command == "preview" ? ["--port", "0", "--stop-after", "1"] : []
        let r = try LessonBinary.run([command, "--no-cache", "--out", "taken/pages"] + preview, in: dir)
        #expect(r.status == 64)
        #expect(r.stderr.contains("--out 'taken/pages' cannot be used: cannot create the folder: 'taken' is a file, not a folder"), "\(r.stderr)")
        #expect(!r.stderr.contains("block passed"), "\(r.stderr)")
    }

    @Test func aMissingLessonsFolderIsStillAUsageError() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let empty = scratch.url
        let r = try LessonBinary.run(["check"], in: empty)
        #expect(r.status == 64)
        #expect(r.stderr.contains("no such lesson file or folder: 'lessons'"), "\(r.stderr)")
    }
}
