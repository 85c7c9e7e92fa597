/// Stochastic gradient descent, optionally with (heavy-ball or Nesterov) momentum.
///
/// Without momentum: `w ← w − η·g`. With momentum μ there are two conventions
/// (``MomentumConvention``): PyTorch's `v ← μ·v + g`, `w ← w − η·v`, so a
/// steady gradient moves `w` by about `η/(1 − μ)` per step; and the course
/// notes' exponentially weighted average `v ← β·v + (1 − β)·g`, `w ← w − η·v`,
/// which moves it by `η` — the same rule with η scaled by 1 − β.
/// Nesterov: `w ← w − η·(c·g + μ·v)` with the same gradient factor `c`
/// (1, or 1 − β).
/// (Polyak 1964; Sutskever et al. 2013, https://proceedings.mlr.press/v28/sutskever13.html.)
public final class SGD<Scalar: TensorScalar>: Optimizer {
    public var learningRate: Double
    /// μ, in [0, 1); 0 is plain SGD.
    public let momentum: Double
    /// Whether to use Nesterov's look-ahead form of momentum.
    public let nesterov: Bool
    /// How the gradient enters the velocity.
    public let convention: MomentumConvention
    /// L2 weight decay.
    public var weightDecay: WeightDecay

    private var velocities: [ObjectIdentifier: Tensor<Scalar>] = [:]

    /// - Parameters:
    ///   - learningRate: η, the step size.
    ///   - momentum: μ in [0, 1); 0 for plain SGD.
    ///   - nesterov: Nesterov momentum instead of heavy-ball.
    ///   - convention: `v = μv + g` (PyTorch, the default) or `v = βv + (1 − β)g`.
    ///   - weightDecay: L2 (and L1) decay (by default none).
    /// - Throws: ``EngineError/invalidArgument(_:)`` for a negative or non-finite rate or a momentum outside [0, 1).
    public init(learningRate: Double, momentum: Double = 0, nesterov: Bool = false,
                convention: MomentumConvention = .pytorch, weightDecay: WeightDecay = .none) throws {
        try OptimizerChecks.learningRate(learningRate)
        try OptimizerChecks.unitInterval(momentum, name: "momentum")
        try OptimizerChecks.weightDecay(weightDecay)
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.convention = convention
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: [Parameter<Scalar>]) {
        let rate = Scalar(learningRate)
        let gradientScale = Scalar(convention == .average ? 1 - momentum : 1)
        for parameter in parameters {
            weightDecay.addL1Gradient(to: parameter)
            let decay = weightDecay.rate(for: parameter)
            if momentum == 0 {
                Scalar.sgdStep(value: &parameter.value, gradient: parameter.gradient, learningRate: rate, weightDecay: decay)
            } else {
                let key = ObjectIdentifier(parameter)
                if velocities[key] == nil {
                    velocities[key] = Tensor(rows: parameter.value.rows, columns: parameter.value.columns)
                }
                Scalar.momentumStep(
                    value: &parameter.value, gradient: parameter.gradient, velocity: &velocities[key]!,
                    learningRate: rate, momentum: Scalar(momentum), gradientScale: gradientScale, weightDecay: decay,
                    nesterov: nesterov)
            }
        }
    }
}

/// How momentum turns gradients into a velocity.
public enum MomentumConvention: String, Sendable, Hashable, Codable, CaseIterable {
    /// `v ← μ·v + g` (PyTorch, and Keras' SGD up to the sign): a steady gradient
    /// builds a velocity of `g/(1 − μ)`, so raising μ also raises the step.
    case pytorch
    /// `v ← β·v + (1 − β)·g`, the exponentially weighted average of the
    /// gradients (the course notes): the step stays about `η·g` whatever β.
    case average
}

/// Argument checks shared by the optimizers.
enum OptimizerChecks {
    static func learningRate(_ value: Double) throws {
        guard value >= 0, value.isFinite else {
            throw EngineError.invalidArgument("the learning rate must be a finite number ≥ 0, got \(value)")
        }
    }

    static func unitInterval(_ value: Double, name: String) throws {
        guard value >= 0, value < 1 else {
            throw EngineError.invalidArgument("\(name) must be in [0, 1), got \(value)")
        }
    }

    static func weightDecay(_ decay: WeightDecay) throws {
        guard decay.rate >= 0, decay.rate.isFinite else {
            throw EngineError.invalidArgument("the weight decay rate must be a finite number ≥ 0, got \(decay.rate)")
        }
        guard decay.l1 >= 0, decay.l1.isFinite else {
            throw EngineError.invalidArgument("the L1 rate must be a finite number ≥ 0, got \(decay.l1)")
        }
    }
}
