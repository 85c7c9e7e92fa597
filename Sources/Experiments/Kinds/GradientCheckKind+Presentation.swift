extension GradientCheckKind {
    /// A row per ε (the relative difference overall and in each layer, the
    /// lowest marked) and the relative difference against ε on log-log axes.
    public static func present(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let checks = p["checks"]
        var columns: [Presenter.Column] = [
            .label("ε", "epsilon"),
            Presenter.Column.number("all checked", "relative_difference", format: Presenter.significant(2))
                .highlighted(p.lowestMean(checks, "relative_difference"), in: checks, key: "epsilon"),
        ]
        for (index, layer) in spec.layerNames.enumerated() where spec.layerNames.count > 1 {
            columns.append(Presenter.Column(layer) { p, row in
                p.cell(row["by_layer"][index], format: Presenter.significant(2))
            })
        }
        let checked = "\(spec.checkedCount.grouped) of the \(spec.parameterCount.grouped) parameters "
            + "(at most \(spec.maximumPerLayer.grouped) a layer)"
        let what = "Relative difference ‖g − ĝ‖₂ / (‖g‖₂ + ‖ĝ‖₂) between back-propagation's gradient g "
            + "and central differences ĝ of the \(spec.data.lossName) on \(spec.examples) examples of \(spec.data.label), "
            + "in \(spec.precision) precision, over \(checked) "
            + "of the network [\(ModelDescriptionText.stack(spec.layers))] in training mode"
        let table = p.table(caption: what + ". Highlighted: the lowest.", rows: checks, columns: columns)
        let series = p.series("all checked", x: spec.epsilons, y: checks.each("relative_difference"))
        let chart = Chart(
            title: "Relative difference against ε", xLabel: "ε (log scale)", yLabel: "relative difference (log scale)",
            xScale: .log, yScale: .log, series: [series], summary: what + ", at each step ε, on logarithmic axes.")
        return [table, p.chart(chart)]
    }
}
