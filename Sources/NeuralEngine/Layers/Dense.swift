/// A fully connected layer: `y = x·W + b`.
///
/// The weight matrix is stored `inputWidth × outputWidth`, so that column `j`
/// holds the incoming weights of unit `j` and the forward pass is a plain
/// product. (PyTorch stores the transpose; for the small batches of the lessons
/// OpenBLAS multiplies faster in this orientation.)
public final class Dense<Scalar: TensorScalar>: Layer {
    public let inputWidth: Int
    public let outputWidth: Int
    /// The weights, `inputWidth × outputWidth`.
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

    /// A dense layer with the given weights (`inputWidth × outputWidth`) and optional bias.
    /// - Throws: ``EngineError/shapeMismatch(_:)`` if the bias does not have one entry per unit.
    public init(weight: Tensor<Scalar>, bias: [Scalar]?) throws {
        if let bias, bias.count != weight.columns {
            throw EngineError.shapeMismatch(
                "a dense layer with \(weight.columns) units needs \(weight.columns) biases, got \(bias.count)")
        }
        inputWidth = weight.rows
        outputWidth = weight.columns
        self.weight = Parameter(name: "weight", role: .weight, value: weight)
        self.bias = bias.map { Parameter(name: "bias", role: .bias, value: Tensor(row: $0)) }
    }

    public var description: String { bias == nil ? "dense \(outputWidth) nobias" : "dense \(outputWidth)" }

    public var parameters: [Parameter<Scalar>] { bias.map { [weight, $0] } ?? [weight] }

    public func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        // Start from the bias in every row and let BLAS add x·W on top (beta = 1):
        // one pass over the output instead of two.
        if let bias {
            Scalar.broadcastRow(bias.value, rows: input.rows, into: &output)
            Tensor.gemm(input, weight.value, beta: 1, into: &output)
        } else {
            Tensor.gemm(input, weight.value, into: &output)
        }
        return output
    }

    public func backward(
        _ outputGradient: Tensor<Scalar>, input: Tensor<Scalar>, needsInputGradient: Bool
    ) -> Tensor<Scalar>? {
        // ∂L/∂W = xᵀ·(∂L/∂y): the product sums over the batch by itself.
        Tensor.gemm(input, outputGradient, transposeA: true, into: &weight.gradient)
        if let bias { Scalar.columnSums(outputGradient, into: &bias.gradient) }
        guard needsInputGradient else { return nil }
        Tensor.gemm(outputGradient, weight.value, transposeB: true, into: &inputGradient)
        return inputGradient
    }
}
