import Foundation
import LessonRunner

/// The `index.html` that lists every lesson with its status, in the order
/// it is given (``ReportWriter`` gives the teaching order).
public enum IndexRenderer {
    public struct Entry: Sendable {
        public var title: String
        public var href: String
        public var blocks: Int
        public var failedBlocks: Int
        public var errors: Int
        public var expectationsNotMet: Int
        /// The lesson's first paragraph as HTML, shortened (already escaped).
        public var summary: String
        public init(title: String, href: String, blocks: Int, failedBlocks: Int, errors: Int, summary: String = "",
                    expectationsNotMet: Int = 0) {
            self.summary = summary
            self.expectationsNotMet = expectationsNotMet
            self.title = title
            self.href = href
            self.blocks = blocks
            self.failedBlocks = failedBlocks
            self.errors = errors
        }
    }

    public static func render(_ entries: [Entry], options: RenderOptions = RenderOptions()) -> String {
        var items = ""
        for entry in entries {
            let ok = entry.failedBlocks == 0 && entry.errors == 0
            // The same words as the page's own badge and summary.
            let words = ok
                ? StatusWords.blocks(failed: 0, total: entry.blocks)
                : StatusWords.problems(failedBlocks: entry.failedBlocks, totalBlocks: entry.blocks,
                                       expectationsNotMet: entry.expectationsNotMet, otherErrors: entry.errors)
            let badge = "<span class=\"badge \(ok ? "passed" : "failed")\">\(HTML.escape(words))</span>"
            let summary = entry.summary.isEmpty ? "" : "<p class=\"summary\">\(entry.summary)</p>"
            items += "<li><div><a href=\"\(HTML.escape(HTML.fileHref(entry.href)))\">\(HTML.escape(entry.title))</a>\(summary)</div>"
                + " \(badge)</li>\n"
        }
        let passed = entries.filter { $0.failedBlocks == 0 && $0.errors == 0 }.count
        let main = """
        <h1>Lessons</h1>
        <p>\(entries.count) lesson\(entries.count == 1 ? "" : "s"), \(passed) passing. Every number on these pages was computed by the experiments in the lesson, with a fixed seed.</p>
        <ol class="lessons">
        \(items)</ol>

        """
        let words = InterfaceWords.english
        let header = "<header class=\"page\"><span class=\"spacer\"></span>" + PageShell.searchBox(words: words) + "</header>\n"
        return PageShell.document(title: "Lessons", header: header, main: main, words: words, options: options)
    }
}
