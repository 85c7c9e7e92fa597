import Foundation

/// Finds lesson files: a file stands for itself, a folder for every `.md`
/// file under it (sorted, so runs are deterministic).
public enum LessonDiscovery {
    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "no such file or folder: \(path)" }
    }

    public static func lessons(in paths: [String]) throws -> [String] {
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
                        inFolder.append(full)
                    }
                }
                found += inFolder.sorted()
            } else {
                found.append(path)
            }
        }
        var seen = Set<String>()
        return found.filter { seen.insert(($0 as NSString).standardizingPath).inserted }
    }
}
