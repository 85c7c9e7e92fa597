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
            column("final loss", "final_loss", notANumber: "diverged", digits: 3, p),
        ]
        if let target = spec.targetLoss {
            let title = "steps to loss ≤ \(ResultValue.format(target))"
            columns.append(column(title, "steps_to_target", notANumber: "not reached", digits: 5, p))
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
            p.series(row["label"].text ?? "", x: SeedStatistic.meanByIndex(row["w1"].numberLists), y: row["w2"])
        }
        let minimum = Chart.Series(name: "minimum", x: [spec.minimum[0]], y: [spec.minimum[1]])
        let summary = "Each optimizer's weights (w1, w2) step by step from \(start), and the minimum at \(point(spec.minimum))."
        let plane = Chart(title: "Paths in the (w1, w2) plane", xLabel: "w1", yLabel: "w2", series: lines + [minimum], summary: summary)
        let warnings = p.divergenceWarnings("paths", step: "diverged_step") { path, step in
            "\(Presenter.plainText(path["name"])) diverged at step \(step): its path stops there."
        }
        return [table, lossChart, p.chart(plane)] + warnings
    }

    static func point(_ w: [Double]) -> String {
        "(" + w.map { ResultValue.format($0) }.joined(separator: ", ") + ")"
    }

    /// A column of one number of each path, `notANumber` where a path's is NaN ("diverged")
    /// and ``ResultTable/Cell/missing`` where it has none; the lowest mean highlighted, among
    /// the paths with a number in every run (a number only some seeds reached is not a best).
    static func column(_ title: String, _ field: String, notANumber: String, digits: Int, _ p: Presenter) -> Presenter.Column {
        Presenter.Column.record(title) { path in
            guard let x = path.at(field)?.doubleValue else { return .missing }
            guard !x.isNaN else { return ResultTable.Cell(notANumber) }
            return ResultTable.Cell(ResultValue.format(x, significant: digits), value: x.isFinite ? x : nil)
        }
        .highlighted(p.lowestMean(p["paths"], field), in: p["paths"], key: "name")
    }
}
