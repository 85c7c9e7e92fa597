extension OptimizerPathKind {
    /// Where each path ended (the best of each column marked), the loss
    /// against the step, and the paths in the (w1, w2) plane with the minimum.
    public static func present(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let paths = p["paths"]
        let start = point(spec.start)
        let surface = spec.surface == .valley ? "the valley, κ = \(ResultValue.format(spec.conditionNumber))," : "Rosenbrock's valley"
        let noise = spec.noise > 0 ? " with gradient noise of sd \(ResultValue.format(spec.noise))" : ""
        var columns: [Presenter.Column] = [
            .text("optimizer", "label"),
            column("final loss", "final_loss", notANumber: "diverged", digits: 3, paths),
        ]
        if let target = spec.targetLoss {
            let title = "steps to loss ≤ \(ResultValue.format(target))"
            columns.append(column(title, "steps_to_target", notANumber: "not reached", digits: 5, paths))
        }
        let caption = """
            \(spec.steps.grouped) steps on \(surface) from \(start)\(noise). \
            Highlighted: the best of each column, among the optimizers with a number in every run.
            """
        let table = p.table(caption: caption, rows: paths, columns: columns)
        let losses = Chart(title: "Loss at every step", xLabel: "step", yLabel: "loss (log scale)", yScale: .log,
                           series: p.lines(rows: paths, x: (0...spec.steps).map(Double.init), y: "loss"),
                           summary: "The loss of each path from its start (step 0), one line per optimizer, on a logarithmic axis.")
        // Drawn before the plane's series are built: both charts name their series by the
        // optimizers' labels, and drawing a chart clears what its series' names noted.
        let lossChart = p.chart(losses)
        let lines = paths.elements.map { row in
            p.series(row["label"].text ?? "", x: meanList(row["w1"]), y: row["w2"])
        }
        let minimum = Chart.Series(name: "minimum", x: [spec.minimum[0]], y: [spec.minimum[1]])
        let summary = "Each optimizer's weights (w1, w2) step by step from \(start), and the minimum at \(point(spec.minimum))."
        let plane = Chart(title: "Paths in the (w1, w2) plane", xLabel: "w1", yLabel: "w2", series: lines + [minimum], summary: summary)
        let warnings = p.warnings { run in
            run.records("paths").compactMap { path in
                guard path["diverged"] == .bool(true), let step = path["diverged_step"]?.doubleValue.map({ Int($0) }) else {
                    return nil
                }
                return "\(Presenter.plainText(path["name"])) diverged at step \(step): its path stops there."
            }
        }
        return [table, lossChart, p.chart(plane)] + warnings
    }

    static func point(_ w: [Double]) -> String {
        "(" + w.map { ResultValue.format($0) }.joined(separator: ", ") + ")"
    }

    /// A column of one number of each path, `notANumber` where a path's is NaN ("diverged")
    /// and ``ResultTable/Cell/missing`` where it has none; the lowest mean highlighted, among
    /// the paths with a number in every run (a number only some seeds reached is not a best).
    static func column(_ title: String, _ field: String, notANumber: String, digits: Int, _ paths: Runs) -> Presenter.Column {
        let rows = paths.elements
        let complete = rows.indices.filter { rows[$0][field].allNumbers }
        let best = complete.min { rows[$0][field].mean < rows[$1][field].mean }.flatMap { rows[$0]["name"].text }
        return Presenter.Column(title) { p, row in
            let tone: ResultTable.Cell.Tone = row["name"].text == best ? .highlight : .plain
            return p.cell(eachRun: row[field].values.map { value in
                guard let x = value?.doubleValue else { return .missing(tone: tone) }
                guard !x.isNaN else { return ResultTable.Cell(notANumber, tone: tone) }
                return ResultTable.Cell(ResultValue.format(x, significant: digits), value: x.isFinite ? x : nil, tone: tone)
            })
        }
    }

    /// The mean of the runs' lists index by index, over the runs that have a number there
    /// (a path that diverged stops early): the x of a series whose y is another list.
    static func meanList(_ lists: Runs) -> [Double] {
        let numbers = lists.numberLists
        let length = numbers.map(\.count).max() ?? 0
        return (0..<length).map { i in
            SeedStatistic.mean(numbers.compactMap { i < $0.count && !$0[i].isNaN ? $0[i] : nil })
        }
    }
}
