import NeuralEngine

extension GradientCheckKind {
    /// One run: the network drawn from the run's seed, back-propagation's
    /// gradient of its loss on `batch`, and the central difference of every
    /// checked parameter at every ε, all in `Scalar`. One record per ε:
    /// `epsilon`, `relative_difference` over every checked parameter, and
    /// `by_layer`, one per layer that has parameters.
    static func checks<Scalar: TensorScalar>(
        _ spec: Spec, _ batch: Dataset<Scalar>, generator: inout RandomGenerator
    ) throws -> [Record] {
        let model = try Model<Scalar>(
            entries: spec.layers, inputWidth: spec.data.inputWidth,
            initializer: spec.initializer, generator: &generator)
        let evaluate = { try spec.data.loss.evaluate(try model.forward(batch.features), for: batch) }
        try model.backward(try evaluate().gradient)
        var layers: [[CheckedScalar<Scalar>]] = []
        for layer in model.layers where !layer.parameters.isEmpty {
            let count = layer.parameters.reduce(0) { $0 + $1.count }
            let indices = chosenIndices(count, keeping: spec.maximumPerLayer, generator: &generator)
            layers.append(scalars(of: layer.parameters, at: indices))
        }
        let analytic = layers.map { $0.map(\.analytic) }
        return try spec.epsilons.map { epsilon in
            let numeric = try layers.map { layer in
                try layer.map { scalar in
                    try scalar.parameter.centralDifference(at: scalar.index, step: epsilon) { try evaluate().loss }
                }
            }
            return Record(fields: [
                "epsilon": epsilon,
                "relative_difference": relativeDifference(analytic.flatMap { $0 }, numeric.flatMap { $0 }),
                "by_layer": zip(analytic, numeric).map { relativeDifference($0, $1) },
            ])
        }
    }

    /// A scalar the check nudges, and back-propagation's gradient of it.
    struct CheckedScalar<Scalar: TensorScalar> {
        var parameter: Parameter<Scalar>
        var index: Int
        var analytic: Double
    }

    /// Which of a layer's `count` scalars (its parameters one after another)
    /// are checked, in order: all of them when there are at most `keeping`,
    /// else `keeping` drawn without repetition by Floyd's algorithm (Bentley
    /// and Floyd, "A sample of brilliance", CACM 1987): `keeping` draws and
    /// as much memory, however large the layer.
    static func chosenIndices(_ count: Int, keeping: Int, generator: inout RandomGenerator) -> [Int] {
        guard count > keeping else { return Array(0..<count) }
        var chosen = Set<Int>()
        for last in count - keeping ..< count {
            let drawn = generator.integer(below: last + 1)
            chosen.insert(chosen.contains(drawn) ? last : drawn)
        }
        return chosen.sorted()
    }

    /// The scalars at `indices` (sorted) of `parameters` laid one after another,
    /// each with the gradient the last backward pass left in it.
    static func scalars<Scalar: TensorScalar>(
        of parameters: [Parameter<Scalar>], at indices: [Int]
    ) -> [CheckedScalar<Scalar>] {
        var scalars: [CheckedScalar<Scalar>] = []
        var start = 0
        for parameter in parameters {
            for index in indices where (start ..< start + parameter.count).contains(index) {
                let analytic = Double(parameter.gradient.scalars[index - start])
                scalars.append(CheckedScalar(parameter: parameter, index: index - start, analytic: analytic))
            }
            start += parameter.count
        }
        return scalars
    }

    /// ‖g − ĝ‖₂ / (‖g‖₂ + ‖ĝ‖₂); 0 when both are 0.
    static func relativeDifference(_ analytic: [Double], _ numeric: [Double]) -> Double {
        func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let size = norm(analytic) + norm(numeric)
        return size > 0 ? norm(zip(analytic, numeric).map { $0 - $1 }) / size : 0
    }
}
