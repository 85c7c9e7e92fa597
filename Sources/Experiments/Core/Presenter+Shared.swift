import LessonSupport

/// Drawing pieces several kinds share: a number that may be absent, the
/// note for seeds that failed, warnings for rows that diverged, test
/// accuracy against a setting.
extension Presenter {
    /// A whole number with its digits grouped by thousands ("1,024"); "–" when there is none.
    public static func grouped(_ value: ResultValue?) -> String {
        value?.doubleValue.flatMap { $0.isFinite ? Int($0).grouped : nil } ?? ReportFormat.missing
    }

    /// ``ReportFormat/percent(_:decimals:)`` of a value that may be absent
    /// ("–"): how the kinds' cells, key figures and notes write a fraction.
    static func percent(_ x: Double?) -> String { ReportFormat.percent(x ?? .nan) }
    /// ``ReportFormat/number(_:)`` of a value that may be absent ("–").
    static func number(_ x: Double?) -> String { ReportFormat.number(x ?? .nan) }

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

    /// A warning for each record of the list value `rows` that diverged (its
    /// `diverged` true), written by `build` from the record and the step its
    /// field `step` names; over seeds once each, naming the seeds that raised
    /// it (``warnings(_:)``).
    func divergenceWarnings(_ rows: String, step: String, _ build: (Record, Int) -> String) -> [PresentationItem] {
        warnings { run in
            run.records(rows).compactMap { row in
                guard row["diverged"] == .bool(true), let at = row[step]?.doubleValue else { return nil }
                return build(row, Int(at))
            }
        }
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
