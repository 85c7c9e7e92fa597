import NeuralEngine

/// Central finite differences against the analytic gradients of a layer.
///
/// The checked function is `f = Σ r ⊙ layer(x)` for a fixed random tensor `r`,
/// so `∂f/∂output = r` is what `backward` receives, and every input and
/// parameter element `θ` is compared with `(f(θ + h) − f(θ − h)) / 2h`
/// (``Tensor/centralDifference(of:at:step:_:)`` for the input,
/// ``Parameter/centralDifference(at:step:of:)`` for a parameter).
///
/// Tolerance, and why: in `Double` with `h = 1e-5` the central difference has a
/// truncation error of order `h²·f''' ≈ 1e-10` and a rounding error of order
/// `ε·|f|/h ≈ 1e-16·10/1e-5 = 1e-10`; we allow a relative error of 1e-6
/// (`|a − n| / max(1, |a|, |n|)`), four orders above both and far below the
/// error any real bug (a missing term, a wrong sign, a transposed index) causes,
/// which is of the order of the gradient itself. Inputs are kept at least 0.05
/// away from ReLU's kink so no difference straddles it.
enum GradientCheck {
    static let tolerance = 1e-6
    static let step = 1e-5

    /// The largest relative error over the input and all parameters of `layer`.
    /// `prepare` runs before every forward pass (e.g. to replay the same dropout mask).
    static func maximumError(
        _ layer: any Layer<Double>, input: Tensor<Double>, mode: Mode, seed: UInt64 = 99,
        prepare: () -> Void = {}
    ) -> Double {
        var generator = RandomGenerator(seed: seed)
        let weights = randomTensor(rows: input.rows, columns: layer.outputWidth, generator: &generator)
        func objective(_ x: Tensor<Double>) -> Double {
            prepare()
            let output = layer.forward(x, mode: mode)
            return zip(output.scalars, weights.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        }
        prepare()
        _ = layer.forward(input, mode: mode)
        let inputGradient = layer.backward(weights, input: input, needsInputGradient: true)!
        let parameterGradients = layer.parameters.map(\.gradient)

        var worst = 0.0
        var x = input
        for i in 0..<x.count {
            let numeric = Tensor.centralDifference(of: &x, at: i, step: step) { objective($0) }
            worst = max(worst, relativeError(inputGradient.scalars[i], numeric))
        }
        for (parameter, analytic) in zip(layer.parameters, parameterGradients) {
            for i in 0..<parameter.count {
                let numeric = parameter.centralDifference(at: i, step: step) { objective(input) }
                worst = max(worst, relativeError(analytic.scalars[i], numeric))
            }
        }
        return worst
    }

    static func relativeError(_ a: Double, _ b: Double) -> Double {
        abs(a - b) / max(1, abs(a), abs(b))
    }

    /// Normal entries, pushed at least 0.05 away from 0.
    static func randomTensor(rows: Int, columns: Int, generator: inout RandomGenerator) -> Tensor<Double> {
        let scalars = (0..<rows * columns).map { _ in
            let value = generator.normal()
            return value.magnitude < 0.05 ? (value < 0 ? -0.05 : 0.05) + value : value
        }
        return try! Tensor(rows: rows, columns: columns, scalars: scalars)
    }
}
