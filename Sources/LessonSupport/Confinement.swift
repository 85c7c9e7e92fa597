import Foundation

/// The one rule for every file the tool reads or writes on behalf of a
/// course, which may come from a pull request: a course can plant symbolic
/// links, pipes, devices and huge sparse files, in its sources, its cache
/// folder and its committed output folder.
///
/// - Reads stay inside a folder after every link is resolved, are regular
///   files (never a pipe or device, which could block or never end) and are
///   bounded in size before a byte is read.
/// - Writes go only to regular files inside the output (or cache) folder:
///   no folder below it may be a link (a link would carry the write out of
///   it) and the target may not be a link, a folder or a device.
public enum Confinement {
    /// A file the rule refused, and which part of the rule it broke.
    public struct Violation: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var reason: String
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
        public var description: String { "'\(path)' \(reason)" }
    }

    /// The path with every symbolic link, `.` and `..` resolved, or nil if
    /// it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path.isEmpty ? "." : path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path`, after resolving links, is `folder` or inside it
    /// (also after resolving links). A path that does not exist is not inside.
    public static func isInside(_ path: String, folder: String) -> Bool {
        guard let file = realPath(path), let root = realPath(folder) else { return false }
        return contains(root: root, file)
    }

    /// Whether the resolved path `file` is `root` or below it.
    ///
    /// Compared by bytes: `==` and `hasPrefix` take canonically equivalent
    /// names as equal, so `/srv/cafe\u{301}/x` was inside `/srv/caf\u{E9}`,
    /// a different folder on disk.
    public static func contains(root: String, _ file: String) -> Bool {
        if file.hasSameBytes(as: root) || root.hasSameBytes(as: "/") { return true }
        return file.hasBytePrefix(root.hasByteSuffix("/") ? root : root + "/")
    }

    /// Reads a regular file of at most `limit` bytes, following links only
    /// when `followLinks` is set; a pipe, device, folder or longer file is a
    /// ``Violation`` before anything is read (a 1.5 GB sparse file costs no
    /// memory).
    public static func readRegularFile(_ path: String, limit: Int, followLinks: Bool = true) throws -> Data {
        // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else {
            let code = errno
            throw Violation(path: path, reason: code == ELOOP ? "is a symbolic link" : "cannot be read: \(String(cString: strerror(code)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Violation(path: path, reason: "cannot be read: \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Violation(path: path, reason: "is not a regular file (a folder, pipe, socket or device)") }
        guard info.st_size <= limit else {
            throw Violation(path: path, reason: "holds \(info.st_size) bytes, more than the limit of \(limit)")
        }
        var data = Data(count: Int(info.st_size) + 1)
        var total = 0
        // Read to one byte past the size: a file that grew meanwhile is refused, not cut.
        while total < data.count {
            let n = data.withUnsafeMutableBytes { read(fd, $0.baseAddress! + total, $0.count - total) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw Violation(path: path, reason: "cannot be read: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            total += n
        }
        guard total <= limit else { throw Violation(path: path, reason: "holds more than the limit of \(limit) bytes") }
        data.count = total
        return data
    }

    /// ``readRegularFile(_:limit:followLinks:)``, or nil when refused (a
    /// cache entry that is not a bounded regular file is a miss).
    public static func contents(_ path: String, limit: Int, followLinks: Bool = true) -> Data? {
        try? readRegularFile(path, limit: limit, followLinks: followLinks)
    }

    /// Checks that `path` may be written inside the folder `root`: it is
    /// below `root` as written (no `..`), no folder between them is a
    /// symbolic link or anything but a folder, and the target is missing or
    /// a regular file (a link there would be replaced, but a link, folder or
    /// device at a generated name means someone planted it).
    public static func checkOutput(_ path: String, root: String) throws {
        let base = root.hasByteSuffix("/") ? String(decoding: root.utf8.dropLast(), as: UTF8.self) : root
        guard path.hasBytePrefix(base + "/") else {
            throw Violation(path: path, reason: "is outside the output folder '\(root)'")
        }
        let components = String(decoding: path.utf8.dropFirst(base.utf8.count + 1), as: UTF8.self).slashSeparatedParts(keepingEmpty: true)
        guard !components.isEmpty, !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw Violation(path: path, reason: "is not a plain path inside the output folder '\(root)'")
        }
        var prefix = base
        for (index, component) in components.enumerated() {
            prefix += "/" + component
            var info = stat()
            guard lstat(prefix, &info) == 0 else { return }  // the rest will be made
            let kind = info.st_mode & S_IFMT
            let last = index == components.count - 1
            if kind == S_IFLNK {
                throw Violation(path: path, reason: "goes through the symbolic link '\(prefix)'; outputs are never written through links (delete the link)")
            }
            if last, kind != S_IFREG {
                throw Violation(path: path, reason: "is \(kind == S_IFDIR ? "a folder" : "not a regular file (a pipe, socket or device)"); outputs are written only as regular files (delete it)")
            }
            if !last, kind != S_IFDIR {
                throw Violation(path: path, reason: "needs '\(prefix)' to be a folder, but it is a file")
            }
        }
    }
}
