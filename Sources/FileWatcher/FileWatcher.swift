#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Notices changes to a set of files by polling their status, like mdBook's
/// poller: no platform API, the same behaviour everywhere, and cheap for the
/// few dozen files a curriculum reads.
///
/// A file counts as changed when its modification time, size, inode or
/// device differs from the last look, or when it appears or disappears. A
/// save through a temporary file and a rename (what most editors do) changes
/// the inode, so it is seen even within the clock's resolution.
public final class FileWatcher {
    /// What `stat` says about a file; `nil` when it does not exist.
    struct Stamp: Equatable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64
        var device: UInt64
    }

    private var stamps: [String: Stamp?] = [:]

    /// Starts watching `files` as they are now.
    public init(files: [String] = []) {
        watch(files)
    }

    /// The files being watched, sorted.
    public var files: [String] { stamps.keys.sorted() }

    /// Watches exactly `files` from now on. Files already watched keep their
    /// last stamp, so a change made before this call is still reported;
    /// new files are taken as they are now.
    public func watch(_ files: [String]) {
        var next: [String: Stamp?] = [:]
        for file in files {
            next[file] = stamps[file] ?? Self.stamp(file)
        }
        stamps = next
    }

    /// The watched files that changed since the last call (or since they
    /// were first watched), sorted.
    public func changes() -> [String] {
        var changed: [String] = []
        for (file, old) in stamps {
            let now = Self.stamp(file)
            if now != old {
                changed.append(file)
                stamps[file] = now
            }
        }
        return changed.sorted()
    }

    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return Stamp(seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec), size: Int64(info.st_size),
                     inode: UInt64(info.st_ino), device: UInt64(info.st_dev))
    }
}
