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
}
