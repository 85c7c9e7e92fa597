import Foundation
import Testing

/// Options that change what a run means: strictness, the help of each
/// command, the progress lines.
@Suite struct RunOptionsCommandTests {
    /// A warning passes by default and fails with --warnings-as-errors (or
    /// `warnings_as_errors: true` in course.yml).
    @Test func warningsAsErrors() throws {
        let dir = try LessonBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try LessonBinary.write(["lessons/a.md": "---\ncolour: blue\n---\n# A\n\nText.\n"], into: dir)
        let plain = try LessonBinary.run(["check", "--no-cache"], in: dir)
        #expect(plain.status == 0 && plain.stderr.contains("a.md:2:1: warning:"), "\(plain.stderr)")
        let strict = try LessonBinary.run(["check", "--no-cache", "--warnings-as-errors"], in: dir)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: 1 warning fails the run (--warnings-as-errors"), "\(strict.stderr)")
        try LessonBinary.write(["course.yml": "warnings_as_errors: true\n"], into: dir)
        #expect(try LessonBinary.run(["check", "--no-cache"], in: dir).status == 1)
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
        let dir = try LessonBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try LessonBinary.write(["lessons/a.md": "# A\n\n```experiment softmax\nlogits: [1, 2]\nlabel: 1\n```\n"], into: dir)
        let r = try LessonBinary.run(["check", "--no-cache"], in: dir)
        let line = r.stderr.split(separator: "\n").first { $0.hasPrefix("lessons/a.md: 1 block passed") }
        #expect(line?.contains(" into the run; took ") == true, "\(r.stderr)")
        #expect(line?.hasSuffix(" s)") == true)
    }
}
