import Foundation
import LessonMarkdown
import LessonSupport
import LessonResults

/// Links from one lesson to another's Markdown file (`[next](../ch2/intro.md#setup)`,
/// written as for GitHub): the file must exist, and the anchor must be one
/// the other page has — a heading's (its slug or `{#id}`), a figure's or a
/// table's. A broken one is an error at the link, in `check` as in `render`.
/// A link to an existing `.markdown` file in a lessons' folder is a warning:
/// no run takes such a file for a lesson, so its link goes to no page. One
/// elsewhere (a repository's `CHANGELOG.markdown`) is a document, left alone.
public enum LessonLinkCheck {
    /// - Parameters:
    ///   - root: the folder the linked files may be read in (the course's,
    ///     else the current folder): a link elsewhere is only checked to
    ///     exist, so no heading of a file outside it reaches a message.
    ///   - lessonFolders: the folders lessons are taken from (the course's
    ///     `lessons:` folders); the lesson's own folder always counts.
    public static func diagnostics(for lesson: Lesson, root: String = ".", lessonFolders: [String] = []) -> [Diagnostic] {
        let folder = (lesson.path as NSString).deletingLastPathComponent
        var anchorsByPath: [String: Set<String>?] = [:]
        var out: [Diagnostic] = []
        for link in lesson.links {
            if let file = markdownFile(link.destination) {
                let path = folder.isEmpty ? file : (folder as NSString).appendingPathComponent(file)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   isInside(path, [folder.isEmpty ? "." : folder] + lessonFolders) {
                    let renamedFile = (file as NSString).deletingPathExtension + ".md"
                    out.append(Diagnostic(.lessonLink, "link '\(Excerpt.clipped(link.destination))' names \(Excerpt.clipped(file)), which is not a lesson "
                                          + "(a lesson's name ends in .md), so no page is made for it and the link leads to no page; "
                                          + "rename the file to '\(Excerpt.clipped(renamedFile))' and the link to '\(Excerpt.clipped(renamedLink(link.destination)))'",
                                          at: link.location, severity: .warning))
                }
                continue
            }
            guard let (file, fragment) = lessonFile(link.destination) else { continue }
            let path = folder.isEmpty ? file : (folder as NSString).appendingPathComponent(file)
            let shown = "'" + Excerpt.clipped(link.destination) + "'"
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                out.append(Diagnostic(.lessonLink, "link \(shown) leads to no lesson: there is no file \(path)", at: link.location,
                                      notes: [.init("a link to another lesson names its Markdown file, relative to this lesson")]))
                continue
            }
            guard let fragment, !fragment.isEmpty, !fragment.hasPrefix("block-"), !fragment.hasPrefix("fn") else { continue }
            if anchorsByPath[path] == nil { anchorsByPath[path] = anchors(of: path, root: root) }
            guard let known = anchorsByPath[path] ?? nil, !known.contains(fragment) else { continue }
            out.append(Diagnostic(.lessonLink, "link \(shown): \(file) has no heading, figure or table with the anchor '\(Excerpt.clipped(fragment))'"
                                  + Suggestion.didYouMean(fragment, in: known.sorted()), at: link.location))
        }
        return out
    }

    /// The file and fragment of a relative link to a `.md` file; nil for
    /// anything else (a URL, `#here`, an absolute path, another kind of file).
    static func lessonFile(_ destination: String) -> (file: String, fragment: String?)? {
        guard let (file, fragment) = localFile(destination), file.hasFileSuffix(".md") else { return nil }
        return (file, fragment)
    }

    /// The file of a relative link to a `.markdown` file, which discovery
    /// never takes for a lesson; nil for anything else.
    static func markdownFile(_ destination: String) -> String? {
        guard let (file, _) = localFile(destination), file.hasFileSuffix(".markdown") else { return nil }
        return file
    }

    /// The folders a course's `lessons:` list takes lessons from: each
    /// folder it names, and the folder of each file it names.
    static func folders(of order: CourseOrder?) -> [String] {
        (order?.entries ?? []).map { entry in
            var isDirectory: ObjCBool = false
            let isFolder = FileManager.default.fileExists(atPath: entry, isDirectory: &isDirectory) && isDirectory.boolValue
            return isFolder ? entry : (entry as NSString).deletingLastPathComponent
        }
    }

    /// Whether the file at `path` is in one of `folders` or below it
    /// (after symbolic links).
    private static func isInside(_ path: String, _ folders: [String]) -> Bool {
        guard let real = realPath(path) else { return false }
        return folders.contains { folder in realPath(folder).map { Confinement.contains(root: $0, real) } ?? false }
    }

    /// `destination` with its file's `.markdown` made `.md`, the rest
    /// (`#top`, `?v=2`) as written.
    static func renamedLink(_ destination: String) -> String {
        let end = destination.firstIndex { $0 == "#" || $0 == "?" } ?? destination.endIndex
        let file = String(destination[..<end])
        guard file.hasFileSuffix(".markdown") else { return destination }
        return String(file.dropLast(".markdown".count)) + ".md" + destination[end...]
    }

    /// The file and fragment of a relative link to a local file; nil for a
    /// URL, `#here` or an absolute path.
    private static func localFile(_ destination: String) -> (file: String, fragment: String?)? {
        let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        var file = String(parts[0])
        if let query = file.firstIndex(of: "?") { file = String(file[..<query]) }
        file = file.removingPercentEncoding ?? file
        guard !file.isEmpty, !file.isAbsolutePath, !file.contains(":") else { return nil }
        let fragment = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : nil
        return (file, fragment)
    }

    /// The anchors the page of the lesson at `path` has, or nil when it is
    /// outside `root` (after symbolic links) or cannot be read.
    static func anchors(of path: String, root: String) -> Set<String>? {
        guard let real = realPath(path), let realRoot = realPath(root),
              Confinement.contains(root: realRoot, real),
              let lesson = try? LessonLoader.load(path: path) else { return nil }
        return Set(Numbering(lesson: lesson, blockIds: []).targets.values.map(\.anchor))
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
