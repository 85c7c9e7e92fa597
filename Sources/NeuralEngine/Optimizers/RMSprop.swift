/// RMSprop (Hinton, Srivastava & Swersky, "Neural Networks for Machine
/// Learning", lecture 6e, 2012): each parameter's step is divided by a running
/// root mean square of its recent gradients, so a direction with large, noisy
/// gradients takes small steps and a flat one large steps.
///
/// `s ← ρ·s + (1 − ρ)·g²`, `w ← w − η·g/(√s + ε)`, with `s` starting at 0 and
/// no bias correction (Adam adds that, and a running average of `g` itself).
/// ε is added outside the square root, as in PyTorch and in Adam here.
public final class RMSprop<Scalar: TensorScalar>: Optimizer {
    public var learningRate: Double
    /// ρ, the decay of the squared-gradient average (the course notes' β₂).
    public let decay: Double
    /// ε, keeps the step finite where `s` is 0.
    public let epsilon: Double
    /// L2 (and L1) decay, added to the gradient before it is averaged.
    public var weightDecay: WeightDecay

    private var meanSquares: [ObjectIdentifier: Tensor<Scalar>] = [:]

    /// - Parameters:
    ///   - learningRate: η, the step size.
    ///   - decay: ρ in [0, 1).
    ///   - epsilon: ε > 0.
    ///   - weightDecay: L2 (and L1) decay (by default none).
    /// - Throws: ``EngineError/invalidArgument(_:)`` for arguments out of range.
    public init(learningRate: Double = 0.001, decay: Double = 0.9, epsilon: Double = 1e-8,
                weightDecay: WeightDecay = .none) throws {
        try OptimizerChecks.learningRate(learningRate)
        try OptimizerChecks.unitInterval(decay, name: "the RMSprop decay ρ")
        try OptimizerChecks.weightDecay(weightDecay)
        guard epsilon > 0, epsilon.isFinite else {
            throw EngineError.invalidArgument("epsilon must be a small positive number, got \(epsilon)")
        }
        self.learningRate = learningRate
        self.decay = decay
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: [Parameter<Scalar>]) {
        for parameter in parameters {
            weightDecay.addL1Gradient(to: parameter)
            let key = ObjectIdentifier(parameter)
            if meanSquares[key] == nil {
                meanSquares[key] = Tensor<Scalar>(rows: parameter.value.rows, columns: parameter.value.columns)
            }
            Scalar.rmspropStep(
                value: &parameter.value, gradient: parameter.gradient, meanSquare: &meanSquares[key]!,
                learningRate: Scalar(learningRate), decay: Scalar(decay), epsilon: Scalar(epsilon),
                weightDecay: weightDecay.rate(for: parameter))
        }
    }
}
