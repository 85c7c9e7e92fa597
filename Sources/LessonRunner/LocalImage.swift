import Foundation
import LessonMarkdown

/// A lesson's local images: `![x](img/a.png)` is a file beside the lesson,
/// copied next to the page so the page works wherever `output/` goes.
public enum LocalImage {
    /// Whether `source` names a file to copy (not a URL, not `data:`).
    public static func isLocal(_ source: String) -> Bool {
        let lowered = source.lowercased()
        if lowered.isEmpty || lowered.hasPrefix("data:") || lowered.hasPrefix("#") { return false }
        return !(lowered.hasPrefix("//") || lowered.contains(":"))
    }

    /// The path inside the lesson's folder, without `%20`-style escapes,
    /// query or fragment; nil when it would leave the folder.
    public static func relativePath(_ source: String) -> String? {
        var path = source
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
        path = path.removingPercentEncoding ?? path
        if path.hasPrefix("/") { return nil }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { return nil }
            parts.append(part)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// Missing or out-of-folder local images, as errors at their place.
    public static func diagnostics(for lesson: Lesson) -> [Diagnostic] {
        let folder = (lesson.path as NSString).deletingLastPathComponent
        var out: [Diagnostic] = []
        for image in lesson.images where isLocal(image.source) {
            guard let relative = relativePath(image.source) else {
                out.append(Diagnostic(.imageOutside, "image '\(image.source)' is outside the lesson's folder; put it in the folder (for example img/) and write a path inside it",
                                      at: image.location))
                continue
            }
            let path = folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || isDirectory.boolValue {
                out.append(Diagnostic(.imageMissing, "image '\(image.source)' not found: no file \(path)", at: image.location))
            }
        }
        return out
    }
}
