import Foundation

/// A folder of its own for one test, under the system's temporary folder.
/// The test removes it when it ends, whether it passes, fails or throws:
///
///     let scratch = try ScratchFolder("cache")
///     defer { scratch.remove() }
///
/// A `defer` rather than a `deinit`: Swift may release an object right after
/// its last use, before the test is done with the paths it handed out, and a
/// folder nobody removes stays in the temporary folder for good.
public struct ScratchFolder: Sendable {
    public let url: URL
    public var path: String { url.path }

    /// - Parameter label: a word for the folder's name, to find it when a test is stopped.
    public init(_ label: String = "test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Removes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Makes the folder `relative` inside (and the folders above it) and returns its path.
    @discardableResult
    public func folder(_ relative: String) throws -> String {
        let folder = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    /// Writes each of `files` (text by path relative to the folder) and
    /// returns the folder's path.
    @discardableResult
    public func write(_ files: [String: String]) throws -> String {
        for (relative, text) in files { try write(text, to: relative) }
        return path
    }

    /// Writes `text` to `relative` inside the folder (making its folders) and returns its path.
    @discardableResult
    public func write(_ text: String, to relative: String) throws -> String {
        try write(Data(text.utf8), to: relative)
    }

    /// Writes `bytes` to `relative` inside the folder (making its folders) and returns its path.
    @discardableResult
    public func write(_ bytes: [UInt8], to relative: String) throws -> String {
        try write(Data(bytes), to: relative)
    }

    private func write(_ data: Data, to relative: String) throws -> String {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file, options: .atomic)
        return file.path
    }
}
