import Foundation
import LessonTestSupport
import Testing
import LessonSupport

/// ``AtomicFile/writeIfChanged(_:to:)``: identical bytes are not written again.
@Suite struct AtomicFileTests {
    /// The inode and modification time: a rename puts a new inode in place.
    func identity(_ path: String) -> (ino_t, Int, Int) {
        var info = stat()
        _ = stat(path, &info)
        return (info.st_ino, info.st_mtim.tv_sec, info.st_mtim.tv_nsec)
    }

    @Test func unchangedBytesAreNotRewritten() throws {
        let scratch = try ScratchFolder("atomic")
        defer { scratch.remove() }
        let dir = scratch.path
        let path = dir + "/sub/page.html"
        #expect(try AtomicFile.writeIfChanged("<p>one</p>", to: path))
        let first = identity(path)
        #expect(try !AtomicFile.writeIfChanged("<p>one</p>", to: path))
        #expect(identity(path) == first)
        #expect(try AtomicFile.writeIfChanged("<p>two</p>", to: path))
        #expect(identity(path).0 != first.0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "<p>two</p>")
        // Same length, different bytes; and a shorter file with the same start.
        #expect(try AtomicFile.writeIfChanged("<p>owt</p>", to: path))
        #expect(try AtomicFile.writeIfChanged("<p>", to: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "<p>")
    }

    /// Folders are made at every `/` byte: `a/\u{301}b` has its slash in the
    /// character `/\u{301}`, and `mkdir("…/a/\u{301}b")` failed without `a`.
    @Test(arguments: StringFileExtensionTests.joinedSlashes.filter { !$0.contains("..") })
    func foldersAreMadeAtEverySlash(relative: String) throws {
        let scratch = try ScratchFolder("atomic")
        defer { scratch.remove() }
        let dir = scratch.path
        try AtomicFile.createDirectory(dir + "/" + relative)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: dir + "/" + relative, isDirectory: &isDirectory) && isDirectory.boolValue)
        try AtomicFile.write("x", to: dir + "/" + relative + "/page.html")
        #expect(try String(contentsOfFile: dir + "/" + relative + "/page.html", encoding: .utf8) == "x")
    }
}
