/// A fully connected layer: `y = x·Wᵀ + b`.
///
/// The weight matrix is stored `outputWidth × inputWidth` (one row per unit, as
/// in PyTorch), so that row `j` holds the incoming weights of unit `j`; BLAS
/// reads it transposed in place.
public final class Dense<Scalar: TensorScalar>: Layer {
    public let inputWidth: Int
    public let outputWidth: Int
    /// The weights, `outputWidth × inputWidth`.
    public let weight: Parameter<Scalar>
    /// The bias, `1 × outputWidth`, or `nil` for a layer without bias.
    public let bias: Parameter<Scalar>?

    private var output = Tensor<Scalar>()
    private var inputGradient = Tensor<Scalar>()

    /// A dense layer with weights drawn by `initializer` and a zero bias.
    /// - Parameters:
    ///   - inputWidth: Features per input row.
    ///   - outputWidth: Units (features per output row).
    ///   - hasBias: Whether to add a learnable bias.
    ///   - initializer: How to draw the weights.
    ///   - generator: The random generator to draw them from.
    public init(
        inputWidth: Int, outputWidth: Int, hasBias: Bool = true, initializer: Initializer = .heNormal,
        generator: inout RandomGenerator
    ) {
        self.inputWidth = inputWidth
        self.outputWidth = outputWidth
        weight = Parameter(
            name: "weight", role: .weight,
            value: initializer.weights(fanIn: inputWidth, fanOut: outputWidth, generator: &generator))
        bias = hasBias ? Parameter(name: "bias", role: .bias, value: Tensor(rows: 1, columns: outputWidth)) : nil
    }

    /// A dense layer with the given weights (`outputWidth × inputWidth`) and optional bias.
    /// - Throws: ``EngineError/shapeMismatch(_:)`` if the bias does not have one entry per unit.
    public init(weight: Tensor<Scalar>, bias: [Scalar]?) throws {
        if let bias, bias.count != weight.rows {
            throw EngineError.shapeMismatch("a dense layer with \(weight.rows) units needs \(weight.rows) biases, got \(bias.count)")
        }
        inputWidth = weight.columns
        outputWidth = weight.rows
        self.weight = Parameter(name: "weight", role: .weight, value: weight)
        self.bias = bias.map { Parameter(name: "bias", role: .bias, value: Tensor(row: $0)) }
    }

    public var description: String { bias == nil ? "dense \(outputWidth) nobias" : "dense \(outputWidth)" }

    public var parameters: [Parameter<Scalar>] { bias.map { [weight, $0] } ?? [weight] }

    public func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        // Start from the bias in every row and let BLAS add x·Wᵀ on top (beta = 1):
        // one pass over the output instead of two.
        if let bias {
            Scalar.broadcastRow(bias.value, rows: input.rows, into: &output)
            Tensor.gemm(input, weight.value, transposeB: true, beta: 1, into: &output)
        } else {
            Tensor.gemm(input, weight.value, transposeB: true, into: &output)
        }
        return output
    }

    public func backward(
        _ outputGradient: Tensor<Scalar>, input: Tensor<Scalar>, needsInputGradient: Bool
    ) -> Tensor<Scalar>? {
        // ∂L/∂W = (∂L/∂y)ᵀ·x, summed over the batch by the product itself.
        Tensor.gemm(outputGradient, input, transposeA: true, into: &weight.gradient)
        if let bias { Scalar.columnSums(outputGradient, into: &bias.gradient) }
        guard needsInputGradient else { return nil }
        Tensor.gemm(outputGradient, weight.value, into: &inputGradient)
        return inputGradient
    }
}
