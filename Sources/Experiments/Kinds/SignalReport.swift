import Foundation

/// Turns a `signal` run into named values (``SignalKind/present(_:_:)`` draws them).
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
///         accuracy, loss, diverged, diverged_step (when the block trains)}
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
        ExperimentOutcome(values: values, presentation: [])
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
            if let step = network.divergedAtStep { r["diverged_step"] = .integer(step) }
        }
        return r
    }

    private func ratio(_ network: SignalExperiment.NetworkResult) -> Double {
        guard let first = network.layers.first?.weightGradient, let last = network.layers.last?.weightGradient else { return .nan }
        return first / last
    }
}
