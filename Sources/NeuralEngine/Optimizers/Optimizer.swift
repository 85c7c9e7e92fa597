/// An update rule: turns each parameter's gradient into a step on its value.
///
/// Optimizers are separate from layers: they see only the list of parameters,
/// and keep whatever per-parameter state they need (velocities, moments) keyed
/// by the parameter's identity.
///
/// Weight decay is the L2 penalty `(λ/2)·‖w‖²` added to the loss, i.e. `λ·w`
/// added to the gradient before the update (for Adam this is "Adam with L2",
/// not AdamW). By default it applies only to weight matrices
/// (``ParameterRole/decaysByDefault``), not to biases or normalization γ and β.
public protocol Optimizer<Scalar>: AnyObject {
    associatedtype Scalar: TensorScalar
    /// The step size; a ``LearningRateSchedule`` changes it between epochs.
    var learningRate: Double { get set }
    /// Updates every parameter in place from its current gradient.
    func step(_ parameters: [Parameter<Scalar>])
}

/// Which parameters L2 weight decay (and the L1 penalty) apply to, and how strongly.
public struct WeightDecay: Sendable, Equatable {
    /// λ, the coefficient of `(λ/2)·‖w‖²`; 0 disables decay.
    public var rate: Double
    /// λ₁, the coefficient of the L1 penalty `λ₁·‖w‖₁`, whose gradient
    /// `λ₁·sign(w)` is added before the update; 0 disables it.
    public var l1: Double
    /// The parameter roles decayed.
    public var roles: Set<ParameterRole>

    /// Decay of strength `rate` (L2) and `l1` on the given roles (by default weight matrices only).
    public init(rate: Double, l1: Double = 0, roles: Set<ParameterRole> = [.weight]) {
        self.rate = rate
        self.l1 = l1
        self.roles = roles
    }

    /// No decay.
    public static let none = WeightDecay(rate: 0)

    func rate<Scalar>(for parameter: Parameter<Scalar>) -> Scalar {
        roles.contains(parameter.role) ? Scalar(rate) : 0
    }

    /// Adds the L1 penalty's gradient to the parameter's gradient, if it applies.
    /// The gradient is overwritten by the next backward pass, so nothing accumulates.
    func addL1Gradient<Scalar>(to parameter: Parameter<Scalar>) {
        guard l1 > 0, roles.contains(parameter.role) else { return }
        Scalar.addL1Gradient(&parameter.gradient, value: parameter.value, rate: Scalar(l1))
    }
}
