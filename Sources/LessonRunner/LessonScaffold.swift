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

    /// `name` alone goes to `folder/STEM.md` (``fileStem(for:)``); a name
    /// with a folder or ending in `.md` is a path, taken as written.
    public static func path(for name: String, folder: String = "lessons") -> String {
        if isPath(name) { return name.hasFileSuffix(".md") ? name : name + ".md" }
        let file = fileStem(for: name) + ".md"
        return folder == "." ? file : (folder as NSString).appendingPathComponent(file)
    }

    /// Whether `lesson new` takes `name` as a path rather than a name.
    public static func isPath(_ name: String) -> Bool {
        name.utf8.contains(UInt8(ascii: "/")) || name.hasFileSuffix(".md")
    }

    /// The file name a lesson's name gives (`a b` → `a-b`, `it's a test` →
    /// `its-a-test`): one word for a shell and a plain link in the pages, as
    /// the shipped lessons are named. Letters (any script), digits, `-`, `_`
    /// and `.` stay; quotes go; any other run becomes one `-`; no `-` or `.`
    /// at either end (a leading dot would hide the file). Empty when the
    /// name has no letter or digit.
    public static func fileStem(for name: String) -> String {
        var stem = ""
        var gap = false
        for character in name {
            if "'\"`\u{2018}\u{2019}\u{201C}\u{201D}".contains(character) { continue }
            if character.isLetter || character.isNumber || character == "-" || character == "_" || character == "." {
                if gap, !stem.isEmpty { stem.append("-") }
                gap = false
                stem.append(character)
            } else {
                gap = true
            }
        }
        while let last = stem.last, last == "-" || last == "." { stem.removeLast() }
        while let first = stem.first, first == "-" || first == "." { stem.removeFirst() }
        return stem
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
        if !isPath(name), fileStem(for: name).isEmpty {
            throw Problem(description: "'\(name)' has no letter or digit to name the lesson's file with; give a name such as `lesson new attention` (nothing was written)")
        }
        let path = path(for: name, folder: folder)
        if !LessonDiscovery.searchTakes((path as NSString).lastPathComponent) {
            throw Problem(description: "'\(path)' would be left out when its folder is checked or rendered: a folder's search skips README.md files and names that start with '.'; choose another name (nothing was written)")
        }
        if FileManager.default.fileExists(atPath: path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil {
            throw Problem(description: "'\(path)' already exists; choose another name (nothing was written)")
        }
        // The title from the name as typed: `it's a test` keeps its apostrophe.
        let text = try text(title: title(for: isPath(name) ? path : name + ".md"), kind: kind)
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
