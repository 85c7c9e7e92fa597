import Foundation
import LessonSupport
import NeuralEngine

/// Why a data file named in a block cannot be used.
public struct DataFileProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var notes: [String]
    public var description: String { message }
}

extension DecodeContext {
    /// The rule every data file follows, quoted by the errors that enforce it.
    public static let dataFileRule = "a data file must be inside the lesson's folder (or a folder below it), after following symbolic links"

    /// Finds a data file named in a block: relative to the lesson's folder,
    /// then to its `data/` folder, and only inside the lesson's folder tree;
    /// then a data set built into the program (``BuiltInData``: the digits).
    ///
    /// A lesson is something one downloads and renders; it must not be able
    /// to read `/etc/passwd` or `../../secrets` into a page or an error message.
    /// - Throws: ``DataFileProblem`` saying what is wrong and what would be right.
    public func locateDataFile(_ name: String) throws(DataFileProblem) -> String {
        let shown = DataFileProblem.quoted(name)
        guard !name.isEmpty else {
            throw DataFileProblem(message: "the data file name is empty", notes: [])
        }
        if name.isAbsolutePath || name.hasBytePrefix("~") {
            throw DataFileProblem(
                message: "the data file \(shown) is an absolute path; \(Self.dataFileRule)",
                notes: ["copy the file next to the lesson or into its data/ folder and give its relative path"])
        }
        let fm = FileManager.default
        let root = Self.realPath(lessonDirectory) ?? lessonDirectory
        var outside: String?
        for candidate in [(lessonDirectory as NSString).appendingPathComponent(name),
                          (lessonDirectory as NSString).appendingPathComponent("data/" + name)] {
            guard fm.fileExists(atPath: candidate), let resolved = Self.realPath(candidate) else { continue }
            guard Confinement.contains(root: root, resolved) else {
                outside = outside ?? resolved
                continue
            }
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory.boolValue {
                throw DataFileProblem(message: "the data file \(shown) is a folder, not a file", notes: ["name the file inside it"])
            }
            return candidate
        }
        if outside == nil, let shared = try sharedDataFile(name) { return shared }
        if outside != nil {
            throw DataFileProblem(
                message: "the data file \(shown) leads outside the lesson's folder; \(Self.dataFileRule)",
                notes: ["copy the file next to the lesson or into its data/ folder"])
        }
        // Only after the lesson's own files: a lesson may bring its own digits.
        if let builtIn = BuiltInData.path(forName: name) { return builtIn }
        let shared = sharedDataFolders.isEmpty ? "" : ", in its data/ folder or in the course's data folders (\(sharedDataFolders.map { "'\($0)'" }.joined(separator: ", ")))"
        throw DataFileProblem(message: "cannot find the data file \(shown) next to the lesson" + (shared.isEmpty ? " or in its data/ folder" : shared), notes: [])
    }

    /// `name` in the first shared data folder that has it, or nil. The file
    /// must be inside the course's folder (or, outside a course, the shared
    /// folder itself) after following symbolic links.
    func sharedDataFile(_ name: String) throws(DataFileProblem) -> String? {
        let fm = FileManager.default
        for folder in sharedDataFolders {
            let candidate = (folder as NSString).appendingPathComponent(name)
            guard fm.fileExists(atPath: candidate), let resolved = Self.realPath(candidate) else { continue }
            let rootPath = Self.realPath(courseRoot ?? folder) ?? (courseRoot ?? folder)
            guard Confinement.contains(root: rootPath, resolved) else {
                throw DataFileProblem(
                    message: "the data file \(DataFileProblem.quoted(name)) in the shared folder '\(Excerpt.clipped(folder))' leads outside the course's folder",
                    notes: ["copy the file into the shared folder instead of linking to it"])
            }
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory.boolValue {
                throw DataFileProblem(message: "the data file \(DataFileProblem.quoted(name)) is a folder, not a file", notes: ["name the file inside it"])
            }
            return candidate
        }
        return nil
    }

    /// The path with every symbolic link, `.` and `..` resolved, or nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

extension DataFileProblem {
    /// A name as messages show it: quoted, and cut short when long.
    static func quoted(_ name: String) -> String {
        "'" + Excerpt.clipped(name) + "'"
    }
}
