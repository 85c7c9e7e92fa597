extension OptimizerPathKind {
    /// Where each path ended (the best of each column marked), the loss
    /// against the step, and the paths in the (w1, w2) plane with the minimum.
    public static func present(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        func point(_ w: [Double]) -> String { "(" + w.map { ResultValue.format($0) }.joined(separator: ", ") + ")" }
        let paths = p["paths"], start = point(spec.start)
        func column(_ title: String, _ field: String, digits: Int) -> Presenter.Column {
            let best = p.lowestMean(paths, field).flatMap { paths[$0]["name"].text }
            return Presenter.Column(title) { p, row in
                p.cell(row[field], tone: row["name"].text == best ? .highlight : .plain) { x in
                    x.map { $0.isNaN ? "not reached" : ResultValue.format($0, significant: digits) } ?? "—"
                }
            }
        }
        let surface = spec.surface == .valley ? "the valley, κ = \(ResultValue.format(spec.conditionNumber))," : "Rosenbrock's valley"
        let noise = spec.noise > 0 ? " with gradient noise of sd \(ResultValue.format(spec.noise))" : ""
        let target = spec.targetLoss.map { [column("steps to loss ≤ \(ResultValue.format($0))", "steps_to_target", digits: 5)] } ?? []
        let table = p.table(caption: "\(spec.steps.grouped) steps on \(surface) from \(start)\(noise). Highlighted: the best of each column.",
                            rows: paths, columns: [.text("optimizer", "label"), column("final loss", "final_loss", digits: 3)] + target)
        let losses = Chart(title: "Loss at every step", xLabel: "step", yLabel: "loss (log scale)", yScale: .log,
                           series: p.lines(rows: paths, x: (0...spec.steps).map(Double.init), y: "loss"),
                           summary: "The loss of each path from its start (step 0), one line per optimizer, on a logarithmic axis.")
        let lines = paths.elements.map { row in
            let name = row["label"].text ?? "", w1 = p.series(name, x: [], y: row["w1"]).y
            return p.series(name, x: w1, y: row["w2"])
        }
        let plane = Chart(title: "Paths in the (w1, w2) plane", xLabel: "w1", yLabel: "w2",
                          series: lines + [Chart.Series(name: "minimum", x: [spec.minimum[0]], y: [spec.minimum[1]])],
                          summary: "Each optimizer's weights (w1, w2) step by step from \(start), and the minimum at \(point(spec.minimum)).")
        let warnings = p.warnings { run in
            (run["paths"]?.listItems ?? []).compactMap { item in
                guard case .record(let r) = item, r["diverged"] == .bool(true) else { return nil }
                return "\(Presenter.plainText(r["name"])) diverged at step \(Int(r.number("diverged_step"))): its path stops there."
            }
        }
        return [table, p.chart(losses), p.chart(plane)] + warnings
    }
}
