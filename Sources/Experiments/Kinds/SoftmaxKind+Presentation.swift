extension SoftmaxKind {
    /// Key figures, one table per example (at most eight of a batch) and,
    /// for a single example, the softmax against the hard max and the target.
    public static func present(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        // A single example's values are the block's own; a batch's are its rows'.
        let examples = spec.isBatch ? p["examples"].elements : [Runs(p.runs.records.map { .record($0) })]
        let fmt = { (x: Double) in ResultValue.format(x, significant: 4) }
        var items: [PresentationItem] = []
        for (n, example) in examples.prefix(8).enumerated() {
            let label = spec.labels[n], predicted = example["predicted"].number.map(Int.init) ?? -1
            let rows: [[ResultTable.Cell]] = spec.logits[n].indices.map { i in
                let isLabel = i == label
                // Text cells, no number to align or average: the kind is
                // deterministic, so every seed writes the same four digits.
                func number(_ field: String, tone: ResultTable.Cell.Tone = .plain) -> ResultTable.Cell {
                    p.textCell(example[field][i], tone: tone) { fmt($0.doubleValue ?? .nan) }
                }
                return [
                    .init(spec.classes[i] + (isLabel ? " ✓" : ""), tone: isLabel ? .highlight : .plain),
                    .init(fmt(spec.logits[n][i])),
                    number("probabilities", tone: i == predicted ? .highlight : .plain),
                    p.textCell(example["predicted"]) { $0.doubleValue == Double(i) ? "1" : "0" },
                    .init(isLabel ? "1" : "0"),
                    number("gradient"),
                    number("numeric_gradient"),
                ]
            }
            let caption = spec.isBatch
                ? "Example \((n + 1).grouped) of \(examples.count.grouped): true class \(spec.classes[label])"
                : "True class \(spec.classes[label])" + (spec.temperature != 1 ? ", temperature T = \(fmt(spec.temperature))" : "")
            items.append(p.table(ResultTable(caption: caption, columns: [
                .init("class", numeric: false), .init("logit z"), .init("softmax ŷ"), .init("hard max"),
                .init("target y"), .init(spec.temperature == 1 ? "ŷ − y" : "(ŷ − y)/T"), .init("finite diff."),
            ], rows: rows)))
        }
        if examples.count > 8 { items.append(.note("… \((examples.count - 8).grouped) more examples not shown.")) }

        let plain = { (x: Double?) in ResultValue.format(x ?? 0) }
        let middle = spec.isBatch
            ? p.metric("accuracy", p["accuracy"]) { ResultValue.number($0).formatted }
            : p.choice("predicted") { run in
                let predicted = Int(run["predicted"]?.doubleValue ?? 0), probabilities = run["probabilities"]?.listItems ?? []
                guard probabilities.indices.contains(predicted), spec.classes.indices.contains(predicted) else { return (ReportFormat.missing, "") }
                return (spec.classes[predicted], "p = " + ResultValue.format(probabilities[predicted].doubleValue ?? .nan))
            }
        items.insert(.metrics([
            p.metric(spec.isBatch ? "mean cross-entropy" : "cross-entropy loss", p["loss"],
                     detail: spec.isBatch ? "over \(examples.count.grouped) examples" : "−log ŷ of the true class", format: plain),
            middle,
            p.metric("max |analytic − numeric|", p["max_gradient_error"], detail: "gradient check, central differences", format: plain),
        ]), at: 0)
        if spec.plot, !spec.isBatch, spec.logits[0].count <= 40 {
            // Soft and hard max side by side: the picture of "a smooth arg max".
            let title = spec.temperature == 1
                ? "Softmax against the hard max and the target"
                : "Softmax at T = \(ResultValue.format(spec.temperature)) against the hard max and the target"
            let chart = Chart(
                title: title, style: .bar, xLabel: "class", yLabel: "probability", categories: spec.classes,
                series: [p.series("softmax ŷ", x: [], y: p["probabilities"]), p.series("hard max", x: [], y: p["hardmax"]),
                         p.series("target y", x: [], y: p["target"])],
                summary: "Bars of the softmax probability, the hard max and the one-hot target for each class; the true class is \(spec.classes[spec.labels[0]]).")
            items.insert(p.chart(chart), at: 2)
        }
        return items
    }
}
