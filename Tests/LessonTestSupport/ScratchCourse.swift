import Foundation

/// A course of its own for one end-to-end test: a ``ScratchFolder`` holding
/// the files given (`course.yml`, lessons, data) by path relative to it. The
/// test removes it when it ends, as a scratch folder:
///
///     let course = try ScratchCourse(["course.yml": "title: T\n", "lessons/a.md": "# A\n"])
///     defer { course.remove() }
///     let check = try LessonBinary.run(["check"], in: course.url)
public struct ScratchCourse: Sendable {
    public let folder: ScratchFolder
    public var url: URL { folder.url }
    public var path: String { folder.path }

    /// - Parameters:
    ///   - files: text by path relative to the course's folder.
    ///   - label: a word for the folder's name, to find it when a test is stopped.
    public init(_ files: [String: String], label: String = "lesson-e2e") throws {
        folder = try ScratchFolder(label)
        do {
            try folder.write(files)
        } catch {
            folder.remove()
            throw error
        }
    }

    /// Writes (or rewrites) each of `files` in the course.
    public func write(_ files: [String: String]) throws {
        try folder.write(files)
    }

    /// Removes the course and everything in it.
    public func remove() {
        folder.remove()
    }
}
