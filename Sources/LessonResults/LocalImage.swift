import Foundation
import LessonMarkdown
import LessonSupport

/// A lesson's local images: `![x](img/a.png)` is a file beside the lesson,
/// copied next to the page so the page works wherever `output/` goes.
public enum LocalImage {
    /// Whether `source` names a file to copy (not a URL, not `data:`).
    public static func isLocal(_ source: String) -> Bool {
        let lowered = source.lowercased()
        if lowered.isEmpty || lowered.hasBytePrefix("data:") || lowered.hasBytePrefix("#") { return false }
        return !(lowered.hasBytePrefix("//") || lowered.contains(":"))
    }

    /// The path inside the lesson's folder, without `%20`-style escapes,
    /// query or fragment; nil when it would leave the folder.
    ///
    /// Split by bytes: `../\u{301}x.png` is the characters `.`, `.`,
    /// `/\u{301}`, `x`…, and a split by characters saw no `..`.
    public static func relativePath(_ source: String) -> String? {
        var path = source
        if let cut = path.utf8.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            path = String(decoding: path.utf8[..<cut], as: UTF8.self)
        }
        path = path.removingPercentEncoding ?? path
        if path.isAbsolutePath { return nil }
        var parts: [String] = []
        for part in path.slashSeparatedParts {
            if part == "." { continue }
            if part == ".." { return nil }
            parts.append(part)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// The endings of the files an image may be: an image can then never
    /// take the name of a page, the manifest, a script or a stylesheet.
    public static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "apng", "bmp", "ico"]

    /// The largest image copied into the output folder.
    public static let sizeLimit = 32 << 20

    /// Why an image may not be written at `relative` in the output folder
    /// (where the tool writes pages, `assets/` and `lessons.json`), or nil.
    public static func nameProblem(_ relative: String) -> String? {
        let parts = relative.slashSeparatedParts(keepingEmpty: true)
        guard let last = parts.last, !last.isEmpty else { return "names no file" }
        if parts.contains(where: { $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }) {
            return "has a control character in its name"
        }
        if parts.contains(where: { $0.hasBytePrefix(".") }) {
            return "has a name starting with '.' (hidden, and kept for the tool's temporary files)"
        }
        if parts.contains(where: { $0.utf8.count > 200 }) {
            return "has a name longer than 200 bytes"
        }
        let ext = (last as NSString).pathExtension.lowercased()
        if !imageExtensions.contains(ext) {
            return "is not named as an image (\(imageExtensions.sorted().map { "." + $0 }.joined(separator: ", ")))"
        }
        if parts.dropLast().contains(where: { $0.hasFileSuffix(".html") || $0.hasFileSuffix(".htm") }) {
            return "is inside a folder named like a page (.html)"
        }
        if parts.count > 1, parts[0].lowercased() == "assets" {
            return "is inside assets/, the folder of the tool's own files"
        }
        return nil
    }

    /// Why the image file at `path` may not be copied, or nil: it must stay
    /// inside the folder it was found in (the lesson's, or a shared one)
    /// after links are resolved (an image linked to `/proc/self/environ`
    /// would publish the CI's environment), and be a regular file no larger
    /// than ``sizeLimit``.
    public static func fileProblem(_ path: String, lessonFolder: String, folderName: String = "the lesson's folder") -> String? {
        guard let resolved = Confinement.realPath(path) else { return "not found: no file \(path)" }
        guard let folder = Confinement.realPath(lessonFolder.isEmpty ? "." : lessonFolder),
              Confinement.contains(root: folder, resolved) else {
            return "leads outside \(folderName) through a symbolic link; images must be files inside \(folderName)"
        }
        var info = stat()
        guard stat(resolved, &info) == 0 else { return "not found: no file \(path)" }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { return "not found: \(path) is a folder" }
        if kind != S_IFREG { return "is not a regular file (a pipe, socket or device): \(path)" }
        if info.st_size > sizeLimit { return "is larger than \(sizeLimit >> 20) MiB" }
        return nil
    }

    /// Why a local image cannot be shown, with its diagnostic's code.
    public struct Problem: Error, Equatable, Sendable {
        public var code: DiagnosticCode
        public var message: String
    }

    /// The file a local image names: beside the lesson, else in the first of
    /// the course's shared folders (`data:` in course.yml) that has it. A
    /// shared image follows the lesson folder's rule with its own folder:
    /// inside it after links, and the folder inside the course.
    /// - Parameters:
    ///   - sharedFolders: the course's shared folders, as seen from here.
    ///   - courseRoot: the course's folder, which a shared folder may not leave.
    public static func locate(_ source: String, lessonFolder: String, sharedFolders: [String] = [],
                              courseRoot: String? = nil) -> Result<String, Problem> {
        let shown = Excerpt.clipped(source)
        guard let relative = relativePath(source) else {
            return .failure(Problem(code: .imageOutside, message: "image '\(shown)' is outside the lesson's folder; put it in the folder (for example img/) and write a path inside it"))
        }
        if let problem = nameProblem(relative) {
            return .failure(Problem(code: .imageName, message: "image '\(shown)' \(problem); rename it (for example img/plot.png)"))
        }
        let path = lessonFolder.isEmpty ? relative : (lessonFolder as NSString).appendingPathComponent(relative)
        var info = stat()
        // Anything at the lesson's path (a dangling link too) is the image meant.
        if lstat(path, &info) == 0 || sharedFolders.isEmpty {
            if let problem = fileProblem(path, lessonFolder: lessonFolder) {
                return .failure(Problem(code: Confinement.realPath(path) == nil ? .imageMissing : .imageFile, message: "image '\(shown)' \(problem)"))
            }
            return .success(path)
        }
        for folder in sharedFolders {
            let candidate = (folder as NSString).appendingPathComponent(relative)
            guard lstat(candidate, &info) == 0 else { continue }
            let name = "the course's shared folder '\(Excerpt.clipped(folder))'"
            if let courseRoot, !Confinement.isInside(folder, folder: courseRoot) {
                return .failure(Problem(code: .imageFile, message: "image '\(shown)' is in \(name), which leads outside the course's folder through a symbolic link; shared folders must be inside the course"))
            }
            if let problem = fileProblem(candidate, lessonFolder: folder, folderName: name) {
                return .failure(Problem(code: Confinement.realPath(candidate) == nil ? .imageMissing : .imageFile, message: "image '\(shown)' \(problem)"))
            }
            return .success(candidate)
        }
        let searched = sharedFolders.map { "'\(Excerpt.clipped($0))'" }.joined(separator: ", ")
        return .failure(Problem(code: .imageMissing, message: "image '\(shown)' not found: no file \(path), nor in the course's shared folders (\(searched))"))
    }

    /// Missing, out-of-folder or misnamed local images, as errors at their place.
    public static func diagnostics(for lesson: Lesson, sharedFolders: [String] = [], courseRoot: String? = nil) -> [Diagnostic] {
        let folder = (lesson.path as NSString).deletingLastPathComponent
        var out: [Diagnostic] = []
        for image in lesson.images where isLocal(image.source) {
            if case .failure(let problem) = locate(image.source, lessonFolder: folder, sharedFolders: sharedFolders, courseRoot: courseRoot) {
                out.append(Diagnostic(problem.code, problem.message, at: image.location))
            }
        }
        return out
    }
}
