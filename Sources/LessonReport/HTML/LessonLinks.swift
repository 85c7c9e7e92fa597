import Foundation
import LessonResults
import LessonSupport

/// Links from one lesson to another. Lessons written for GitHub link each
/// other's Markdown files (`[next](../ch2/intro.md#setup)`); on the rendered
/// pages, which all sit in one folder under other names, such a link goes to
/// that lesson's page (`ch2-intro.html#setup`) when the lesson is rendered in
/// the same run. Any other link is left as written.
public struct LessonLinks: Sendable {
    /// Page file name by the lesson's absolute, standardized path.
    private var pages: [String: String] = [:]

    /// No lessons: every link stays as written.
    public init() {}

    /// The lessons of a run, with their page file names (``ReportWriter/pageNames(for:)``).
    public init(paths: [String], pageNames: [String]) {
        for (path, page) in zip(paths, pageNames) {
            pages[Self.absolute(path)] = page
        }
    }

    /// The page (with the fragment) that `destination`, written in the
    /// lesson at `lessonPath`, names; nil when it names no rendered lesson.
    func page(for destination: String, from lessonPath: String) -> String? {
        guard !pages.isEmpty, LocalImage.isLocal(destination) else { return nil }
        let hash = destination.firstIndex(of: "#")
        let fragment = hash.map { String(destination[$0...]) } ?? ""
        var path = String(destination[..<(hash ?? destination.endIndex)])
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        path = path.removingPercentEncoding ?? path
        // Only a `.md` file is ever a lesson (discovery skips `.markdown`):
        // any other link is left as written, and the check warns about it.
        guard !path.isAbsolutePath, path.hasFileSuffix(".md") else { return nil }
        let folder = (lessonPath as NSString).deletingLastPathComponent
        guard let page = pages[Self.absolute((folder as NSString).appendingPathComponent(path))] else { return nil }
        return HTML.fileHref(page) + fragment
    }

    static func absolute(_ path: String) -> String {
        let full = path.isAbsolutePath ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (full as NSString).standardizingPath
    }
}
