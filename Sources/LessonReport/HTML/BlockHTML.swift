import Experiments
import LessonMarkdown
import LessonRunner

/// Lays out one executed block: its key figures, tables, charts,
/// expectations, and — when it failed — its errors, in place.
struct BlockHTML {
    var lessonPath: String

    func render(_ block: ExecutedBlock) -> String {
        let planned = block.planned
        let status = block.passed ? "passed" : "failed"
        var out = "<figure class=\"experiment \(status)\" id=\"block-\(HTML.escape(planned.id))\">\n"
        out += "<div class=\"experiment-head\"><span class=\"kind\">\(HTML.escape(planned.block.kind.isEmpty ? "experiment" : planned.block.kind))</span>"
        out += "<code class=\"block-id\">\(HTML.escape(planned.id))</code>"
        if planned.prepared != nil || block.outcome != nil {
            out += "<span class=\"seed\">" + HTML.escape(SeedLabel.text(planned)) + "</span>"
        }
        out += "<span class=\"status \(status)\">\(block.passed ? "✓ passed" : "✗ failed")</span></div>\n"
        if planned.show || block.outcome == nil {
            out += "<details class=\"spec\"\(planned.show || !block.passed ? " open" : "")><summary>block source</summary><pre><code class=\"language-yaml\">"
                + HTML.escape(planned.block.body) + "</code></pre></details>\n"
        }
        let errors = block.diagnostics.filter { $0.severity == .error && !$0.message.hasPrefix("expectation failed") }
        if !errors.isEmpty {
            out += "<div class=\"diagnostics\" role=\"alert\">\n"
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
                out += render(item, chartId: "\(planned.id)-\(n)")
            }
        }
        if !block.expectations.isEmpty {
            out += "<ul class=\"expectations\">\n"
            for expectation in block.expectations {
                let mark = expectation.passed ? "✓" : "✗"
                out += "<li class=\"\(expectation.passed ? "held" : "broken")\"><span class=\"mark\" aria-label=\"\(expectation.passed ? "held" : "failed")\">\(mark)</span> <code>"
                    + HTML.escape(expectation.text) + "</code>"
                if !expectation.actual.isEmpty {
                    out += " <span class=\"actual\">" + HTML.escape(expectation.actual) + "</span>"
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

    func render(_ item: PresentationItem, chartId: String) -> String {
        switch item {
        case .metrics(let metrics):
            var out = "<dl class=\"metrics\">\n"
            for metric in metrics {
                out += "<div><dt>\(HTML.escape(metric.label))</dt><dd>\(HTML.escape(metric.value))</dd>"
                if !metric.detail.isEmpty { out += "<dd class=\"detail\">\(HTML.escape(metric.detail))</dd>" }
                out += "</div>\n"
            }
            return out + "</dl>\n"
        case .table(let table):
            var out = "<div class=\"table-wrap\"><table class=\"results\">\n"
            if !table.caption.isEmpty { out += "<caption>\(HTML.escape(table.caption))</caption>\n" }
            out += "<thead><tr>"
            for column in table.columns {
                out += "<th\(column.numeric ? " class=\"num\"" : "") scope=\"col\">\(HTML.escape(column.title))</th>"
            }
            out += "</tr></thead>\n<tbody>\n"
            for row in table.rows {
                out += "<tr>"
                for (i, cell) in row.enumerated() {
                    var classes: [String] = []
                    if i < table.columns.count, table.columns[i].numeric { classes.append("num") }
                    if cell.tone != .plain { classes.append(cell.tone.rawValue) }
                    let cls = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                    out += i == 0 ? "<th scope=\"row\"\(cls)>\(HTML.escape(cell.text))</th>" : "<td\(cls)>\(HTML.escape(cell.text))</td>"
                }
                out += "</tr>\n"
            }
            return out + "</tbody></table></div>\n"
        case .chart(let chart):
            return "<div class=\"chart-wrap\">" + SVGChart.render(chart, idPrefix: chartId) + "</div>\n"
        case .note(let text):
            return "<p class=\"block-note\">\(HTML.escape(text))</p>\n"
        case .warning(let text):
            return "<p class=\"block-warning\" role=\"note\">⚠ \(HTML.escape(text))</p>\n"
        }
    }
}

import Foundation
