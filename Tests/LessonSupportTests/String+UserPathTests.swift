import Foundation
import LessonSupport
import Testing

/// Paths a person typed read alike wherever they are given.
@Suite struct StringUserPathTests {
    static let home = (ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path)

    @Test(arguments: [
        ("site/", "site"), ("site//pages/", "site/pages"), ("~/site", home + "/site"), ("~", home),
        ("~x/site", "~x/site"), ("a/~/b", "a/~/b"), ("../shared/", "../shared"), ("/", "/"), ("//", "/"), ("lessons//π", "lessons/π"),
    ])
    func userPaths(typed: String, read: String) {
        #expect(typed.userPath == read)
    }

    @Test func foldersAndJoins() {
        #expect("a/b.md".folderPath == "a")
        #expect("b.md".folderPath == ".")
        #expect("/b.md".folderPath == "/")
        #expect("../course.yml".folderPath == "..")
        #expect("..".appendingPath("site/") == "../site")
        #expect("..".appendingPath("/abs") == "/abs")
        #expect("..".appendingPath("~/site") == Self.home + "/site")
        #expect(".".appendingPath("lessons//ch1/") == "lessons/ch1")
        #expect("a/".appendingPath("b") == "a/b")
    }

    /// By bytes: the slash of `a/\u{301}b.md` is joined to the mark, and
    /// `a//\u{301}` has no `//` to a search by characters.
    @Test func slashesJoinedToMarks() {
        #expect("a/\u{301}b.md".folderPath == "a")
        #expect("\u{6DD}/b.md".folderPath == "\u{6DD}")
        #expect("a//\u{301}b".collapsingSlashes == "a/\u{301}b")
        #expect("a/\u{301}/".userPath == "a/\u{301}")
        #expect("a".appendingPath("/\u{301}x") == "/\u{301}x")
    }
}
