/// Group normalization (Wu & He 2018, https://arxiv.org/abs/1803.08494):
/// splits each row's features into `groups` contiguous groups and normalizes
/// each group to mean 0 and variance 1, then applies a learnable per-feature
/// scale γ and shift β.
///
/// Unlike batch norm it uses no batch statistics, so training and evaluation
/// compute the same function and a batch of one is fine. ``LayerNorm`` is the
/// case of one group; ``InstanceNorm`` views a row as channels × positions and
/// normalizes each channel. A group must hold at least two features, since a
/// single value always normalizes to 0.
public class GroupNorm<Scalar: TensorScalar>: Layer {
    public let inputWidth: Int
    public var outputWidth: Int { inputWidth }
    /// Number of groups normalized separately; divides the width.
    public let groups: Int
    /// Added to the variance before the square root.
    public let epsilon: Double
    /// γ, initialized to 1: one per feature (one per channel for instance norm).
    public let scale: Parameter<Scalar>
    /// β, initialized to 0: one per feature (one per channel for instance norm).
    public let shift: Parameter<Scalar>

    private var normalized = Tensor<Scalar>()
    private var inverseStandardDeviation = Tensor<Scalar>()
    private var output = Tensor<Scalar>()
    private var normalizedGradient = Tensor<Scalar>()
    private var inputGradient = Tensor<Scalar>()

    /// A group norm layer for rows of `width` features split into `groups` groups
    /// (``ModelDescription`` checks that `groups` divides `width`).
    public convenience init(width: Int, groups: Int, epsilon: Double = 1e-5) {
        self.init(width: width, groups: groups, affineEntries: width, epsilon: epsilon)
    }

    init(width: Int, groups: Int, affineEntries: Int, epsilon: Double) {
        inputWidth = width
        self.groups = max(groups, 1)
        self.epsilon = epsilon
        scale = Parameter(name: "gamma", role: .scale, value: Tensor(rows: 1, columns: affineEntries, repeating: 1))
        shift = Parameter(name: "beta", role: .shift, value: Tensor(rows: 1, columns: affineEntries))
    }

    public var description: String { "groupnorm \(groups)" }

    public var parameters: [Parameter<Scalar>] { [scale, shift] }

    public func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        Scalar.normalizeGroups(
            input, groups: groups, epsilon: Scalar(epsilon), into: &normalized,
            inverseStandardDeviation: &inverseStandardDeviation)
        Scalar.affineForward(normalized, scale: scale.value, shift: shift.value, into: &output)
        return output
    }

    public func backward(
        _ outputGradient: Tensor<Scalar>, input: Tensor<Scalar>, needsInputGradient: Bool
    ) -> Tensor<Scalar>? {
        Scalar.affineBackward(
            outputGradient: outputGradient, normalized: normalized, scale: scale.value,
            normalizedGradient: &normalizedGradient, scaleGradient: &scale.gradient, shiftGradient: &shift.gradient)
        guard needsInputGradient else { return nil }
        Scalar.normalizeGroupsBackward(
            normalizedGradient: normalizedGradient, normalized: normalized, groups: groups,
            inverseStandardDeviation: inverseStandardDeviation, into: &inputGradient)
        return inputGradient
    }
}
