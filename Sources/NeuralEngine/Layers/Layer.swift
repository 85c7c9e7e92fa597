/// One stage of a model: a function of a batch with a forward and a backward pass.
///
/// A batch is a tensor with one example per row. `forward` returns the layer's
/// output buffer (reused from call to call, so a training step allocates
/// nothing); `backward` must follow a `forward` on the same input and computes
/// the gradients of the loss with respect to the layer's parameters (written,
/// not added, into ``Parameter/gradient``) and, if asked, its input.
///
/// Layers check nothing on the hot path: ``Model`` checks widths once when it
/// is built and shapes once per call.
public protocol Layer<Scalar>: AnyObject {
    associatedtype Scalar: TensorScalar

    /// The model-description entry that builds this layer, e.g. `dense 128` or `dropout 0.5`.
    var description: String { get }
    /// Number of features each input row must have.
    var inputWidth: Int { get }
    /// Number of features of each output row.
    var outputWidth: Int { get }
    /// Trainable parameters, each with its gradient. Empty for most layers.
    var parameters: [Parameter<Scalar>] { get }
    /// Non-trainable state that inference depends on (batch norm's running
    /// averages), by name. Optimizers never see these.
    var buffers: [(name: String, value: Tensor<Scalar>)] { get }

    /// Computes the layer's output for a batch.
    /// - Parameters:
    ///   - input: A batch, `rows × inputWidth`.
    ///   - mode: Training, evaluation, Monte-Carlo dropout or batch statistics; see ``Mode``.
    /// - Returns: The output batch, `rows × outputWidth`.
    func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar>

    /// Back-propagates through the last forward pass.
    /// - Parameters:
    ///   - outputGradient: ∂loss/∂output, the same shape as the last output.
    ///   - input: The input of the last forward pass.
    ///   - needsInputGradient: `false` for the first layer, whose input gradient
    ///     nobody uses; layers then skip computing it.
    /// - Returns: ∂loss/∂input, or `nil` if not requested.
    func backward(_ outputGradient: Tensor<Scalar>, input: Tensor<Scalar>, needsInputGradient: Bool) -> Tensor<Scalar>?
}

extension Layer {
    public var parameters: [Parameter<Scalar>] { [] }
    public var buffers: [(name: String, value: Tensor<Scalar>)] { [] }
}
