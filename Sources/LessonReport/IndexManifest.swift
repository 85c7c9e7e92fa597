import Foundation
import LessonSupport

/// `lessons.json` in the output folder: the index entry of every lesson
/// rendered into it, by source path. Rendering a few lessons into a folder
/// that holds others keeps the others in `index.html`.
public struct IndexManifest: Codable, Equatable {
    public struct Item: Codable, Equatable {
        /// The lesson file, as given on the command line.
        public var source: String
        public var entry: IndexRenderer.Entry
        /// The lesson's place in the course's `lessons:` list, so a later
        /// render of other lessons keeps the course's order.
        public var position: Int? = nil
    }

    public var version = 1
    public var lessons: [Item]

    public static let fileName = "lessons.json"

    /// The entries the index lists after this render: the rendered lessons,
    /// plus the lessons rendered earlier into the same folder whose pages
    /// are still there — unless the lesson file was deleted from a folder
    /// this render read (a lesson removed from `lessons/` leaves the index
    /// with the next `lesson render lessons`). A render that covers every
    /// earlier lesson decides the order; otherwise earlier lessons keep their
    /// places and new ones follow.
    public static func merge(previous: [Item], rendered: [Item], pageExists: (String) -> Bool,
                             sourceExists: (String) -> Bool = { _ in true }) -> [Item] {
        let renderedSources = Set(rendered.map(\.source))
        let renderedPages = Set(rendered.map(\.entry.href))
        // Sources are paths as given, so a folder is compared only with
        // folders named the same way (a render from elsewhere keeps them).
        let renderedFolders = Set(rendered.map { ($0.source as NSString).deletingLastPathComponent })
        let kept = previous.filter {
            !renderedSources.contains($0.source) && !renderedPages.contains($0.entry.href) && pageExists($0.entry.href)
                && !(renderedFolders.contains(($0.source as NSString).deletingLastPathComponent) && !sourceExists($0.source))
        }
        if kept.isEmpty { return rendered }
        var bySource: [String: Item] = [:]
        for item in rendered { bySource[item.source] = item }
        var out: [Item] = []
        var placed = Set<String>()
        for item in previous {
            if let fresh = bySource[item.source] {
                out.append(fresh)
                placed.insert(item.source)
            } else if kept.contains(item) {
                out.append(item)
            }
        }
        out += rendered.filter { !placed.contains($0.source) }
        // The course's list wins over when a lesson was rendered; otherwise
        // (by position, ties and unlisted lessons) the order above stays.
        guard out.contains(where: { $0.position != nil }) else { return out }
        return out.enumerated().sorted { ($0.element.position ?? .max, $0.offset) < ($1.element.position ?? .max, $1.offset) }.map(\.element)
    }

    /// Reads the folder's manifest (none, or an unreadable one, is empty),
    /// merges the rendered lessons in and writes it back.
    static func update(in directory: String, rendered: [Item], files: OutputFiles) throws -> [Item] {
        let path = (directory as NSString).appendingPathComponent(fileName)
        let previous = (Confinement.contents(path, limit: sizeLimit, followLinks: false)
            .flatMap { try? JSONDecoder().decode(IndexManifest.self, from: $0) }?.lessons ?? [])
            .compactMap(believable)
        let merged = merge(previous: previous, rendered: rendered, pageExists: { href in
            FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(href))
        }, sourceExists: { FileManager.default.fileExists(atPath: $0) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try files.write(try encoder.encode(IndexManifest(lessons: merged)), to: fileName, for: nil)
        return merged
    }

    /// The largest manifest read.
    static let sizeLimit = 32 << 20

    /// An entry of an earlier render as far as it can be believed: the
    /// output folder is committed, so a pull request can plant a manifest.
    /// Its page must be a page name this tool makes (a plain `.html` name in
    /// the folder), and its summary, which goes into `index.html` as HTML,
    /// must use only the markup a summary has (text, emphasis, code, links
    /// with safe URLs, typeset math); otherwise it is shown as plain text.
    static func believable(_ item: Item) -> Item? {
        let href = item.entry.href
        let stem = (href as NSString).deletingPathExtension
        guard href.hasFileSuffix(".html"), href.lowercased() != "index.html", !href.utf8.contains(UInt8(ascii: "/")),
              ReportWriter.safeFileStem(stem) == stem else { return nil }
        var item = item
        if !summaryMarkup.allows(item.entry.summary) {
            item.entry.summary = HTML.escape(plainText(item.entry.summary))
        }
        return item
    }

    static let summaryMarkup: MarkupCheck = {
        var check = MarkupCheck.katex
        check.elements.formUnion(["a", "em", "strong", "code", "del", "sup", "sub", "br", "mark", "cite"])
        check.attributes.formUnion(["lang", "title"])
        check.urlAttributes = ["href"]
        check.isSafeURL = { url in HTML.isSafeLinkURL(url) }
        return check
    }()

    /// The text of some HTML: tags dropped.
    static func plainText(_ html: String) -> String {
        var out = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { out.append(character) }
        }
        return MarkupCheck.decodeEntitiesOf(out).collapsingWhitespace
    }
}
