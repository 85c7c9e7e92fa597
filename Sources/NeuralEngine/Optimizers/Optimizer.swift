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

/// Which parameters L2 weight decay applies to, and how strongly.
public struct WeightDecay: Sendable, Equatable {
    /// λ, the coefficient of `(λ/2)·‖w‖²`; 0 disables decay.
    public var rate: Double
    /// The parameter roles decayed.
    public var roles: Set<ParameterRole>

    /// Decay of strength `rate` on the given roles (by default weight matrices only).
    public init(rate: Double, roles: Set<ParameterRole> = [.weight]) {
        self.rate = rate
        self.roles = roles
    }

    /// No decay.
    public static let none = WeightDecay(rate: 0)

    func rate<Scalar>(for parameter: Parameter<Scalar>) -> Scalar {
        roles.contains(parameter.role) ? Scalar(rate) : 0
    }
}
