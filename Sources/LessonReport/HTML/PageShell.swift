/// The document around every page: head, stylesheets, sidebar, scripts.
/// One place, so the lesson pages and the index load the same assets.
/// The markup is `Resources/page.html`.
import Experiments
import LessonResults

enum PageShell {
    /// - Parameters:
    ///   - title: plain text; escaped here.
    ///   - titleIsWords: the title is the interface's words (the index's
    ///     "Lessons"), marked as such (``InterfaceWords/wordsAttribute``).
    ///   - header: HTML placed before `<main>` (already escaped).
    ///   - main: the page's content (already escaped).
    ///   - sidebar: the lesson list beside `<main>` (already escaped), or "".
    ///   - head: extra `<head>` elements (already escaped).
    ///   - footer: HTML after `<main>`, in the text's column (already escaped).
    ///   - explores: the page has an explored block, which `explore.js` runs.
    static func document(title: String, titleIsWords: Bool = false, header: String = "", main: String, sidebar: String = "", head: String = "",
                         footer: String = "", words: InterfaceWords = .english, options: RenderOptions, explores: Bool = false) -> String {
        PageTemplate.fill(PageTemplate.page, [
            "lang": HTML.escape(words.lang),
            "title": HTML.escape(title),
            "titleLang": titleIsWords ? words.wordsAttribute : "",
            "assets": options.assetsURL,
            "head": head,
            "header": header,
            "footer": footer,
            // The first tab stop: past the header, search and contents.
            "skip": HTML.escape(words.skipToText),
            "skipLang": words.wordsAttribute,
            "layoutClass": sidebar.isEmpty ? "" : " with-sidebar",
            "sidebar": sidebar,
            "main": main,
            // The copy buttons' words, for reader.js.
            // Their language, when it is not the page's.
            "mainAttributes": " data-copy=\"\(HTML.escape(words.copy))\" data-copied=\"\(HTML.escape(words.copied))\""
                + " data-copy-failed=\"\(HTML.escape(words.selectAndCopy))\" data-copy-label=\"\(HTML.escape(words.copyThisCode))\""
                + (words.wordsAttribute.isEmpty ? "" : " data-copy-lang=\"\(HTML.escape(words.wordsLang))\""),
            // The search index is a script, not JSON to fetch: it loads over file://.
            "scripts": """
            <script src="\(options.assetsURL)/search-index.js" defer></script>
            <script src="\(options.assetsURL)/lesson.js" defer></script>
            <script src="\(options.assetsURL)/reader.js"></script>

            """ + (explores ? "<script src=\"\(options.assetsURL)/explore.js\" defer></script>\n" : ""),
        ])
    }

    /// The search box: in place from the first paint, so nothing moves when
    /// lesson.js wires it up (a phone's header wraps around it); without
    /// JavaScript a `<noscript>` style in the page's head hides it. An ARIA
    /// combobox: the input owns the listbox of results, and a status line
    /// (read out when it changes) says how many there are.
    static func searchBox(words: InterfaceWords) -> String {
        "<form class=\"search\" role=\"search\"\(words.wordsAttribute) data-no-results=\"\(HTML.escape(words.noResults))\""
            + " data-count=\"\(HTML.escape(words.searchCount))\" data-more=\"\(HTML.escape(words.searchMore))\">"
            + "<input type=\"search\" role=\"combobox\" aria-autocomplete=\"list\" aria-expanded=\"false\" aria-controls=\"search-results\""
            + " aria-label=\"\(HTML.escape(words.search))\" placeholder=\"\(HTML.escape(words.searchPlaceholder))\" autocomplete=\"off\">"
            + "<ol class=\"search-results\" id=\"search-results\" role=\"listbox\" aria-label=\"\(HTML.escape(words.search))\" hidden></ol>"
            + "<p class=\"search-status visually-hidden\" role=\"status\" aria-live=\"polite\"></p></form>"
    }

    /// What the reader of a page or a printout needs to find its way back:
    /// the lesson's source file, the version that rendered it, and when.
    /// - Parameter sourceHref: the copy of the source beside the page, when there is one.
    /// - Parameter machines: the machines the page's timings were measured
    ///   on (``machineFacts(_:)``), named so a reader knows what they depend on.
    /// The machines a lesson's timing blocks ran on, as their `machine`
    /// values say (the processor and OpenBLAS kernel that measured, which a
    /// cached result keeps): "Intel(R) Xeon(R) … · OpenBLAS 0.3.21, kernel Haswell".
    static func machineFacts(_ executed: ExecutedLesson) -> [String] {
        var facts: [String] = []
        for block in executed.blocks {
            guard case .record(let machine)? = block.outcome?.values["machine"] else { continue }
            func text(_ name: String) -> String? {
                if case .string(let value)? = machine[name], !value.isEmpty { return value }
                return nil
            }
            var fact = text("processor") ?? "unknown processor"
            var blas: [String] = []
            if let version = text("blas_version") { blas.append("OpenBLAS \(version)") }
            if let kernel = text("blas_kernel") { blas.append("kernel \(kernel)") }
            if !blas.isEmpty { fact += " · " + blas.joined(separator: ", ") }
            if !facts.contains(fact) { facts.append(fact) }
        }
        return facts
    }

    static func footer(source: String?, sourceHref: String? = nil, machines: [String] = [], words: InterfaceWords, options: RenderOptions) -> String {
        var parts: [String] = []
        if let source {
            let code = "<code>" + HTML.escape(source) + "</code>"
            parts.append(words.word(words.sourceFile) + " " + (sourceHref.map { "<a href=\"\(HTML.escape(HTML.fileHref($0)))\">\(code)</a>" } ?? code))
        }
        parts.append(words.word(words.renderedBy("LessonRunner \(LessonRunnerVersion.string)", options.renderDate)))
        for machine in machines {
            parts.append("<span class=\"machine\">" + words.word(words.timingsMeasuredOn) + " " + words.english(HTML.escape(machine)) + "</span>")
        }
        return "<footer class=\"page\">" + parts.map { "<p>\($0)</p>" }.joined() + "</footer>\n"
    }
}
