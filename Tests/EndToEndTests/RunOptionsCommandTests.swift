import Foundation
import LessonTestSupport
import Testing

/// Options that change what a run means: strictness, the help of each
/// command, the progress lines.
@Suite struct RunOptionsCommandTests {
    /// A warning passes by default and fails with --warnings-as-errors (or
    /// `warnings_as_errors: true` in course.yml).
    @Test func warningsAsErrors() throws {
        let course = try ScratchCourse(["lessons/a.md": "---\ncolour: blue\n---\n# A\n\nText.\n"])
        defer { course.remove() }
        let dir = course.url
        let plain = try LessonBinary.run(["check", "--no-cache"], in: dir)
        #expect(plain.status == 0 && plain.stderr.contains("a.md:2:1: warning:"), "\(plain.stderr)")
        let strict = try LessonBinary.run(["check", "--no-cache", "--warnings-as-errors"], in: dir)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: 1 warning fails the run (--warnings-as-errors"), "\(strict.stderr)")
        try LessonBinary.write(["course.yml": "warnings_as_errors: true\n"], into: dir)
        #expect(try LessonBinary.run(["check", "--no-cache"], in: dir).status == 1)
    }

    /// The search's warnings count too: a lesson skipped as a link out of
    /// its folder must not pass a strict run that never ran it.
    @Test func aSkippedLinkFailsAStrictRun() throws {
        let course = try ScratchCourse(["lessons/a.md": "# A\n\nText.\n", "elsewhere/b.md": "# B\n\nText.\n"])
        defer { course.remove() }
        let dir = course.url
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("lessons/b.md").path,
                                                   withDestinationPath: dir.appendingPathComponent("elsewhere/b.md").path)
        let plain = try LessonBinary.run(["check", "--no-cache"], in: dir)
        #expect(plain.status == 0 && plain.stderr.contains("lessons/b.md:1:1: warning: skipped: a symbolic link"), "\(plain.stderr)")
        let strict = try LessonBinary.run(["check", "--no-cache", "--warnings-as-errors"], in: dir)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: 1 warning fails the run (--warnings-as-errors"), "\(strict.stderr)")
    }

    /// The run's warnings from every place at once — the course's settings,
    /// the search for lessons, a lesson — are one count: each is printed in
    /// the format asked for, and each fails a strict run.
    @Test func everyWarningOfTheRunCountsOnce() throws {
        let course = try ScratchCourse(["course.yml": "language: fr\n", "lessons/a.md": "---\ncolour: blue\n---\n# A\n\nText.\n",
                                        "elsewhere/b.md": "# B\n\nText.\n"])
        defer { course.remove() }
        let dir = course.url
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("lessons/b.md").path,
                                                   withDestinationPath: dir.appendingPathComponent("elsewhere/b.md").path)
        let strict = try LessonBinary.run(["check", "--no-cache", "--warnings-as-errors", "--format", "github"], in: dir)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: 3 warnings fail the run (--warnings-as-errors"), "\(strict.stderr)")
        for place in ["file=course.yml,line=1", "file=lessons/b.md,line=1", "file=lessons/a.md,line=2"] {
            #expect(strict.stdout.contains("::warning " + place), "\(place): \(strict.stdout)")
        }
    }

    /// A warning found while the pages are written (a `translation_of:` that
    /// names no lesson) is one of the run's: printed with its code in the
    /// format asked for, and failing a strict run.
    @Test func thePagesWarningsCountAsTheRunsOwn() throws {
        let course = try ScratchCourse(["lessons/fr.md": "---\ntranslation_of: missing.md\n---\n# A\n"])
        defer { course.remove() }
        let dir = course.url
        let plain = try LessonBinary.run(["render", "--no-cache"], in: dir)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr.contains("lessons/fr.md:2:17: warning: translation_of: 'missing.md' is not a lesson rendered with this one; "
                                      + "the page is listed as a lesson of its own [front-matter]"), "\(plain.stderr)")
        let strict = try LessonBinary.run(["render", "--no-cache", "--warnings-as-errors", "--format", "github"], in: dir)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: 1 warning fails the run (--warnings-as-errors"), "\(strict.stderr)")
        #expect(strict.stdout.contains("::warning file=lessons/fr.md,line=2,col=17,title=front-matter::"), "\(strict.stdout)")
    }

    /// Found in review: an image the lesson cannot have (missing) was the
    /// pipeline's error and, when the pages were written, a warning "not
    /// copied" at the same place: two annotations, and one more count under
    /// `--warnings-as-errors`, for one problem.
    @Test func anImageProblemIsToldOnce() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        try LessonBinary.write(["lessons/a.md": "# A\n\n![plot](img/gone.png)\n"], into: dir)
        let run = try LessonBinary.run(["render", "--no-cache", "--format", "github"], in: dir)
        let told = run.stdout.split(separator: "\n").filter { $0.contains("img/gone.png") }
        #expect(told.count == 1 && told[0].hasPrefix("::error file=lessons/a.md,line=3,col=1,title=image-missing::"), "\(run.stdout)")
    }

    /// A negative number after an option is its value, told with the option,
    /// what was written and the range: ArgumentParser read `-1` as another
    /// option and said only "Missing value for '--reseed <K>'".
    @Test(arguments: [
        (["check", "--reseed", "-1"], "--reseed must be a whole number 0…9007199254740991 (seeds are below 2^53), found '-1'"),
        (["check", "--reseed", "x"], "--reseed must be a whole number 0…9007199254740991 (seeds are below 2^53), found 'x'"),
        (["check", "--jobs", "-1"], "--jobs must be a whole number 1…1024, found '-1'"),
        (["render", "--jobs", "--force"], "--jobs must be a whole number 1…1024, found '--force'"),
        (["check", "--block-time-limit", "-1"], "--block-time-limit must be a number of seconds 0…1000000, found '-1'"),
        (["check", "--shard", "-1/3"], "--shard must be K/N with 1 ≤ K ≤ N (e.g. 2/4), found '-1/3'"),
        (["preview", "--port", "-1"], "--port must be a whole number 0…65535, found '-1'"),
        (["cache", "prune", "--older-than", "-1d"], "--older-than must be a number ≥ 0 with a unit s, m, h, d or w (e.g. 7d, 12h), found '-1d'"),
    ])
    func aNegativeNumberIsTheOptionsValue(arguments: [String], message: String) throws {
        // Refused while parsing: nothing runs, wherever the test stands.
        let r = try LessonBinary.run(arguments)
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!r.stderr.contains("Missing value"), "\(r.stderr)")
    }

    /// Each command offers its own options: a preview has no JUnit report or shard.
    @Test func previewOffersNoCIOptions() throws {
        let preview = try LessonBinary.run(["preview", "--help"])
        #expect(preview.status == 0)
        #expect(!preview.stdout.contains("--junit") && !preview.stdout.contains("--shard"), "\(preview.stdout)")
        #expect(preview.stdout.contains("--warnings-as-errors") && preview.stdout.contains("--port"))
        let check = try LessonBinary.run(["check", "--help"])
        #expect(check.stdout.contains("--junit") && check.stdout.contains("--shard"))
        #expect(try LessonBinary.run(["preview", "--junit", "x.xml"]).status == 64)
    }

    /// Outside a terminal each lesson's line gives how far into the run it
    /// ended and how long it took.
    @Test func progressLinesGiveTheElapsedTime() throws {
        let course = try ScratchCourse(["lessons/a.md": "# A\n\n```experiment softmax\nlogits: [1, 2]\nlabel: 1\n```\n"])
        defer { course.remove() }
        let dir = course.url
        let r = try LessonBinary.run(["check", "--no-cache"], in: dir)
        let line = r.stderr.split(separator: "\n").first { $0.hasPrefix("lessons/a.md: 1 block passed") }
        #expect(line?.contains(" into the run; took ") == true, "\(r.stderr)")
        #expect(line?.hasSuffix(" s)") == true)
    }

    /// A folder the run cannot write to, or one among the lessons, is one
    /// line naming the setting and what would be right, and nothing runs;
    /// it printed "Usage: lesson <subcommand>" (the top level's) under it.
    @Test(arguments: [
        (["render", "lessons", "--out", "plain"], "error: --out 'plain' cannot be used: cannot create the folder: 'plain' is a file, not a folder; give a folder you can write to"),
        (["render", "lessons", "--out", "plain/pages"], "error: --out 'plain/pages' cannot be used: cannot create the folder: 'plain' is a file, not a folder; give a folder you can write to"),
        (["render", "lessons", "--out", "lessons"], "error: --out 'lessons' holds the lesson 'lessons/a.md', whose files the pages and images would overwrite; give a folder outside the lessons' folders, such as output"),
        (["render", "lessons", "--out", "."], "error: --out '.' holds the lesson 'lessons/a.md', whose files the pages and images would overwrite; give a folder outside the lessons' folders, such as output"),
        (["check", "lessons", "--cache-dir", "plain"], "error: --cache-dir 'plain' cannot be used: it is a file, not a folder; give a writable folder, or --no-cache"),
        (["check", "lessons", "--cache-dir", "lessons"], "error: --cache-dir 'lessons' holds the lesson 'lessons/a.md': cached results would be written among the lessons' files; give a folder outside the lessons' folders, such as .lesson-cache"),
        (["check", "lessons", "--cache-dir", "plain/cache"], "error: --cache-dir 'plain/cache' cannot be used: cannot create the folder: 'plain' is a file, not a folder; give a writable folder, or --no-cache"),
    ])
    func aBadFolderIsOneLineNamingTheFlag(arguments: [String], said: String) throws {
        let course = try ScratchCourse(["lessons/a.md": "# A\n\n```experiment softmax\nlogits: [1, 2]\nlabel: 1\n```\n", "plain": "x"])
        defer { course.remove() }
        let dir = course.url
        let r = try LessonBinary.run(arguments, in: dir)
        #expect(r.status == 64)
        #expect(r.stderr == said + "\n", "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// A folder set in course.yml is named as course.yml names it.
    @Test func aBadFolderFromTheCourseNamesItsSetting() throws {
        let course = try ScratchCourse(["course.yml": "output: lessons\ncache: plain\n", "lessons/a.md": "# A\n\nText.\n", "plain": "x"])
        defer { course.remove() }
        let dir = course.url
        let render = try LessonBinary.run(["render", "--no-cache"], in: dir)
        #expect(render.status == 64 && render.stderr.hasPrefix("error: output: in course.yml 'lessons' holds the lesson 'lessons/a.md'"), "\(render.stderr)")
        let check = try LessonBinary.run(["check"], in: dir)
        // At `cache:`'s value, as course.yml's other errors are.
        #expect(check.status == 64, "\(check.stderr)")
        #expect(check.stderr.hasPrefix("course.yml:2:8: error: cache 'plain' cannot be used: it is a file, not a folder; give a writable folder, or --no-cache [course-settings]"),
                "\(check.stderr)")
        #expect(check.stderr.hasSuffix("error: course.yml has 1 problem; nothing was run\n"), "\(check.stderr)")
    }
}
