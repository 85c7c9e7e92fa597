import Foundation
import LessonTestSupport
import Testing
@testable import LessonRunner
import LessonResults

/// The teaching order of a course's `lessons:` list.
@Suite struct CourseOrderTests {
    /// A lesson's place is the first entry naming it or a folder above it,
    /// however its path is written; a lesson the list does not name has none.
    @Test func theFirstEntryNamingALessonOrItsFolderPlacesIt() throws {
        let scratch = try ScratchFolder("CourseOrderTests")
        defer { scratch.remove() }
        let dir = scratch.path
        try FileManager.default.createDirectory(atPath: dir + "/lessons/part", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/lessons-extra", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/linked", withDestinationPath: dir + "/lessons/part")
        // Links are resolved in the paths of files that exist, as lessons do.
        try "# B\n".write(toFile: dir + "/lessons/part/b.md", atomically: true, encoding: .utf8)
        let order = CourseOrder(paths: [dir + "/lessons/zeta.md", dir + "/lessons/part", dir + "/lessons"])
        #expect(order.position(of: dir + "/lessons/zeta.md") == 0)
        #expect(order.position(of: dir + "/lessons/./part/../zeta.md") == 0)
        #expect(order.position(of: dir + "/lessons/part/b.md") == 1)
        #expect(order.position(of: dir + "/linked/b.md") == 1)
        #expect(order.position(of: dir + "/lessons/alpha.md") == 2)
        // A folder whose name starts like an entry's is not inside it.
        #expect(order.position(of: dir + "/lessons-extra/c.md") == nil)
    }

    /// An entry that names nothing is an error at the entry in course.yml,
    /// with the closest name where it points.
    @Test func aMissingEntryIsLocatedWithASuggestion() throws {
        let scratch = try ScratchFolder("CourseOrderTests")
        defer { scratch.remove() }
        let dir = scratch.path
        try FileManager.default.createDirectory(atPath: dir + "/chapters/one", withIntermediateDirectories: true)
        try "# A\n".write(toFile: dir + "/chapters/intro.md", atomically: true, encoding: .utf8)
        try "title: T\nlessons:\n  - chapters/intro.md\n  - chapters/intro\n  - chaptrs/one\n  - nowhere-near\n"
            .write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        let course = try #require(CourseSettings.load(path: dir + "/course.yml").settings)
        let texts = course.missingLessons().map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "?") \($0.message)" }
        #expect(texts == [
            "4:5 no lesson file or folder 'chapters/intro'; did you mean 'chapters/intro.md'?",
            "5:5 no lesson file or folder 'chaptrs/one'; did you mean 'chapters/one'?",
            "6:5 no lesson file or folder 'nowhere-near'",
        ], "\(texts)")
        #expect(course.missingLessons().allSatisfy { $0.location?.path == dir + "/course.yml" && $0.code == .courseSettings })
        // The default list (no `lessons:`) points at the top of the file.
        try "title: T\n".write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        let plain = try #require(CourseSettings.load(path: dir + "/course.yml").settings)
        #expect(plain.missingLessons().map(\.message) == ["no lesson file or folder 'lessons' (the default, as course.yml names no lessons)"])
    }

    /// Entries that name nothing and entries that are not lessons are one
    /// list, in the lines' order, closed by one sentence naming both faults.
    @Test func theEntriesProblemsAreOneListInLineOrder() throws {
        let scratch = try ScratchFolder("CourseOrderTests")
        defer { scratch.remove() }
        let dir = scratch.path
        try FileManager.default.createDirectory(atPath: dir + "/lessons", withIntermediateDirectories: true)
        try "# A\n".write(toFile: dir + "/notes.markdown", atomically: true, encoding: .utf8)
        try "lessons:\n  - gone.md\n  - notes.markdown\n  - lessons\n  - gone\n".write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        let course = try #require(CourseSettings.load(path: dir + "/course.yml").settings)
        let problems = try #require(course.entryProblems())
        #expect(problems.diagnostics.map { $0.location?.line ?? 0 } == [2, 3, 5])
        #expect(problems.conclusion == "\(dir)/course.yml names lessons that do not exist and a file that is not a lesson; nothing was run")
        try "lessons:\n  - lessons\n".write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        #expect(try #require(CourseSettings.load(path: dir + "/course.yml").settings).entryProblems() == nil)
    }

    /// `lesson new` writes into the course's first folder of lessons, from
    /// any folder of the course.
    @Test func newLessonsGoToTheCoursesFirstLessonFolder() throws {
        let scratch = try ScratchFolder("CourseOrderTests")
        defer { scratch.remove() }
        let dir = scratch.path
        try FileManager.default.createDirectory(atPath: dir + "/chapters", withIntermediateDirectories: true)
        try "# A\n".write(toFile: dir + "/intro.md", atomically: true, encoding: .utf8)
        try "lessons: [intro.md, chapters, more]\n".write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        let course = try #require(CourseSettings.load(path: dir + "/course.yml").settings)
        #expect(LessonScaffold.folder(in: course) == dir + "/chapters")
        #expect(LessonScaffold.path(for: "x", folder: LessonScaffold.folder(in: course)) == dir + "/chapters/x.md")
        try "lessons: [intro.md]\n".write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        #expect(LessonScaffold.folder(in: try #require(CourseSettings.load(path: dir + "/course.yml").settings)) == dir)
        #expect(LessonScaffold.path(for: "x", folder: ".") == "x.md")
        #expect(LessonScaffold.path(for: "notes/x", folder: "chapters") == "notes/x.md")
    }
}
