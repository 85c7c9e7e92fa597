/// A trainable tensor together with its gradient.
///
/// Layers list their parameters explicitly (see ``Layer/parameters``);
/// optimizers read ``gradient`` and update ``value`` in place. A parameter is a
/// class so that the layer, the model and the optimizer all see the same one.
public final class Parameter<Scalar: TensorScalar> {
    /// What a parameter is for; see ``ParameterRole``.
    public typealias Role = ParameterRole

    /// A short name within its layer: `weight`, `bias`, `gamma`, `beta`, `g`, `v`.
    public let name: String
    /// What the parameter is for.
    public let role: Role
    /// The current value.
    public var value: Tensor<Scalar>
    /// The gradient of the loss with respect to ``value`` from the last backward
    /// pass (overwritten, not accumulated); same shape as ``value``.
    public var gradient: Tensor<Scalar>

    /// Creates a parameter with a zero gradient.
    public init(name: String, role: Role, value: Tensor<Scalar>) {
        self.name = name
        self.role = role
        self.value = value
        self.gradient = Tensor(rows: value.rows, columns: value.columns)
    }

    /// Number of scalars.
    public var count: Int { value.count }
}

/// What a parameter is for, which decides whether weight decay applies to it.
public enum ParameterRole: String, Sendable, CaseIterable {
    /// A weight matrix (dense weights, weight norm's direction `v`): decayed by default.
    case weight
    /// An additive bias: not decayed by default.
    case bias
    /// A multiplicative scale (norm layers' γ, weight norm's gain `g`): not decayed by default.
    case scale
    /// An additive shift (norm layers' β): not decayed by default.
    case shift

    /// Whether L2 weight decay applies unless the optimizer is told otherwise.
    /// Only weight matrices: decaying biases, gains and shifts does not fight
    /// overfitting, it only pulls the normalization away from its learned values.
    public var decaysByDefault: Bool { self == .weight }
}
