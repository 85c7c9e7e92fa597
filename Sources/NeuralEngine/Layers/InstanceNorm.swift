/// Instance normalization (Ulyanov, Vedaldi & Lempitsky 2016,
/// https://arxiv.org/abs/1607.08022): views each row as `channels` channels of
/// `width / channels` positions (channel-major, as a flattened image), normalizes
/// every channel of every example over its positions, then applies a learnable
/// per-channel scale γ and shift β.
///
/// It is group normalization with one group per channel, except that γ and β
/// are shared by the positions of a channel.
public final class InstanceNorm<Scalar: TensorScalar>: GroupNorm<Scalar> {
    /// An instance norm layer for rows of `width` features in `channels` channels
    /// (``ModelDescription`` checks that `channels` divides `width`).
    public init(width: Int, channels: Int = 1, epsilon: Double = 1e-5) {
        super.init(width: width, groups: channels, affineEntries: max(channels, 1), epsilon: epsilon)
    }

    /// Number of channels.
    public var channels: Int { groups }

    public override var description: String { channels == 1 ? "instancenorm" : "instancenorm \(channels)" }
}
