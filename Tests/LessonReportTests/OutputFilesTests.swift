import Foundation
import LessonMarkdown
import LessonResults
import LessonRunner
import LessonSupport
import LessonTestSupport
import Testing
@testable import LessonReport

/// The record of what a render wrote into its output folder (`files.json`):
/// what it no longer writes goes, what it did not write is never written
/// over, and a planted record moves nothing outside the folder.
@Suite struct OutputFilesTests {
    func executed(_ path: String) throws -> ExecutedLesson {
        let source = try String(contentsOfFile: path, encoding: .utf8)
        var lesson = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: path)))
        lesson.diagnostics += LocalImage.diagnostics(for: lesson.lesson)
        return lesson
    }

    func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func block(_ id: String) -> String { "```experiment softmax\nid: \(id)\nlogits: [1, 2]\nlabel: 1\n```\n" }

    func csvFiles(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// A block renamed and an image dropped: their files from the earlier
    /// render go (and the folders they leave empty), the new ones stay.
    @Test func filesThisRenderNoLongerWritesAreRemoved() throws {
        let scratch = try ScratchFolder("record")
        defer { scratch.remove() }
        let out = scratch.path + "/out"
        try scratch.write("png", to: "l/img/a.png")
        let lesson = try scratch.write("# T\n\n![a](img/a.png)\n\n" + Self.block("sm"), to: "l/t.md")
        try ReportWriter(outputDirectory: out).write([executed(lesson)])
        let before = csvFiles(out + "/csv/t")
        #expect(!before.isEmpty && before.allSatisfy { $0.hasPrefix("sm-") }, "\(before)")
        #expect(exists(out + "/img/a.png"))

        try scratch.write("# T\n\n" + Self.block("renamed"), to: "l/t.md")
        let warnings = try ReportWriter(outputDirectory: out).write([executed(lesson)])
        let after = csvFiles(out + "/csv/t")
        #expect(!after.isEmpty && after.allSatisfy { $0.hasPrefix("renamed-") }, "\(after)")
        #expect(!exists(out + "/img/a.png"))
        #expect(!exists(out + "/img"), "the folder the image left empty goes too")
        #expect(exists(out + "/t.html") && exists(out + "/index.html") && exists(out + "/assets/style.css"))
        #expect(warnings.isEmpty, "\(warnings)")
        let record = try #require(OutputRecord.read(in: out))
        #expect(record.lessons[lesson]?.contains("t.html") == true)
        #expect(record.lessons[lesson]?.contains { $0.hasPrefix("csv/t/sm-") } == false)
    }

    /// A lesson deleted from the folder loses its page, source copy and CSV
    /// files; a render of one lesson leaves the other lessons' files alone.
    @Test func aDeletedLessonGoesAndARenderOfOneKeepsTheOthers() throws {
        let scratch = try ScratchFolder("record")
        defer { scratch.remove() }
        let out = scratch.path + "/out"
        let a = try scratch.write("# A\n\n" + Self.block("sm"), to: "l/a.md")
        let b = try scratch.write("# B\n\n" + Self.block("sm"), to: "l/b.md")
        try ReportWriter(outputDirectory: out).write([executed(a), executed(b)])
        #expect(exists(out + "/b.html") && !csvFiles(out + "/csv/b").isEmpty)

        try ReportWriter(outputDirectory: out).write([executed(a)])
        #expect(exists(out + "/b.html") && exists(out + "/b.md.txt") && !csvFiles(out + "/csv/b").isEmpty)

        try FileManager.default.removeItem(atPath: b)
        try ReportWriter(outputDirectory: out).write([executed(a)])
        #expect(!exists(out + "/b.html") && !exists(out + "/b.md.txt") && !exists(out + "/csv/b"))
        #expect(exists(out + "/a.html") && !csvFiles(out + "/csv/a").isEmpty)
        #expect(OutputRecord.read(in: out)?.lessons[b] == nil)
    }

    /// A file in the output folder that no render wrote is never written
    /// over: the error names it and says what to do; the rest is written.
    @Test func aFileTheToolDidNotWriteIsRefused() throws {
        let scratch = try ScratchFolder("record")
        defer { scratch.remove() }
        let out = scratch.path + "/out"
        let a = try scratch.write("# A\n", to: "l/a.md")
        try ReportWriter(outputDirectory: out).write([executed(a)])
        try scratch.write("mine", to: "out/u.html")
        try scratch.write("notes", to: "out/notes.html")
        let u = try scratch.write("# U\n", to: "l/u.md")
        #expect {
            try ReportWriter(outputDirectory: out).write([executed(a), executed(u)])
        } throws: { error in
            let message = "\(error)"
            return message.contains("\(u):1:1: error: the lesson's page is not written: cannot write '\(out)/u.html': it was not written by lesson; move it away or choose another --out")
        }
        #expect(try String(contentsOfFile: out + "/u.html", encoding: .utf8) == "mine")
        #expect(try String(contentsOfFile: out + "/notes.html", encoding: .utf8) == "notes", "a file not recorded is never removed")
        #expect(exists(out + "/a.html"))

        // A folder that holds files of someone else's is refused from the first render.
        let fresh = scratch.path + "/site"
        try scratch.write("<h1>my site</h1>", to: "site/index.html")
        #expect(throws: AtomicFile.WriteError.self) { try ReportWriter(outputDirectory: fresh).write([executed(a)]) }
        #expect(try String(contentsOfFile: fresh + "/index.html", encoding: .utf8) == "<h1>my site</h1>")
        #expect(!exists(fresh + "/assets") && !exists(fresh + "/a.html"), "refused before anything is written")
    }

    /// A folder written by a version before the record (`lessons.json`, no
    /// `files.json`) is adopted once: the files this render writes are taken
    /// over, every other file stays where it is, and later renders keep the record.
    @Test func aFolderOfAnEarlierVersionIsAdoptedOnce() throws {
        let scratch = try ScratchFolder("record")
        defer { scratch.remove() }
        let out = scratch.path + "/out"
        let a = try scratch.write("# A\n\n" + Self.block("sm"), to: "l/a.md")
        try ReportWriter(outputDirectory: out).write([executed(a)])
        try FileManager.default.removeItem(atPath: out + "/" + OutputRecord.fileName)
        try scratch.write("an older version's page", to: "out/old.html")
        try ReportWriter(outputDirectory: out).write([executed(a)])
        let record = try #require(OutputRecord.read(in: out))
        #expect(record.lessons[a]?.contains("a.html") == true)
        #expect(record.shared.contains("index.html") && record.shared.contains(IndexManifest.fileName))
        #expect(exists(out + "/old.html") && record.allFiles.contains("old.html") == false)
    }

    /// A recorded file that has since become a link is not removed (nor what
    /// it points to), and a planted record's entries outside the folder,
    /// hidden or of a kind the tool never writes are not believed.
    @Test func aPlantedRecordMovesNothingOutsideTheFolder() throws {
        let scratch = try ScratchFolder("record")
        defer { scratch.remove() }
        let out = scratch.path + "/out"
        try scratch.write("png", to: "l/img/a.png")
        let lesson = try scratch.write("# T\n\n![a](img/a.png)\n", to: "l/t.md")
        try ReportWriter(outputDirectory: out).write([executed(lesson)])
        let precious = try scratch.write("keep me", to: "precious.png")
        try FileManager.default.removeItem(atPath: out + "/img/a.png")
        try FileManager.default.createSymbolicLink(atPath: out + "/img/a.png", withDestinationPath: precious)
        try scratch.write("# T\n", to: "l/t.md")
        let warnings = try ReportWriter(outputDirectory: out).write([executed(lesson)])
        #expect(try String(contentsOfFile: precious, encoding: .utf8) == "keep me")
        #expect(warnings.contains { $0.code == .staleOutput && $0.severity == .warning && $0.message.contains("img/a.png") && $0.message.contains("is not removed") },
                "\(warnings)")

        for path in ["../precious.png", "/etc/passwd.txt", "a/../../x.png", ".hidden.html", "img/.x.png", "a//b.png",
                     "lesson.md", "x.sh", "a\nb.html", "", "/\u{301}etc/passwd.txt", "img/.\u{301}x.png", "x\u{6DD}/.a.png"] {
            #expect(!OutputRecord.isRecordable(path), "\(path)")
        }
        for path in ["a.html", "a.md.txt", "csv/a/sm-1.csv", "img/a.png", "pdf/01-a.pdf", "assets/katex/fonts/x.woff2", "x\u{6DD}/a.png"] {
            #expect(OutputRecord.isRecordable(path), "\(path)")
        }
    }
}
