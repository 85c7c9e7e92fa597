extension SignalKind {
    /// A table of the first and last layers, and the norms of activations
    /// and gradients layer by layer, one line per network.
    public static func present(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let net = p["net"]
        let hasDead = net.elements.contains { $0["dead_fraction"].first != nil }
        let columns: [Presenter.Column] = [
            .text("network", "label"), .number("‖h₁‖", "first_norm"), .number("‖h_L‖", "last_norm"),
            .number("‖∂L/∂h₁‖", "first_gradient"), .number("‖∂L/∂h_L‖", "last_gradient"),
            .number("‖∂L/∂W₁‖ / ‖∂L/∂W_L‖", "gradient_ratio"), .number("gap to one affine map", "affine_gap"),
        ] + (hasDead ? [.percent("dead units", "dead_fraction")] : [])
          + (spec.epochs > 0 ? [.percent("test accuracy", "accuracy")] : [])
        let table = p.table(caption: "Layer 1 and layer L = \(spec.depth): mean norms over the rows of the activations h and of the gradients ∂L/∂h.",
                            rows: net, columns: columns)

        let layers = (1...spec.depth).map(Double.init)
        let plot = spec.plot ?? TrainPlot()
        // Log unless the author's `plot:` asks for linear (or a range down to zero).
        let logY = plot.yScale == .log || (plot.yScale == .auto && (plot.yLower ?? plot.yUpper ?? 1) > 0)
        let axis = logY ? "logarithmic" : "linear"
        func chart(_ title: String, _ y: String, _ field: String, _ summary: String) -> PresentationItem {
            var chart = Chart(title: title, xLabel: "layer", yLabel: y + (logY ? " (log scale)" : ""), yScale: logY ? .log : .linear,
                              series: p.lines(rows: net, x: layers, y: field), summary: summary)
            chart.yLower = spec.plot?.yLower
            chart.yUpper = spec.plot?.yUpper
            return p.chart(chart)
        }
        let norms = chart("Activation norm per layer", "mean ‖h‖", "norm",
                          "The mean norm of each layer's activations, layer 1 to \(spec.depth), one line per network, on a \(axis) axis.")
        let gradients = chart("Gradient norm per layer", "mean ‖∂L/∂h‖", "gradient",
                              "The mean norm of the gradient of the loss with respect to each layer's activations, one line per network, "
                                + "on a \(axis) axis.")
        let warnings = p.divergenceWarnings("net", step: "diverged_step") { r, step in
            "\(r["label"].map(Presenter.plainText) ?? ""): training diverged at step \(step); the statistics are those of the weights it stopped at."
        }
        let setup = p.note { run in
            let rows = Int(run["rows"]?.doubleValue ?? 0)
            let inputs = spec.digits
                ? "\(rows.grouped) standardized digits, loss: softmax cross-entropy of a final dense layer of 10"
                : "\(rows.grouped) rows of \(spec.width) independent N(0, 1) inputs, loss: a random linear read-out of the last layer"
            let trained = spec.epochs == 0
                ? "at initialization"
                : "after \(spec.epochs.grouped) epoch\(spec.epochs == 1 ? "" : "s") of plain SGD in batches of \(spec.batchSize)"
            let norm = spec.variants.contains(where: { $0.norm != .none })
                ? ", normalization \(spec.normPosition == .after ? "after" : "before") the activation" : ""
            return "\(spec.depth) dense layers of \(spec.width) units\(spec.bias ? "" : " without bias")\(norm); \(inputs); measured \(trained), in double precision. "
                + "Input norm \(ResultValue.format(run["input_norm"]?.doubleValue ?? .nan, significant: 3))."
        }
        return [table, norms, gradients] + warnings + [setup]
    }
}
