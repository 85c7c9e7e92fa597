import Foundation

/// Why a lesson file could not be turned into a `Lesson`.
///
/// Markdown itself never fails to parse, and bytes that are not UTF-8 are an
/// error inside the lesson (``LessonLoader/parse(data:path:)``); only reading
/// can fail.
public enum LessonLoadError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The file could not be read (missing, a directory, no permission…).
    case unreadable(path: String, reason: String)

    /// The lesson file the error is about.
    public var path: String {
        switch self {
        case .unreadable(let path, _): path
        }
    }

    /// Where in the file the problem is, when it is at a particular spot.
    public var location: SourceLocation? {
        switch self {
        case .unreadable: nil
        }
    }

    /// `failed to read lesson <path>: <reason>`, the context a reader needs first.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "failed to read lesson \(path): \(reason)"
        }
    }

    /// The same text as `description`, for code that asks Foundation for it.
    public var errorDescription: String? { description }
}
