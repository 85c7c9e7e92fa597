/// Batch normalization (Ioffe & Szegedy 2015, https://arxiv.org/abs/1502.03167):
/// normalizes each feature over the batch, then scales by γ and shifts by β.
///
/// In training the mean and variance come from the batch, and exponential
/// running averages of them are updated; in evaluation (and Monte-Carlo
/// dropout sampling) the running averages are used instead, so a prediction
/// does not depend on what else is in the batch. Mode `.batchStatistics`
/// normalizes with the batch's statistics without updating the averages. The running averages are
/// buffers, not parameters: no optimizer touches them.
public final class BatchNorm<Scalar: TensorScalar>: Layer {
    public let inputWidth: Int
    public var outputWidth: Int { inputWidth }
    /// Weight of the old running average in each update (Keras convention;
    /// PyTorch's `momentum = 0.1` is this library's 0.9).
    public let momentum: Double
    /// Added to the variance before the square root.
    public let epsilon: Double
    /// γ, `1 × width`, initialized to 1.
    public let scale: Parameter<Scalar>
    /// β, `1 × width`, initialized to 0.
    public let shift: Parameter<Scalar>
    /// Running mean of each feature, `1 × width`.
    public private(set) var runningMean: Tensor<Scalar>
    /// Running (unbiased) variance of each feature, `1 × width`.
    public private(set) var runningVariance: Tensor<Scalar>

    private var mean = Tensor<Scalar>()
    private var variance = Tensor<Scalar>()
    private var inverseStandardDeviation = Tensor<Scalar>()
    private var normalized = Tensor<Scalar>()
    private var output = Tensor<Scalar>()
    private var normalizedGradient = Tensor<Scalar>()
    private var inputGradient = Tensor<Scalar>()
    private var lastModeUsedBatchStatistics = false

    /// A batch norm layer for rows of `width` features.
    public init(width: Int, momentum: Double = 0.9, epsilon: Double = 1e-5) {
        inputWidth = width
        self.momentum = momentum
        self.epsilon = epsilon
        scale = Parameter(name: "gamma", role: .scale, value: Tensor(rows: 1, columns: width, repeating: 1))
        shift = Parameter(name: "beta", role: .shift, value: Tensor(rows: 1, columns: width))
        runningMean = Tensor(rows: 1, columns: width)
        runningVariance = Tensor(rows: 1, columns: width, repeating: 1)
    }

    public var description: String { momentum == 0.9 ? "batchnorm" : "batchnorm \(momentum)" }

    public var parameters: [Parameter<Scalar>] { [scale, shift] }

    public var buffers: [(name: String, value: Tensor<Scalar>)] {
        [("running_mean", runningMean), ("running_variance", runningVariance)]
    }

    /// Puts back running averages read earlier from ``buffers`` (early stopping's best epoch).
    func restoreRunningAverages(mean: Tensor<Scalar>, variance: Tensor<Scalar>) {
        runningMean = mean
        runningVariance = variance
    }

    public func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        lastModeUsedBatchStatistics = mode.usesBatchStatistics
        if mode.usesBatchStatistics {
            Scalar.columnMoments(input, mean: &mean, variance: &variance)
            Scalar.inverseSquareRoot(variance, epsilon: Scalar(epsilon), into: &inverseStandardDeviation)
            Scalar.normalizeColumns(input, mean: mean, inverseStandardDeviation: inverseStandardDeviation, into: &normalized)
        } else {
            Scalar.inverseSquareRoot(runningVariance, epsilon: Scalar(epsilon), into: &inverseStandardDeviation)
            Scalar.normalizeColumns(
                input, mean: runningMean, inverseStandardDeviation: inverseStandardDeviation, into: &normalized)
        }
        if mode == .training {
            // The running variance is unbiased (n/(n−1)), as the population estimate
            // inference needs; a batch of one has no spread to estimate from.
            let rows = input.rows
            let unbiased = rows > 1 ? Scalar(Double(rows) / Double(rows - 1)) : 1
            let momentum = Scalar(momentum)
            Scalar.exponentialAverage(&runningMean, adding: mean, momentum: momentum, factor: 1)
            Scalar.exponentialAverage(&runningVariance, adding: variance, momentum: momentum, factor: unbiased)
        }
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
        if lastModeUsedBatchStatistics {
            Scalar.normalizeColumnsBackward(
                normalizedGradient: normalizedGradient, normalized: normalized,
                inverseStandardDeviation: inverseStandardDeviation, into: &inputGradient)
        } else {
            // With fixed running statistics the normalization is a plain affine map.
            Scalar.scaleColumns(normalizedGradient, by: inverseStandardDeviation, into: &inputGradient)
        }
        return inputGradient
    }
}
