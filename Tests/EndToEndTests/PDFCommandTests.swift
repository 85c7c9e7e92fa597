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
}
