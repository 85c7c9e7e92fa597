import Foundation

/// Turns a `signal` run into named values, a table and two charts.
///
/// The named values (one record per network in `net`, found by the settings
/// that vary in the block — `net.normal_2`, `net.sigmoid`, `net.tanh_layernorm`,
/// `net.lr_0_5`; `net.network` when the block builds one — or by position, `net[0]`):
/// ```
/// layers, names, input_norm, rows
/// net[i] / net.<key>.{key, label, norm[], std[], gradient[], weight_gradient[],
///         first_norm, last_norm, last_std, first_gradient, last_gradient,
///         gradient_ratio, affine_gap,
///         dead_fraction (ReLU and leaky ReLU only),
///         accuracy, loss, diverged (when the block trains)}
/// ```
/// `norm[l]` is the mean over the rows of ‖h_l‖ (the output of dense layer
/// l's block), `std[l]` the spread of all its entries, `gradient[l]` the mean
/// over the rows of ‖∂L/∂h_l‖ for the row's own loss, `weight_gradient[l]`
/// ‖∂L/∂W_l‖ for the mean loss; `gradient_ratio` is
/// `weight_gradient[0] / weight_gradient[-1]`, `affine_gap` the relative
/// distance between the network's output and x·W₁⋯W_L + b.
struct SignalReport {
    var spec: SignalKind.Spec
    var result: SignalExperiment.Result

    var outcome: ExperimentOutcome {
        ExperimentOutcome(values: values, presentation: presentation)
    }

    // MARK: - Named values

    var values: Record {
        var v = Record()
        v["layers"] = .integers(Array(1...spec.depth))
        v["names"] = .strings(result.networks.map(\.variant.key))
        v["input_norm"] = .number(result.inputNorm)
        v["rows"] = .integer(result.rows)
        v["net"] = .list(result.networks.map { .record(record($0)) })
        return v
    }

    private func record(_ network: SignalExperiment.NetworkResult) -> Record {
        let layers = network.layers
        var r = Record()
        r["key"] = .string(network.variant.key)
        r["label"] = .string(network.variant.label)
        r["norm"] = .numbers(layers.map(\.norm))
        r["std"] = .numbers(layers.map(\.standardDeviation))
        r["gradient"] = .numbers(layers.map(\.gradient))
        r["weight_gradient"] = .numbers(layers.map(\.weightGradient))
        r["first_norm"] = .number(layers.first?.norm ?? .nan)
        r["last_norm"] = .number(layers.last?.norm ?? .nan)
        r["last_std"] = .number(layers.last?.standardDeviation ?? .nan)
        r["first_gradient"] = .number(layers.first?.gradient ?? .nan)
        r["last_gradient"] = .number(layers.last?.gradient ?? .nan)
        r["gradient_ratio"] = .number(ratio(network))
        r["affine_gap"] = .number(network.affineGap)
        if let dead = network.deadFraction { r["dead_fraction"] = .number(dead) }
        if spec.epochs > 0 {
            r["accuracy"] = .number(network.accuracy ?? .nan)
            r["loss"] = .number(network.trainingLoss ?? .nan)
            r["diverged"] = .bool(network.divergedAtStep != nil)
        }
        return r
    }

    private func ratio(_ network: SignalExperiment.NetworkResult) -> Double {
        guard let first = network.layers.first?.weightGradient, let last = network.layers.last?.weightGradient else { return .nan }
        return first / last
    }

    // MARK: - Presentation

    var presentation: [PresentationItem] {
        var items: [PresentationItem] = [.table(table), .chart(normChart), .chart(gradientChart)]
        for network in result.networks {
            if let step = network.divergedAtStep {
                items.append(.warning("\(network.variant.label): training diverged at step \(step); the statistics are those of the weights it stopped at."))
            }
        }
        items.append(.note(setupNote))
        return items
    }

    private var setupNote: String {
        let inputs = spec.digits
            ? "\(result.rows.grouped) standardized digits, loss: softmax cross-entropy of a final dense layer of 10"
            : "\(result.rows.grouped) rows of \(spec.width) independent N(0, 1) inputs, loss: a random linear read-out of the last layer"
        let trained = spec.epochs == 0
            ? "at initialization"
            : "after \(spec.epochs) epoch\(spec.epochs == 1 ? "" : "s") of plain SGD in batches of \(spec.batchSize)"
        let norm = spec.variants.contains(where: { $0.norm != .none })
            ? ", normalization \(spec.normPosition == .after ? "after" : "before") the activation" : ""
        return "\(spec.depth) dense layers of \(spec.width) units\(spec.bias ? "" : " without bias")\(norm); \(inputs); measured \(trained), in double precision. "
            + "Input norm \(ResultValue.format(result.inputNorm, significant: 3))."
    }

    private var table: ResultTable {
        var columns: [ResultTable.Column] = [
            .init("network", numeric: false), .init("‖h₁‖"), .init("‖h_L‖"), .init("‖∂L/∂h₁‖"), .init("‖∂L/∂h_L‖"),
            .init("‖∂L/∂W₁‖ / ‖∂L/∂W_L‖"), .init("gap to one affine map"),
        ]
        let hasDead = result.networks.contains { $0.deadFraction != nil }
        if hasDead { columns.append(.init("dead units")) }
        if spec.epochs > 0 { columns.append(.init("test accuracy")) }
        let rows: [[ResultTable.Cell]] = result.networks.map { network in
            let first = network.layers.first, last = network.layers.last
            var row: [ResultTable.Cell] = [
                .init(network.variant.label), cell(first?.norm), cell(last?.norm),
                cell(first?.gradient), cell(last?.gradient), cell(ratio(network)), cell(network.affineGap),
            ]
            if hasDead { row.append(percentCell(network.deadFraction)) }
            if spec.epochs > 0 { row.append(percentCell(network.accuracy)) }
            return row
        }
        return ResultTable(
            caption: "Layer 1 and layer L = \(spec.depth): mean norms over the rows of the activations h and of the gradients ∂L/∂h.",
            columns: columns, rows: rows)
    }

    /// A number's cell, keeping the value when it is finite (so runs over
    /// several seeds show mean ± sd).
    private func cell(_ x: Double?) -> ResultTable.Cell {
        .init(number(x), value: x.flatMap { $0.isFinite ? $0 : nil })
    }

    /// A fraction as "12.3 %" (three significant digits), keeping the fraction.
    private func percentCell(_ fraction: Double?) -> ResultTable.Cell {
        guard let fraction else { return .init("—") }
        return .init(ResultValue.format(fraction * 100, significant: 3) + " %", value: fraction.isFinite ? fraction : nil, style: .percent)
    }

    private func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return x.map { $0.isNaN ? "NaN" : ($0 > 0 ? "∞" : "−∞") } ?? "—" }
        return ResultValue.format(x, significant: 3)
    }

    private var layerAxis: [Double] { (1...spec.depth).map(Double.init) }

    /// Log unless the author's `plot:` asks for linear (or a range down to zero).
    private var logY: Bool {
        let plot = spec.plot ?? TrainPlot()
        return plot.yScale == .log || (plot.yScale == .auto && (plot.yLower ?? plot.yUpper ?? 1) > 0)
    }

    /// The author's y range on a chart built here.
    private func ranged(_ chart: Chart) -> Chart {
        var chart = chart
        chart.yLower = spec.plot?.yLower
        chart.yUpper = spec.plot?.yUpper
        return chart
    }

    private var normChart: Chart {
        ranged(Chart(
            title: "Activation norm per layer", xLabel: "layer", yLabel: "mean ‖h‖" + (logY ? " (log scale)" : ""), yScale: logY ? .log : .linear,
            series: result.networks.map { Chart.Series(name: $0.variant.label, x: layerAxis, y: $0.layers.map(\.norm)) },
            summary: "The mean norm of each layer's activations, layer 1 to \(spec.depth), one line per network, on a \(logY ? "logarithmic" : "linear") axis."))
    }

    private var gradientChart: Chart {
        ranged(Chart(
            title: "Gradient norm per layer", xLabel: "layer", yLabel: "mean ‖∂L/∂h‖" + (logY ? " (log scale)" : ""), yScale: logY ? .log : .linear,
            series: result.networks.map { Chart.Series(name: $0.variant.label, x: layerAxis, y: $0.layers.map(\.gradient)) },
            summary: "The mean norm of the gradient of the loss with respect to each layer's activations, one line per network, "
                + "on a \(logY ? "logarithmic" : "linear") axis."))
    }
}
