import Foundation

/// Why a lesson file could not be turned into a `Lesson`.
///
/// Markdown itself never fails to parse; only reading and decoding can.
public enum LessonLoadError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The file could not be read (missing, a directory, no permission…).
    case unreadable(path: String, reason: String)
    /// The file is not UTF-8; the location is the first offending byte.
    case invalidUTF8(SourceLocation)

    /// The lesson file the error is about.
    public var path: String {
        switch self {
        case .unreadable(let path, _): path
        case .invalidUTF8(let location): location.path
        }
    }

    /// Where in the file the problem is, when it is at a particular spot.
    public var location: SourceLocation? {
        switch self {
        case .unreadable: nil
        case .invalidUTF8(let location): location
        }
    }

    /// `failed to read lesson <path>: <reason>`, the context a reader needs first.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "failed to read lesson \(path): \(reason)"
        case .invalidUTF8(let location):
            "failed to read lesson \(location.path): invalid UTF-8 at line \(location.line), column \(location.column)"
        }
    }

    /// The same text as `description`, for code that asks Foundation for it.
    public var errorDescription: String? { description }
}
