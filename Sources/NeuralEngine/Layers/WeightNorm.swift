/// Weight normalization of a dense layer (Salimans & Kingma 2016,
/// https://arxiv.org/abs/1602.07868): each unit's weight vector is
/// reparameterized as `w = g·v/‖v‖`, separating its length `g` from its
/// direction `v`.
///
/// The layer wraps a ``Dense`` layer: before each forward pass it writes
/// `g·v/‖v‖` into the dense weights; after the backward pass it turns the
/// dense weight gradient into gradients for `g` and `v`. Its parameters are
/// `v`, `g` and the dense bias — not the dense weights, which are derived.
/// `v` starts from the initializer and `g` from ‖v‖, so the first forward
/// pass computes what the plain dense layer would.
public final class WeightNorm<Scalar: TensorScalar>: Layer {
    /// The wrapped dense layer; its weights are overwritten from `v` and `g`.
    public let dense: Dense<Scalar>
    /// Direction `v`, `inputWidth × outputWidth` (one column per unit, like the dense weights).
    public let direction: Parameter<Scalar>
    /// Length `g`, `1 × outputWidth`.
    public let gain: Parameter<Scalar>

    private var norms = Tensor<Scalar>()
    private var scales = Tensor<Scalar>()

    /// Weight-normalizes `dense`, starting from its current weights.
    public init(wrapping dense: Dense<Scalar>) {
        self.dense = dense
        direction = Parameter(name: "v", role: .weight, value: dense.weight.value)
        Scalar.columnNorms(direction.value, into: &norms)
        gain = Parameter(name: "g", role: .scale, value: norms)
    }

    public var inputWidth: Int { dense.inputWidth }
    public var outputWidth: Int { dense.outputWidth }
    public var description: String { dense.bias == nil ? "weightnorm \(outputWidth) nobias" : "weightnorm \(outputWidth)" }

    public var parameters: [Parameter<Scalar>] {
        [direction, gain] + (dense.bias.map { [$0] } ?? [])
    }

    public func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        Scalar.columnNorms(direction.value, into: &norms)
        Scalar.divide(gain.value, norms, into: &scales)
        Scalar.scaleColumns(direction.value, by: scales, into: &dense.weight.value)
        return dense.forward(input, mode: mode)
    }

    public func backward(
        _ outputGradient: Tensor<Scalar>, input: Tensor<Scalar>, needsInputGradient: Bool
    ) -> Tensor<Scalar>? {
        let inputGradient = dense.backward(outputGradient, input: input, needsInputGradient: needsInputGradient)
        Scalar.weightNormBackward(
            weightGradient: dense.weight.gradient, direction: direction.value, gain: gain.value, norms: norms,
            gainGradient: &gain.gradient, directionGradient: &direction.gradient)
        return inputGradient
    }
}
