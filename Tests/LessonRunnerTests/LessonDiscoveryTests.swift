import Foundation
import LessonTestSupport
import Testing
@testable import LessonRunner
import LessonSupport

/// Finding lessons in folders that contain odd things.
@Suite struct LessonDiscoveryTests {
    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Found by hand: a folder named `x.md` was listed as a lesson and failed
    /// with "is a directory"; it is a folder, whose lessons are found inside.
    @Test func aFolderNamedLikeALessonIsSearchedNotLoaded() throws {
        let scratch = try ScratchFolder("discovery")
        defer { scratch.remove() }
        let root = scratch.path
        try write("# A\n", to: root + "/a.md")
        try write("# Inner\n", to: root + "/x.md/inner.md")
        try FileManager.default.createDirectory(atPath: root + "/empty.md", withIntermediateDirectories: true)
        #expect(try LessonDiscovery.lessons(in: [root]) == [root + "/a.md", root + "/x.md/inner.md"])
    }

    /// A name that is not UTF-8 (a folder's, a lesson's) is an error at the
    /// place that holds it, not a name decoded with � that names nothing:
    /// the folder's lessons are not left out without a word, and the lesson
    /// is not loaded as a link that leads nowhere.
    @Test func aNameThatIsNotUTF8IsAnError() throws {
        let scratch = try ScratchFolder("discovery")
        defer { scratch.remove() }
        let root = scratch.path
        try write("# A\n", to: root + "/a.md")
        let latin1Folder = Array((root + "/caf").utf8) + [0xE9]
        let latin1Lesson = Array((root + "/b").utf8) + [0xE9] + Array(".md".utf8)
        let latin1Data = Array((root + "/d").utf8) + [0xE9] + Array(".csv".utf8)
        #expect(mkdir(latin1Folder.map { CChar(bitPattern: $0) } + [0], 0o755) == 0)
        for file in [latin1Lesson, latin1Data, latin1Folder + Array("/c.md".utf8)] {
            let descriptor = open(file.map { CChar(bitPattern: $0) } + [0], O_CREAT | O_WRONLY, 0o644)
            #expect(descriptor >= 0)
            close(descriptor)
        }
        let found = try LessonDiscovery.find(in: [root])
        #expect(found.lessons == [root + "/a.md"])
        #expect(found.undecodable.map(\.message) == [
            "cannot read '\(root)/b\u{FFFD}.md': its name is not UTF-8 (shown with �), so no lesson in it is run; rename it",
            "cannot read '\(root)/caf\u{FFFD}': its name is not UTF-8 (shown with �), so no lesson in it is run; rename it",
        ])
        #expect(found.undecodable.allSatisfy { $0.severity == .error })
    }

    /// Found by the `names` fuzzer: in `"\u{6DD}.md"` the prepending mark and
    /// the dot are one character, so a character-wise `hasSuffix(".md")` was
    /// false and the lesson was skipped without a word.
    @Test func aLessonWhoseNameEndsInAPrependingMarkIsFound() throws {
        let scratch = try ScratchFolder("discovery")
        defer { scratch.remove() }
        let root = scratch.path
        try write("# A\n", to: root + "/\u{6DD}.md")
        try write("# B\n", to: root + "/B.MD")
        #expect(try LessonDiscovery.lessons(in: [root]).sorted() == [root + "/B.MD", root + "/\u{6DD}.md"].sorted())
    }

    /// Found by hand: `f.md -> /etc/passwd` in a lesson folder was read as a
    /// lesson, so its page would publish the file.
    @Test func linksOutOfTheFolderAreSkippedWithAWarning() throws {
        let scratch = try ScratchFolder("discovery")
        defer { scratch.remove() }
        let root = scratch.path
        try write("# A\n", to: root + "/lessons/a.md")
        try write("# Secret\n", to: root + "/secret.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/lessons/leak.md", withDestinationPath: root + "/secret.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/lessons/alias.md", withDestinationPath: "a.md")
        let found = try LessonDiscovery.find(in: [root + "/lessons"])
        #expect(found.lessons == [root + "/lessons/a.md", root + "/lessons/alias.md"])
        #expect(found.skipped.map(\.path) == [root + "/lessons/leak.md"])
        #expect(found.skipped.first?.description.contains("outside the folder") == true)
        // Named on the command line, the same link is the author's choice.
        #expect(try LessonDiscovery.lessons(in: [root + "/lessons/leak.md"]) == [root + "/lessons/leak.md"])
    }

    @Test func symbolicLinkLoopsEndAndAreReported() throws {
        let scratch = try ScratchFolder("discovery")
        defer { scratch.remove() }
        let root = scratch.path
        try write("# A\n", to: root + "/a.md")
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/sub/up", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: root + "/sub/up.md", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: root + "/loop.md", withDestinationPath: "loop.md")
        let found = try LessonDiscovery.lessons(in: [root])
        #expect(found == [root + "/a.md", root + "/loop.md"])

        // Named directly, a looping link is still a lesson path whose loading fails clearly.
        #expect(try LessonDiscovery.lessons(in: [root + "/loop.md"]) == [root + "/loop.md"])
        let executed = Pipeline(executor: Executor(cache: nil)).run(path: root + "/loop.md")
        #expect(executed.diagnostics.map(\.message) == ["failed to read lesson \(root)/loop.md: symbolic link loop (links to 'loop.md')"])
        #expect(executed.diagnostics.first?.location?.line == 1)
    }

    /// Found by a new user's course: `lessons/loop -> ../lessons` was not
    /// recognised as the folder already searched, so every lesson was
    /// found once per level down to the path limit (41 times) and ran as
    /// as many pages.
    @Test func aLinkToItsOwnFolderByNameIsSearchedOnce() throws {
        let scratch = try ScratchFolder("discovery")
        defer { scratch.remove() }
        let root = scratch.path
        try write("# A\n", to: root + "/lessons/a.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/lessons/loop", withDestinationPath: "../lessons")
        try FileManager.default.createSymbolicLink(atPath: root + "/lessons/sub", withDestinationPath: "../lessons/inner")
        try FileManager.default.createSymbolicLink(atPath: root + "/lessons/aaa", withDestinationPath: "inner")
        try write("# B\n", to: root + "/lessons/inner/b.md")
        let found = try LessonDiscovery.find(in: [root + "/lessons"])
        // Published under the folder's own path, not a link's: which of
        // `inner`, `aaa` and `sub` came first depended on the order the
        // file system listed them in (and `sub` comes last in name order).
        #expect(found.lessons == [root + "/lessons/a.md", root + "/lessons/inner/b.md"], "\(found.lessons.prefix(4))")
        #expect(found.skipped.isEmpty && found.tooDeep.isEmpty)
    }

    /// A file or folder whose real path `realpath` cannot tell is a warning
    /// at it, and is not read: no other resolver decides, since Foundation's
    /// leaves a relative link as it is (see above), and `far.md -> ../secret.md`
    /// would seem inside the folder and be published.
    @Test func aLinkRealpathCannotResolveIsSkippedWithAWarning() throws {
        let scratch = try ScratchFolder("discovery")
        defer { scratch.remove() }
        let root = scratch.path
        try write("# A\n", to: root + "/lessons/a.md")
        try write("# Secret\n", to: root + "/secret.md")
        try write("# Secret too\n", to: root + "/outside/b.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/lessons/far.md", withDestinationPath: "../secret.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/lessons/far", withDestinationPath: "../outside")
        // As `realpath` fails when a folder on the way cannot be searched.
        let failing: (String) -> String? = { path in
            guard !path.hasSuffix("/far.md") && !path.hasSuffix("/far") else {
                errno = EACCES
                return nil
            }
            return Confinement.realPath(path)
        }
        let found = try LessonDiscovery.find(in: [root + "/lessons"], realPath: failing)
        #expect(found.lessons == [root + "/lessons/a.md"])
        #expect(found.skipped.isEmpty)
        #expect(found.unresolved.map { $0.location?.path } == [root + "/lessons/far", root + "/lessons/far.md"])
        #expect(found.unresolved.allSatisfy { $0.code == .skippedLink && $0.severity == .warning })
        #expect(found.unresolved.first?.message == "skipped: the real path of '\(root)/lessons/far' cannot be resolved (permission denied), so it may lead outside the folder; it is not read")
    }

    /// Found by a new user's course, with the loop above: a link written
    /// relative (`lessons/s.md -> ../secret.md`, `lessons/out -> ../outside`)
    /// was not resolved either, so the file it leads to outside the folder
    /// was taken for a lesson inside it and published; only a link to an
    /// absolute path was skipped.
    @Test func aRelativeLinkOutOfTheFolderIsSkipped() throws {
        let scratch = try ScratchFolder("discovery")
        defer { scratch.remove() }
        let root = scratch.path
        try write("# A\n", to: root + "/lessons/a.md")
        try write("# Secret\n", to: root + "/secret.md")
        try write("# Secret too\n", to: root + "/outside/b.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/lessons/s.md", withDestinationPath: "../secret.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/lessons/out", withDestinationPath: "../outside")
        let found = try LessonDiscovery.find(in: [root + "/lessons"])
        #expect(found.lessons == [root + "/lessons/a.md"])
        #expect(found.skipped.map(\.path) == [root + "/lessons/out", root + "/lessons/s.md"])
    }

    @Test func namesWithSpacesAndUnicode() throws {
        let scratch = try ScratchFolder("discovery")
        defer { scratch.remove() }
        let root = scratch.path
        let path = root + "/with space ünï 📚.md"
        try write("# S\n\n```experiment softmax\nlogits: [1, 2]\nlabel: 1\n```\n", to: path)
        #expect(try LessonDiscovery.lessons(in: [root]) == [path])
        let executed = Pipeline(executor: Executor(cache: nil)).run(path: path)
        #expect(executed.passed)
        #expect(executed.blocks.first?.planned.block.location.path == path)
    }

    @Test func aMissingPathIsAnError() {
        #expect(throws: LessonDiscovery.Missing.self) { try LessonDiscovery.lessons(in: ["/nonexistent/lessons"]) }
    }

    /// Found by a new user: `lesson check course.yml` (or `render notes.txt`)
    /// read the file as a lesson; a file named on its own is a lesson only by
    /// the name a folder's search takes (`.md`, so not `.markdown` either).
    @Test func aNamedFileThatIsNotMarkdownIsNotALesson() throws {
        let scratch = try ScratchFolder("discovery")
        defer { scratch.remove() }
        let root = scratch.path
        for name in ["course.yml", "notes.txt", "intro.markdown", "README"] {
            try write("# A\n", to: root + "/" + name)
            #expect(throws: LessonDiscovery.NotALesson.self) { try LessonDiscovery.lessons(in: [root + "/" + name]) }
        }
        try write("# B\n", to: root + "/b.MD")
        #expect(try LessonDiscovery.lessons(in: [root + "/b.MD"]) == [root + "/b.MD"])
        #expect(try LessonDiscovery.lessons(in: [root]) == [root + "/b.MD"])
        let settings = LessonDiscovery.NotALesson(path: "c/course.yml").description
        #expect(settings.contains("course's settings") && settings.contains("name its folder ('c')"), "\(settings)")
        #expect(LessonDiscovery.NotALesson(path: "intro.markdown").description.hasSuffix("rename it 'intro.md'"))
    }

    /// Issue 21: a lesson nested past the path limit was skipped in silence
    /// (the enumerator cannot open the folder); it is an error at the place.
    @Test func aLessonNestedPastThePathLimitIsAnError() throws {
        let scratch = try ScratchFolder("discovery")
        // Removed through folder descriptors: no path reaches its deepest folders.
        defer { Self.removeDeep(scratch.path) }
        let root = scratch.path
        try write("# A\n", to: root + "/lessons/a.md")
        // Made from folder descriptors: no path this deep can be opened.
        let name = String(repeating: "d", count: 250)
        var fd = open(root + "/lessons", O_RDONLY | O_DIRECTORY)
        var depth = 0
        while (root + "/lessons").utf8.count + depth * (name.utf8.count + 1) <= LessonDiscovery.pathLimit {
            #expect(mkdirat(fd, name, 0o755) == 0)
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
            depth += 1
        }
        let file = openat(fd, "deep.md", O_CREAT | O_WRONLY, 0o644)
        #expect(file >= 0)
        close(file)
        close(fd)
        let found = try LessonDiscovery.find(in: [root + "/lessons"])
        #expect(found.lessons == [root + "/lessons/a.md"])
        #expect(found.tooDeep.count == 1, "\(found.tooDeep)")
        let problem = try #require(found.tooDeep.first)
        #expect(problem.code == .pathTooLong && problem.severity == .error)
        #expect(problem.location?.path.hasPrefix(root + "/lessons/" + name) == true)
        #expect((problem.location?.path.utf8.count ?? 0) > LessonDiscovery.pathLimit)
        #expect(problem.message.contains("nested past the system's path limit"), "\(problem.message)")
    }

    /// Removes a tree through folder descriptors (FileManager cannot reach its bottom).
    static func removeDeep(_ path: String) {
        func clear(_ fd: Int32) {
            guard let dir = fdopendir(dup(fd)) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                if unlinkat(fd, name, 0) != 0 {
                    let child = openat(fd, name, O_RDONLY | O_DIRECTORY)
                    if child >= 0 { clear(child); close(child) }
                    unlinkat(fd, name, AT_REMOVEDIR)
                }
            }
        }
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        clear(fd)
        close(fd)
        rmdir(path)
    }
}
