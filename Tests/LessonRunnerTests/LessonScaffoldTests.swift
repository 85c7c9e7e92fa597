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
}
