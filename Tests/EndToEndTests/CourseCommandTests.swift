import Foundation
import LessonTestSupport
import Testing

/// `lesson init`, and `render`/`check` reading `course.yml` from the course's folders.
@Suite struct CourseCommandTests {
    /// A new course checks and renders at once, from its folder or a folder
    /// below it, with the settings' output folder and title.
    @Test func aNewCourseChecksAndRendersFromAnyOfItsFolders() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let made = try LessonBinary.run(["init", "course"], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        let course = dir.appendingPathComponent("course")
        let check = try LessonBinary.run(["check"], in: course)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("checked 1 lesson, 1 block: 1 passed"), "\(check.stdout)")
        #expect(FileManager.default.fileExists(atPath: course.appendingPathComponent(".lesson-cache").path))
        let render = try LessonBinary.run(["render"], in: course.appendingPathComponent("lessons"))
        #expect(render.status == 0, "\(render.stderr)")
        let index = try String(contentsOf: course.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(index.contains("<h1>Course</h1>"))
        #expect(FileManager.default.fileExists(atPath: course.appendingPathComponent("site/first-lesson.html").path))
        // A flag overrides the settings.
        let elsewhere = try LessonBinary.run(["render", "--out", "elsewhere"], in: course)
        #expect(elsewhere.status == 0 && FileManager.default.fileExists(atPath: course.appendingPathComponent("elsewhere/index.html").path))
        // A second init into the same folder writes nothing, and prints no usage line.
        let again = try LessonBinary.run(["init", "course"], in: dir)
        #expect(again.status == 64 && again.stderr.contains("nothing was written") && !again.stderr.contains("Usage"), "\(again.stderr)")
    }

    /// A misspelt setting stops every command that reads the settings, at its line.
    @Test func aMisspeltSettingIsALocatedErrorAndNothingRuns() throws {
        let course = try ScratchCourse(["course.yml": "title: T\nlesons: [lessons]\n", "lessons/a.md": "# A\n"])
        defer { course.remove() }
        let dir = course.url
        let check = try LessonBinary.run(["check"], in: dir.appendingPathComponent("lessons"))
        #expect(check.status == 64)
        #expect(check.stderr.contains("course.yml:2:1: error: unknown setting 'lesons'; did you mean 'lessons'?"), "\(check.stderr)")
    }

    /// Found by a new user: `language: fr` in course.yml was taken without
    /// a word, though a lesson's `lang: fr` warns that the interface stays
    /// English. It warns at its place, and counts for `--warnings-as-errors`.
    @Test func aLanguageWithoutInterfaceWordsWarns() throws {
        let course = try ScratchCourse(["course.yml": "title: T\nlanguage: fr\n", "lessons/a.md": "# A\n"])
        defer { course.remove() }
        let dir = course.url
        let check = try LessonBinary.run(["check", "--no-cache"], in: dir)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.contains("course.yml:2:11: warning: no interface words for language 'fr' (known: en, vi)"), "\(check.stderr)")
        // Printed in the format asked for (an annotation on GitHub), and only
        // by the commands that run lessons: not by `cache prune`.
        let github = try LessonBinary.run(["check", "--no-cache", "--format", "github"], in: dir)
        #expect(github.stdout.contains("::warning file=course.yml,line=2,col=11"), "\(github.stdout)")
        let prune = try LessonBinary.run(["cache", "prune", "--dry-run"], in: dir)
        #expect(!prune.stderr.contains("warning"), "\(prune.stderr)")
        let strict = try LessonBinary.run(["check", "--no-cache", "--warnings-as-errors"], in: dir)
        #expect(strict.status == 1, "\(strict.stderr)")
        try LessonBinary.write(["course.yml": "title: T\nlanguage: vi\n"], into: dir)
        let known = try LessonBinary.run(["check", "--no-cache", "--warnings-as-errors"], in: dir)
        #expect(known.status == 0 && !known.stderr.contains("warning"), "\(known.stderr)")
    }

    /// The index follows `lessons:` as written; an entry that names nothing
    /// stops the run at its place in course.yml; `lesson new` from a folder
    /// below the course writes into the course's lesson folder.
    @Test func theIndexFollowsTheCoursesListAndNewLessonsGoIntoIt() throws {
        let course = try ScratchCourse([
            "course.yml": "lessons:\n  - intro.md\n  - chapters\n",
            "intro.md": "---\norder: 5\n---\n# Intro\n",
            "chapters/a.md": "# A\n",
            "chapters/b.md": "---\norder: 1\n---\n# B\n",
            "notes/x.txt": "",
        ])
        defer { course.remove() }
        let dir = course.url
        let new = try LessonBinary.run(["new", "c"], in: dir.appendingPathComponent("notes"))
        #expect(new.status == 0, "\(new.stderr)")
        #expect(new.stdout.hasPrefix("wrote ../chapters/c.md;"), "\(new.stdout)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("chapters/c.md").path))
        let render = try LessonBinary.run(["render"], in: dir)
        #expect(render.status == 0, "\(render.stderr)")
        let index = try String(contentsOf: dir.appendingPathComponent("site/index.html"), encoding: .utf8)
        let positions = ["intro.html", "b.html", "a.html", "c.html"].compactMap { index.range(of: "href=\"\($0)\"")?.lowerBound }
        #expect(positions.count == 4 && positions == positions.sorted(), "\(index)")
        // A lesson rendered alone keeps its place in the list.
        let alone = try LessonBinary.run(["render", "intro.md"], in: dir)
        #expect(alone.status == 0, "\(alone.stderr)")
        let again = try String(contentsOf: dir.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(again.range(of: "href=\"intro.html\"")!.lowerBound < again.range(of: "href=\"b.html\"")!.lowerBound)
        try "lessons:\n  - intro.md\n  - chapter\n".write(to: dir.appendingPathComponent("course.yml"), atomically: true, encoding: .utf8)
        let check = try LessonBinary.run(["check"], in: dir.appendingPathComponent("chapters"))
        #expect(check.status == 64)
        #expect(check.stderr.contains("course.yml:3:5: error: no lesson file or folder 'chapter'; did you mean 'chapters'?"), "\(check.stderr)")
        #expect(!check.stderr.contains("Usage") && !check.stdout.contains("checked"), "\(check.stderr)")
        // A list of files only: the new lesson goes beside the first, and the list must name it to run it.
        try "lessons: [intro.md]\n".write(to: dir.appendingPathComponent("course.yml"), atomically: true, encoding: .utf8)
        let beside = try LessonBinary.run(["new", "d"], in: dir.appendingPathComponent("notes"))
        #expect(beside.status == 0 && FileManager.default.fileExists(atPath: dir.appendingPathComponent("d.md").path), "\(beside.stderr)")
        #expect(beside.stdout.contains("wrote ../d.md;") && beside.stdout.contains("note: ../course.yml does not list it"), "\(beside.stdout)")
    }

    /// A `lessons:` entry that is a file but not a lesson is told at its
    /// place in course.yml, with advice for the course file, and nothing
    /// runs; the same file typed on the command line is a usage error, with
    /// advice for the command. The course's warnings are printed either way.
    @Test func aCourseEntryThatIsNotALessonIsLocatedInTheCourseFile() throws {
        let course = try ScratchCourse([
            "course.yml": "language: fr\nlessons:\n  - intro.markdown\n  - b.md\n  - notes.txt\n",
            "intro.markdown": "# Intro\n", "b.md": "# B\n", "notes.txt": "notes\n",
        ])
        defer { course.remove() }
        let dir = course.url
        let check = try LessonBinary.run(["check", "--no-cache"], in: dir)
        #expect(check.status == 64, "\(check.stderr)")
        #expect(check.stderr.contains("course.yml:3:5: error: 'intro.markdown' is not a lesson"), "\(check.stderr)")
        #expect(check.stderr.contains("rename the file 'intro.md' and write 'intro.md' here"), "\(check.stderr)")
        #expect(check.stderr.contains("course.yml:5:5: error: 'notes.txt' is not a lesson"), "\(check.stderr)")
        #expect(check.stderr.contains("course.yml:1:11: warning: no interface words for language 'fr'"), "\(check.stderr)")
        #expect(check.stderr.contains("course.yml names files that are not lessons; nothing was run"), "\(check.stderr)")
        #expect(!check.stderr.contains("name one, or a folder of them") && !check.stderr.contains("Usage"), "\(check.stderr)")
        #expect(!check.stdout.contains("checked"), "\(check.stdout)")
        // Typed: the command's advice, not the course file's; the course's entries are not read.
        let typed = try LessonBinary.run(["check", "--no-cache", "notes.txt"], in: dir)
        #expect(typed.status == 64, "\(typed.stderr)")
        #expect(typed.stderr.contains("error: 'notes.txt' is not a lesson"), "\(typed.stderr)")
        #expect(typed.stderr.contains("name one, or a folder of them") && !typed.stderr.contains("course.yml:"), "\(typed.stderr)")
        let right = try LessonBinary.run(["check", "--no-cache", "b.md"], in: dir)
        #expect(right.status == 0, "\(right.stderr)")
    }

    /// A `lessons:` entry that is a link to a folder that is gone is told as
    /// a link that leads nowhere, not as a file that is not a lesson; the
    /// course's errors come in the order of its lines.
    @Test func aCourseEntryThatLinksNowhereIsToldInLineOrder() throws {
        let course = try ScratchCourse([
            "course.yml": "lessons:\n  - notes.txt\n  - gone\n  - chapter\n  - b.md\n",
            "notes.txt": "notes\n", "b.md": "# B\n",
        ])
        defer { course.remove() }
        let dir = course.url
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("chapter").path, withDestinationPath: "old-chapter")
        let check = try LessonBinary.run(["check", "--no-cache"], in: dir)
        #expect(check.status == 64, "\(check.stderr)")
        #expect(check.stderr.contains("course.yml:4:5: error: 'chapter' is a symbolic link that leads nowhere (it links to 'old-chapter')"), "\(check.stderr)")
        #expect(!check.stderr.contains("'chapter' is not a lesson"), "\(check.stderr)")
        let places = ["course.yml:2:5: error", "course.yml:3:5: error", "course.yml:4:5: error"].compactMap { check.stderr.range(of: $0)?.lowerBound }
        #expect(places.count == 3 && places == places.sorted(), "\(check.stderr)")
        #expect(check.stderr.contains("course.yml names lessons that do not exist and a file that is not a lesson; nothing was run"), "\(check.stderr)")
        #expect(!check.stdout.contains("checked"), "\(check.stdout)")
    }

    /// A course file with mistakes of each kind tells them all in one run,
    /// in the order of its lines: its settings, a `lessons:` entry that does
    /// not exist and a `cache:` that is a file, not one kind per run.
    @Test func everyProblemOfTheCourseFileIsToldAtOnce() throws {
        let course = try ScratchCourse([
            "course.yml": "lessons: [lessons, extra.md]\ncolour: red\ncache: course.yml\nstrict_timing: 1\n",
            "lessons/a.md": "# A\n\nText.\n",
        ])
        defer { course.remove() }
        let check = try LessonBinary.run(["check"], in: course.url)
        #expect(check.status == 64, "\(check.stderr)")
        let said = ["course.yml:1:20: error: no lesson file or folder 'extra.md'",
                    "course.yml:2:1: error: unknown setting 'colour'",
                    "course.yml:3:8: error: cache 'course.yml' cannot be used: it is a file, not a folder",
                    "course.yml:4:16: error: 'strict_timing' must be true or false"]
        let places = said.compactMap { check.stderr.range(of: $0)?.lowerBound }
        #expect(places.count == said.count && places == places.sorted(), "\(check.stderr)")
        #expect(check.stderr.hasSuffix("error: course.yml has 4 problems; nothing was run\n"), "\(check.stderr)")
        #expect(!check.stdout.contains("checked"), "\(check.stdout)")
        // With the cache given on the command line, course.yml's is not in question.
        let elsewhere = try LessonBinary.run(["check", "--no-cache"], in: course.url)
        #expect(elsewhere.status == 64 && !elsewhere.stderr.contains("cache 'course.yml'"), "\(elsewhere.stderr)")
        #expect(elsewhere.stderr.contains("course.yml has 3 problems"), "\(elsewhere.stderr)")
    }

    /// With no `lessons:` in course.yml, a file named `lessons` beside it is
    /// told as the default, which the course file does not name, with advice
    /// to write the list; there is no entry to remove.
    @Test func aFileNamedLessonsBesideACourseWithNoListIsToldAsTheDefault() throws {
        let course = try ScratchCourse(["course.yml": "title: T\n", "lessons": "notes\n", "b.md": "# B\n"])
        defer { course.remove() }
        let dir = course.url
        let check = try LessonBinary.run(["check", "--no-cache"], in: dir)
        #expect(check.status == 64, "\(check.stderr)")
        #expect(check.stderr.contains("course.yml:1:1: error: 'lessons' (the default, as course.yml names no lessons) is not a lesson"), "\(check.stderr)")
        #expect(check.stderr.contains("write 'lessons:' in course.yml, listing lesson files and folders of lessons"), "\(check.stderr)")
        #expect(!check.stderr.contains("remove this entry") && !check.stderr.contains("course.yml names a file"), "\(check.stderr)")
        #expect(check.stderr.contains("course.yml names no lessons, and the default, 'lessons', is not a folder of lessons; nothing was run"), "\(check.stderr)")
        #expect(!check.stdout.contains("checked"), "\(check.stdout)")
    }

    /// `data: digits` in a chapter folder of a course, with no file anywhere:
    /// the built-in digits; a course's shared data folder serves every lesson.
    @Test func builtInDigitsAndSharedDataFolders() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let lesson = """
        # Digits

        ```experiment signal
        data: digits
        depth: 2
        width: 8
        expect:
          - "rows == 901"
        ```

        ```experiment signal
        id: own
        data: digits
        file: few.csv
        depth: 2
        width: 8
        ```
        """
        // 20 rows of 64 pixels and a label: too few for the block, which says so.
        let few = (0..<20).map { row in (0..<64).map { _ in "1" }.joined(separator: ",") + ",\(row % 10)" }.joined(separator: "\n") + "\n"
        try LessonBinary.write(["course.yml": "data: [shared]\n", "lessons/chapter/digits.md": lesson, "shared/few.csv": few], into: dir)
        let check = try LessonBinary.run(["check", "--no-cache"], in: dir)
        // The first block ran on the built-in digits; the second read the shared file.
        #expect(check.stdout.contains("1 of 1 expectation held"), "\(check.stdout)\(check.stderr)")
        #expect(check.stderr.contains("few.csv") && !check.stderr.contains("cannot find"), "\(check.stderr)")
    }

    /// The scripts the workflows run, as a normal user (GitHub's runners are
    /// not root): install (with `lesson` on PATH), check in shards, render.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")))
    func theWorkflowScriptsRunAsANormalUser() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let binary = try #require(LessonBinary.binary)
        #expect(try LessonBinary.run(["init", "course"], in: dir).status == 0)
        let course = dir.appendingPathComponent("course")
        try chown(dir, to: 65_534)
        let path = binary.deletingLastPathComponent().path + ":/usr/bin:/bin"
        func asNobody(_ script: String, _ arguments: [String] = []) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", "nobody", "--", "/usr/bin/env", "PATH=\(path)", "HOME=\(dir.path)", course.path + "/" + script] + arguments
            let log = dir.appendingPathComponent("log-\(UUID().uuidString)")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            process.waitUntilExit()
            try handle.close()
            return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
        }
        let install = try asNobody("ci/install-lesson.sh")
        #expect(install.status == 0 && install.output.contains("LessonRunner"), "\(install.output)")
        for shard in ["1", "2"] {
            let check = try asNobody("ci/check.sh", [shard, "2"])
            #expect(check.status == 0, "\(check.output)")
            #expect(FileManager.default.fileExists(atPath: course.appendingPathComponent("junit-\(shard).xml").path))
        }
        let render = try asNobody("ci/render.sh")
        #expect(render.status == 0, "\(render.output)")
        let owner = try FileManager.default.attributesOfItem(atPath: course.appendingPathComponent("site/index.html").path)[.ownerAccountID] as? Int
        #expect(owner == 65_534)
    }

    /// actionlint (from PyPI; `make setup` installs it), with shellcheck on
    /// the `run:` steps when it is installed too.
    static let actionlint: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { $0 + "/actionlint" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: actionlint != nil))
    func theWorkflowsPassActionlint() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        #expect(try LessonBinary.run(["init", "course"], in: dir).status == 0)
        let workflows = dir.appendingPathComponent("course/.github/workflows")
        let files = try FileManager.default.contentsOfDirectory(atPath: workflows.path).sorted()
        #expect(files == ["check.yml", "publish.yml"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.actionlint))
        process.arguments = files.map { workflows.appendingPathComponent($0).path }
        let log = dir.appendingPathComponent("actionlint.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(output)")
    }

    private func chown(_ url: URL, to user: Int) throws {
        let fm = FileManager.default
        try fm.setAttributes([.ownerAccountID: user], ofItemAtPath: url.path)
        for name in try fm.subpathsOfDirectory(atPath: url.path) {
            try fm.setAttributes([.ownerAccountID: user], ofItemAtPath: url.appendingPathComponent(name).path)
        }
    }
}
