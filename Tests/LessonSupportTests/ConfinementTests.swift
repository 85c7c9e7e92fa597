import Foundation
import LessonTestSupport
import Testing
@testable import LessonSupport

/// The one rule for files a course makes the tool read or write (issue 21).
@Suite struct ConfinementTests {
    @Test func aWriteThroughALinkedFolderIsRefusedAndNothingLeavesTheFolder() throws {
        let scratch = try ScratchFolder("confine"), outside = try ScratchFolder("confine")
        defer {
            scratch.remove()
            outside.remove()
        }
        let root = scratch.path, elsewhere = outside.path
        try FileManager.default.createSymbolicLink(atPath: root + "/img", withDestinationPath: elsewhere)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: root + "/img/a.png", within: root) }
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.writeIfChanged("x", to: root + "/img/a.png", within: root) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
        // Without the rule (as before) the write went through.
        try AtomicFile.write("x", to: root + "/img/a.png")
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/a.png"))
    }

    @Test func onlyRegularFilesAreOutputs() throws {
        let scratch = try ScratchFolder("confine")
        defer { scratch.remove() }
        let root = scratch.path
        try FileManager.default.createSymbolicLink(atPath: root + "/lessons.json", withDestinationPath: "/dev/null")
        try FileManager.default.createDirectory(atPath: root + "/index.html", withIntermediateDirectories: true)
        #expect(mkfifo(root + "/pipe.html", 0o600) == 0)
        for name in ["lessons.json", "index.html", "pipe.html"] {
            #expect(throws: Confinement.Violation.self) { try Confinement.checkOutput(root + "/" + name, root: root) }
        }
        for path in [root + "/../x.html", "/tmp/x.html", root + "/a//b.html"] {
            #expect(throws: Confinement.Violation.self) { try Confinement.checkOutput(path, root: root) }
        }
        try Confinement.checkOutput(root + "/new/a.html", root: root)
        // The output folder itself may be a link (a user's `output -> /var/www`).
        let linked = root + "-link"
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: root)
        defer { try? FileManager.default.removeItem(atPath: linked) }
        try Confinement.checkOutput(linked + "/a.html", root: linked)
    }

    @Test func readsAreBoundedAndNeverWaitOnAPipe() throws {
        let scratch = try ScratchFolder("confine")
        defer { scratch.remove() }
        let root = scratch.path
        #expect(mkfifo(root + "/fifo", 0o600) == 0)
        #expect(throws: Confinement.Violation.self) { try Confinement.readRegularFile(root + "/fifo", limit: 100) }
        #expect(FileManager.default.createFile(atPath: root + "/big", contents: Data(count: 101)))
        #expect(throws: Confinement.Violation.self) { try Confinement.readRegularFile(root + "/big", limit: 100) }
        #expect(try Confinement.readRegularFile(root + "/big", limit: 101).count == 101)
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/big")
        #expect(Confinement.contents(root + "/link", limit: 200, followLinks: false) == nil)
        #expect(Confinement.contents(root + "/link", limit: 200)?.count == 101)
        #expect(throws: Confinement.Violation.self) { try Confinement.readRegularFile("/dev/zero", limit: 100) }
    }

    @Test func insideMeansInsideAfterLinks() throws {
        let scratch = try ScratchFolder("confine")
        defer { scratch.remove() }
        let root = scratch.path
        #expect(FileManager.default.createFile(atPath: root + "/a.png", contents: Data("x".utf8)))
        try FileManager.default.createSymbolicLink(atPath: root + "/env.png", withDestinationPath: "/proc/self/environ")
        try FileManager.default.createSymbolicLink(atPath: root + "/b.png", withDestinationPath: "a.png")
        #expect(Confinement.isInside(root + "/a.png", folder: root))
        #expect(Confinement.isInside(root + "/b.png", folder: root))
        #expect(!Confinement.isInside(root + "/env.png", folder: root))
        #expect(!Confinement.isInside(root + "-other/a.png", folder: root))
        #expect(!Confinement.contains(root: "/a/b", "/a/bc"))
    }

    /// A folder named `caf\u{E9}` and one named `cafe\u{301}` are two
    /// folders on disk, which `==` and `hasPrefix` took as one: a link into
    /// the sibling passed as inside.
    @Test func aCanonicallyEquivalentSiblingIsOutside() throws {
        let scratch = try ScratchFolder("confine")
        defer { scratch.remove() }
        let parent = scratch.path
        let root = parent + "/caf\u{E9}", sibling = parent + "/cafe\u{301}"
        for folder in [root, sibling] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false) }
        #expect(FileManager.default.createFile(atPath: sibling + "/secret.png", contents: Data("x".utf8)))
        try FileManager.default.createSymbolicLink(atPath: root + "/a.png", withDestinationPath: sibling + "/secret.png")
        #expect(!Confinement.isInside(root + "/a.png", folder: root))
        #expect(!Confinement.contains(root: root, sibling))
        #expect(Confinement.contains(root: root, root + "/\u{301}x"))
        #expect(throws: Confinement.Violation.self) { try Confinement.checkOutput(sibling + "/a.html", root: root) }
    }

    /// An output path whose `/` is joined to a mark is inside, and its
    /// parts are checked at every `/` byte.
    @Test func outputPathsSplitAtEverySlashByte() throws {
        let scratch = try ScratchFolder("confine")
        defer { scratch.remove() }
        let root = scratch.path
        try Confinement.checkOutput(root + "/\u{301}a/b.html", root: root)
        try Confinement.checkOutput(root + "/x\u{6DD}/b.html", root: root)
        try FileManager.default.createSymbolicLink(atPath: root + "/x\u{6DD}", withDestinationPath: "/tmp")
        #expect(throws: Confinement.Violation.self) { try Confinement.checkOutput(root + "/x\u{6DD}/b.html", root: root) }
        #expect(throws: Confinement.Violation.self) { try Confinement.checkOutput(root + "/a/\u{301}/../b.html", root: root + "/a/\u{301}") }
    }

    @Test func temporaryNamesStayWithinTheFileNameLimit() throws {
        let scratch = try ScratchFolder("confine")
        defer { scratch.remove() }
        let root = scratch.path
        let name = String(repeating: "é", count: 120) + ".html"  // 245 bytes
        try AtomicFile.write("x", to: root + "/" + name, within: root)
        #expect(try String(contentsOfFile: root + "/" + name, encoding: .utf8) == "x")
    }
}
