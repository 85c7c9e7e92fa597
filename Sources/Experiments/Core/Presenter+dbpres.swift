import LessonSupport

extension Presenter {
    /// ``ReportFormat/percent(_:decimals:)`` of a value that may be absent
    /// ("–"): how the kinds' cells, key figures and notes write a fraction.
    static func percent(_ x: Double?) -> String { ReportFormat.percent(x ?? .nan) }
    /// ``ReportFormat/number(_:)`` of a value that may be absent ("–").
    static func number(_ x: Double?) -> String { ReportFormat.number(x ?? .nan) }

    /// A row of a table whose rows are records that are not the items of
    /// one list value (weight scaling, then each Monte-Carlo average): its
    /// label cells and the record its columns read (a record value in every run).
    struct Row {
        var labels: [ResultTable.Cell]
        var values: Runs

        init(_ labels: ResultTable.Cell..., values: Runs) {
            self.labels = labels
            self.values = values
        }
    }

    /// A table of `rows`: their label cells under the titles `labels`, then
    /// the given columns read from each row's record.
    mutating func table(caption: String, labels: [String], rows: [Row], columns: [Column]) -> PresentationItem {
        var cells: [[ResultTable.Cell]] = []
        for row in rows {
            var line = row.labels
            for column in columns { line.append(column.cell(&self, row.values)) }
            cells.append(line)
        }
        let titles = labels.map { ResultTable.Column($0, numeric: false) } + columns.map { .init($0.title, numeric: $0.numeric) }
        return table(ResultTable(caption: caption, columns: titles, rows: cells))
    }

    /// Over seeds some of whose runs failed (`failed`, as "diverged"): a
    /// note that `what` happened in so many of them, then what `draw` makes
    /// of the others — drawn from them rather than from a mean the failed
    /// runs would make NaN — with its closing note. `nil` when none or all failed.
    mutating func drawnFromOthers(_ what: String, failed: (Record) -> Bool,
                                  _ draw: (inout Presenter) -> [PresentationItem]) -> [PresentationItem]? {
        guard var others = subset({ !failed($0) }) else { return nil }
        let kept = others.runs.count, items = draw(&others)
        return [.note("\(what) in \(runs.count - kept) of \(runs.runsPhrase); what follows is over the other \(kept).")] + others.finish(items)
    }

    /// A chart of test accuracy against a setting: the field `accuracy` of
    /// the list value `rows` against its field `x`, on a logarithmic x axis when the
    /// settings span a factor of 10 or more. `summary` quotes one run's
    /// numbers: over seeds it gives way to the chart's own description of the means.
    mutating func accuracyChart(_ title: String, rows: Runs, x: String, xLabel: String, line: String,
                                references: [Chart.ReferenceLine], summary: (Record) -> String) -> PresentationItem {
        let xs = rows.elements.map { $0[x].number ?? .nan }
        let logX = (xs.max() ?? 1) / Swift.max(xs.min() ?? 1, 1) >= 10
        return chart(Chart(
            title: title, style: .line, xLabel: xLabel + (logX ? " (log scale)" : ""), yLabel: "test accuracy (%)",
            xScale: logX ? .log : .linear, series: [series(line, x: xs, y: rows.each("accuracy"))],
            referenceLines: references, summary: shared(summary) ?? "", yFormat: .percent))
    }
}

extension Presenter.Column {
    /// A number (`style` `.percent` or `.plain`) of a row record that may
    /// have diverged (its `diverged` field true): such a run's cell reads
    /// "diverged", marked bad, in the first of these columns (`first`) and
    /// "–" in the others; over seeds as any cell of several runs.
    static func unlessDiverged(_ title: String, _ field: String, style: NumberStyle, first: Bool) -> Self {
        record(title) { run in
            guard run["diverged"] != .bool(true) else { return first ? .init("diverged", tone: .bad) : .init(ReportFormat.missing) }
            let x = run[field]?.doubleValue ?? .nan
            return style == .percent ? .percent(x) : .number(x)
        }
    }
}
