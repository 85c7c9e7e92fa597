import Experiments
import Foundation
import LessonTestSupport
import Testing
@testable import LessonRunner

/// The file `lesson new NAME` writes: one word for a shell and a link.
@Suite struct LessonScaffoldTests {
    @Test(arguments: [
        ("a b", "a-b"), ("it's a test", "its-a-test"), ("  Dropout:  intro! ", "Dropout-intro"), ("batch-norm_v1.2", "batch-norm_v1.2"),
        ("khởi tạo", "khởi-tạo"), ("..hidden", "hidden"), ("a\tb\nc", "a-b-c"), ("?!", ""), ("“quoted” name", "quoted-name"),
    ])
    func namesGiveOneWordFileNames(name: String, stem: String) {
        #expect(LessonScaffold.fileStem(for: name) == stem)
    }

    @Test func aNameIsSluggedAPathIsNot() {
        #expect(LessonScaffold.path(for: "a b") == "lessons/a-b.md")
        #expect(LessonScaffold.path(for: "a b", folder: ".") == "a-b.md")
        #expect(LessonScaffold.path(for: "notes/a b") == "notes/a b.md")
        #expect(LessonScaffold.path(for: "a b.md") == "a b.md")
    }

    /// Found by a new user: `lesson new README` wrote lessons/README.md, which
    /// `lesson check` of the folder skips, so the lesson was left out without
    /// a word; a hidden name (`.md`) the same. Nothing is written for them.
    @Test(arguments: ["README", "notes/Readme.md", ".md", "notes/.draft.md"])
    func aNameTheFolderSearchSkipsIsRefused(name: String) throws {
        let scratch = try ScratchFolder("scaffold")
        defer { scratch.remove() }
        let kind = try #require(KindRegistry.kind(named: "softmax"))
        let named = name.contains("/") ? scratch.path + "/" + name : name
        #expect {
            try LessonScaffold.write(name: named, kind: kind, folder: scratch.path)
        } throws: { error in
            "\(error)".contains("would be left out when its folder is checked or rendered: a folder's search skips README.md files and names that start with '.'")
        }
        #expect(try FileManager.default.subpathsOfDirectory(atPath: scratch.path).isEmpty)
    }
}
