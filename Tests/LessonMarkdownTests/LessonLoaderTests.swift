import Foundation
import LessonTestSupport
import Testing
import LessonMarkdown

/// Reading files: errors name the lesson, decoding errors name the spot.
@Suite struct LessonLoaderTests {
    @Test func loadsAFileAndLabelsLocationsWithItsPath() throws {
        let scratch = try ScratchFolder("loader")
        defer { scratch.remove() }
        let directory = scratch.url
        let path = directory.appendingPathComponent("intro.md").path
        try Data("\u{FEFF}# Intro\r\n\r\n```experiment mlp\r\nhidden: [4]\r\n```\r\n".utf8).write(to: URL(fileURLWithPath: path))

        let lesson = try LessonLoader.load(path: path)
        #expect(lesson.path == path)
        #expect(lesson.title == "Intro")
        #expect(lesson.experiments.first?.location == SourceLocation(path: path, line: 3, column: 1))
        #expect(lesson.experiments.first?.body == "hidden: [4]\n")
    }

    @Test func missingFileErrorNamesThePath() {
        #expect {
            try LessonLoader.load(path: "/nonexistent/lesson.md")
        } throws: { error in
            (error as? LessonLoadError) == .unreadable(path: "/nonexistent/lesson.md", reason: "no such file")
                && "\(error)" == "failed to read lesson /nonexistent/lesson.md: no such file"
        }
    }

    @Test func directoriesAndDevicesAreNotLessons() throws {
        let scratch = try ScratchFolder("loader")
        defer { scratch.remove() }
        let directory = scratch.url
        #expect(throws: LessonLoadError.unreadable(path: "/dev/null", reason: "is not a regular file (a pipe, socket or device)")) {
            try LessonLoader.load(path: "/dev/null")
        }
        #expect(throws: LessonLoadError.unreadable(path: directory.path, reason: "is a directory")) {
            try LessonLoader.load(path: directory.path)
        }
    }

    /// Found by hand: both said "no such file", which a reader looking at the
    /// file in a listing cannot make sense of.
    @Test func linksThatLeadNowhereSayWhy() throws {
        let scratch = try ScratchFolder("loader")
        defer { scratch.remove() }
        let directory = scratch.url
        let loop = directory.appendingPathComponent("loop.md").path
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: "loop.md")
        #expect(throws: LessonLoadError.unreadable(path: loop, reason: "symbolic link loop (links to 'loop.md')")) {
            try LessonLoader.load(path: loop)
        }
        let broken = directory.appendingPathComponent("broken.md").path
        try FileManager.default.createSymbolicLink(atPath: broken, withDestinationPath: "gone.md")
        #expect(throws: LessonLoadError.unreadable(path: broken, reason: "broken symbolic link (links to 'gone.md', which does not exist)")) {
            try LessonLoader.load(path: broken)
        }
    }

    @Test func emptyAndByteOrderMarkOnlyFilesAreEmptyLessons() throws {
        for bytes in [[], [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0x0D, 0x0A]] as [[UInt8]] {
            let lesson = LessonLoader.parse(data: Data(bytes), path: "empty.md")
            #expect(lesson.blocks.isEmpty && lesson.experiments.isEmpty && lesson.title == nil)
        }
    }

    /// A file with a byte that is not UTF-8 (saved as Latin-1, say) is still
    /// a lesson: the byte reads as U+FFFD, every block still runs, and the
    /// first such byte is an error at its line and column.
    @Test func invalidUTF8IsAnErrorNamingLineAndColumnAndTheRestLoads() throws {
        // 0xFF is never UTF-8; 0xE9 is é in Latin-1.
        let bytes = Array("# Title\r\n\r\nsome é text ".utf8) + [0xFF] + Array(" more ".utf8) + [0xE9]
            + Array("\n\n```experiment softmax\nlogits: [1, 2]\n```\n".utf8)
        let lesson = LessonLoader.parse(data: Data(bytes), path: "bad.md")
        #expect(lesson.warnings.count == 1)
        let error = try #require(lesson.warnings.first)
        #expect(error.isError)
        #expect(error.location == SourceLocation(path: "bad.md", line: 3, column: 13))
        #expect(error.message.contains("invalid UTF-8 (byte 0xFF)"))
        #expect(lesson.title == "Title")
        #expect(lesson.blocks.contains(.paragraph([.text("some é text \u{FFFD} more \u{FFFD}")])))
        #expect(lesson.experiments.count == 1)
        #expect(lesson.experiments.first?.location.line == 5)
    }

    @Test(arguments: [
        [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ] as [[UInt8]])
    func malformedSequencesAreLocatedErrors(sequence: [UInt8]) {
        let lesson = LessonLoader.parse(data: Data(Array("ok\nab".utf8) + sequence + Array("cd".utf8)), path: "x.md")
        #expect(lesson.warnings.map(\.location) == [SourceLocation(path: "x.md", line: 2, column: 3)])
        #expect(lesson.warnings.allSatisfy { $0.isError })
    }

    @Test func nulBytesAreReplacedNotFatal() throws {
        let lesson = LessonLoader.parse(data: Data(Array("a\u{0}b `=x\u{0}y`\n\n```experiment m\u{0}\nk: \u{0}\n```\n".utf8)), path: "n.md")
        #expect(lesson.blocks.first == .paragraph([.text("a\u{FFFD}b "), .reference(0)]))
        #expect(lesson.references.first?.expression == "x\u{FFFD}y")
        #expect(lesson.experiments.first?.kind == "m\u{FFFD}")
        // Found by a new user: the replacement was silent; now a warning at the first NUL.
        #expect(lesson.warnings.map(\.message) == ["a NUL byte (0x00), the first of 4, shows as \u{FFFD}; remove it (a lesson is text)"])
        #expect(lesson.warnings.first?.location == SourceLocation(path: "n.md", line: 1, column: 2))
        #expect(lesson.warnings.first?.isError == false)
        let one = LessonLoader.parse("---\norder: 1\n---\n# T\u{0}x\n", path: "t.md")
        #expect(one.warnings.map(\.message) == ["a NUL byte (0x00) shows as \u{FFFD}; remove it (a lesson is text)"])
        #expect(one.warnings.first?.location == SourceLocation(path: "t.md", line: 4, column: 4))
    }

    @Test func loneCarriageReturnsAreLineBreaks() {
        let lesson = LessonLoader.parse("a\rb `=c`\r\r```experiment k\rx: 1\r```", path: "r.md")
        #expect(lesson.references.first?.location == SourceLocation(path: "r.md", line: 2, column: 3))
        #expect(lesson.experiments.first?.location == SourceLocation(path: "r.md", line: 4, column: 1))
        #expect(lesson.experiments.first?.body == "x: 1\n")
    }

    @Test func locationsPrintAndEncodeForDiagnostics() throws {
        let location = SourceLocation(path: "lessons/a.md", line: 3, column: 7)
        #expect("\(location)" == "lessons/a.md:3:7")
        let range = SourceRange(start: location, end: SourceLocation(path: "lessons/a.md", line: 4, column: 1))
        #expect("\(range)" == "lessons/a.md:3:7-4:1")
        let decoded = try JSONDecoder().decode(SourceRange.self, from: JSONEncoder().encode(range))
        #expect(decoded == range)
        #expect(location < SourceLocation(path: "lessons/a.md", line: 3, column: 8))
    }

    @Test func stringAndDataParsesAgree() throws {
        let text = "# T\n\nx `=a` $b_1$\n\n```experiment k\nv: 1\n```\n"
        #expect(LessonLoader.parse(data: Data(text.utf8), path: "p.md") == LessonLoader.parse(text, path: "p.md"))
    }

    @Test func lessonsLoadConcurrently() async {
        // cmark-gfm keeps its extension registry in globals; many lessons are
        // loaded at once by the runner.
        let text = "# T\n\n| a |\n|---|\n| ~~x~~ $y_1$ `=r` |\n\n- [x] task\n\n  ```experiment k\n  a: 1\n  ```\n"
        let expected = LessonLoader.parse(text, path: "c.md")
        let results = await withTaskGroup(of: Lesson.self) { group in
            for _ in 0..<32 {
                group.addTask { LessonLoader.parse(text, path: "c.md") }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 == expected })
        #expect(expected.experiments.count == 1)
    }
}
