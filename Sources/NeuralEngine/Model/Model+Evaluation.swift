/// Loss and accuracy of a model on a data set.
public struct Evaluation: Sendable, Equatable {
    /// Mean loss over the examples.
    public var loss: Double
    /// Fraction of examples classified correctly, for classification sets.
    public var accuracy: Double?
    /// Number of examples.
    public var count: Int
}

extension Model {
    /// Mean loss and accuracy on `data`, in batches of `batchSize` rows.
    /// - Parameters:
    ///   - data: The examples.
    ///   - loss: The loss to report; it also decides how a single output is read as a
    ///     class (a logit above 0 for binary cross-entropy, a value above 0.5 for squared error).
    ///   - mode: `.evaluation` (default); `.monteCarloDropout` for one stochastic pass.
    ///   - batchSize: Rows per forward pass (bounds memory, not the result).
    /// - Throws: ``EngineError`` if the data does not fit the model or the loss.
    public func evaluate(
        _ data: Dataset<Scalar>, loss: LossFunction, mode: Mode = .evaluation, batchSize: Int = 1024
    ) throws -> Evaluation {
        try checkFits(data.features)
        try loss.validate(outputWidth: outputWidth, for: data)
        var batch = Batch<Scalar>()
        var gradient = Tensor<Scalar>()
        return evaluateUnchecked(data, loss: loss, mode: mode, batchSize: batchSize, batch: &batch, gradient: &gradient)
    }

    /// Fraction of `data` classified correctly in evaluation mode, reading the outputs
    /// as logits (largest output, or for one output a logit above 0).
    /// - Throws: ``EngineError`` if `data` has no class labels or does not fit the model.
    public func accuracy(on data: Dataset<Scalar>, batchSize: Int = 1024) throws -> Double {
        guard data.labels != nil else {
            throw EngineError.invalidArgument("accuracy needs class labels; this is a regression set")
        }
        let loss: LossFunction = outputWidth == 1 ? .binaryCrossEntropy : .softmaxCrossEntropy
        return try evaluate(data, loss: loss, batchSize: batchSize).accuracy ?? 0
    }

    /// The model's raw outputs (logits for a classifier) for every row of `features`, as a new tensor.
    /// - Parameter mode: `.evaluation` (default), `.training`, `.monteCarloDropout`, or `.batchStatistics`
    ///   (each batch of `batchSize` rows normalized with its own statistics).
    public func predict(_ features: Tensor<Scalar>, mode: Mode = .evaluation, batchSize: Int = 1024) throws -> Tensor<Scalar> {
        try checkFits(features)
        var result = Tensor<Scalar>(rows: features.rows, columns: outputWidth)
        var input = Tensor<Scalar>()
        let rows = Array(0..<features.rows)
        let step = max(batchSize, 1)
        for start in stride(from: 0, to: features.rows, by: step) {
            let end = min(start + step, features.rows)
            input.gatherRows(from: features, indices: rows[start..<end])
            let output = forwardUnchecked(input, mode: mode)
            result.withUnsafeMutableBufferPointer { destination in
                output.withUnsafeBufferPointer { source in
                    guard let to = destination.baseAddress, let from = source.baseAddress else { return }
                    (to + start * outputWidth).update(from: from, count: source.count)
                }
            }
        }
        releaseActivations()
        return result
    }

    /// Class probabilities for every row of `features`: the softmax of the outputs,
    /// or for a single output the sigmoid (the probability of class 1).
    ///
    /// With `mode: .monteCarloDropout` each call draws new dropout masks; see
    /// ``monteCarloProbabilities(_:samples:batchSize:)`` for the average of many.
    public func predictProbabilities(
        _ features: Tensor<Scalar>, mode: Mode = .evaluation, batchSize: Int = 1024
    ) throws -> Tensor<Scalar> {
        let logits = try predict(features, mode: mode, batchSize: batchSize)
        var probabilities = Tensor<Scalar>()
        if outputWidth == 1 {
            Scalar.sigmoidForward(logits, into: &probabilities)
        } else {
            Scalar.softmax(logits, into: &probabilities)
        }
        return probabilities
    }

    /// The predicted class of every row: the largest output, or for one output 1 if the logit is above 0.
    public func predictClasses(_ features: Tensor<Scalar>, mode: Mode = .evaluation) throws -> [Int] {
        let outputs = try predict(features, mode: mode)
        let width = outputs.columns
        return (0..<outputs.rows).map { r in
            if width == 1 { return outputs[r, 0] > 0 ? 1 : 0 }
            var best = 0
            for j in 1..<width where outputs[r, j] > outputs[r, best] { best = j }
            return best
        }
    }

    /// Monte-Carlo dropout: the mean of the class probabilities of `samples`
    /// forward passes with dropout active (and batch norm in evaluation mode).
    /// Each pass draws fresh masks from the dropout layers' own generators.
    /// - Throws: ``EngineError/invalidArgument(_:)`` if `samples` < 1.
    public func monteCarloProbabilities(
        _ features: Tensor<Scalar>, samples: Int, batchSize: Int = 1024
    ) throws -> Tensor<Scalar> {
        guard samples >= 1 else { throw EngineError.invalidArgument("Monte-Carlo dropout needs at least 1 sample, got \(samples)") }
        var sum = try predictProbabilities(features, mode: .monteCarloDropout, batchSize: batchSize)
        for _ in 1..<samples {
            let next = try predictProbabilities(features, mode: .monteCarloDropout, batchSize: batchSize)
            Scalar.add(sum, next, into: &sum)
        }
        Scalar.scale(sum, by: 1 / Scalar(samples), into: &sum)
        return sum
    }

    /// Mean and standard deviation of every layer's output for one forward pass
    /// over `features` (the gradient field is 0): the plot of how activations
    /// shrink or grow through a network at initialization.
    public func activationStatistics(_ features: Tensor<Scalar>, mode: Mode = .evaluation) throws -> [LayerStatistics] {
        try checkFits(features)
        _ = forwardUnchecked(features, mode: mode)
        defer { releaseActivations() }
        return layers.indices.map { index in
            let (sum, squares) = Scalar.sums(activations[index + 1])
            let count = Double(max(activations[index + 1].count, 1))
            let mean = sum / count
            return LayerStatistics(
                layer: index, name: layers[index].description, activationMean: mean,
                activationStandardDeviation: max(0, squares / count - mean * mean).squareRoot(),
                gradientRootMeanSquare: 0)
        }
    }

    func checkFits(_ features: Tensor<Scalar>) throws {
        guard features.columns == inputWidth else {
            throw EngineError.shapeMismatch("the model takes \(inputWidth) features per row, the data has \(features.columns)")
        }
    }

    /// ``evaluate(_:loss:mode:batchSize:)`` with caller-owned buffers and no checks.
    func evaluateUnchecked(
        _ data: Dataset<Scalar>, loss: LossFunction, mode: Mode, batchSize: Int,
        batch: inout Batch<Scalar>, gradient: inout Tensor<Scalar>
    ) -> Evaluation {
        let rows = Array(0..<data.count)
        let step = max(batchSize, 1)
        var lossSum = 0.0, correct = 0, hasAccuracy = false
        for start in stride(from: 0, to: data.count, by: step) {
            let end = min(start + step, data.count)
            batch.load(from: data, indices: rows[start..<end], loss: loss, targetWidth: outputWidth)
            let output = forwardUnchecked(batch.features, mode: mode)
            let result = loss.evaluate(output: output, batch: batch, gradient: &gradient, computeGradient: false)
            lossSum += result.loss * Double(end - start)
            if let batchCorrect = result.correct {
                correct += batchCorrect
                hasAccuracy = true
            }
        }
        releaseActivations()
        let count = max(data.count, 1)
        return Evaluation(
            loss: lossSum / Double(count), accuracy: hasAccuracy ? Double(correct) / Double(count) : nil,
            count: data.count)
    }
}
