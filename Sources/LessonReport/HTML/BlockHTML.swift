import Foundation
import Experiments
import LessonMarkdown
import LessonResults

/// Lays out one executed block: its key figures, tables, charts,
/// expectations, and — when it failed — its errors, in place.
struct BlockHTML {
    var lessonPath: String
    /// The page's interface words (lesson `lang:`).
    var words: InterfaceWords = .english
    /// Where the CSV of each table and chart goes, as a file beside the
    /// page; nil (a fragment, the course printout) links them as `data:`.
    var csvFiles: CSVFiles? = nil

    /// - Parameter number: the block's number on the page, shown as
    ///   "Experiment 2" (what `[@id]` cross-references print).
    func render(_ block: ExecutedBlock, number: Int? = nil) -> String {
        let planned = block.planned
        let status = block.passed ? "passed" : "failed"
        let anchor = "block-" + planned.id
        let caption = planned.caption.flatMap { $0.isEmpty ? nil : $0 }
        // The caption is a paragraph between the results and the checks
        // (a <figcaption> may only be the first or the last child).
        let described = caption == nil ? "" : " aria-describedby=\"\(HTML.escape(anchor))-caption\""
        // Named by its head ("Experiment 2 train mb 8 seeds ✓ block passed"),
        // so a screen reader's list of figures says which one each is.
        var out = "<figure class=\"experiment \(status)\" id=\"\(HTML.escape(anchor))\" aria-labelledby=\"\(HTML.escape(anchor))-head\"\(described)>\n"
        out += "<div class=\"experiment-head\" id=\"\(HTML.escape(anchor))-head\">"
        if let number { out += "<span class=\"experiment-number\"\(words.wordsAttribute)>\(HTML.escape(words.experiment)) \(number)</span>" }
        out += planned.block.kind.isEmpty ? "<span class=\"kind\"\(words.wordsAttribute)>\(HTML.escape(words.experiment))</span>"
            : "<span class=\"kind\">\(HTML.escape(planned.block.kind))</span>"
        out += "<code class=\"block-id\">\(HTML.escape(planned.id))</code>"
        let ran = planned.prepared != nil || block.outcome != nil
        // "8 seeds": how many runs stand behind the numbers. The seeds
        // themselves are for whoever re-runs the block, with its YAML.
        if ran { out += "<span class=\"seed-count\"\(words.wordsAttribute)>" + HTML.escape(words.seedCount(max(planned.seeds.count, 1))) + "</span>" }
        out += "<span class=\"status \(status)\"\(words.wordsAttribute)>\(block.passed ? "✓ " + HTML.escape(words.blockPassed) : "✗ " + HTML.escape(words.blockFailed))</span></div>\n"
        // Every block's YAML is on the page: collapsed, unless the author
        // asked to show it or the block failed (the reader needs it then).
        out += "<details class=\"spec\"\(planned.show || !block.passed ? " open" : "")><summary>\(words.word(words.blockSource(relative(planned.block.location))))</summary><pre><code class=\"language-yaml\">"
            + HTML.escape(planned.block.body) + "</code></pre>"
        if ran { out += "<p class=\"seed\"\(words.wordsAttribute)>" + HTML.escape(SeedLabel.text(planned, words: words)) + "</p>" }
        out += "<p class=\"rerun\">" + words.word(words.rerunBlock) + " <code>"
            + HTML.escape(Self.rerunCommand(lessonPath: lessonPath, id: planned.id)) + "</code></p>"
        out += "</details>\n"
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
            // Its tables and charts are numbered within the block, "Table 2.1",
            // "Figure 2.3", so a teacher (and a printout) can point at them;
            // every explored position numbers them the same way.
            // An explored block's positions each have their own files:
            // `mc-p2-1.csv` (a `data:` link needs no name of its own).
            let results = { (outcome: ExperimentOutcome, position: Int?) -> String in
                var tables = 0, figures = 0
                var html = ""
                for (n, item) in outcome.presentation.enumerated() {
                    var label: OutputLabel? = nil
                    if let number {
                        switch item {
                        case .table: tables += 1; label = OutputLabel(kind: "table", word: words.table, number: "\(number).\(tables)", anchor: "\(anchor)-table-\(tables)")
                        case .chart: figures += 1; label = OutputLabel(kind: "figure", word: words.figure, number: "\(number).\(figures)", anchor: "\(anchor)-figure-\(figures)")
                        default: break
                        }
                    }
                    html += render(item, chartId: "\(planned.id)-\(n)",
                                   fileStem: "\(planned.id)-" + (csvFiles == nil ? "" : position.map { "p\($0 + 1)-" } ?? "") + "\(n + 1)", label: label)
                }
                return html
            }
            if let explore = planned.explore, block.positions.count == explore.positions.count {
                out += ExploreHTML.render(block, explore: explore, words: words, results: { results($0, $1) })
            } else {
                out += results(outcome, nil)
            }
        }
        if let caption {
            out += "<p class=\"block-caption\" id=\"\(HTML.escape(anchor))-caption\">" + HTML.escape(caption) + "</p>\n"
        }
        if !block.expectations.isEmpty {
            // The author's checks fold into one line; a broken one opens them.
            let broken = block.expectations.filter { !$0.passed }.count
            let line = broken == 0
                ? "✓ " + words.checksHeld(block.expectations.count, planned.seeds.count)
                : "✗ " + words.checksBroken(broken, block.expectations.count)
            out += "<details class=\"checks\"\(broken > 0 ? " open" : "")><summary class=\"\(broken == 0 ? "held" : "broken")\"\(words.wordsAttribute)>\(HTML.escape(line))</summary>\n"
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
            out += "</ul>\n</details>\n"
        }
        out += "</figure>\n"
        return out
    }

    /// `lesson check lessons/dropout.md --block mc`: the lesson's path as the
    /// render was given it, quoted for a POSIX shell where it needs to be.
    static func rerunCommand(lessonPath: String, id: String) -> String {
        func quoted(_ word: String) -> String {
            let plain = word.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "-_./:@%+=,".unicodeScalars.contains($0)) }
            return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        return "lesson check \(quoted(lessonPath)) --block \(quoted(id))"
    }

    private func relative(_ location: SourceLocation?) -> String {
        guard let location else { return "" }
        return "\((location.path as NSString).lastPathComponent):\(location.line):\(location.column)"
    }

    /// One result of the block. What the kinds write (tables, charts, notes)
    /// is English and marked so on a page in another language; the links
    /// around it are in the page's language.
    /// "Table 2.1": a block's table or chart, numbered within the block.
    struct OutputLabel {
        var kind: String
        var word: String
        var number: String
        var anchor: String
    }

    func render(_ item: PresentationItem, chartId: String, fileStem: String = "data", label: OutputLabel? = nil) -> String {
        let english = words.englishAttribute
        switch item {
        case .metrics(let metrics):
            var out = "<dl class=\"metrics\"\(english)>\n"
            for metric in metrics {
                out += "<div><dt>\(HTML.escape(words.numbers(metric.label)))</dt><dd>\(HTML.escape(words.numbers(TableColumns.keepUnits(TableColumns.trueMinus(metric.value)))))</dd>"
                if !metric.detail.isEmpty { out += "<dd class=\"detail\">\(HTML.escape(words.numbers(TableColumns.keepUnits(metric.detail))))</dd>" }
                out += "</div>\n"
            }
            return out + "</dl>\n"
        case .table(let table):
            // The kind's caption is a paragraph: above the scrolling box, not a
            // <caption> as wide as the table (cut off where the table is wider
            // than the page), and tied to the table for screen readers.
            var out = ""
            var described = ""
            if !table.caption.isEmpty || label != nil {
                let id = HTML.escape(chartId) + "-caption"
                out += "<p class=\"table-caption\" id=\"\(id)\">" + numberHTML(label)
                    + (table.caption.isEmpty ? "" : "<span\(english)>\(HTML.escape(words.numbers(table.caption)))</span>") + "</p>\n"
                // Named by its number ("Table 2.1"), described by its caption;
                // without a number the caption names it.
                described = label.map { " aria-labelledby=\"\(HTML.escape($0.anchor))\" aria-describedby=\"\(id)\"" }
                    ?? " aria-labelledby=\"\(id)\""
            }
            out += "<div class=\"table-wrap\" tabindex=\"0\"\(english)><table class=\"results\"\(described)>\n"
            var texts = table.rows.map { $0.map(\.text) }
            for column in table.columns.indices where table.columns[column].numeric {
                let aligned = TableColumns.align(table.rows.map { $0.indices.contains(column) ? $0[column] : ResultTable.Cell("") })
                for row in texts.indices where texts[row].indices.contains(column) { texts[row][column] = aligned[row] }
            }
            // A column with nothing in any row (missing throughout) is left
            // out of a printout, where the page's width is short.
            let blank = Set(table.columns.indices.dropFirst().filter { column in
                table.rows.allSatisfy { row in !row.indices.contains(column) || row[column].showsNothing }
            })
            out += "<thead><tr>"
            for (i, column) in table.columns.enumerated() {
                let classes = (column.numeric ? ["num"] : []) + (blank.contains(i) ? ["blank"] : [])
                out += "<th\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"") scope=\"col\">\(HTML.escape(words.numbers(column.title)))</th>"
            }
            out += "</tr></thead>\n<tbody>\n"
            for (r, row) in table.rows.enumerated() {
                out += "<tr>"
                for (i, cell) in row.enumerated() {
                    // On paper a cell may wrap, before its ± and never inside a number.
                    let text = words.numbers(TableColumns.breakBeforeSpread(texts[r][i]))
                    var classes: [String] = []
                    if i < table.columns.count, table.columns[i].numeric { classes.append("num") }
                    if blank.contains(i) { classes.append("blank") }
                    if cell.tone != .plain { classes.append(cell.tone.rawValue) }
                    let cls = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                    out += i == 0 ? "<th scope=\"row\"\(cls)>\(HTML.escape(text))</th>" : "<td\(cls)>\(HTML.escape(text))</td>"
                }
                out += "</tr>\n"
            }
            out += "</tbody></table></div>\n"
            return out + "<p class=\"data-links\"\(words.wordsAttribute)>" + csvLink(CSVExport.csv(table), stem: fileStem, label: words.tableAsCSV) + "</p>\n"
        case .chart(let chart):
            // Two drawings, one for phones and one for wider screens, swapped
            // by the stylesheet: a desktop drawing scaled down to a phone
            // would shrink its text below legibility.
            return (label.map { "<p class=\"figure-label\">" + numberHTML($0) + "</p>\n" } ?? "")
                + "<div class=\"chart-wrap\"\(english)>"
                + SVGChart.render(chart, width: SVGChart.wideWidth, height: SVGChart.wideHeight, idPrefix: chartId, className: "chart-wide", words: words)
                + SVGChart.render(chart, width: SVGChart.narrowWidth, height: SVGChart.narrowHeight, idPrefix: chartId + "-n", className: "chart-narrow", words: words)
                + "</div>\n<p class=\"data-links\"\(words.wordsAttribute)>" + csvLink(CSVExport.csv(chart), stem: fileStem, label: words.chartDataAsCSV) + "</p>\n"
        case .note(let text):
            return "<p class=\"block-note\"\(english)>\(HTML.escape(words.numbers(text)))</p>\n"
        case .warning(let text):
            return "<p class=\"block-warning\" role=\"note\"\(english)>⚠ \(HTML.escape(words.numbers(text)))</p>\n"
        }
    }

    /// A link to `csv`: a file beside the page when there is one, else a `data:` URL.
    private func csvLink(_ csv: String, stem: String, label: String) -> String {
        if let csvFiles { return csvFiles.link(csv, stem: stem, label: label) }
        return CSVExport.link(csv, fileName: stem + ".csv", label: label)
    }

    /// The number a table or chart of the block carries, with its anchor.
    private func numberHTML(_ label: OutputLabel?) -> String {
        guard let label else { return "" }
        return "<span class=\"\(label.kind)-number\" id=\"\(HTML.escape(label.anchor))\"\(words.wordsAttribute)>\(HTML.escape(label.word)) \(label.number).</span> "
    }
}
