import Foundation
import LessonTestSupport
import Testing

/// Runs the built `lesson` binary on fixture folders and checks its output,
/// files and exit statuses — what a user or CI sees.
@Suite(.serialized) struct LessonCommandTests {
    static let packageRoot = LessonBinary.packageRoot
    static let fixtures = LessonBinary.fixtures
    typealias Result = LessonBinary.Result
    static var binary: URL? { LessonBinary.binary }

    func lesson(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        try LessonBinary.run(arguments, in: directory)
    }

    @Test func checkReportsEveryProblemWithItsLocation() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let mixed = Self.fixtures.appendingPathComponent("mixed").path
        let r = try lesson(["check", mixed, "--cache-dir", dir.path + "/cache"])
        #expect(r.status == 1)
        let bad = mixed + "/bad.md"
        #expect(r.stderr.contains("\(bad):3:15: error: unknown experiment kind 'softmx'; did you mean 'softmax'?"), "\(r.stderr)")
        #expect(r.stderr.contains("\(bad):12:1: error: unknown key 'tempreature' for kind 'softmax'; did you mean 'temperature'?"))
        #expect(r.stderr.contains("\(bad):20:5: error: expectation failed: loss < 0.01"))
        #expect(r.stderr.contains("note: loss = 1.313"))
        #expect(r.stderr.contains("\(bad):30:14: error: inline value `=fine.nope`: unknown value 'fine.nope'"))
        #expect(r.stderr.contains("\(bad):34:15: error: 'logits' must be a finite number, found .inf"))
        #expect(r.stdout.contains("checked 2 lessons, 6 blocks: 2 passed, 4 failed"), "\(r.stdout)")
    }

    @Test func checkPassesAGoodLesson() throws {
        let r = try lesson(["check", Self.fixtures.appendingPathComponent("mixed/good.md").path, "--no-cache"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("checked 1 lesson, 1 block: 1 passed, 0 failed\n"))
        #expect(r.stderr.contains("good.md: 1 block passed"))
    }

    @Test func renderWritesPagesAtomicallyAndDeterministically() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let out = dir.appendingPathComponent("out")
        let mixed = Self.fixtures.appendingPathComponent("mixed").path
        let first = try lesson(["render", mixed, "--out", out.path, "--cache-dir", dir.path + "/cache"])
        #expect(first.status == 1)
        let fm = FileManager.default
        for file in ["index.html", "good.html", "bad.html", "assets/style.css",
                     "assets/katex/katex.min.css", "assets/katex/fonts/KaTeX_Main-Regular.woff2"] {
            #expect(fm.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        let good = try String(contentsOf: out.appendingPathComponent("good.html"), encoding: .utf8)
        #expect(!good.contains("<script>alert"))
        #expect(!good.contains("onclick"))
        // Typeset when written: KaTeX's HTML and MathML, no script.
        #expect(good.contains("<span class=\"math inline\"><span class=\"katex\">"))
        #expect(good.contains("<annotation encoding=\"application/x-tex\">\\frac{a_1}{b_1}</annotation>"))
        #expect(!good.contains("<script src=\"assets/katex"))
        #expect(!fm.fileExists(atPath: out.appendingPathComponent("assets/katex/katex.min.js").path))
        #expect(good.contains("<span class=\"value\" title=\"=sm.loss\">0.417</span>"))
        // Nothing is loaded from outside the page's folder (the SVG namespace is a name, not a load).
        for load in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "url(http", "@import"] {
            #expect(!good.contains(load), "\(load)")
        }
        let bad = try String(contentsOf: out.appendingPathComponent("bad.html"), encoding: .utf8)
        #expect(bad.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!bad.contains("<img src=x"))
        #expect(bad.contains("unknown experiment kind"))
        #expect(bad.contains("figure class=\"experiment passed\" id=\"block-fine\""))
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("href=\"bad.html\"") && index.contains("href=\"good.html\""))
        // No temporary files are left behind.
        let leftovers = try fm.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)

        // Rendering again (from the cache, then forced) gives the same bytes.
        let again = try lesson(["render", mixed, "--out", out.path, "--cache-dir", dir.path + "/cache"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("from cache"))
        #expect(try String(contentsOf: out.appendingPathComponent("good.html"), encoding: .utf8) == good)
        _ = try lesson(["render", mixed, "--out", out.path, "--force", "--no-cache"])
        #expect(try String(contentsOf: out.appendingPathComponent("bad.html"), encoding: .utf8) == bad)
    }

    @Test func unsafeHTMLPassesRawHTMLThrough() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let good = Self.fixtures.appendingPathComponent("mixed/good.md").path
        let r = try lesson(["render", good, "--out", dir.path, "--unsafe-html", "--no-cache"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("good.html"), encoding: .utf8)
        #expect(html.contains("<b onclick=\"x()\">bold</b>"))
    }

    @Test(arguments: [
        ["check", "--bogus"],
        ["check", "/no/such/folder"],
        ["render", "--out", ""],
        ["kinds", "softmx"],
        ["frobnicate"],
    ])
    func usageErrorsExit64(arguments: [String]) throws {
        let r = try lesson(arguments)
        #expect(r.status == 64, "\(arguments): \(r.stderr)")
        #expect(!r.stderr.isEmpty)
    }

    @Test func aFolderWithoutLessonsIsAUsageError() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let r = try lesson(["check", dir.path])
        #expect(r.status == 64)
        #expect(r.stderr.contains("no lessons found in '\(dir.path)'"), "\(r.stderr)")
    }

    /// A file that is not a lesson, named on the command line, is a usage
    /// error naming it and what would be right, before anything runs: it was
    /// read as a lesson and rendered as a page.
    @Test(arguments: [
        (["check", "course.yml"], "error: 'course.yml' is a course's settings, not a lesson (a lesson is a Markdown file whose name ends in .md); to run the course, name its folder ('.'), or no path from inside it"),
        (["render", "notes.txt"], "error: 'notes.txt' is not a lesson: a lesson is a Markdown file whose name ends in .md; name one, or a folder of them"),
        (["preview", "intro.markdown", "--port", "0", "--stop-after", "2"], "error: 'intro.markdown' is not a lesson: a lesson is a Markdown file whose name ends in .md, as a folder's search takes them; rename it 'intro.md'"),
    ])
    func aFileThatIsNotALessonIsAUsageError(arguments: [String], message: String) throws {
        let course = try ScratchCourse(["course.yml": "lessons: [intro.md]\n", "notes.txt": "# Notes\n", "intro.markdown": "# Intro\n", "intro.md": "# Intro\n"])
        defer { course.remove() }
        let dir = course.url
        let r = try lesson(arguments + ["--no-cache"], in: dir)
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("output").path))
    }

    @Test func anUnwritableOutputFolderIsNamedWithItsReason() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let file = dir.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let good = Self.fixtures.appendingPathComponent("mixed/good.md").path
        let r = try lesson(["render", good, "--out", file.path + "/out", "--no-cache"])
        // A usage error, before the lesson runs.
        #expect(r.status == 64)
        #expect(r.stderr.contains("--out '\(file.path)/out' cannot be used: cannot create the folder: '\(file.path)' is a file, not a folder"), "\(r.stderr)")
    }

    @Test func kindsListsKeysTypesDefaultsAndRanges() throws {
        let r = try lesson(["kinds"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("softmax"))
        #expect(r.stdout.contains("temperature: number, default 1, range 0.01 ≤ temperature ≤ 1,000,000"))
        #expect(r.stdout.contains("common keys"))
    }

    @Test func unreadableAndBinaryFilesAreDiagnosticsNotCrashes() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        try Data([0xff, 0xfe, 0x00, 0x41, 0xc3]).write(to: dir.appendingPathComponent("binary.md"))
        try "# Fine\n\n```experiment softmax\nlogits: [1, 2]\nlabel: 1\n```\n".write(
            to: dir.appendingPathComponent("fine.md"), atomically: true, encoding: .utf8)
        let r = try lesson(["check", dir.path, "--no-cache"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("binary.md:"))
        #expect(r.stdout.contains("checked 2 lessons, 1 block: 1 passed, 0 failed"), "\(r.stdout)")
    }

    /// Found by hand: a looping link was "no such lesson file or folder" (a
    /// usage error, 64), and a folder named `x.md` failed as "is a directory".
    @Test func hostileFoldersGiveDiagnostics() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("loop.md").path, withDestinationPath: "loop.md")
        try fm.createDirectory(at: dir.appendingPathComponent("x.md/sub"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("x.md/sub/up").path, withDestinationPath: "../..")
        try Data().write(to: dir.appendingPathComponent("x.md/empty.md"))
        try Data([0xEF, 0xBB, 0xBF]).write(to: dir.appendingPathComponent("bom ünï 📚.md"))

        let linked = try lesson(["check", dir.appendingPathComponent("loop.md").path, "--no-cache"])
        #expect(linked.status == 1)
        #expect(linked.stderr.contains("loop.md:1:1: error: failed to read lesson"))
        #expect(linked.stderr.contains("symbolic link loop (links to 'loop.md')"))

        let all = try lesson(["check", dir.path, "--no-cache"])
        #expect(all.status == 1)
        #expect(all.stdout.contains("checked 3 lessons, 0 blocks: 0 passed, 0 failed"), "\(all.stdout)")
        #expect(!all.stderr.contains("is a directory"))

        let out = dir.appendingPathComponent("out").path
        let rendered = try lesson(["render", dir.appendingPathComponent("x.md").path, dir.appendingPathComponent("bom ünï 📚.md").path,
                                   "--out", out, "--no-cache"])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(fm.fileExists(atPath: out + "/bom ünï 📚.html") && fm.fileExists(atPath: out + "/empty.html"))
    }
}
