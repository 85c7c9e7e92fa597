import Foundation
import LessonTestSupport
import Testing

/// A course folder as a pull request can make it (issue 21): symbolic links
/// in and out, a planted output folder, hostile file names. Each test fails
/// on the main branch before the issue.
@Suite(.serialized) struct HostileCourseTests {
    func course(_ files: [String: String]) throws -> URL {
        let url = try LessonBinary.temporaryDirectory()
        try LessonBinary.write(files, into: url)
        return url
    }

    func text(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

    /// Found by a new user's course: a folder of lessons the user may not
    /// list (`chmod 000 lessons/closed`) was passed over in silence, and
    /// its lessons went missing from a run that passed. It is an error at
    /// the folder, the other lessons still run, and the run fails. Run as
    /// `nobody` when the tests run as root, who may list any folder.
    @Test(.enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")))
    func aFolderThatCannotBeListedIsAnError() throws {
        let lesson = "# A\n\n```experiment softmax\nid: a\nlogits: [1, 2]\nlabel: 0\n```\n"
        let dir = try course(["lessons/a.md": lesson, "lessons/closed/c.md": lesson, "lessons/data/points.csv": "x\n1\n"])
        defer {
            chmod(dir.appendingPathComponent("lessons/closed").path, 0o755)
            chmod(dir.appendingPathComponent("lessons/data").path, 0o755)
            try? FileManager.default.removeItem(at: dir)
        }
        #expect(chmod(dir.appendingPathComponent("lessons/closed").path, 0) == 0)
        // A data folder is searched for lessons too: one that cannot be
        // listed is an error as well, not a warning.
        #expect(chmod(dir.appendingPathComponent("lessons/data").path, 0) == 0)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        #expect(chmod(dir.appendingPathComponent("out").path, 0o777) == 0)
        let binary = try #require(LessonBinary.binary)
        func run(_ arguments: [String]) throws -> LessonBinary.Result {
            getuid() != 0
                ? try LessonBinary.run(arguments, in: dir)
                : try LessonBinary.run(["-u", "nobody", "--", binary.path] + arguments, in: dir, executable: URL(fileURLWithPath: "/usr/sbin/runuser"))
        }
        let r = try run(["check", "lessons", "--no-cache"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("lessons/closed:1:1: error: cannot read the folder 'lessons/closed': permission denied; the lessons in it are not run"), "\(r.stderr)")
        #expect(r.stderr.contains("lessons/data:1:1: error: cannot read the folder 'lessons/data': permission denied; the lessons in it are not run"), "\(r.stderr)")
        #expect(r.stdout.contains("checked 1 lesson, 1 block: 1 passed"), "\(r.stdout)")
        #expect(r.stdout.contains("0 of 0 expectations held; 2 errors outside blocks"), "\(r.stdout)")
        // render fails the same way, and its summary says why: the errors outside blocks.
        let render = try run(["render", "lessons", "--out", "out", "--no-cache"])
        #expect(render.status == 1, "\(render.stdout)\(render.stderr)")
        #expect(render.stdout.contains("rendered 1 lesson into out/ (1 of 1 block passed); 2 errors outside blocks"), "\(render.stdout)")
    }

    /// High 1: `img/env.png -> /proc/self/environ` published the CI's environment.
    @Test func anImageLinkedOutOfTheLessonFolderIsALocatedErrorAndNotCopied() throws {
        let course = try ScratchCourse(["lessons/a.md": "# A\n\n![env](img/env.png)\n"], label: "course")
        defer { course.remove() }
        let dir = course.url
        let outside = dir.appendingPathComponent("secret.txt")
        try "TOKEN=hunter2".write(to: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("lessons/img"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("lessons/img/env.png").path, withDestinationPath: outside.path)
        let r = try LessonBinary.run(["render", "lessons", "--out", "out", "--no-cache"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("lessons/a.md:3:1: error: image 'img/env.png' leads outside the lesson's folder"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/img/env.png").path))
        #expect(text(dir.appendingPathComponent("out/index.html")) != nil)
    }

    /// High 2: a link planted in the committed output folder carried writes out of it.
    @Test func nothingIsWrittenThroughALinkInTheOutputFolder() throws {
        let course = try ScratchCourse(["lessons/a.md": "# A\n\n![ok](img/ok.png)\n", "lessons/img/ok.png": "png"], label: "course")
        defer { course.remove() }
        let dir = course.url
        let elsewhere = dir.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere.appendingPathComponent("katex"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("out/img").path, withDestinationPath: elsewhere.path)
        let r = try LessonBinary.run(["render", "lessons", "--out", "out", "--no-cache"], in: dir)
        // An error at the image's place naming the link, not a warning: the render fails.
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("lessons/a.md:3:1: error: image 'img/ok.png' not copied: cannot write 'out/img/ok.png': goes through the symbolic link 'out/img'; outputs are never written through links (delete the link) [refused-output]"), "\(r.stderr)")
        #expect(!r.stderr.contains("warning: lessons/a.md:3:1"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["katex"])
        // The rest of the render is written.
        #expect(text(dir.appendingPathComponent("out/a.html")) != nil)
        #expect(text(dir.appendingPathComponent("out/index.html")) != nil)
        // A page planted as a link: its lesson's error names it; nothing is written through it.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("out/img"))
        let target = dir.appendingPathComponent("target.html")
        try "mine".write(to: target, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("out/a.html"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("out/a.html").path, withDestinationPath: target.path)
        let page = try LessonBinary.run(["render", "lessons", "--out", "out", "--no-cache", "--format", "github"], in: dir)
        #expect(page.status == 1, "\(page.stderr)")
        #expect(page.stderr.contains("lessons/a.md:1:1: error: the lesson's page is not written: cannot write 'out/a.html': goes through the symbolic link 'out/a.html'"), "\(page.stderr)")
        // With its code, and as an annotation, as every other problem is (it was a plain line).
        #expect(page.stderr.contains("(delete the link) [refused-output]"), "\(page.stderr)")
        #expect(page.stdout.contains("::error file=lessons/a.md,line=1,col=1,title=refused-output::the lesson's page is not written"), "\(page.stdout)")
        #expect(text(target) == "mine")
        #expect(text(dir.appendingPathComponent("out/img/ok.png")) == "png")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("out/a.html"))
        // A linked assets folder stops the render before anything goes there.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("out/img"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("out/assets"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("out/assets").path, withDestinationPath: elsewhere.path)
        let again = try LessonBinary.run(["render", "lessons", "--out", "out", "--no-cache"], in: dir)
        #expect(again.status == 1)
        #expect(again.stderr.contains("error: cannot write 'out/assets/style.css': goes through the symbolic link 'out/assets'; outputs are never written through links (delete the link)"), "\(again.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["katex"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.appendingPathComponent("katex").path).isEmpty)
    }

    /// Images from the course's shared folders (`data:` in course.yml) are
    /// shown, and confined like a lesson's own: inside the shared folder
    /// after links, and the shared folder inside the course.
    @Test func sharedFolderImagesAreShownAndConfinedAfterLinks() throws {
        let scratch = try ScratchCourse(["course.yml": "data: [shared, linked]\n",
                                         "lessons/ch/a.md": "# A\n\n![logo](logo.png)\n\n![env](env.png)\n\n![far](far.png)\n\n![none](none.png)\n",
                                         "shared/logo.png": "logo", "secret/far.png": "TOKEN=hunter2", "secret/env.txt": "TOKEN=hunter2"], label: "course")
        defer { scratch.remove() }
        let dir = scratch.url
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("shared/env.png").path,
                                                   withDestinationPath: dir.appendingPathComponent("secret/env.txt").path)
        // A shared folder that is itself a link out of the course.
        let course = dir.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
        for name in ["course.yml", "lessons", "shared"] {
            try FileManager.default.moveItem(at: dir.appendingPathComponent(name), to: course.appendingPathComponent(name))
        }
        try FileManager.default.createSymbolicLink(atPath: course.appendingPathComponent("linked").path,
                                                   withDestinationPath: dir.appendingPathComponent("secret").path)
        let r = try LessonBinary.run(["render", "--out", "out", "--no-cache"], in: course)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(text(course.appendingPathComponent("out/logo.png")) == "logo", "\(r.stderr)")
        #expect(!r.stderr.contains("lessons/ch/a.md:3:1"), "\(r.stderr)")
        #expect(r.stderr.contains("lessons/ch/a.md:5:1: error: image 'env.png' leads outside the course's shared folder 'shared' through a symbolic link"), "\(r.stderr)")
        #expect(r.stderr.contains("lessons/ch/a.md:7:1: error: image 'far.png' is in the course's shared folder 'linked', which leads outside the course's folder"), "\(r.stderr)")
        #expect(r.stderr.contains("lessons/ch/a.md:9:1: error: image 'none.png' not found: no file lessons/ch/none.png, nor in the course's shared folders ('shared', 'linked')"), "\(r.stderr)")
        for name in ["env.png", "far.png"] {
            #expect(!FileManager.default.fileExists(atPath: course.appendingPathComponent("out/" + name).path))
        }
        let page = try #require(text(course.appendingPathComponent("out/a.html")))
        #expect(!page.contains("hunter2"))
        #expect(page.contains("src=\"logo.png\""), "\(page)")
    }

    /// Lows: a malformed `[@…]` or `{#…}` was left as text in silence, and a
    /// lesson nested past the path limit was skipped in silence (check passed).
    @Test func malformedIdsAndLessonsTooDeepToReadAreLocatedErrors() throws {
        let dir = try course(["lessons/a.md": "# A\n\nSee [@fig loss].\n\n![Loss](img/l.png){#fig:my loss}\n", "lessons/img/l.png": "png",
                              "deep/b.md": "# B\n\nText.\n"])
        defer { _ = try? Process.run(URL(fileURLWithPath: "/bin/rm"), arguments: ["-rf", dir.path]).waitUntilExit() }
        let r = try LessonBinary.run(["check", "lessons", "--no-cache"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("lessons/a.md:3:5: error: '[@fig loss]' is not a cross-reference: an id has no spaces (write '-' between words); write [@fig:id], [@tbl:id], [@sec:anchor], a block's id or a citation key [malformed-id]"), "\(r.stderr)")
        #expect(r.stderr.contains("lessons/a.md:5:19: error: '{#fig:my loss}' is not an id: an id has no spaces"), "\(r.stderr)")
        // A lesson in a folder whose path is longer than the system allows.
        let name = String(repeating: "d", count: 250)
        var fd = open(dir.appendingPathComponent("deep").path, O_RDONLY | O_DIRECTORY)
        var length = "deep".utf8.count
        while length <= 4095 {
            #expect(mkdirat(fd, name, 0o755) == 0)
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
            length += name.utf8.count + 1
        }
        let file = openat(fd, "hidden.md", O_CREAT | O_WRONLY, 0o644)
        close(file)
        close(fd)
        let deep = try LessonBinary.run(["check", "deep", "--no-cache"], in: dir)
        #expect(deep.status == 1, "\(deep.stderr)")
        #expect(deep.stderr.contains("is nested past the system's path limit"), "\(deep.stderr)")
        #expect(deep.stderr.contains("the lessons under it cannot be read; move them into a shallower folder [path-too-long]"), "\(deep.stderr)")
        let explain = try LessonBinary.run(["explain", "malformed-id", "path-too-long"], in: dir)
        #expect(explain.status == 0 && explain.stdout.contains("malformed-id: ") && explain.stdout.contains("path-too-long: "), "\(explain.stdout)")
    }

    /// High 3: an image named `lessons.json` replaced the manifest, and a
    /// planted manifest's summary ran script in `index.html`.
    @Test func theManifestIsNeitherAnImageTargetNorTrustedHTML() throws {
        let course = try ScratchCourse(["lessons/a.md": "# A\n\nFirst paragraph.\n\n![m](lessons.json)\n",
                                        "lessons/lessons.json": "{\"version\":1,\"lessons\":[]}"], label: "course")
        defer { course.remove() }
        let dir = course.url
        let r = try LessonBinary.run(["render", "lessons", "--out", "out", "--no-cache"], in: dir)
        #expect(r.stderr.contains("lessons/a.md:5:1: error: image 'lessons.json' is not named as an image"), "\(r.stderr)")
        let manifest = try #require(text(dir.appendingPathComponent("out/lessons.json")))
        #expect(manifest.contains("\"href\" : \"a.html\""), "\(manifest)")
        // A planted entry for a page that exists, with script in its summary.
        try "<p>old</p>".write(to: dir.appendingPathComponent("out/b.html"), atomically: true, encoding: .utf8)
        let planted = manifest.replacingOccurrences(of: "\"lessons\" : [", with: """
            "lessons" : [{"source": "gone/b.md", "entry": {"title": "B", "href": "b.html", "blocks": 0, "failedBlocks": 0, "errors": 0,
            "summary": "<img src=x onerror=alert(1)>Planted", "expectationsNotMet": 0}},
            """)
        try planted.write(to: dir.appendingPathComponent("out/lessons.json"), atomically: true, encoding: .utf8)
        _ = try LessonBinary.run(["render", "lessons/a.md", "--out", "out", "--no-cache"], in: dir)
        let index = try #require(text(dir.appendingPathComponent("out/index.html")))
        #expect(index.contains("Planted"))
        #expect(!index.contains("onerror"))
    }

    /// High 4: `javascript:alert(1).md` became a search result's `href`.
    @Test func aLessonNameNeverBecomesAURLScheme() throws {
        let course = try ScratchCourse(["lessons/javascript:alert(1).md": "# Evil\n\nText.\n", "lessons/a#b?c%d.md": "# Odd\n\nText.\n"], label: "course")
        defer { course.remove() }
        let dir = course.url
        let r = try LessonBinary.run(["render", "lessons", "--out", "out", "--no-cache"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let search = try #require(text(dir.appendingPathComponent("out/assets/search-index.js")))
        #expect(!search.contains("javascript:"))
        #expect(search.contains("\"p\":\"javascript%3Aalert(1).html\""), "\(search)")
        #expect(search.contains("\"p\":\"a%23b%3Fc%25d.html\""), "\(search)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
        #expect(pages.filter { $0.hasSuffix(".html") }.sorted() == ["a#b?c%d.html", "index.html", "javascript:alert(1).html"])
        let index = try #require(text(dir.appendingPathComponent("out/index.html")))
        #expect(index.contains("href=\"javascript%3Aalert(1).html\""))
    }

    /// Medium 5: an image under a folder named `index.html/` (or an image
    /// named `assets`) aborted every render into the folder.
    @Test func aBadImagePathIsALocatedErrorAndTheRenderGoesOn() throws {
        let course = try ScratchCourse(["lessons/a.md": "# A\n\n![x](index.html/x.png)\n\n![y](y.html/y.png)\n\n![z](assets)\n",
                                        "lessons/index.html/x.png": "png", "lessons/y.html/y.png": "png", "lessons/assets": "png",
                                        "lessons/b.md": "# B\n\nText.\n"], label: "course")
        defer { course.remove() }
        let dir = course.url
        let r = try LessonBinary.run(["render", "lessons", "--out", "out", "--no-cache"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("lessons/a.md:3:1: error: image 'index.html/x.png' is inside a folder named like a page"), "\(r.stderr)")
        #expect(r.stderr.contains("lessons/a.md:5:1: error: image 'y.html/y.png' is inside a folder named like a page"))
        #expect(r.stderr.contains("lessons/a.md:7:1: error: image 'assets' is not named as an image"))
        #expect(text(dir.appendingPathComponent("out/index.html"))?.contains("b.html") == true)
        let second = try LessonBinary.run(["render", "lessons", "--out", "out", "--no-cache"], in: dir)
        #expect(second.stdout.contains("rendered 2 lessons"), "\(second.stderr)")
    }

    /// Medium 6: a 235-character lesson name passed `check` and aborted `render`.
    @Test func aLongLessonNameGetsAPageAndAnIndex() throws {
        let name = String(repeating: "long-name-", count: 23) + "abcde"
        let course = try ScratchCourse(["lessons/\(name).md": "# Long\n\nText.\n"], label: "course")
        defer { course.remove() }
        let dir = course.url
        let r = try LessonBinary.run(["render", "lessons", "--out", "out", "--no-cache"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).filter { $0.hasSuffix(".html") }
        #expect(pages.count == 2)
        #expect(pages.allSatisfy { $0.utf8.count <= 130 }, "\(pages)")
    }

    /// Medium 7: `--out` the lessons' folder overwrote the author's files.
    @Test func theOutputFolderMayNotHoldTheLessons() throws {
        let course = try ScratchCourse(["lessons/a.md": "# A\n\nText.\n", "lessons/index.html": "mine"], label: "course")
        defer { course.remove() }
        let dir = course.url
        for out in ["lessons", "."] {
            let r = try LessonBinary.run(["render", "lessons", "--out", out, "--no-cache"], in: dir)
            // A usage error before anything runs or is written.
            #expect(r.status == 64)
            #expect(r.stderr.contains("--out '\(out)' holds the lesson 'lessons/a.md'"), "\(r.stderr)")
        }
        #expect(text(dir.appendingPathComponent("lessons/index.html")) == "mine")
    }

    /// Medium 8: `--junit` failed silently, and replaced a link or device.
    @Test func junitIsARegularFileOrALoudError() throws {
        let course = try ScratchCourse(["a.md": "# A\n\nText.\n", "target.xml": "keep"], label: "course")
        defer { course.remove() }
        let dir = course.url
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.xml").path, withDestinationPath: "target.xml")
        let linked = try LessonBinary.run(["check", "a.md", "--no-cache", "--junit", "link.xml"], in: dir)
        #expect(linked.status == 1)
        #expect(linked.stderr.contains("is a symbolic link"), "\(linked.stderr)")
        #expect(text(dir.appendingPathComponent("target.xml")) == "keep")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("link.xml").path)) == "target.xml")
        let device = try LessonBinary.run(["check", "a.md", "--no-cache", "--junit", "/dev/null"], in: dir)
        #expect(device.status == 1)
        #expect(device.stderr.contains("not a regular file"), "\(device.stderr)")
        let unwritable = try LessonBinary.run(["check", "a.md", "--no-cache", "--junit", "target.xml/j.xml"], in: dir)
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.contains("cannot"), "\(unwritable.stderr)")
    }

    /// Medium 9 and the low on escape codes: a newline in lesson text
    /// started a line `::stop-commands::…` in the log.
    @Test func lessonTextNeverStartsAWorkflowCommand() throws {
        let course = try ScratchCourse(["a.md": """
        # A

        ```experiment softmax
        id: "x\\n::stop-commands::pwned\\n::add-mask::\\u001b[2J"
        logits: [1, 2]
        ```

        """], label: "course")
        defer { course.remove() }
        let dir = course.url
        for format in ["text", "github"] {
            let r = try LessonBinary.run(["check", "a.md", "--no-cache", "--format", format], in: dir)
            #expect(r.status == 1)
            for line in (r.stdout + "\n" + r.stderr).split(separator: "\n") where line.drop(while: \.isWhitespace).hasPrefix("::") {
                #expect(line.hasPrefix("::error file=a.md,line=") || line.hasPrefix("::warning file=a.md,line="), "\(line)")
            }
            #expect(!r.stderr.contains("\u{1B}"))
            #expect(r.stderr.contains("\\n::stop-commands::pwned"), "\(r.stderr)")
        }
    }

    /// Medium 2: `vectorization` ran 39 s past a 1 s limit and passed.
    @Test func vectorizationStopsAtTheBlockTimeLimit() throws {
        let course = try ScratchCourse(["v.md": """
        # V

        ```experiment vectorization
        id: v
        run: [cache]
        repeats: 9
        ```

        """], label: "course")
        defer { course.remove() }
        let dir = course.url
        let r = try LessonBinary.run(["check", "v.md", "--no-cache", "--block-time-limit", "0"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("experiment 'v' was stopped after 0 s, the time limit set with --block-time-limit 0"), "\(r.stderr)")
    }
}

extension HostileCourseTests {
    /// A link planted at `output/csv` stops a block's data file, and so its
    /// page; the error says it was the data file, not the page itself.
    @Test func aLinkedDataFolderNamesTheDataFileItStopped() throws {
        let course = try ScratchCourse(["lessons/a.md": "# A\n\n```experiment softmax\nid: sm\nlogits: [1, 2]\nlabel: 1\n```\n"], label: "course")
        defer { course.remove() }
        let dir = course.url
        let elsewhere = dir.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("out/csv").path, withDestinationPath: elsewhere.path)
        let r = try LessonBinary.run(["render", "lessons", "--out", "out", "--no-cache"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("lessons/a.md:1:1: error: the data file 'csv/a/"), "\(r.stderr)")
        #expect(r.stderr.contains("and so the lesson's page, is not written: cannot write 'out/csv/a/"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }
}
