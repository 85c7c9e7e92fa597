import Foundation
import LessonTestSupport
import Testing
@testable import FileWatcher

@Suite struct FileWatcherTests {
    func write(_ text: String, _ path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Moves a file's modification time, so the test needs no sleeping.
    func touch(_ path: String, secondsAgo: Int) {
        var times = [timespec(tv_sec: time(nil) - secondsAgo, tv_nsec: 0), timespec(tv_sec: time(nil) - secondsAgo, tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, path, &times, 0)
    }

    @Test func seesEditsCreationsAndDeletionsOfWatchedFilesOnly() throws {
        let scratch = try ScratchFolder("watch")
        defer { scratch.remove() }
        let dir = scratch.path
        let lesson = dir + "/a.md", data = dir + "/data.csv", other = dir + "/other.md", later = dir + "/later.md"
        try write("one", lesson)
        try write("1,2", data)
        try write("x", other)
        let watcher = FileWatcher(files: [lesson, data, later])
        #expect(watcher.changes().isEmpty)

        touch(lesson, secondsAgo: 100)
        #expect(watcher.changes() == [lesson])
        #expect(watcher.changes().isEmpty, "a change is reported once")

        try write("1,2,3", data)
        try write("y", other)
        #expect(watcher.changes() == [data], "an unwatched file is not reported")

        try write("new", later)
        #expect(watcher.changes() == [later])
        try FileManager.default.removeItem(atPath: data)
        #expect(watcher.changes() == [data])
    }

    @Test func aSaveByRenameIsSeenWithinTheSameSecond() throws {
        let scratch = try ScratchFolder("watch")
        defer { scratch.remove() }
        let dir = scratch.path
        let lesson = dir + "/a.md"
        try write("abc", lesson)
        touch(lesson, secondsAgo: 5)
        let watcher = FileWatcher(files: [lesson])
        try write("xyz", dir + "/tmp")
        touch(dir + "/tmp", secondsAgo: 5)
        #expect(rename(dir + "/tmp", lesson) == 0)
        #expect(watcher.changes() == [lesson], "same size and time, new inode")
    }

    @Test func watchingANewSetKeepsPendingChanges() throws {
        let scratch = try ScratchFolder("watch")
        defer { scratch.remove() }
        let dir = scratch.path
        let a = dir + "/a.md", b = dir + "/b.csv"
        try write("a", a)
        try write("b", b)
        let watcher = FileWatcher(files: [a])
        touch(a, secondsAgo: 50)
        watcher.watch([a, b])
        #expect(watcher.files == [a, b])
        #expect(watcher.changes() == [a])
        watcher.watch([b])
        touch(a, secondsAgo: 80)
        #expect(watcher.changes().isEmpty)
    }
}
