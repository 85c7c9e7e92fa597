import Experiments
import Foundation
import LessonSupport

/// What `lesson new` writes: a lesson that passes `lesson check` as it is —
/// a title, a paragraph, one block of the kind with an expectation (its
/// ``KindExample``), and an inline value. The block's keys come from the
/// kind's declaration (``AnyExperimentKind/scaffoldBody``).
public enum LessonScaffold {
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// `name` alone goes to `folder/name.md`; a name with a folder or ending
    /// in `.md` is a path.
    public static func path(for name: String, folder: String = "lessons") -> String {
        let file = name.hasFileSuffix(".md") ? name : name + ".md"
        if name.contains("/") || name.hasFileSuffix(".md") { return file }
        return folder == "." ? file : (folder as NSString).appendingPathComponent(file)
    }

    /// The folder a new lesson goes to in `course`: its first `lessons:`
    /// entry that is a folder (or names no file yet), else the folder of
    /// its first lesson file; as a path from the current folder.
    public static func folder(in course: CourseSettings) -> String {
        let fm = FileManager.default
        let entries = course.lessons.map(course.resolve)
        if let folder = entries.first(where: { entry in
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: entry, isDirectory: &isDirectory) ? isDirectory.boolValue : !entry.hasFileSuffix(".md")
        }) {
            return folder
        }
        let above = entries.first.map { ($0 as NSString).deletingLastPathComponent } ?? ""
        return above.isEmpty ? "." : above
    }

    /// "batch-norm_intro" → "Batch norm intro".
    public static func title(for path: String) -> String {
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let words = base.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
            .split(separator: " ").joined(separator: " ")
        guard let first = words.first else { return "A new lesson" }
        return first.uppercased() + words.dropFirst()
    }

    public static func text(title: String, kind: AnyExperimentKind) throws -> String {
        guard let example = kind.example, let body = kind.scaffoldBody else {
            throw Problem(description: "kind '\(kind.name)' declares no example block yet; write the block by hand (see `lesson kinds \(kind.name)`)")
        }
        let id = kind.exampleID
        let expectation = example.expectation.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return """
        # \(title)

        Say here what the reader will learn, then let the experiment below show it.
        `lesson kinds \(kind.name)` lists the keys of this block and the values it produces;
        `lesson check` runs it and checks the expectation.

        ```experiment \(kind.name)
        id: \(id)
        \(body)
        expect:
          - "\(expectation)"
        ```

        \(example.sentence) `=\(id).\(example.inline)`.

        """
    }

    /// Writes the lesson; refuses to replace an existing file.
    public static func write(name: String, kind: AnyExperimentKind, folder: String = "lessons") throws -> String {
        let path = path(for: name, folder: folder)
        if FileManager.default.fileExists(atPath: path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil {
            throw Problem(description: "'\(path)' already exists; choose another name (nothing was written)")
        }
        let text = try text(title: title(for: path), kind: kind)
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try AtomicFile.createDirectory(folder) }
        // O_EXCL: a file that appeared since the check above is not replaced either.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw Problem(description: "cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw Problem(description: "cannot write '\(path)': \(error.localizedDescription)")
        }
        return path
    }
}
