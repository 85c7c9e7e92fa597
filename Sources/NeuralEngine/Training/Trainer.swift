import LessonSupport
/// Trains a model with mini-batch gradient descent and records what happened.
///
///     var generator = RandomGenerator(seed: 7)
///     let model = try Model<Float>(description: ["dense 128", "relu", "dense 10"], inputWidth: 64, generator: &generator)
///     let trainer = Trainer(model: model, optimizer: try SGD(learningRate: 0.05, momentum: 0.9),
///                           options: TrainingOptions(epochs: 30, batchSize: 32))
///     let history = try trainer.fit(training, validation: test, generator: &generator)
///
/// Each step gathers a batch, runs forward in training mode, computes the loss
/// and its gradient, back-propagates and lets the optimizer update the
/// parameters. All buffers are kept between steps, so after the first step a
/// training run allocates nothing but its history. A NaN or infinite loss (or
/// weight) stops training and is reported in ``TrainingHistory/divergence``;
/// it is not an error.
public final class Trainer<Scalar: TensorScalar> {
    /// The model trained (in place).
    public let model: Model<Scalar>
    /// The update rule.
    public let optimizer: any Optimizer<Scalar>
    /// Epochs, batch size, loss, schedule and recording options.
    public var options: TrainingOptions

    private var batch = Batch<Scalar>()
    private var evaluationBatch = Batch<Scalar>()
    private var lossGradient = Tensor<Scalar>()
    private var order: [Int] = []

    /// A trainer for `model` with the given optimizer and options.
    public init(model: Model<Scalar>, optimizer: any Optimizer<Scalar>, options: TrainingOptions) {
        self.model = model
        self.optimizer = optimizer
        self.options = options
    }

    /// Trains for ``TrainingOptions/epochs`` epochs.
    ///
    /// Every forward pass runs in `.training` mode whatever the model's ``Model/mode``;
    /// evaluations run in `.evaluation` mode.
    /// - Parameters:
    ///   - training: The training set.
    ///   - validation: Evaluated (in evaluation mode) after every epoch, and every
    ///     ``TrainingOptions/validationInterval`` steps if that is set.
    ///   - generator: Source of the shuffles; the same seed gives the same run, bit for bit.
    ///   - onEpoch: Called with each epoch's record as soon as it is complete (progress, plots).
    /// - Returns: The history; check ``TrainingHistory/divergence``.
    /// - Throws: ``EngineError`` if the options are out of range or the data does not fit the model
    ///   or the loss — before any step is taken.
    public func fit(
        _ training: Dataset<Scalar>, validation: Dataset<Scalar>? = nil, generator: inout RandomGenerator,
        onEpoch: ((EpochRecord) -> Void)? = nil
    ) throws -> TrainingHistory {
        try check(training, validation: validation)
        let parameters = model.parameters
        let indexedParameters = model.indexedParameters
        // The schedule scales the rate the optimizer had when `fit` began; give it
        // back afterwards so that a second `fit` starts from the same rate.
        let initialRate = optimizer.learningRate
        defer { optimizer.learningRate = initialRate }

        var history = TrainingHistory()
        let statistics = options.recordLayerStatistics
            ? EpochStatistics(layers: model.layers.count, parameters: parameters.count) : nil
        if statistics != nil { history.initialParameters = parameterStatistics(indexedParameters, gradientNorms: nil) }
        if options.recordSteps {
            history.steps.reserveCapacity(options.epochs * ((training.count + options.batchSize - 1) / options.batchSize))
        }
        order = Array(0..<training.count)
        var step = 0
        var best: (loss: Double, epoch: Int) = (.infinity, 0)
        var bestState: ModelState<Scalar>?

        for epoch in 1...options.epochs {
            optimizer.learningRate = options.learningRateSchedule.learningRate(initial: initialRate, epoch: epoch - 1)
            if options.shuffle { generator.shuffle(&order) }
            statistics?.reset()
            var lossSum = 0.0, correct = 0, hasAccuracy = false

            for start in stride(from: 0, to: training.count, by: options.batchSize) {
                let indices = order[start..<min(start + options.batchSize, training.count)]
                step += 1
                try WorkDeadline.check()
                let result = trainStep(training, indices: indices, parameters: parameters, statistics: statistics)
                guard result.loss.isFinite else {
                    history.divergence = Divergence(step: step, epoch: epoch, quantity: "training loss", value: result.loss)
                    return history
                }
                lossSum += result.loss * Double(indices.count)
                if let batchCorrect = result.correct {
                    correct += batchCorrect
                    hasAccuracy = true
                }
                if options.recordSteps {
                    var record = StepRecord(
                        step: step, epoch: epoch, batchSize: indices.count, loss: result.loss,
                        accuracy: result.correct.map { Double($0) / Double(indices.count) })
                    if let validation, let interval = options.validationInterval, step % interval == 0 {
                        let evaluation = evaluate(validation)
                        record.validationLoss = evaluation.loss
                        record.validationAccuracy = evaluation.accuracy
                    }
                    history.steps.append(record)
                }
            }

            // An update can make weights NaN or infinite without the loss of its
            // step showing it; catch that here rather than one epoch later.
            if let (layer, parameter) = indexedParameters.first(where: { !Scalar.allFinite($0.parameter.value) }) {
                history.divergence = Divergence(
                    step: step, epoch: epoch,
                    quantity: "layer \(layer + 1) (\(model.layers[layer].description)) \(parameter.name)", value: nil)
                return history
            }

            var record = EpochRecord(
                epoch: epoch, learningRate: optimizer.learningRate,
                trainingLoss: lossSum / Double(training.count),
                trainingAccuracy: hasAccuracy ? Double(correct) / Double(training.count) : nil)
            if options.evaluateTrainingSet {
                let evaluation = evaluate(training)
                record.trainingLoss = evaluation.loss
                record.trainingAccuracy = evaluation.accuracy
            }
            if let validation {
                let evaluation = evaluate(validation)
                record.validationLoss = evaluation.loss
                record.validationAccuracy = evaluation.accuracy
            }
            if let statistics {
                record.layers = statistics.layerStatistics(model)
                record.parameters = parameterStatistics(indexedParameters, gradientNorms: statistics.meanGradientNorms)
            }
            history.epochs.append(record)
            onEpoch?(record)
            if let loss = record.validationLoss, !loss.isFinite {
                history.divergence = Divergence(step: step, epoch: epoch, quantity: "validation loss", value: loss)
                return history
            }
            if let stopping = options.earlyStopping, let loss = record.validationLoss {
                if loss < best.loss {
                    best = (loss, epoch)
                    if stopping.restoreBest { bestState = ModelState(model) }
                } else if epoch - best.epoch >= stopping.patience {
                    history.stoppedEarlyAt = epoch
                    break
                }
            }
        }
        if options.earlyStopping != nil, best.epoch > 0 {
            history.bestEpoch = best.epoch
            if let bestState, best.epoch != history.epochs.last?.epoch {
                bestState.restore(into: model)
                history.restoredBest = true
            }
        }
        return history
    }

    /// One step of gradient descent on the examples at `indices`: forward, loss,
    /// backward, update. Returns the batch's loss (before the update) and the
    /// number of examples classified correctly; a non-finite loss skips the update.
    private func trainStep(
        _ training: Dataset<Scalar>, indices: ArraySlice<Int>, parameters: [Parameter<Scalar>],
        statistics: EpochStatistics?
    ) -> (loss: Double, correct: Int?) {
        batch.load(from: training, indices: indices, loss: options.loss, targetWidth: model.outputWidth)
        let output = model.forwardUnchecked(batch.features, mode: .training)
        let result = options.loss.evaluate(output: output, batch: batch, gradient: &lossGradient, computeGradient: true)
        guard result.loss.isFinite else {
            model.releaseActivations()
            return result
        }
        if let statistics {
            statistics.observeActivations(model)
            model.backwardUnchecked(lossGradient, needsInputGradient: false) { statistics.observeGradient(layer: $0, $1) }
            statistics.observeParameterGradients(parameters)
        } else {
            model.backwardUnchecked(lossGradient, needsInputGradient: false)
        }
        optimizer.step(parameters)
        return result
    }

    private func evaluate(_ data: Dataset<Scalar>) -> Evaluation {
        model.evaluateUnchecked(
            data, loss: options.loss, mode: .evaluation, batchSize: options.evaluationBatchSize,
            batch: &evaluationBatch, gradient: &lossGradient)
    }

    private func check(_ training: Dataset<Scalar>, validation: Dataset<Scalar>?) throws {
        try options.validate()
        guard training.count > 0 else { throw EngineError.invalidArgument("the training set is empty") }
        if let validation, validation.count == 0 { throw EngineError.invalidArgument("the validation set is empty") }
        if options.earlyStopping != nil, validation == nil {
            throw EngineError.invalidArgument("early stopping watches the validation loss, and no validation set was given")
        }
        for (name, data) in [("training", training)] + (validation.map { [("validation", $0)] } ?? []) {
            guard data.featureWidth == model.inputWidth else {
                throw EngineError.shapeMismatch(
                    "the model takes \(model.inputWidth) features per example, the \(name) set has \(data.featureWidth)")
            }
            try options.loss.validate(outputWidth: model.outputWidth, for: data)
        }
        if model.layers.contains(where: { $0 is BatchNorm<Scalar> }), min(options.batchSize, training.count) < 2 {
            throw EngineError.invalidArgument(
                "batch norm needs at least 2 examples per batch to estimate a variance; the batch size is \(options.batchSize)"
                    + (training.count < options.batchSize ? " and the training set has \(training.count) example\(training.count == 1 ? "" : "s")" : ""))
        }
    }

    private func parameterStatistics(
        _ parameters: [(layer: Int, parameter: Parameter<Scalar>)], gradientNorms: [Double]?
    ) -> [ParameterStatistics] {
        parameters.enumerated().map { index, entry in
            let (sum, squares) = Scalar.sums(entry.parameter.value)
            let count = Double(max(entry.parameter.count, 1))
            let mean = sum / count
            return ParameterStatistics(
                layer: entry.layer, layerName: model.layers[entry.layer].description, name: entry.parameter.name,
                count: entry.parameter.count, mean: mean,
                standardDeviation: max(0, squares / count - mean * mean).squareRoot(),
                norm: squares.squareRoot(), gradientNorm: gradientNorms?[index] ?? 0)
        }
    }
}

/// A copy of a model's parameters and batch-norm running averages, for early
/// stopping's best epoch.
private struct ModelState<Scalar: TensorScalar> {
    var parameters: [Tensor<Scalar>]
    var runningAverages: [Int: (mean: Tensor<Scalar>, variance: Tensor<Scalar>)] = [:]

    init(_ model: Model<Scalar>) {
        parameters = model.parameters.map(\.value)
        for (index, layer) in model.layers.enumerated() {
            if let norm = layer as? BatchNorm<Scalar> { runningAverages[index] = (norm.runningMean, norm.runningVariance) }
        }
    }

    func restore(into model: Model<Scalar>) {
        for (parameter, value) in zip(model.parameters, parameters) { parameter.value = value }
        for (index, averages) in runningAverages {
            (model.layers[index] as? BatchNorm<Scalar>)?.restoreRunningAverages(mean: averages.mean, variance: averages.variance)
        }
    }
}

/// Running sums behind the per-epoch layer statistics.
private final class EpochStatistics {
    private var activationSums: [Double], activationSquares: [Double], activationCounts: [Double]
    private var gradientSquares: [Double], gradientCounts: [Double]
    private var gradientNormSums: [Double]
    private var steps = 0

    init(layers: Int, parameters: Int) {
        activationSums = Array(repeating: 0, count: layers)
        activationSquares = activationSums
        activationCounts = activationSums
        gradientSquares = activationSums
        gradientCounts = activationSums
        gradientNormSums = Array(repeating: 0, count: parameters)
    }

    func reset() {
        for i in activationSums.indices {
            activationSums[i] = 0; activationSquares[i] = 0; activationCounts[i] = 0
            gradientSquares[i] = 0; gradientCounts[i] = 0
        }
        for i in gradientNormSums.indices { gradientNormSums[i] = 0 }
        steps = 0
    }

    func observeActivations<Scalar>(_ model: Model<Scalar>) {
        for layer in model.layers.indices {
            let output = model.activations[layer + 1]
            let (sum, squares) = Scalar.sums(output)
            activationSums[layer] += sum
            activationSquares[layer] += squares
            activationCounts[layer] += Double(output.count)
        }
    }

    func observeGradient<Scalar>(layer: Int, _ gradient: Tensor<Scalar>) {
        gradientSquares[layer] += Scalar.sums(gradient).sumOfSquares
        gradientCounts[layer] += Double(gradient.count)
    }

    func observeParameterGradients<Scalar>(_ parameters: [Parameter<Scalar>]) {
        for (index, parameter) in parameters.enumerated() {
            gradientNormSums[index] += Scalar.sums(parameter.gradient).sumOfSquares.squareRoot()
        }
        steps += 1
    }

    var meanGradientNorms: [Double] { gradientNormSums.map { $0 / Double(max(steps, 1)) } }

    func layerStatistics<Scalar>(_ model: Model<Scalar>) -> [LayerStatistics] {
        model.layers.indices.map { layer in
            let count = max(activationCounts[layer], 1)
            let mean = activationSums[layer] / count
            return LayerStatistics(
                layer: layer, name: model.layers[layer].description, activationMean: mean,
                activationStandardDeviation: max(0, activationSquares[layer] / count - mean * mean).squareRoot(),
                gradientRootMeanSquare: (gradientSquares[layer] / max(gradientCounts[layer], 1)).squareRoot())
        }
    }
}
