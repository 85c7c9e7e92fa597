/// An elementwise nonlinearity: ReLU, leaky ReLU, sigmoid, tanh, or the identity.
///
/// One type for the five because they share everything but the formula; each
/// formula lives in its own kernel (`TensorScalar+ActivationKernels.swift`).
public final class Activation<Scalar: TensorScalar>: Layer {
    /// Which function the layer applies; see ``ActivationFunction``.
    public typealias Function = ActivationFunction

    /// The function applied.
    public let function: Function
    public let inputWidth: Int
    public var outputWidth: Int { inputWidth }

    private var output = Tensor<Scalar>()
    private var inputGradient = Tensor<Scalar>()

    /// An activation layer for rows of `width` features.
    public init(_ function: Function, width: Int) {
        self.function = function
        self.inputWidth = width
    }

    public var description: String { function.description }

    public func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        switch function {
        case .relu: Scalar.reluForward(input, into: &output)
        case .leakyReLU(let slope): Scalar.leakyReLUForward(input, slope: Scalar(slope), into: &output)
        case .sigmoid: Scalar.sigmoidForward(input, into: &output)
        case .tanh: Scalar.tanhForward(input, into: &output)
        case .identity: return input
        }
        return output
    }

    public func backward(
        _ outputGradient: Tensor<Scalar>, input: Tensor<Scalar>, needsInputGradient: Bool
    ) -> Tensor<Scalar>? {
        guard needsInputGradient else { return nil }
        switch function {
        case .relu: Scalar.reluBackward(input: input, outputGradient: outputGradient, into: &inputGradient)
        case .leakyReLU(let slope):
            Scalar.leakyReLUBackward(input: input, outputGradient: outputGradient, slope: Scalar(slope), into: &inputGradient)
        // Sigmoid and tanh have derivatives cheapest to express through their output.
        case .sigmoid: Scalar.sigmoidBackward(output: output, outputGradient: outputGradient, into: &inputGradient)
        case .tanh: Scalar.tanhBackward(output: output, outputGradient: outputGradient, into: &inputGradient)
        case .identity: return outputGradient
        }
        return inputGradient
    }
}

/// Which function the layer applies.
public enum ActivationFunction: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `max(x, 0)`.
    case relu
    /// `x` for positive `x`, else `slope·x` (Maas et al. 2013).
    case leakyReLU(slope: Double)
    /// `1 / (1 + e⁻ˣ)`.
    case sigmoid
    /// `tanh(x)`.
    case tanh
    /// `x`: a placeholder layer, handy for "no activation" in a sweep.
    case identity

    /// The model-description spelling: `relu`, `leaky_relu 0.01`, `sigmoid`, `tanh`, `identity`.
    public var description: String {
        switch self {
        case .relu: "relu"
        case .leakyReLU(let slope): "leaky_relu \(slope)"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .identity: "identity"
        }
    }
}
