import LessonSupport
/// The losses a model can be trained on. Each is the mean over the batch, and
/// each takes the model's raw output (logits for the cross-entropies): the
/// final softmax or sigmoid is folded into the loss, where it can be computed
/// stably and its gradient is simply `prediction − target`.
public enum LossFunction: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Softmax cross-entropy for classes `0..<n` with `n` outputs:
    /// `log Σⱼ exp(zⱼ) − z_label`, computed as `m + log Σⱼ exp(zⱼ − m)` with `m = maxⱼ zⱼ`
    /// so no exponential overflows. Gradient `(softmax(z) − onehot)/batch`.
    case softmaxCrossEntropy = "softmax_cross_entropy"
    /// Binary cross-entropy from logits, averaged over batch and outputs:
    /// `max(z, 0) − z·y + log(1 + e^−|z|)`. With one output and two classes, the
    /// output is the logit of class 1; with `n` outputs, the targets are one-hot
    /// (or, for a regression set, any values in [0, 1]).
    case binaryCrossEntropy = "binary_cross_entropy"
    /// Mean squared error over batch and outputs, `mean((ŷ − y)²)` (no ½).
    /// Class labels are compared as one-hot rows (or 0/1 for one output).
    case meanSquaredError = "mean_squared_error"

    public var description: String { rawValue }

    /// Parses a loss name: the raw values `softmax_cross_entropy`, `binary_cross_entropy`,
    /// `mean_squared_error`, or the short forms `cross_entropy`, `bce`, `mse`.
    /// - Throws: ``EngineError/invalidArgument(_:)`` naming the allowed values.
    public init(parsing name: String) throws {
        let aliases: [String: LossFunction] = ["cross_entropy": .softmaxCrossEntropy, "bce": .binaryCrossEntropy, "mse": .meanSquaredError]
        let key = name.lowercased()
        if let loss = LossFunction(rawValue: key) ?? aliases[key] {
            self = loss
            return
        }
        let names = Self.allCases.map(\.rawValue) + aliases.keys.sorted()
        let suggestion = Suggestion.didYouMean(key, in: names)
        throw EngineError.invalidArgument("unknown loss '\(name)'\(suggestion) (allowed: \(names.joined(separator: ", ")))")
    }

    /// Checks that a model with `outputWidth` outputs can be trained on `data` with this loss.
    /// - Throws: ``EngineError/shapeMismatch(_:)`` explaining the mismatch.
    public func validate<Scalar>(outputWidth: Int, for data: Dataset<Scalar>) throws {
        switch (self, data.targets) {
        case (.softmaxCrossEntropy, .classes(_, let classCount)):
            guard outputWidth == classCount else {
                throw EngineError.shapeMismatch(
                    "softmax cross-entropy needs one output per class: the data has \(classCount) classes, the model \(outputWidth) outputs")
            }
            guard classCount >= 2 else {
                throw EngineError.shapeMismatch("softmax cross-entropy needs at least 2 classes")
            }
        case (.softmaxCrossEntropy, .values):
            throw EngineError.shapeMismatch("softmax cross-entropy needs class labels; this is a regression set (use mean_squared_error)")
        case (.binaryCrossEntropy, .classes(_, let classCount)), (.meanSquaredError, .classes(_, let classCount)):
            guard outputWidth == classCount || (outputWidth == 1 && classCount == 2) else {
                throw EngineError.shapeMismatch(
                    "\(self) on \(classCount) classes needs \(classCount) outputs\(classCount == 2 ? " or 1" : ""), the model has \(outputWidth)")
            }
        case (.binaryCrossEntropy, .values(let targets)), (.meanSquaredError, .values(let targets)):
            guard outputWidth == targets.columns else {
                throw EngineError.shapeMismatch(
                    "the data has \(targets.columns) target values per example, the model \(outputWidth) outputs")
            }
        }
    }

    /// The mean loss of `output` on `batch`, the number of correctly classified
    /// rows (for class labels), and on request the gradient of the mean loss.
    func evaluate<Scalar>(
        output: Tensor<Scalar>, batch: Batch<Scalar>, gradient: inout Tensor<Scalar>, computeGradient: Bool
    ) -> (loss: Double, correct: Int?) {
        switch self {
        case .softmaxCrossEntropy:
            let (loss, correct) = Scalar.softmaxCrossEntropy(
                logits: output, labels: batch.labels, gradient: &gradient, computeGradient: computeGradient)
            return (loss, correct)
        case .binaryCrossEntropy:
            let loss = Scalar.binaryCrossEntropy(
                logits: output, targets: batch.targetValues, gradient: &gradient, computeGradient: computeGradient)
            let correct = batch.hasLabels ? Scalar.countCorrect(output, labels: batch.labels, threshold: 0) : nil
            return (loss, correct)
        case .meanSquaredError:
            let loss = Scalar.meanSquaredError(
                predictions: output, targets: batch.targetValues, gradient: &gradient, computeGradient: computeGradient)
            let correct = batch.hasLabels ? Scalar.countCorrect(output, labels: batch.labels, threshold: 0.5) : nil
            return (loss, correct)
        }
    }
}
