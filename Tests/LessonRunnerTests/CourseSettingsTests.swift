import Foundation
import LessonTestSupport
import Testing
@testable import LessonRunner

/// `course.yml`: what it sets, where it is found, and located errors.
@Suite struct CourseSettingsTests {
    @Test func readsEverySetting() throws {
        let scratch = try ScratchFolder("course")
        defer { scratch.remove() }
        let dir = scratch.path
        try scratch.folder("chapter/part")
        try """
        title: "Deep learning: a course"
        lessons: [intro, chapter/part]
        data: shared
        language: VI
        output: public
        cache: .cache
        warnings_as_errors: true
        strict_timing: yes
        """.write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        let (settings, problems) = CourseSettings.load(path: dir + "/course.yml")
        #expect(problems.isEmpty, "\(problems)")
        let course = try #require(settings)
        #expect(course.title == "Deep learning: a course")
        #expect(course.lessons == ["intro", "chapter/part"])
        #expect(course.data == ["shared"])
        #expect(course.language == "vi")
        #expect(course.output == "public" && course.cache == ".cache")
        #expect(course.warningsAsErrors && course.strictTiming)
        #expect(course.resolve("public") == dir + "/public")
        // As on the command line: `~` is the home folder, a trailing `/` and doubled ones go.
        #expect(course.resolve("public/") == dir + "/public")
        #expect(course.resolve("~/site") == (ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path) + "/site")
        #expect(course.resolve("shared//data") == dir + "/shared/data")
        #expect(CourseSettings(path: "course.yml").resolve("site/") == "site")
    }

    @Test func defaultsWhenEmpty() throws {
        let scratch = try ScratchFolder("course")
        defer { scratch.remove() }
        let dir = scratch.path
        try scratch.folder("chapter/part")
        try "# nothing set\n".write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        let course = try #require(CourseSettings.load(path: dir + "/course.yml").settings)
        #expect(course.lessons == ["lessons"] && course.output == "site" && course.cache == ".lesson-cache")
        #expect(!course.warningsAsErrors && course.title == nil && course.data.isEmpty)
    }

    /// Found by a teacher: `data: [data, nodata]` without a folder `nodata`
    /// was taken silently; a `lessons:` entry that names nothing is an error.
    @Test func aDataFolderThatIsNotThereIsAWarningAtIt() throws {
        let scratch = try ScratchFolder("course")
        defer { scratch.remove() }
        let dir = scratch.path
        try scratch.folder("data")
        try "x".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        try "data: [data, nodata, notes.txt]\n".write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        let course = try #require(CourseSettings.load(path: dir + "/course.yml").settings)
        #expect(course.data == ["data", "nodata", "notes.txt"])
        #expect(course.warnings.map { "\($0.location!.line):\($0.location!.column) \($0.message)" } == [
            "1:14 no folder 'nodata' for 'data': the lessons' data files and images are not looked for there",
            "1:22 no folder 'notes.txt' for 'data': the lessons' data files and images are not looked for there",
        ])
        #expect(course.warnings.allSatisfy { $0.severity == .warning })
        try "data: data\n".write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        #expect(try #require(CourseSettings.load(path: dir + "/course.yml").settings).warnings.isEmpty)
    }

    /// A language with no interface words is kept, with a warning at it.
    @Test func aLanguageWithoutInterfaceWordsIsAWarning() throws {
        let scratch = try ScratchFolder("course")
        defer { scratch.remove() }
        let dir = scratch.path
        try scratch.folder("chapter/part")
        try "language: de-AT\n".write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        let course = try #require(CourseSettings.load(path: dir + "/course.yml").settings)
        #expect(course.language == "de-at")
        #expect(course.warnings.map(\.severity) == [.warning])
        #expect(course.warnings.first?.location?.line == 1 && course.warnings.first?.location?.column == 11)
        try "language: vi-VN\n".write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        #expect(try #require(CourseSettings.load(path: dir + "/course.yml").settings).warnings.isEmpty)
    }

    /// A misspelt key is an error at its line and column with a suggestion,
    /// and no settings come back (nothing runs with a silent default).
    @Test func unknownAndMistypedKeysAreLocatedErrors() throws {
        let scratch = try ScratchFolder("course")
        defer { scratch.remove() }
        let dir = scratch.path
        try scratch.folder("chapter/part")
        try "title: A\nouptut: public\nwarnings_as_errors: maybe\nlessons: {a: 1}\n".write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        let (settings, problems) = CourseSettings.load(path: dir + "/course.yml")
        #expect(settings == nil)
        let texts = problems.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "?") \($0.message)" }
        #expect(texts.contains("2:1 unknown setting 'ouptut'; did you mean 'output'?"), "\(texts)")
        #expect(texts.contains("3:21 'warnings_as_errors' must be true or false"), "\(texts)")
        #expect(texts.contains { $0.hasPrefix("4:10 'lessons' must be a list") }, "\(texts)")
        #expect(problems.allSatisfy { $0.location?.path == dir + "/course.yml" })
    }

    @Test func yamlErrorsAreLocated() throws {
        let scratch = try ScratchFolder("course")
        defer { scratch.remove() }
        let dir = scratch.path
        try scratch.folder("chapter/part")
        try "title: A\ntitle: B\n".write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        let problems = CourseSettings.load(path: dir + "/course.yml").problems
        #expect(problems.count == 1 && problems[0].message.contains("duplicate key 'title'"), "\(problems)")
        #expect(problems.first?.location?.line == 2)
        // Found by a new user: the message spoke of "a block" and "line 1 of
        // the block", words for an experiment block, not for course.yml.
        #expect(problems.first?.message == "duplicate key 'title': a key may appear once in course.yml; keep one", "\(problems)")
        #expect(problems.first?.notes.map(\.message) == ["first written on line 1 of course.yml"], "\(problems)")
    }

    /// Found by hand: `course.yml` was composed without the alias budget of a
    /// block, so a "billion laughs" alias as a key never finished reading.
    /// Now it is refused at the alias that crosses the budget.
    @Test(.timeLimit(.minutes(10))) func anAliasBombIsALocatedError() throws {
        let scratch = try ScratchFolder("course")
        defer { scratch.remove() }
        let dir = scratch.path
        try scratch.folder("chapter/part")
        var lines = ["a0: &a0 [1,1,1,1,1,1,1,1,1]"]
        for level in 1..<10 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]")
        }
        try (lines + ["? *a9", ": 1", "lessons: [lessons]"]).joined(separator: "\n").write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        let (settings, problems) = CourseSettings.load(path: dir + "/course.yml")
        #expect(settings == nil)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.code == .courseSettings)
        #expect(problem.location?.line == 6 && problem.location?.column == 10)  // the first `*a4`
    }

    /// Found in the folder itself or the nearest parent, as a path relative to it.
    @Test func foundFromAnyFolderOfTheCourse() throws {
        let scratch = try ScratchFolder("course")
        defer { scratch.remove() }
        let dir = scratch.path
        try scratch.folder("chapter/part")
        #expect(CourseSettings.find(from: dir + "/chapter/part") == nil)
        try "title: A\n".write(toFile: dir + "/course.yml", atomically: true, encoding: .utf8)
        #expect(CourseSettings.find(from: dir) == dir + "/course.yml")
        let found = try #require(CourseSettings.find(from: dir + "/chapter/part"))
        #expect(found == dir + "/chapter/part/../../course.yml")
        let course = try #require(CourseSettings.load(path: found).settings)
        #expect(course.resolve("lessons") == dir + "/chapter/part/../../lessons")
    }
}
