/// Turns a `signal` run into the named values ``SignalKind/declared`` lists
/// (``SignalKind/present(_:_:)`` draws them).
struct SignalReport {
    var spec: SignalKind.Spec
    var result: SignalExperiment.Result

    var outcome: ExperimentOutcome {
        ExperimentOutcome(values: SignalKind.declared.record(self))
    }

    /// One network's record, `net[i]`.
    func record(_ network: SignalExperiment.NetworkResult) -> Record {
        let layers = network.layers
        var r = Record(fields: [
            "key": network.variant.key, "label": network.variant.label,
            "norm": layers.map(\.norm), "std": layers.map(\.standardDeviation),
            "gradient": layers.map(\.gradient), "weight_gradient": layers.map(\.weightGradient),
            "first_norm": layers.first?.norm ?? .nan, "last_norm": layers.last?.norm ?? .nan,
            "last_std": layers.last?.standardDeviation ?? .nan,
            "first_gradient": layers.first?.gradient ?? .nan, "last_gradient": layers.last?.gradient ?? .nan,
            "gradient_ratio": (layers.first?.weightGradient ?? .nan) / (layers.last?.weightGradient ?? .nan),
            "affine_gap": network.affineGap, "dead_fraction": network.deadFraction,
        ])
        if spec.epochs > 0 {
            r.add(fields: [
                "accuracy": network.accuracy ?? .nan, "loss": network.trainingLoss ?? .nan,
                "diverged": network.divergedAtStep != nil, "diverged_step": network.divergedAtStep,
            ])
        }
        return r
    }
}
