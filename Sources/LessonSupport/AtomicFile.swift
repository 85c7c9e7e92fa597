import Foundation

/// Writes files so that a reader sees either the old or the new contents,
/// never half of one: write a temporary file beside the target, then rename.
public enum AtomicFile {
    /// A failed write, naming the file and the system's reason.
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write '\(path)': \(reason)" }
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// For the end-to-end test of interrupted writes only: how long to keep
    /// each temporary file before renaming it (`LESSON_TEST_HOLD_TEMPORARY_FILES`).
    static let holdTemporaryFiles = ProcessInfo.processInfo.environment["LESSON_TEST_HOLD_TEMPORARY_FILES"].flatMap(Double.init)

    /// - Parameter root: the folder the file must stay in (``Confinement/checkOutput(_:root:)``):
    ///   nothing is written through a link or over a folder or device there.
    public static func write(_ data: Data, to path: String, within root: String? = nil) throws {
        if let root {
            do {
                try Confinement.checkOutput(path, root: root)
            } catch let violation as Confinement.Violation {
                throw WriteError(path: path, reason: violation.reason)
            }
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        try createDirectory(directory.path)
        // Unique per write, not only per process: blocks run on several threads
        // and two of them may store the same cache entry at once. The name is
        // cut so that a long target name cannot make it exceed 255 bytes.
        let temporary = directory.appendingPathComponent(
            ".\(temporaryStem(url.lastPathComponent)).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString.prefix(8)).tmp")
        // Removed if the process is interrupted before the rename.
        TemporaryFiles.register(temporary.path)
        defer { TemporaryFiles.unregister(temporary.path) }
        do {
            try data.write(to: temporary)
            if let seconds = holdTemporaryFiles { Thread.sleep(forTimeInterval: seconds) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: path, reason: reason(error))
        }
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: path, reason: String(cString: strerror(code)))
        }
    }

    /// Creates a folder and its parents; the error names the folder that
    /// could not be made and the system's reason ("Not a directory").
    ///
    /// One `mkdir` per level rather than FileManager, whose errors on Linux
    /// often lose the POSIX reason.
    public static func createDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        // Split by bytes: `a/\u{301}b` is one character `/\u{301}` short of
        // a split, and `mkdir("a/\u{301}b")` failed for want of `a`.
        var prefix = path.isAbsolutePath ? "/" : ""
        for component in path.slashSeparatedParts {
            prefix += (prefix.isEmpty || prefix.hasByteSuffix("/") ? "" : "/") + component
            if mkdir(prefix, 0o755) != 0 {
                let code = errno
                if code == EEXIST, FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory), isDirectory.boolValue {
                    continue
                }
                let why = code == EEXIST ? "'\(prefix)' is a file, not a folder" : "'\(prefix)': \(String(cString: strerror(code)))"
                throw WriteError(path: path, reason: "cannot create the folder: \(why)")
            }
        }
    }

    /// Creates the folder (and its parents) if needed and checks that files
    /// can be made in it, so a command can refuse an unusable output folder
    /// before it runs anything rather than after.
    public static func prepareFolder(_ path: String) throws {
        try createDirectory(path)
        if access(path, W_OK | X_OK) != 0 {
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
    }

    public static func write(_ text: String, to path: String, within root: String? = nil) throws {
        try write(Data(text.utf8), to: path, within: root)
    }

    /// At most 160 bytes of the target's name, cut at a character.
    static func temporaryStem(_ name: String) -> String {
        guard name.utf8.count > 160 else { return name }
        var out = ""
        for character in name {
            if out.utf8.count + character.utf8.count > 160 { break }
            out.append(character)
        }
        return out
    }

    /// Writes like ``write(_:to:)`` unless the file already holds exactly
    /// these bytes: then nothing is written, so an unchanged page keeps its
    /// modification time (tools that sync or serve the folder see no change)
    /// and a warm render writes nothing. Returns whether it wrote.
    @discardableResult
    public static func writeIfChanged(_ data: Data, to path: String, within root: String? = nil) throws -> Bool {
        // Read no more than the new bytes (a planted sparse file of gigabytes
        // costs nothing) and never through a link.
        if let existing = Confinement.contents(path, limit: data.count, followLinks: false), existing == data {
            guard let root else { return false }
            if (try? Confinement.checkOutput(path, root: root)) != nil { return false }
        }
        try write(data, to: path, within: root)
        return true
    }

    @discardableResult
    public static func writeIfChanged(_ text: String, to path: String, within root: String? = nil) throws -> Bool {
        try writeIfChanged(Data(text.utf8), to: path, within: root)
    }

    /// The POSIX reason behind a Foundation error ("Permission denied"), which
    /// says more than its generic description.
    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }
}
