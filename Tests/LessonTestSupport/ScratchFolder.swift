import Foundation

/// A folder of its own for one test, under the system's temporary folder,
/// removed when the test lets go of it.
public final class ScratchFolder {
    public let url: URL
    public var path: String { url.path }

    /// - Parameter label: a word for the folder's name, to find it when a test is stopped.
    public init(_ label: String = "test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `relative` inside the folder (making its folders) and returns its path.
    @discardableResult
    public func write(_ text: String, to relative: String) throws -> String {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}
