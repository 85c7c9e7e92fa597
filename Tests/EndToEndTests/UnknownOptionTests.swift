import Foundation
import Testing

/// An unknown option is reported as such, before anything looks for lessons.
@Suite struct UnknownOptionTests {
    @Test(arguments: ["render", "check", "preview"])
    func anUnknownOptionIsNamedEvenWithoutALessonsFolder(command: String) throws {
        let empty = try LessonBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let r = try LessonBinary.run([command, "-x"], in: empty)
        #expect(r.status == 64)
        #expect(r.stderr.contains("Unknown option '-x'"), "\(r.stderr)")
        #expect(!r.stderr.contains("no such lesson file or folder"), "\(r.stderr)")
    }

    @Test func aMissingLessonsFolderIsStillAUsageError() throws {
        let empty = try LessonBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let r = try LessonBinary.run(["check"], in: empty)
        #expect(r.status == 64)
        #expect(r.stderr.contains("no such lesson file or folder: 'lessons'"), "\(r.stderr)")
    }
}
