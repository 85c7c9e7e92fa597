/// A loss value with its gradient, for training loops written by hand.
public struct LossEvaluation<Scalar: TensorScalar>: Sendable, Equatable {
    /// Mean loss over the rows.
    public var loss: Double
    /// ∂loss/∂output, the same shape as the output: what ``Model/backward(_:)`` takes.
    public var gradient: Tensor<Scalar>
    /// Rows classified correctly, when the targets are class labels.
    public var correct: Int?
}

extension LossFunction {
    /// The loss of `output` (logits, one row per example) against class `labels`, and its gradient.
    ///
    ///     let output = try model.forward(batch)
    ///     let result = try LossFunction.softmaxCrossEntropy.evaluate(output, labels: labels)
    ///     try model.backward(result.gradient)
    ///     optimizer.step(model.parameters)
    ///
    /// - Throws: ``EngineError`` if there is not one label per row or a label does not fit the outputs.
    public func evaluate<Scalar>(_ output: Tensor<Scalar>, labels: [Int]) throws -> LossEvaluation<Scalar> {
        guard labels.count == output.rows else {
            throw EngineError.shapeMismatch("\(output.rows) output rows but \(labels.count) labels")
        }
        let classes = output.columns == 1 && self != .softmaxCrossEntropy ? 2 : output.columns
        if let bad = labels.first(where: { !(0..<classes).contains($0) }) {
            throw EngineError.invalidArgument("label \(bad) does not fit \(output.columns) output(s) under \(self)")
        }
        var batch = Batch<Scalar>()
        batch.hasLabels = true
        batch.labels = labels
        if self != .softmaxCrossEntropy { Scalar.oneHot(labels, width: output.columns, into: &batch.targetValues) }
        return evaluate(output, batch: batch)
    }

    /// The loss of `output` against target values of the same shape, and its gradient.
    /// - Throws: ``EngineError`` for softmax cross-entropy (which needs labels) or mismatched shapes.
    public func evaluate<Scalar>(_ output: Tensor<Scalar>, targets: Tensor<Scalar>) throws -> LossEvaluation<Scalar> {
        guard self != .softmaxCrossEntropy else {
            throw EngineError.invalidArgument("softmax cross-entropy takes class labels, not target values")
        }
        guard targets.rows == output.rows, targets.columns == output.columns else {
            throw EngineError.shapeMismatch(
                "outputs are \(output.rows) × \(output.columns), targets \(targets.rows) × \(targets.columns)")
        }
        var batch = Batch<Scalar>()
        batch.targetValues = targets
        return evaluate(output, batch: batch)
    }

    private func evaluate<Scalar>(_ output: Tensor<Scalar>, batch: Batch<Scalar>) -> LossEvaluation<Scalar> {
        var gradient = Tensor<Scalar>()
        let (loss, correct) = evaluate(output: output, batch: batch, gradient: &gradient, computeGradient: true)
        return LossEvaluation(loss: loss, gradient: gradient, correct: correct)
    }
}
