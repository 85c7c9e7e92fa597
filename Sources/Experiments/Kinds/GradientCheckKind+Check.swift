import NeuralEngine

extension GradientCheckKind {
    /// One run: the network drawn from the run's seed, back-propagation's
    /// gradient of its loss on `batch`, and the central difference of every
    /// checked parameter at every ε, all in `Scalar`. One record per ε:
    /// `epsilon`, `relative_difference` over every checked parameter, and
    /// `by_layer`, one per layer that has parameters.
    static func checks<Scalar: TensorScalar>(_ spec: Spec, _ batch: Dataset<Scalar>, generator: inout RandomGenerator) throws -> [Record] {
        let model = try Model<Scalar>(entries: spec.layers, inputWidth: spec.data.inputWidth,
                                      initializer: spec.initializer, generator: &generator)
        let evaluate = { try spec.data.loss.evaluate(try model.forward(batch.features), for: batch) }
        try model.backward(try evaluate().gradient)
        // Per layer, each checked scalar: its parameter, its index there and back-propagation's gradient.
        var scalars: [[(parameter: Parameter<Scalar>, index: Int, analytic: Double)]] = []
        for layer in model.layers where !layer.parameters.isEmpty {
            let all = layer.parameters.flatMap { parameter in
                parameter.gradient.scalars.enumerated().map { (parameter, $0.offset, Double($0.element)) }
            }
            let kept = all.count <= spec.maximumPerLayer ? Array(all.indices) : generator.permutation(all.count).prefix(spec.maximumPerLayer).sorted()
            scalars.append(kept.map { all[$0] })
        }
        let analytic = scalars.map { $0.map(\.analytic) }
        return try spec.epsilons.map { epsilon in
            let numeric = try scalars.map { layer in
                try layer.map { try centralDifference($0.parameter, at: $0.index, epsilon: epsilon, of: evaluate) }
            }
            return Record(fields: [
                "epsilon": epsilon,
                "relative_difference": relativeDifference(analytic.flatMap { $0 }, numeric.flatMap { $0 }),
                "by_layer": zip(analytic, numeric).map { relativeDifference($0, $1) },
            ])
        }
    }

    /// (f(θ + ε) − f(θ − ε)) / 2ε for the scalar at `index` of `parameter`, restored afterwards.
    /// θ ± ε is rounded to `Scalar`; the quotient is taken over the ε asked for, as the check is written.
    static func centralDifference<Scalar: TensorScalar>(
        _ parameter: Parameter<Scalar>, at index: Int, epsilon: Double, of f: () throws -> LossEvaluation<Scalar>
    ) throws -> Double {
        let row = index / parameter.value.columns
        let column = index % parameter.value.columns
        let original = parameter.value[row, column]
        parameter.value[row, column] = original + Scalar(epsilon)
        let plus = try f().loss
        parameter.value[row, column] = original - Scalar(epsilon)
        let minus = try f().loss
        parameter.value[row, column] = original
        return (plus - minus) / (2 * epsilon)
    }

    /// ‖g − ĝ‖₂ / (‖g‖₂ + ‖ĝ‖₂); 0 when both are 0.
    static func relativeDifference(_ analytic: [Double], _ numeric: [Double]) -> Double {
        func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let size = norm(analytic) + norm(numeric)
        return size > 0 ? norm(zip(analytic, numeric).map { $0 - $1 }) / size : 0
    }
}
