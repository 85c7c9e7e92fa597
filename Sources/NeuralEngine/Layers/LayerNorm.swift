/// Layer normalization (Ba, Kiros & Hinton 2016, https://arxiv.org/abs/1607.06450):
/// normalizes all features of each row to mean 0 and variance 1, then applies a
/// learnable per-feature scale γ and shift β.
///
/// It is group normalization with a single group.
public final class LayerNorm<Scalar: TensorScalar>: GroupNorm<Scalar> {
    /// A layer norm layer for rows of `width` features.
    public init(width: Int, epsilon: Double = 1e-5) {
        super.init(width: width, groups: 1, affineEntries: width, epsilon: epsilon)
    }

    public override var description: String { "layernorm" }
}
