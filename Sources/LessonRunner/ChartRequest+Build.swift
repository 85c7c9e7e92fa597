import Experiments
import LessonResults
import LessonSupport

extension ChartRequest {
    /// The chart of the runs' values (one record per seed, or the one run):
    /// each line its value in every run — over seeds their mean, with the
    /// lowest and highest run as a band — or the problem that stops it.
    func chart(from runs: [Record], seeds: [UInt64]) -> Result<PresentationItem, TableProblems> {
        var presenter = Presenter(RunValues(records: runs, seeds: seeds))
        var series: [Chart.Series] = []
        var positions: [Double]?
        if let x {
            switch x.values(in: runs) {
            case .success(let values): positions = values.first??.listItems.map { $0.doubleValue ?? .nan }
            case .failure(let problems): return .failure(problems)
            }
        }
        for line in lines {
            switch line.values(in: runs) {
            case .success(let values):
                let length = values.first??.listItems.count ?? 0
                if let positions, positions.count != length {
                    return .failure(TableProblems([Diagnostic(.chart, "chart: '\(Excerpt.clipped(line.text))' has \(length.grouped) numbers and x "
                                                              + "'\(Excerpt.clipped(x?.text ?? ""))' has \(positions.count.grouped): a line needs one number per x",
                                                              at: line.location)]))
                }
                let axis = positions ?? (0..<length).map { Double($0 + 1) }
                series.append(presenter.series(line.label, x: axis, y: Runs(values)))
            case .failure(let problems):
                return .failure(problems)
            }
        }
        let against = xLabel.isEmpty ? "" : " against \(xLabel)"
        let chart = Chart(title: title, xLabel: xLabel, yLabel: yLabel + (logY ? " (log scale)" : ""), yScale: logY ? .log : .linear,
                          series: series, summary: "\(lines.map(\.label).joined(separator: ", "))\(against).")
        return .success(presenter.chart(chart))
    }
}

extension ChartRequest.Line {
    /// The line's value in every run, each a list of numbers.
    func values(in runs: [Record]) -> Result<[ResultValue?], TableProblems> {
        var out: [ResultValue?] = []
        for run in runs {
            let value: ResultValue
            do {
                value = try expression.evaluate(in: ValueScope(own: run, blocks: [:])).value
            } catch {
                return .failure(TableProblems([Diagnostic(.chart, "chart: '\(Excerpt.clipped(text))': \(error.message)", at: location,
                                                          notes: error.notes.map { .init($0) })]))
            }
            guard case .list(let items) = value, !items.isEmpty, items.allSatisfy({ $0.doubleValue != nil }) else {
                return .failure(TableProblems([Diagnostic(.chart, "chart: '\(Excerpt.clipped(text))' is \(value.typeNameWithArticle) (\(Excerpt.clipped(value.formatted))), "
                                                          + "not a list of numbers to draw", at: location,
                                                          notes: [.init("a line is a value that is a list of numbers, such as net[0].norm or curve.validation_loss")])]))
            }
            out.append(value)
        }
        return .success(out)
    }
}
