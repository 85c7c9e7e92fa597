/// Dropout: during training, keeps each activation with probability
/// `keepProbability` and zeroes the rest (Srivastava et al. 2014,
/// https://jmlr.org/papers/v15/srivastava14a.html).
///
/// The two forms agree on the expected activation, they differ on where the
/// correction happens:
/// - **inverted** (the default, what libraries do today): kept activations are
///   divided by `keepProbability` during training, evaluation is the identity;
/// - **original** (the paper's): training only zeroes, evaluation multiplies
///   every activation by `keepProbability`.
///
/// Note that the parameter is the probability of *keeping* a unit, as in the
/// paper, not PyTorch's probability of dropping it.
public final class Dropout<Scalar: TensorScalar>: Layer {
    /// Which of the two equivalent formulations to use; see ``DropoutForm``.
    public typealias Form = DropoutForm

    /// Probability that a unit is kept, in (0, 1].
    public let keepProbability: Double
    /// The formulation.
    public let form: Form
    public let inputWidth: Int
    public var outputWidth: Int { inputWidth }
    /// The layer's own stream of masks, split off the model's generator when the
    /// layer is built so that masks never disturb other random draws.
    public var generator: RandomGenerator

    private var mask = Tensor<Scalar>()
    private var output = Tensor<Scalar>()
    private var inputGradient = Tensor<Scalar>()
    private var lastModeSampled = false

    /// A dropout layer for rows of `width` features.
    /// - Parameters:
    ///   - keepProbability: Probability of keeping each unit, in (0, 1] (checked by ``ModelDescription``).
    ///   - form: Inverted (default) or original dropout.
    ///   - width: Features per row.
    ///   - generator: The generator its mask stream is split from.
    public init(keepProbability: Double, form: Form = .inverted, width: Int, generator: inout RandomGenerator) {
        self.keepProbability = keepProbability
        self.form = form
        self.inputWidth = width
        self.generator = generator.split()
    }

    public var description: String {
        form == .original ? "dropout \(keepProbability) original" : "dropout \(keepProbability)"
    }

    public func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        lastModeSampled = mode.dropoutActive
        if mode.dropoutActive {
            let kept = form == .inverted ? Scalar(1 / keepProbability) : 1
            Scalar.bernoulliMask(
                &mask, rows: input.rows, columns: input.columns, keepProbability: keepProbability,
                keptValue: kept, generator: &generator)
            Scalar.multiply(input, mask, into: &output)
        } else if form == .original {
            Scalar.scale(input, by: Scalar(keepProbability), into: &output)
        } else {
            return input
        }
        return output
    }

    public func backward(
        _ outputGradient: Tensor<Scalar>, input: Tensor<Scalar>, needsInputGradient: Bool
    ) -> Tensor<Scalar>? {
        guard needsInputGradient else { return nil }
        if lastModeSampled {
            Scalar.multiply(outputGradient, mask, into: &inputGradient)
        } else if form == .original {
            Scalar.scale(outputGradient, by: Scalar(keepProbability), into: &inputGradient)
        } else {
            return outputGradient
        }
        return inputGradient
    }
}

/// Which of the two equivalent formulations to use.
public enum DropoutForm: String, Sendable, Hashable, Codable, CaseIterable {
    /// Scale kept units by 1/p in training; identity in evaluation.
    case inverted
    /// Zero units in training; scale all by p in evaluation.
    case original
}
