import Foundation
import LessonMarkdown

/// Finds lesson files: a file stands for itself, a folder for every `.md`
/// file under it (sorted, so runs are deterministic).
public enum LessonDiscovery {
    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "no such file or folder: \(path)" }
    }

    /// A `.md` file found in a folder that is a symbolic link to a file outside
    /// that folder (after resolving every link): it is not read, since a page
    /// would publish whatever it points at (`intro.md -> /etc/passwd`).
    public struct LinkOutside: CustomStringConvertible, Sendable {
        public var path: String
        public var target: String
        public var folder: String
        /// A warning at the link, printed like every other diagnostic (and as
        /// a GitHub annotation with `--format github`).
        public var diagnostic: Diagnostic {
            Diagnostic(.skippedLink, "skipped: a symbolic link to '\(target)', outside the folder '\(folder)'; lessons found in a folder must stay inside it",
                       at: SourceLocation(path: path, line: 1, column: 1), severity: .warning,
                       notes: [.init("name the file itself on the command line to render it anyway")])
        }
        public var description: String { diagnostic.formatted() }
    }

    /// What a search found: the lessons to run, and the links it skipped.
    public struct Found: Sendable {
        public var lessons: [String]
        public var skipped: [LinkOutside]
    }

    public static func lessons(in paths: [String]) throws -> [String] {
        try find(in: paths).lessons
    }

    public static func find(in paths: [String]) throws -> Found {
        var skipped: [LinkOutside] = []
        var found: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                // A link that leads nowhere (or to itself) is still something the
                // author named: loading it says what is wrong with it.
                guard (try? fm.destinationOfSymbolicLink(atPath: path)) != nil else { throw Missing(path: path) }
                found.append(path)
                continue
            }
            if isDirectory.boolValue {
                guard let enumerator = fm.enumerator(atPath: path) else { continue }
                let root = (path as NSString).resolvingSymlinksInPath
                var inFolder: [String] = []
                while let relative = enumerator.nextObject() as? String {
                    let name = (relative as NSString).lastPathComponent
                    // Skip hidden folders, the data folder and the rendered output.
                    if name.hasPrefix(".") || name == "node_modules" {
                        enumerator.skipDescendants()
                        continue
                    }
                    let full = (path as NSString).appendingPathComponent(relative)
                    var entryIsDirectory: ObjCBool = false
                    // A folder named `x.md` is a folder (its lessons are found
                    // inside it), not a lesson that cannot be read.
                    if relative.lowercased().hasSuffix(".md") && name.lowercased() != "readme.md"
                        && !(fm.fileExists(atPath: full, isDirectory: &entryIsDirectory) && entryIsDirectory.boolValue) {
                        let target = (full as NSString).resolvingSymlinksInPath
                        if target != root && !target.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                            skipped.append(LinkOutside(path: full, target: target, folder: path))
                            continue
                        }
                        inFolder.append(full)
                    }
                }
                found += inFolder.sorted()
            } else {
                found.append(path)
            }
        }
        var seen = Set<String>()
        return Found(lessons: found.filter { seen.insert(($0 as NSString).standardizingPath).inserted }, skipped: skipped)
    }
}
