import Foundation
import LessonSupport

/// The teaching order a course's `lessons:` list gives (as Jupyter Book's
/// `_toc.yml` or mdBook's `SUMMARY.md` do): a lesson's place is that of the
/// first entry naming it or a folder above it. The index, previous/next, the
/// search and the printed course follow it; a lesson's `order:` then decides
/// among the lessons of one folder, and a lesson the list does not name
/// follows every one it does.
public struct CourseOrder: Sendable, Equatable {
    /// Each entry as an absolute path with symbolic links resolved, so a
    /// lesson matches however its path was written (`./a.md`, `../x/a.md`).
    public var entries: [String]

    /// - Parameter paths: the entries as paths from the current folder
    ///   (`CourseSettings.resolve(_:)`).
    public init(paths: [String]) {
        entries = paths.map(Self.canonical)
    }

    /// The index of the first entry that is `path` or a folder holding it.
    public func position(of path: String) -> Int? {
        let lesson = Self.canonical(path)
        return entries.firstIndex { Confinement.contains(root: $0, lesson) }
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
