import Foundation
import LessonMarkdown
import LessonSupport
import LessonResults

/// Finds lesson files: a file stands for itself, a folder for every `.md`
/// file under it (sorted, so runs are deterministic).
public enum LessonDiscovery {
    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "no such file or folder: \(path)" }
    }

    /// A file named on its own whose name does not end in `.md`: it is not
    /// read as a lesson (`lesson check course.yml` rendered the settings as a
    /// page), since a folder's search would never take it for one either.
    public struct NotALesson: Error, CustomStringConvertible {
        public var path: String

        public init(path: String) {
            self.path = path
        }

        public var description: String {
            let name = (path as NSString).lastPathComponent
            let rule = "a lesson is a Markdown file whose name ends in .md"
            if name == CourseSettings.fileName {
                let folder = (path as NSString).deletingLastPathComponent
                return "'\(path)' is a course's settings, not a lesson (\(rule)); to run the course, name its folder ('\(folder.isEmpty ? "." : folder)'), or no path from inside it"
            }
            if name.hasFileSuffix(".markdown") {
                return "'\(path)' is not a lesson: \(rule), as a folder's search takes them; rename it '\((name as NSString).deletingPathExtension).md'"
            }
            return "'\(path)' is not a lesson: \(rule); name one, or a folder of them"
        }
    }

    /// Whether a file named on its own (not a folder) is read as a lesson:
    /// by its name, as a folder's search takes them.
    public static func isLessonName(_ path: String) -> Bool {
        path.hasFileSuffix(".md")
    }

    /// Whether a folder's search takes the file `name` as a lesson: a `.md`
    /// name, not hidden (a leading `.`) and not a folder's `README.md`.
    public static func searchTakes(_ name: String) -> Bool {
        isLessonName(name) && !name.hasBytePrefix(".") && name.lowercased() != "readme.md"
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
        /// Files and folders nested past the system's path limit, whose
        /// lessons cannot be read: errors at each (code `path-too-long`).
        public var tooDeep: [Diagnostic] = []
        /// Folders below the one given that cannot be listed (no permission):
        /// errors at each (code `unreadable-lesson`), since their lessons
        /// would otherwise be left out of the run without a word.
        public var unreadableFolders: [Diagnostic] = []
        /// Files and folders whose real path the system cannot tell, so that
        /// whether they stay inside the folder is unknown: warnings at each
        /// (code `skipped-link`); they are not read.
        public var unresolved: [Diagnostic] = []
        /// Folders and `.md` files whose names are not UTF-8, which no path
        /// built from the name opens: errors at each (code `unreadable-lesson`).
        public var undecodable: [Diagnostic] = []
    }

    /// The longest path the system opens (PATH_MAX, less its NUL).
    public static let pathLimit = Int(PATH_MAX) - 1

    /// The error for a file or folder the search found but cannot open.
    static func tooDeep(_ path: String) -> Diagnostic {
        let bytes = path.utf8.count
        return Diagnostic(.pathTooLong,
                          "'…\(String(decoding: path.utf8.suffix(60), as: UTF8.self))' is nested past the system's path limit (\(bytes) bytes, at most \(pathLimit)): the lessons under it cannot be read; move them into a shallower folder",
                          at: SourceLocation(path: path, line: 1, column: 1))
    }

    /// The path with every link resolved, by the system (`realpath`).
    /// Foundation's `resolvingSymlinksInPath` leaves a link with a relative
    /// target as it is: `lessons/loop -> ../lessons` got a new name on every
    /// turn of the loop (each lesson ran once per level, down to the path
    /// limit), and `lessons/s.md -> ../secret.md` seemed inside the folder.
    /// Nil, with the system's reason, when it cannot be resolved: such a
    /// path is never taken as inside the folder (no fallback to Foundation's
    /// resolver). `realPath` is the system's, or a test's that fails.
    private static func resolved(_ path: String, by realPath: (String) -> String?) -> (path: String?, reason: String) {
        guard let real = realPath(path) else {
            return (nil, systemReason())
        }
        return (real, "")
    }

    /// The warning for a file or folder found in a lesson folder whose real
    /// path the system cannot tell: it is not read, since it may lead anywhere.
    static func unresolvable(_ path: String, reason: String) -> Diagnostic {
        Diagnostic(.skippedLink, "skipped: the real path of '\(path)' cannot be resolved (\(reason)), so it may lead outside the folder; it is not read",
                   at: SourceLocation(path: path, line: 1, column: 1), severity: .warning,
                   notes: [.init("name the file itself on the command line to render it anyway")])
    }

    /// The error for a folder the search found but cannot list, with the
    /// system's reason. A `data/` folder is no exception: the search reads
    /// every folder, so a lesson in `data/` would drop out of the run.
    static func unreadableFolder(_ path: String, reason: String) -> Diagnostic {
        Diagnostic(.unreadableLesson, "cannot read the folder '\(path)': \(reason); the lessons in it are not run",
                   at: SourceLocation(path: path, line: 1, column: 1))
    }

    /// The error for a folder or `.md` file whose name is not UTF-8: its
    /// path, decoded with � for each such byte, names nothing that can be opened.
    static func undecodableName(_ path: String) -> Diagnostic {
        Diagnostic(.unreadableLesson, "cannot read '\(path)': its name is not UTF-8 (shown with �), so no lesson in it is run; rename it",
                   at: SourceLocation(path: path, line: 1, column: 1))
    }

    /// What a folder holds: its names, sorted (so the search does not depend
    /// on the order the system lists them in), and apart from them the
    /// folders and `.md` files whose names are not UTF-8 (decoded with �).
    private struct Listing {
        var names: [String] = []
        var undecodable: [String] = []
    }

    /// The folder's names, or the system's reason it cannot be listed (at
    /// once, or midway: readdir ends both ways, but only an error sets errno).
    private static func listing(_ folder: String) -> Result<Listing, ListingFailure> {
        guard let stream = opendir(folder) else {
            return .failure(ListingFailure(reason: systemReason()))
        }
        defer { closedir(stream) }
        var listing = Listing()
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 {
                    return .failure(ListingFailure(reason: systemReason()))
                }
                break
            }
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if let name = String(validating: bytes, as: UTF8.self) {
                if name != "." && name != ".." { listing.names.append(name) }
                continue
            }
            let shown = String(decoding: bytes, as: UTF8.self)
            var info = stat()
            let isFolder = fstatat(dirfd(stream), bytes.map { CChar(bitPattern: $0) } + [0], &info, 0) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            if isFolder || isLessonName(shown) { listing.undecodable.append(shown) }
        }
        listing.names.sort()
        return .success(listing)
    }

    private struct ListingFailure: Error {
        var reason: String
    }

    /// The system's reason for the last call that failed (`errno`), in lower case.
    private static func systemReason() -> String {
        String(cString: strerror(errno)).lowercased()
    }

    /// Whether `path` itself is a symbolic link (not what it leads to).
    private static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    public static func lessons(in paths: [String]) throws -> [String] {
        try find(in: paths).lessons
    }

    public static func find(in paths: [String]) throws -> Found {
        try find(in: paths, realPath: Confinement.realPath)
    }

    /// - Parameter realPath: resolves every link of a path, or is nil and
    ///   sets `errno` (``Confinement/realPath(_:)``; a test's may fail).
    static func find(in paths: [String], realPath: (String) -> String?) throws -> Found {
        func resolved(_ path: String) -> (path: String?, reason: String) { Self.resolved(path, by: realPath) }
        var skipped: [LinkOutside] = []
        var unresolved: [Diagnostic] = []
        var tooDeep: [Diagnostic] = []
        var unreadable: [Diagnostic] = []
        var undecodable: [Diagnostic] = []
        var found: [String] = []
        let fm = FileManager.default
        for path in paths.map(\.collapsingSlashes) {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                // A link that leads nowhere (or to itself) is still something the
                // author named: loading it says what is wrong with it.
                guard (try? fm.destinationOfSymbolicLink(atPath: path)) != nil else { throw Missing(path: path) }
                guard isLessonName(path) else { throw NotALesson(path: path) }
                found.append(path)
                continue
            }
            if isDirectory.boolValue {
                let (resolvedRoot, rootReason) = resolved(path)
                guard let root = resolvedRoot else {
                    unresolved.append(Self.unresolvable(path, reason: rootReason))
                    continue
                }
                var inFolder: [String] = []
                // By hand, not FileManager's enumerator: that passes in
                // silence over a folder nested past the path limit.
                var pending = [path]
                // Folders reached through a link wait until every folder
                // reached without one is searched, and go in path order: a
                // folder both ways (`inner` and `sub -> inner`) is published
                // under its own path, whatever order the system lists names in.
                var linked: [String] = []
                // Linked folders are searched once each (a link may loop).
                var searched: Set<String> = []
                func next() -> String? {
                    if let folder = pending.popLast() { return folder }
                    linked.sort(by: >)
                    return linked.popLast()
                }
                while let folder = next() {
                    guard let real = resolved(folder).path, searched.insert(real).inserted else { continue }
                    let names: [String]
                    switch listing(folder) {
                    case .success(let listed):
                        names = listed.names
                        for name in listed.undecodable where !name.hasBytePrefix(".") {
                            undecodable.append(Self.undecodableName((folder as NSString).appendingPathComponent(name)))
                        }
                    case .failure(let failure):
                        unreadable.append(Self.unreadableFolder(folder, reason: failure.reason))
                        continue
                    }
                    for name in names {
                        // Skip hidden folders and installed packages.
                        if name.hasBytePrefix(".") || name == "node_modules" { continue }
                        let full = (folder as NSString).appendingPathComponent(name)
                        // Listed in its folder, but no call can open it by its path.
                        if full.utf8.count > pathLimit {
                            tooDeep.append(Self.tooDeep(full))
                            continue
                        }
                        var entryIsDirectory: ObjCBool = false
                        let exists = fm.fileExists(atPath: full, isDirectory: &entryIsDirectory)
                        if exists, entryIsDirectory.boolValue {
                            // A folder named `x.md` is a folder too (its lessons
                            // are found inside it), not a lesson that cannot be read.
                            // A linked one is searched only inside the folder given.
                            let (target, reason) = resolved(full)
                            if let target {
                                if !Confinement.contains(root: root, target) {
                                    skipped.append(LinkOutside(path: full, target: target, folder: path))
                                } else if isLink(full) {
                                    linked.append(full)
                                } else {
                                    pending.append(full)
                                }
                            } else {
                                unresolved.append(Self.unresolvable(full, reason: reason))
                            }
                            continue
                        }
                        guard searchTakes(name) else { continue }
                        let (target, reason) = resolved(full)
                        guard let target else {
                            // A link that leads nowhere (or to itself) has nothing
                            // to publish: loading it says what is wrong with it.
                            // One that leads to a file the system cannot name is not read.
                            if exists {
                                unresolved.append(Self.unresolvable(full, reason: reason))
                            } else {
                                inFolder.append(full)
                            }
                            continue
                        }
                        if !Confinement.contains(root: root, target) {
                            skipped.append(LinkOutside(path: full, target: target, folder: path))
                            continue
                        }
                        inFolder.append(full)
                    }
                }
                found += inFolder.sorted()
            } else {
                guard isLessonName(path) else { throw NotALesson(path: path) }
                found.append(path)
            }
        }
        var seen = Set<String>()
        func byPath(_ a: Diagnostic, _ b: Diagnostic) -> Bool { a.location?.path ?? "" < b.location?.path ?? "" }
        return Found(lessons: found.filter { seen.insert(($0 as NSString).standardizingPath).inserted }, skipped: skipped.sorted { $0.path < $1.path },
                     tooDeep: tooDeep.sorted(by: byPath), unreadableFolders: unreadable.sorted(by: byPath), unresolved: unresolved.sorted(by: byPath),
                     undecodable: undecodable.sorted(by: byPath))
    }
}
