import Foundation

/// The `index.html` that lists every lesson with its status, in the order
/// it is given (``ReportWriter`` gives the teaching order).
public enum IndexRenderer {
    public struct Entry: Sendable, Codable, Equatable {
        public var title: String
        public var href: String
        public var blocks: Int
        public var failedBlocks: Int
        public var errors: Int
        public var expectationsNotMet: Int
        /// The lesson's first paragraph as HTML, shortened (already escaped).
        public var summary: String
        /// The lesson's front-matter `lang:`, nil for none (English). Nil
        /// also in a `lessons.json` written before the index knew languages.
        public var lang: String?
        /// For a translation (`translation_of:`): the original's page. The
        /// index lists it with the original, not as a lesson of its own.
        public var translationOf: String?
        /// A page that is not a lesson (`role: reference`): listed after the
        /// lessons, not counted.
        public var isReference: Bool?
        public init(title: String, href: String, blocks: Int, failedBlocks: Int, errors: Int, summary: String = "",
                    expectationsNotMet: Int = 0, lang: String? = nil, translationOf: String? = nil, isReference: Bool? = nil) {
            self.translationOf = translationOf
            self.isReference = isReference
            self.summary = summary
            self.lang = lang
            self.expectationsNotMet = expectationsNotMet
            self.title = title
            self.href = href
            self.blocks = blocks
            self.failedBlocks = failedBlocks
            self.errors = errors
        }
    }

    /// The language of the index's own words: the lessons' language when
    /// they all share one, else English.
    static func language(of entries: [Entry]) -> String {
        let languages = Set(entries.map { $0.lang ?? "en" })
        return languages.count == 1 ? languages.first! : "en"
    }

    public static func render(_ all: [Entry], options: RenderOptions = RenderOptions()) -> String {
        // Lessons in the sequence; translations go with their original, and
        // pages that are not lessons (the reference) after the lessons.
        let entries = all.filter { $0.translationOf == nil && $0.isReference != true }
        let references = all.filter { $0.translationOf == nil && $0.isReference == true }
        let words = InterfaceWords.forLanguage(language(of: entries.isEmpty ? all : entries))
        var items = ""
        for entry in entries + references {
            let ok = entry.failedBlocks == 0 && entry.errors == 0
            // The same words as the page's own badge and summary.
            let status = ok
                ? StatusWords.blocks(failed: 0, total: entry.blocks, words: words)
                : StatusWords.problems(failedBlocks: entry.failedBlocks, totalBlocks: entry.blocks,
                                       expectationsNotMet: entry.expectationsNotMet, otherErrors: entry.errors, words: words)
            let badge = "<span class=\"badge \(ok ? "passed" : "failed")\"\(words.wordsAttribute)>\(HTML.escape(status))</span>"
            let summary = entry.summary.isEmpty ? "" : "<p class=\"summary\">\(entry.summary)</p>"
            // The title and summary are the lesson's words, in its language.
            let lang = HTML.escape(entry.lang ?? "en")
            let versions = all.filter { $0.translationOf == entry.href }.map { version in
                "<a href=\"\(HTML.escape(HTML.fileHref(version.href)))\" hreflang=\"\(HTML.escape(version.lang ?? "en"))\" lang=\"\(HTML.escape(version.lang ?? "en"))\">"
                    + HTML.escape(Translations.languageName(version.lang ?? "en")) + "</a>"
            }
            let also = versions.isEmpty ? "" : "<p class=\"also-in\"><span\(words.wordsAttribute)>\(HTML.escape(words.alsoIn))</span> " + versions.joined(separator: ", ") + "</p>"
            if entry.isReference == true, entry.href == references.first?.href {
                items += "</ol>\n<h2\(words.wordsAttribute)>\(HTML.escape(words.reference))</h2>\n<ol class=\"lessons references\">\n"
            }
            // A reference page has no blocks to pass: no badge.
            let langs = ([entry.lang ?? "en"] + all.filter { $0.translationOf == entry.href }.map { $0.lang ?? "en" }).map(LanguageFilter.base)
            items += "<li data-langs=\"\(HTML.escape(langs.joined(separator: " ")))\"><div lang=\"\(lang)\"><a href=\"\(HTML.escape(HTML.fileHref(entry.href)))\">\(HTML.escape(entry.title))</a>\(summary)\(also)</div>"
                + (entry.isReference == true ? "" : " \(badge)") + "</li>\n"
        }
        let passed = entries.filter { $0.failedBlocks == 0 && $0.errors == 0 }.count
        // A course's own title is the author's words, not the interface's.
        let heading = options.courseTitle.map { "<h1>\(HTML.escape($0))</h1>" } ?? "<h1\(words.wordsAttribute)>\(HTML.escape(words.lessons))</h1>"
        let filter = LanguageFilter(entries: entries, all: all)
        let main = """
        \(heading)
        <p\(words.wordsAttribute)>\(HTML.escape(words.indexIntro(entries.count, passed)))</p>
        \(filter.html(words: words))<ol class="lessons">
        \(items)</ol>

        """
        let header = "<header class=\"page\"><span class=\"spacer\"></span>" + PageShell.searchBox(words: words) + "</header>\n"
        return PageShell.document(title: options.courseTitle ?? words.lessons, titleIsWords: options.courseTitle == nil, header: header, main: main,
                                  head: filter.style, words: words, options: options)
    }
}
