import Foundation
import LessonMarkdown
import LessonResults

/// Lessons that translate one another (front matter `translation_of:`):
/// the original is in the sequence (index, sidebar, previous/next); each
/// version's page links the others by a language switch and
/// `<link rel="alternate" hreflang>`, so "Next →" never goes from a lesson
/// to its own translation.
public struct Translations: Sendable {
    /// One language's version of a lesson.
    public struct Version: Sendable, Equatable {
        var lang: String
        var href: String
        var title: String
    }

    /// For a lesson that translates another rendered with it: the original's index.
    private(set) var original: [Int: Int] = [:]
    /// `translation_of` values that name no lesson of the run, as warnings.
    private(set) var warnings: [Diagnostic] = []
    private var lessons: [Lesson] = []
    private var titles: [String] = []
    private var pageNames: [String] = []

    init() {}

    init(lessons: [Lesson], titles: [String], pageNames: [String]) {
        self.lessons = lessons
        self.titles = titles
        self.pageNames = pageNames
        let paths = lessons.map { LessonLinks.absolute($0.path) }
        var named: [Int: Int] = [:]
        for (i, lesson) in lessons.enumerated() {
            guard let target = lesson.frontMatter?.translationOf else { continue }
            let folder = (paths[i] as NSString).deletingLastPathComponent
            let wanted = ((folder as NSString).appendingPathComponent(target) as NSString).standardizingPath
            let found = paths.firstIndex(of: wanted) ?? paths.firstIndex(of: wanted + ".md")
            if let found, found != i {
                named[i] = found
            } else {
                let location = lesson.frontMatter?.entries.last { $0.key == "translation_of" }?.valueLocation
                warnings.append(Diagnostic(.frontMatter, "translation_of: '\(target)' is not a lesson rendered with this one; the page is listed as a lesson of its own",
                                           at: location ?? SourceLocation(path: lesson.path, line: 1, column: 1), severity: .warning))
            }
        }
        // A translation of a translation belongs to the same original.
        for i in named.keys {
            var root = named[i]!
            var seen: Set<Int> = [i]
            while let next = named[root], !seen.contains(root) {
                seen.insert(root)
                root = next
            }
            if root != i { original[i] = root }
        }
    }

    func isTranslation(_ i: Int) -> Bool { original[i] != nil }

    /// Every version of lesson `i`'s group, the original first, then by language.
    func versions(of i: Int) -> [Version] {
        let root = original[i] ?? i
        let members = [root] + original.filter { $0.value == root }.map(\.key).sorted {
            (lang($0), pageNames[$0]) < (lang($1), pageNames[$1])
        }
        guard members.count > 1 else { return [] }
        return members.map { Version(lang: lang($0), href: pageNames[$0], title: titles[$0]) }
    }

    private func lang(_ i: Int) -> String { lessons[i].frontMatter?.lang ?? "en" }

    /// A language's own name, for the switch.
    static func languageName(_ lang: String) -> String {
        switch lang.lowercased().split(separator: "-").first.map(String.init) ?? "" {
        case "en": return "English"
        case "vi": return "Tiếng Việt"
        case "fr": return "Français"
        case "de": return "Deutsch"
        case "es": return "Español"
        default: return lang
        }
    }

    /// The language switch for the page of `current` (its own language
    /// named, not linked); "" for a lesson without translations.
    static func languageSwitch(_ versions: [Version], current: String, words: InterfaceWords) -> String {
        guard versions.count > 1 else { return "" }
        let items = versions.map { version -> String in
            let name = HTML.escape(languageName(version.lang))
            let lang = HTML.escape(version.lang)
            return version.href == current
                ? "<span aria-current=\"page\" lang=\"\(lang)\">\(name)</span>"
                : "<a href=\"\(HTML.escape(HTML.fileHref(version.href)))\" hreflang=\"\(lang)\" lang=\"\(lang)\">\(name)</a>"
        }
        return "<nav class=\"languages\" aria-label=\"\(HTML.escape(words.language))\">" + items.joined(separator: " ") + "</nav>"
    }

    /// `<link rel="alternate" hreflang>` for every version, this one too
    /// (as search engines ask).
    static func headLinks(_ versions: [Version]) -> String {
        versions.map { "<link rel=\"alternate\" hreflang=\"\(HTML.escape($0.lang))\" href=\"\(HTML.escape(HTML.fileHref($0.href)))\">\n" }.joined()
    }
}
