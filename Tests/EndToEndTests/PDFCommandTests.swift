import Foundation
import LessonTestSupport
import Testing

/// `lesson render --pdf`: a PDF per lesson and one for the whole course,
/// printed by headless Chromium (installed by `make setup`).
@Suite(.serialized) struct PDFCommandTests {
    static var chromium: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/chromium") }
    }

    @Test(.enabled(if: chromium)) func renderPrintsEveryLessonAndTheCourse() throws {
        let fm = FileManager.default
        let scratch = try ScratchFolder("lesson-pdf")
        defer { scratch.remove() }
        let dir = scratch.url
        for (name, order) in [("first", 10), ("second", 20)] {
            try "---\norder: \(order)\n---\n# The \(name) lesson\n\nSome text with $x^2$.\n".write(
                to: dir.appendingPathComponent("\(name).md"), atomically: true, encoding: .utf8)
        }
        let out = dir.appendingPathComponent("out")
        let r = try LessonBinary.run(["render", dir.path, "--out", out.path, "--no-cache", "--pdf", "--course-title", "Course \"A\""],
                                     environment: ["SOURCE_DATE_EPOCH": "1796515200"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("printed 3 PDFs into \(out.path)/pdf/"), "\(r.stdout)")
        for name in ["01-first.pdf", "02-second.pdf", "course.pdf"] {
            let data = try Data(contentsOf: out.appendingPathComponent("pdf/" + name))
            #expect(data.starts(with: Array("%PDF".utf8)), "\(name)")
        }
        // The page the course was printed from is gone; the pages say their date.
        #expect(!fm.fileExists(atPath: out.appendingPathComponent(".course-print.html").path))
        let page = try String(contentsOf: out.appendingPathComponent("first.html"), encoding: .utf8)
        #expect(page.contains("content: \"Course \\22 A\\22  · Lesson 1: The first lesson\";"))
        #expect(page.contains("Rendered by LessonRunner") && page.contains("on 2026-12-06."))
    }

    /// A PDF an earlier render printed under a number the lesson no longer
    /// has, which has become a link, is not removed: a warning with its
    /// code, as `render` without --pdf gives for a page (it was dropped),
    /// printed as an annotation too and failing --warnings-as-errors.
    @Test(.enabled(if: chromium)) func aStalePDFThatCannotBeRemovedIsAWarning() throws {
        let fm = FileManager.default
        let scratch = try ScratchFolder("lesson-pdf")
        defer { scratch.remove() }
        let dir = scratch.url
        func write(order first: Int, _ second: Int) throws {
            for (name, order) in [("first", first), ("second", second)] {
                try "---\norder: \(order)\n---\n# The \(name) lesson\n\nText.\n".write(
                    to: dir.appendingPathComponent("lessons/\(name).md"), atomically: true, encoding: .utf8)
            }
        }
        try fm.createDirectory(at: dir.appendingPathComponent("lessons"), withIntermediateDirectories: true)
        try write(order: 10, 20)
        let out = dir.appendingPathComponent("out")
        let first = try LessonBinary.run(["render", "lessons", "--out", out.path, "--no-cache", "--pdf"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        // The order turns round: 01-first.pdf is stale, and now a link.
        try write(order: 20, 10)
        let stale = out.appendingPathComponent("pdf/01-first.pdf").path
        try fm.removeItem(atPath: stale)
        try "keep".write(to: dir.appendingPathComponent("kept.txt"), atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: stale, withDestinationPath: dir.appendingPathComponent("kept.txt").path)
        let second = try LessonBinary.run(["render", "lessons", "--out", out.path, "--no-cache", "--pdf", "--format", "github", "--warnings-as-errors"], in: dir)
        #expect(second.status == 1, "\(second.stderr)")
        #expect(second.stderr.contains("warning: '\(stale)', written by an earlier render, is not removed"), "\(second.stderr)")
        #expect(second.stderr.contains("[stale-output]"), "\(second.stderr)")
        #expect(second.stdout.contains("::warning"), "\(second.stdout)")
        #expect((try? fm.destinationOfSymbolicLink(atPath: stale)) != nil)
        #expect(fm.fileExists(atPath: out.appendingPathComponent("pdf/02-first.pdf").path))
    }
}
