/// Adam (Kingma & Ba 2015, https://arxiv.org/abs/1412.6980): per-parameter step
/// sizes from running averages of the gradient and of its square.
///
/// `m ← β₁·m + (1 − β₁)·g`, `v ← β₂·v + (1 − β₂)·g²`,
/// `w ← w − η·m̂/(√v̂ + ε)` with the bias-corrected `m̂ = m/(1 − β₁ᵗ)`, `v̂ = v/(1 − β₂ᵗ)`,
/// where `t` counts this optimizer's steps from 1.
public final class Adam<Scalar: TensorScalar>: Optimizer {
    public var learningRate: Double
    /// β₁, decay of the gradient average.
    public let beta1: Double
    /// β₂, decay of the squared-gradient average.
    public let beta2: Double
    /// ε, keeps the step finite where `v̂` is 0.
    public let epsilon: Double
    /// L2 weight decay (added to the gradient, so it is scaled by Adam too).
    public var weightDecay: WeightDecay
    /// Number of steps taken so far.
    public private(set) var stepCount = 0

    private var firstMoments: [ObjectIdentifier: Tensor<Scalar>] = [:]
    private var secondMoments: [ObjectIdentifier: Tensor<Scalar>] = [:]

    /// - Throws: ``EngineError/invalidArgument(_:)`` for arguments out of range
    ///   (β in [0, 1), ε > 0, learning rate ≥ 0).
    public init(
        learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
        weightDecay: WeightDecay = .none
    ) throws {
        try OptimizerChecks.learningRate(learningRate)
        try OptimizerChecks.unitInterval(beta1, name: "beta1")
        try OptimizerChecks.unitInterval(beta2, name: "beta2")
        try OptimizerChecks.weightDecay(weightDecay)
        guard epsilon > 0, epsilon.isFinite else {
            throw EngineError.invalidArgument("epsilon must be a small positive number, got \(epsilon)")
        }
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: [Parameter<Scalar>]) {
        stepCount += 1
        for parameter in parameters {
            weightDecay.addL1Gradient(to: parameter)
            let key = ObjectIdentifier(parameter)
            if firstMoments[key] == nil {
                let zeros = Tensor<Scalar>(rows: parameter.value.rows, columns: parameter.value.columns)
                firstMoments[key] = zeros
                secondMoments[key] = zeros
            }
            Scalar.adamStep(
                value: &parameter.value, gradient: parameter.gradient,
                firstMoment: &firstMoments[key]!, secondMoment: &secondMoments[key]!,
                learningRate: Scalar(learningRate), beta1: Scalar(beta1), beta2: Scalar(beta2),
                epsilon: Scalar(epsilon), weightDecay: weightDecay.rate(for: parameter), step: stepCount)
        }
    }
}
