import NeuralEngine

extension LossFunction {
    /// The loss of `output` against the targets of `data` (its class labels,
    /// or its target values) and its gradient, for a hand-written loop.
    func evaluate<Scalar>(_ output: Tensor<Scalar>, for data: Dataset<Scalar>) throws -> LossEvaluation<Scalar> {
        guard let labels = data.labels else {
            return try evaluate(output, targets: data.targetValues ?? Tensor())
        }
        return try evaluate(output, labels: labels)
    }
}
