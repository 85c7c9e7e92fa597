import Foundation
import LessonTestSupport
import Testing

/// `lesson new` and the reference (`lesson kinds`, `--markdown`), through the binary.
@Suite struct AuthoringCommandTests {
    static let kinds: [String] = {
        // The kinds the binary knows, from its own reference.
        guard let r = try? LessonBinary.run(["kinds"]) else { return [] }
        return r.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.isEmpty && !$0.hasPrefix("common keys") }
            .map { String($0.split(separator: " ").first ?? "") }
    }()

    @Test func everyKindIsListed() {
        #expect(Self.kinds.contains("softmax"))
        #expect(Self.kinds.count >= 4)
    }

    @Test(arguments: kinds)
    func newWritesALessonThatPassesCheck(kind: String) throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let made = try LessonBinary.run(["new", "my-\(kind)", "--kind", kind], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.hasPrefix("wrote lessons/my-\(kind).md"))
        let text = try String(contentsOf: dir.appendingPathComponent("lessons/my-\(kind).md"), encoding: .utf8)
        #expect(text.hasPrefix("# My \(kind.replacingOccurrences(of: "-", with: " "))\n"))
        #expect(text.contains("```experiment \(kind)\n"))
        #expect(text.contains("expect:\n  - \""))
        #expect(text.contains("`="))
        let check = try LessonBinary.run(["check", "--no-cache"], in: dir)
        #expect(check.status == 0, "\(check.stderr)\n\(text)")
        #expect(check.stdout.contains("checked 1 lesson, 1 block: 1 passed, 0 failed"))
        #expect(check.stdout.contains("1 of 1 expectation held"))
    }

    @Test func newRefusesToOverwriteAndTakesPaths() throws {
        let course = try ScratchCourse(["notes/x.md": "mine\n"])
        defer { course.remove() }
        let dir = course.url
        let again = try LessonBinary.run(["new", "notes/x.md"], in: dir)
        #expect(again.status == 64)
        #expect(again.stderr.contains("'notes/x.md' already exists"), "\(again.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("notes/x.md"), encoding: .utf8) == "mine\n")
        let other = try LessonBinary.run(["new", "notes/y"], in: dir)
        #expect(other.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("notes/y.md").path))
        // The commands it prints can be pasted into a shell as they are.
        let spaced = try LessonBinary.run(["new", "notes/it's a test.md"], in: dir)
        #expect(spaced.stdout == "wrote notes/it's a test.md; `lesson check 'notes/it'\\''s a test.md'` runs it, "
            + "`lesson preview 'notes/it'\\''s a test.md'` shows it\n", "\(spaced.stdout)")
        // A name (not a path) gets a file name without spaces or quotes, and says so.
        let named = try LessonBinary.run(["new", "it's a test"], in: dir)
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.hasPrefix("wrote lessons/its-a-test.md; `lesson check lessons/its-a-test.md` runs it"), "\(named.stdout)")
        #expect(named.stdout.contains("note: the file is named 'its-a-test.md', not 'it's a test.md'"), "\(named.stdout)")
        let titled = try String(contentsOf: dir.appendingPathComponent("lessons/its-a-test.md"), encoding: .utf8)
        #expect(titled.hasPrefix("# It's a test\n"), "\(titled)")
        // A folder, though its '/' is joined to the mark before it (it wrote `x\u{6DD}/.md`).
        let folder = try LessonBinary.run(["new", "x\u{6DD}/"], in: dir)
        #expect(folder.status == 64 && folder.stderr.contains("give the lesson a name"), "\(folder.stderr)")
        let nothing = try LessonBinary.run(["new", "?!"], in: dir)
        #expect(nothing.status == 64)
        #expect(nothing.stderr.contains("error: '?!' has no letter or digit to name the lesson's file with; give a name such as `lesson new attention`"), "\(nothing.stderr)")
        let bad = try LessonBinary.run(["new", "z", "--kind", "softmx"], in: dir)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("did you mean 'softmax'"), "\(bad.stderr)")
    }

    @Test func kindsListsValuesAndBudget() throws {
        let r = try LessonBinary.run(["kinds", "softmax"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("  values (read them as id.name in expect: and `=id.name`):\n    loss: number\n"), "\(r.stdout)")
        #expect(r.stdout.contains("access: `probabilities[0]` is the first class"))
        #expect(r.stdout.contains("  work budget, for all of a block's runs together (every seed): "))
    }

    /// The code after a message, brackets and all, is what `lesson explain` takes.
    @Test func explainDocumentsEveryDiagnosticCode() throws {
        let one = try LessonBinary.run(["explain", "[unknown-key]"])
        #expect(one.status == 0)
        #expect(one.stdout.hasPrefix("unknown-key: A block names a key its kind does not have."), "\(one.stdout)")
        // The course's language with no interface words is a course-settings warning too.
        let course = try LessonBinary.run(["explain", "course-settings"])
        #expect(course.stdout.contains("`language:` has no interface words") && course.stdout.contains("leave `language:` out"), "\(course.stdout)")
        let all = try LessonBinary.run(["explain"])
        #expect(all.status == 0)
        #expect(all.stdout.contains("expectation-failed ") && all.stdout.contains("over-budget "), "\(all.stdout)")
        let bad = try LessonBinary.run(["explain", "unknown-kye"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("unknown diagnostic code 'unknown-kye'; did you mean 'unknown-key'?"), "\(bad.stderr)")
    }

    @Test func theMarkdownReferenceRendersAsAPage() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let r = try LessonBinary.run(["kinds", "--markdown"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("---\nrole: reference\n---\n# Reference\n"))
        for kind in Self.kinds { #expect(r.stdout.contains("\n## \(kind)\n"), "\(kind)") }
        try LessonBinary.write(["reference.md": r.stdout], into: dir)
        let render = try LessonBinary.run(["render", "reference.md", "--out", "out", "--no-cache"], in: dir)
        #expect(render.status == 0, "\(render.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("out/reference.html"), encoding: .utf8)
        #expect(html.contains("<table"))
        #expect(html.contains("mc.100.accuracy"))
        #expect(html.contains("&lt;kind&gt;_&lt;n&gt;"))
        let index = try String(contentsOf: dir.appendingPathComponent("out/index.html"), encoding: .utf8)
        #expect(index.contains(">Reference</a>"))
    }
}
