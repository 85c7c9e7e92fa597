import Experiments
import LessonMarkdown
import LessonRunner

/// Lays out one executed block: its key figures, tables, charts,
/// expectations, and — when it failed — its errors, in place.
struct BlockHTML {
    var lessonPath: String
    /// The page's interface words (lesson `lang:`).
    var words: InterfaceWords = .english

    /// - Parameter number: the block's number on the page, shown as
    ///   "Experiment 2" (what `[@id]` cross-references print).
    func render(_ block: ExecutedBlock, number: Int? = nil) -> String {
        let planned = block.planned
        let status = block.passed ? "passed" : "failed"
        var out = "<figure class=\"experiment \(status)\" id=\"block-\(HTML.escape(planned.id))\">\n"
        out += "<div class=\"experiment-head\">"
        if let number { out += "<span class=\"experiment-number\"\(words.wordsAttribute)>\(HTML.escape(words.experiment)) \(number)</span>" }
        out += planned.block.kind.isEmpty ? "<span class=\"kind\"\(words.wordsAttribute)>\(HTML.escape(words.experiment))</span>"
            : "<span class=\"kind\">\(HTML.escape(planned.block.kind))</span>"
        out += "<code class=\"block-id\">\(HTML.escape(planned.id))</code>"
        if planned.prepared != nil || block.outcome != nil {
            out += "<span class=\"seed\"\(words.wordsAttribute)>" + HTML.escape(SeedLabel.text(planned, words: words)) + "</span>"
        }
        out += "<span class=\"status \(status)\"\(words.wordsAttribute)>\(block.passed ? "✓ " + HTML.escape(words.blockPassed) : "✗ " + HTML.escape(words.blockFailed))</span></div>\n"
        // Every block's YAML is on the page: collapsed, unless the author
        // asked to show it or the block failed (the reader needs it then).
        out += "<details class=\"spec\"\(planned.show || !block.passed ? " open" : "")><summary>\(words.word(words.blockSource(relative(planned.block.location))))</summary><pre><code class=\"language-yaml\">"
            + HTML.escape(planned.block.body) + "</code></pre></details>\n"
        let errors = block.diagnostics.filter { $0.severity == .error && !$0.code.isFailedClaim }
        if !errors.isEmpty {
            // The messages are about the lesson's source, in English.
            out += "<div class=\"diagnostics\" role=\"alert\"\(words.englishAttribute)>\n"
            for diagnostic in errors {
                out += "<p class=\"error\"><span class=\"where\">\(HTML.escape(relative(diagnostic.location)))</span> "
                    + HTML.escape(diagnostic.message) + "</p>\n"
                for note in diagnostic.notes {
                    out += "<p class=\"note\">" + HTML.escape(note.message) + "</p>\n"
                }
            }
            out += "</div>\n"
        }
        if let outcome = block.outcome {
            for (n, item) in outcome.presentation.enumerated() {
                out += render(item, chartId: "\(planned.id)-\(n)", fileStem: "\(planned.id)-\(n + 1)")
            }
        }
        if !block.expectations.isEmpty {
            out += "<ul class=\"expectations\">\n"
            for expectation in block.expectations {
                let mark = expectation.passed ? "✓" : "✗"
                out += "<li class=\"\(expectation.passed ? "held" : "broken")\"><span class=\"mark\" aria-hidden=\"true\">\(mark)</span> "
                out += "<span class=\"verdict\"\(words.wordsAttribute)>\(HTML.escape(expectation.passed ? words.met : words.notMet))</span> <code>"
                    + HTML.escape(expectation.text) + "</code>"
                if !expectation.actual.isEmpty {
                    out += " <span class=\"actual\"\(words.englishAttribute)>" + HTML.escape(expectation.actual) + "</span>"
                }
                out += "</li>\n"
            }
            out += "</ul>\n"
        }
        if let caption = planned.caption, !caption.isEmpty {
            out += "<figcaption>" + HTML.escape(caption) + "</figcaption>\n"
        }
        out += "</figure>\n"
        return out
    }

    private func relative(_ location: SourceLocation?) -> String {
        guard let location else { return "" }
        return "\((location.path as NSString).lastPathComponent):\(location.line):\(location.column)"
    }

    /// One result of the block. What the kinds write (tables, charts, notes)
    /// is English and marked so on a page in another language; the links
    /// around it are in the page's language.
    func render(_ item: PresentationItem, chartId: String, fileStem: String = "data") -> String {
        let english = words.englishAttribute
        switch item {
        case .metrics(let metrics):
            var out = "<dl class=\"metrics\"\(english)>\n"
            for metric in metrics {
                out += "<div><dt>\(HTML.escape(metric.label))</dt><dd>\(HTML.escape(TableColumns.keepUnits(TableColumns.trueMinus(metric.value))))</dd>"
                if !metric.detail.isEmpty { out += "<dd class=\"detail\">\(HTML.escape(TableColumns.keepUnits(metric.detail)))</dd>" }
                out += "</div>\n"
            }
            return out + "</dl>\n"
        case .table(let table):
            // The kind's caption is a paragraph: above the scrolling box, not a
            // <caption> as wide as the table (cut off where the table is wider
            // than the page), and tied to the table for screen readers.
            var out = ""
            var described = ""
            if !table.caption.isEmpty {
                let id = HTML.escape(chartId) + "-caption"
                out += "<p class=\"table-caption\" id=\"\(id)\"\(english)>\(HTML.escape(table.caption))</p>\n"
                described = " aria-describedby=\"\(id)\""
            }
            out += "<div class=\"table-wrap\" tabindex=\"0\"\(english)><table class=\"results\"\(described)>\n"
            out += "<thead><tr>"
            for column in table.columns {
                out += "<th\(column.numeric ? " class=\"num\"" : "") scope=\"col\">\(HTML.escape(column.title))</th>"
            }
            out += "</tr></thead>\n<tbody>\n"
            var texts = table.rows.map { $0.map(\.text) }
            for column in table.columns.indices where table.columns[column].numeric {
                let aligned = TableColumns.align(table.rows.map { $0.indices.contains(column) ? $0[column] : ResultTable.Cell("") })
                for row in texts.indices where texts[row].indices.contains(column) { texts[row][column] = aligned[row] }
            }
            for (r, row) in table.rows.enumerated() {
                out += "<tr>"
                for (i, cell) in row.enumerated() {
                    let text = texts[r][i]
                    var classes: [String] = []
                    if i < table.columns.count, table.columns[i].numeric { classes.append("num") }
                    if cell.tone != .plain { classes.append(cell.tone.rawValue) }
                    let cls = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                    out += i == 0 ? "<th scope=\"row\"\(cls)>\(HTML.escape(text))</th>" : "<td\(cls)>\(HTML.escape(text))</td>"
                }
                out += "</tr>\n"
            }
            out += "</tbody></table></div>\n"
            return out + "<p class=\"data-links\"\(words.wordsAttribute)>" + CSVExport.link(CSVExport.csv(table), fileName: fileStem + ".csv", label: words.tableAsCSV) + "</p>\n"
        case .chart(let chart):
            // Two drawings, one for phones and one for wider screens, swapped
            // by the stylesheet: a desktop drawing scaled down to a phone
            // would shrink its text below legibility.
            return "<div class=\"chart-wrap\"\(english)>"
                + SVGChart.render(chart, width: SVGChart.wideWidth, height: SVGChart.wideHeight, idPrefix: chartId, className: "chart-wide", words: words)
                + SVGChart.render(chart, width: SVGChart.narrowWidth, height: SVGChart.narrowHeight, idPrefix: chartId + "-n", className: "chart-narrow", words: words)
                + "</div>\n<p class=\"data-links\"\(words.wordsAttribute)>" + CSVExport.link(CSVExport.csv(chart), fileName: fileStem + ".csv", label: words.chartDataAsCSV) + "</p>\n"
        case .note(let text):
            return "<p class=\"block-note\"\(english)>\(HTML.escape(text))</p>\n"
        case .warning(let text):
            return "<p class=\"block-warning\" role=\"note\"\(english)>⚠ \(HTML.escape(text))</p>\n"
        }
    }
}

import Foundation
