import Foundation
import LessonTestSupport
import Testing
@testable import LessonSupport

/// Temporary files of interrupted writes: registered while they exist, and
/// swept later when their writer is gone.
@Suite struct TemporaryFilesTests {
    /// The pid of a process that has exited.
    func deadPID() throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func namesAreRecognized() {
        #expect(TemporaryFiles.writerPID(ofTemporaryName: ".page.html.1234.ABCDEF12.tmp") == 1234)
        #expect(TemporaryFiles.writerPID(ofTemporaryName: ".a.b.c.html.77.ABCDEF12.tmp") == 77)
        #expect(TemporaryFiles.writerPID(ofTemporaryName: "page.html") == nil)
        #expect(TemporaryFiles.writerPID(ofTemporaryName: ".hidden.tmp") == nil)
        #expect(TemporaryFiles.writerPID(ofTemporaryName: ".page.html.x.ABCDEF12.tmp") == nil)
    }

    @Test func staleFilesOfDeadOrOldWritersGoAndLiveOnesStay() throws {
        let scratch = try ScratchFolder("tmpfiles")
        defer { scratch.remove() }
        let dir = scratch.path
        let dead = try deadPID()
        let live = getppid()
        let names = [
            "dead": ".page.html.\(dead).ABCDEF12.tmp",
            "live": ".page.html.\(live).ABCDEF12.tmp",
            "mine": ".page.html.\(getpid()).ABCDEF12.tmp",
            "oldLive": ".other.html.\(live).12345678.tmp",
            "page": "page.html",
            "notOurs": ".editor.swp.tmp",
        ]
        for name in names.values {
            try #require(FileManager.default.createFile(atPath: dir + "/" + name, contents: Data("x".utf8)))
        }
        let hourAgo = Date().addingTimeInterval(-3_600)
        try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: dir + "/" + names["oldLive"]!)
        let removed = Set(TemporaryFiles.sweepStale(in: dir))
        #expect(removed == [names["dead"]!, names["oldLive"]!])
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
        #expect(left == [names["live"]!, names["mine"]!, names["page"]!, names["notOurs"]!])
    }

    @Test func aWriteRegistersItsTemporaryFileOnlyWhileItExists() throws {
        let scratch = try ScratchFolder("tmpfiles")
        defer { scratch.remove() }
        let dir = scratch.path
        try AtomicFile.write("hello", to: dir + "/a.html")
        #expect(!TemporaryFiles.registered.contains { $0.hasPrefix(dir) })
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a.html"])
    }
}
