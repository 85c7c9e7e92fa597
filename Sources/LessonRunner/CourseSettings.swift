import Experiments
import Foundation
import LessonMarkdown
import LessonResults
import LessonSupport

/// A course's settings: `course.yml` at the top of a course's repository
/// (what `_quarto.yml`, Jupyter Book's `_config.yml` or mdBook's `book.toml`
/// hold for theirs). `render`, `check` and `preview` read it from the current
/// folder or the nearest parent; options on the command line override it.
///
/// Every path in it is relative to the file's own folder, so the commands
/// work the same from any folder of the course.
public struct CourseSettings: Sendable, Equatable {
    public static let fileName = "course.yml"

    /// The settings file, as found (`course.yml`, `../course.yml`).
    public var path: String
    /// The course's title: the index page's heading.
    public var title: String?
    /// Lesson files and folders, in teaching order (``CourseOrder``): the
    /// index follows the list, and a lesson's `order:` decides only among
    /// the lessons of one folder it names.
    public var lessons: [String] = ["lessons"]
    /// Where each of ``lessons`` is written in the file (empty when the
    /// list is the default), for errors about an entry.
    public var lessonLocations: [SourceLocation] = []
    /// Folders searched for data files after the lesson's own folder.
    public var data: [String] = []
    /// The language of lessons whose front matter names none.
    public var language: String?
    /// Where `render` writes the pages.
    public var output: String = "site"
    /// Where results are cached between runs.
    public var cache: String = ".lesson-cache"
    /// Where `cache:`'s value is in the settings file (nil when it names none).
    public var cacheLocation: SourceLocation?
    /// A BibTeX file for lessons whose front matter names none.
    public var bibliography: String?
    /// Where `bibliography:`'s value is in the settings file.
    public var bibliographyLocation: SourceLocation?
    /// Strictness: a warning fails `check` and `render` (`--warnings-as-errors`).
    public var warningsAsErrors = false
    /// Strictness: a noisy timing fails instead of warning (`--strict-timing`).
    public var strictTiming = false
    /// What the settings may keep but a user should hear about, as a
    /// lesson's `lang: fr` is: a `language` with no interface words.
    public var warnings: [Diagnostic] = []

    /// Every key, with what it means (for `lesson init`'s file and the errors).
    public static let keys: [(name: String, meaning: String)] = [
        ("title", "the course's title, the heading of the index page"),
        ("lessons", "lesson files and folders, in teaching order"),
        ("data", "folders of data files shared by the lessons, searched after each lesson's own folder"),
        ("language", "the language of lessons whose front matter has no lang: (en, vi, …)"),
        ("bibliography", "a BibTeX file whose entries lessons cite as [@key] (a lesson's bibliography: overrides it)"),
        ("output", "the folder `lesson render` writes the pages to"),
        ("cache", "the folder of cached results (keep it between CI runs)"),
        ("warnings_as_errors", "true: a warning fails `lesson check` like an error"),
        ("strict_timing", "true: a timing that stayed noisy fails instead of warning"),
    ]

    public init(path: String) {
        self.path = path
    }

    /// The course's folder, as a path usable from the current folder (`.`, `..`).
    public var root: String {
        let folder = path.folderPath
        return folder.isEmpty ? "." : folder
    }

    /// A path from the settings, as seen from the current folder: read as
    /// a path given on the command line is (``Swift/String/userPath``), so
    /// `~/site`, `site/` and `../shared` mean what they mean there.
    public func resolve(_ relative: String) -> String {
        root.appendingPath(relative)
    }

    /// A warning at each entry of `data:` that is not a folder: a misspelt
    /// one would otherwise leave every file looked for there "not found",
    /// far from the setting that is wrong.
    func missingDataFolders(_ folders: [String], at nodes: [SpecValue]) -> [Diagnostic] {
        zip(folders, nodes).compactMap { folder, node in
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: resolve(folder), isDirectory: &isFolder), isFolder.boolValue { return nil }
            return Diagnostic(.courseSettings, "no folder '\(folder)' for 'data': the lessons' data files and images are not looked for there",
                              at: SourceLocation(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1), severity: .warning,
                              notes: [.init("'data' lists folders of shared data files, relative to \(Self.fileName)")])
        }
    }

    /// The nearest `course.yml`: in `directory`, else in its parents, as a
    /// relative path (`course.yml`, `../course.yml`) when `directory` is ".".
    public static func find(from directory: String = ".") -> String? {
        var prefix = directory == "." ? "" : directory + "/"
        var absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
        while true {
            if FileManager.default.fileExists(atPath: prefix + fileName) { return prefix + fileName }
            let parent = absolute.folderPath
            if parent == absolute || parent.isEmpty { return nil }
            absolute = parent
            prefix += "../"
        }
    }

    /// Reads the settings at `path`. Problems are located errors; with any
    /// error the settings are nil, so a misspelt key never silently runs
    /// with a default.
    public static func load(path: String) -> (settings: CourseSettings?, problems: [Diagnostic]) {
        let (settings, problems) = read(path: path)
        return problems.isEmpty ? (settings, []) : (nil, problems)
    }

    /// Reads the settings at `path` as far as they can be read, with the
    /// problems: what ``load(path:)`` does, but the settings are kept beside
    /// the errors (nil only when the file is not a mapping of keys), so the
    /// problems of the paths it names can be told with them, at once. A key
    /// whose value could not be read is left empty (`lessons: []`, `cache: ""`),
    /// so no path is checked for it.
    public static func read(path: String) -> (settings: CourseSettings?, problems: [Diagnostic]) {
        var problems: [Diagnostic] = []
        func problem(_ message: String, _ value: SpecValue?, notes: [String] = []) {
            let location = SourceLocation(path: path, line: value?.mark?.line ?? 1, column: value?.mark?.column ?? 1)
            problems.append(Diagnostic(.courseSettings, message, at: location, notes: notes.map { .init($0) }))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            problem("cannot read the course settings", nil)
            return (nil, problems)
        }
        let text = String(decoding: data, as: UTF8.self)
        let root: SpecValue?
        switch SpecValue.parse(yaml: text, file: (path as NSString).lastPathComponent) {
        case .success(let value):
            root = value
        case .failure(let issue):
            // The same words and places as a block's YAML errors (tabs, duplicate keys, aliases).
            problems.append(Diagnostic(.courseSettings, issue.message, at: SourceLocation(path: path, line: max(1, issue.line), column: max(1, issue.column)),
                                       notes: issue.notes.map { .init($0) }))
            return (nil, problems)
        }
        var settings = CourseSettings(path: path)
        guard let root else { return (settings, []) }
        var lessonsUnread = false
        guard case .mapping(let mapping) = root else {
            problem("the course settings must be a mapping of keys (title:, lessons:, …)", root)
            return (nil, problems)
        }
        let known = keys.map(\.name)
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                problem("keys must be plain names", keyNode)
                continue
            }
            if !seen.insert(key).inserted { problem("duplicate key '\(key)'", keyNode); continue }
            func text() -> String? {
                guard let scalar = value.scalar, !scalar.string.isEmpty else {
                    problem("'\(key)' must be a word or a path", value)
                    return nil
                }
                return scalar.string
            }
            func list() -> [String]? {
                if let scalar = value.scalar, !scalar.string.isEmpty { return [scalar.string] }
                guard case .list(let sequence) = value,
                      let items = Optional(sequence.compactMap({ $0.scalar?.string })), items.count == sequence.count, !items.contains("") else {
                    problem("'\(key)' must be a list of folders or files, e.g. [lessons]", value)
                    return nil
                }
                return items
            }
            func flag() -> Bool? {
                switch value.scalar?.string.lowercased() {
                case "true", "yes": return true
                case "false", "no": return false
                default:
                    problem("'\(key)' must be true or false", value)
                    return nil
                }
            }
            switch key {
            case "title": settings.title = text()
            case "lessons":
                if let items = list() {
                    settings.lessons = items
                    settings.lessonLocations = value.items.map {
                        SourceLocation(path: path, line: $0.mark?.line ?? 1, column: $0.mark?.column ?? 1)
                    }
                } else {
                    lessonsUnread = true
                }
            case "data":
                if let items = list() {
                    settings.data = items
                    settings.warnings += settings.missingDataFolders(items, at: value.items)
                }
            case "language":
                settings.language = text()?.lowercased()
                if let language = settings.language, !Interface.known(language) {
                    let location = SourceLocation(path: path, line: value.mark?.line ?? 1, column: value.mark?.column ?? 1)
                    settings.warnings.append(Diagnostic(.courseSettings,
                        "no interface words for language '\(language)' (known: \(Interface.languages.joined(separator: ", "))); lessons without lang: say they are '\(language)' but their interface stays English",
                        at: location, severity: .warning))
                }
            case "bibliography":
                settings.bibliography = text()
                settings.bibliographyLocation = SourceLocation(path: path, line: value.mark?.line ?? 1, column: value.mark?.column ?? 1)
            case "output": if let folder = text() { settings.output = folder }
            case "cache":
                settings.cache = text() ?? ""
                settings.cacheLocation = SourceLocation(path: path, line: value.mark?.line ?? 1, column: value.mark?.column ?? 1)
            case "warnings_as_errors": if let value = flag() { settings.warningsAsErrors = value }
            case "strict_timing": if let value = flag() { settings.strictTiming = value }
            default:
                problem("unknown setting '\(key)'" + Suggestion.didYouMean(key, in: known), keyNode,
                        notes: ["settings: " + known.joined(separator: ", ")])
            }
        }
        if settings.lessons.isEmpty && !lessonsUnread {
            problem("'lessons' must name at least one lesson folder or file", mapping.first { $0.key.scalar?.string == "lessons" }?.value)
        }
        if lessonsUnread {
            settings.lessons = []
        }
        return (settings, problems)
    }

    /// An error at `cache:`'s value (at the top of the file for the default)
    /// saying why the cache folder cannot be used.
    public func unusableCache(_ reason: String) -> Diagnostic {
        let named = cacheLocation == nil ? " (the default, as \(Self.fileName) names no cache)" : ""
        return Diagnostic(.courseSettings, "cache '\(cache)'\(named) cannot be used: \(reason); give a writable folder, or --no-cache",
                          at: cacheLocation ?? SourceLocation(path: path, line: 1, column: 1),
                          notes: [.init("'cache' is the folder of cached results, relative to \(Self.fileName)")])
    }

    /// The error of a cache folder that is a file: known before anything
    /// runs, so it is told with the file's other problems. Nil when the
    /// folder can be used, or when `cache:`'s value could not be read.
    public func cacheProblem() -> Diagnostic? {
        var isFolder: ObjCBool = false
        guard !cache.isEmpty, FileManager.default.fileExists(atPath: resolve(cache), isDirectory: &isFolder), !isFolder.boolValue else { return nil }
        return unusableCache("it is a file, not a folder")
    }
}
