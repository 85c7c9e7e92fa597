import Testing
@testable import NeuralEngine

struct TrainerTests {
    static func spirals(seed: UInt64 = 1) -> (Dataset<Float>, Dataset<Float>) {
        var generator = RandomGenerator(seed: seed)
        let data = try! Dataset<Float>.spirals(pointsPerClass: 60, classes: 3, generator: &generator)
        let (training, validation) = try! data.split(trainingFraction: 0.75, generator: &generator)
        return (training, validation)
    }

    static let entries = ["dense 32", "batchnorm", "relu", "dropout 0.8", "dense 32", "tanh", "dense 3"]

    func train(
        seed: UInt64, epochs: Int = 3, entries: [String] = entries, options: ((inout TrainingOptions) -> Void)? = nil
    ) throws -> (Model<Float>, TrainingHistory) {
        let (training, validation) = Self.spirals()
        var generator = RandomGenerator(seed: seed)
        let model = try Model<Float>(description: entries, inputWidth: 2, generator: &generator)
        var trainingOptions = TrainingOptions(epochs: epochs, batchSize: 16)
        options?(&trainingOptions)
        let trainer = Trainer(model: model, optimizer: try Adam<Float>(learningRate: 0.01), options: trainingOptions)
        let history = try trainer.fit(training, validation: validation, generator: &generator)
        return (model, history)
    }

    @Test func sameSeedGivesIdenticalWeights() throws {
        let (a, historyA) = try train(seed: 5)
        let (b, historyB) = try train(seed: 5)
        let (c, _) = try train(seed: 6)
        #expect(a.parameters.map(\.value) == b.parameters.map(\.value))
        #expect(historyA == historyB)
        #expect(a.parameters.map(\.value) != c.parameters.map(\.value))
        let runningA = a.layers.flatMap { $0.buffers.map(\.value) }, runningB = b.layers.flatMap { $0.buffers.map(\.value) }
        #expect(runningA == runningB)
    }

    @Test func trainingLowersTheLoss() throws {
        let (_, history) = try train(seed: 5, epochs: 40)
        #expect(history.epochs.count == 40)
        #expect(history.last!.trainingLoss < history.epochs[0].trainingLoss / 2)
        #expect(history.last!.validationAccuracy! > 0.8)
    }

    @Test(arguments: [(1, 135, 1), (16, 9, 7), (135, 1, 135), (1000, 1, 135)])
    func batchSizesIncludingPartialLastBatch(batchSize: Int, stepsPerEpoch: Int, lastBatch: Int) throws {
        // No batch norm here: it needs two examples per batch.
        let entries = ["dense 16", "relu", "dropout 0.8", "dense 3"]
        let (_, history) = try train(seed: 2, epochs: 2, entries: entries) { $0.batchSize = batchSize }
        #expect(history.steps.count == 2 * stepsPerEpoch)
        #expect(history.steps.last!.batchSize == lastBatch)
        #expect(history.steps.map(\.step) == Array(1...2 * stepsPerEpoch))
        #expect(history.steps.last!.epoch == 2)
    }

    @Test func historyRecordsScheduleAndValidation() throws {
        let (_, history) = try train(seed: 3, epochs: 4) {
            $0.learningRateSchedule = .step(every: 2, factor: 0.5)
            $0.recordSteps = false
        }
        #expect(history.epochs.map(\.learningRate) == [0.01, 0.01, 0.005, 0.005])
        #expect(history.epochs.map(\.epoch) == [1, 2, 3, 4])
        #expect(history.steps.isEmpty)
        #expect(history.epochs.allSatisfy { $0.validationLoss != nil && $0.validationAccuracy != nil && $0.trainingAccuracy != nil })
        #expect(!history.diverged)
    }

    @Test func validationEveryFewSteps() throws {
        let (_, history) = try train(seed: 3, epochs: 1) { $0.validationInterval = 4 }
        let validated = history.steps.filter { $0.validationLoss != nil }
        #expect(validated.map(\.step) == [4, 8])
        #expect(validated.allSatisfy { $0.validationAccuracy != nil })
    }

    @Test func evaluatingTheTrainingSetMatchesEvaluate() throws {
        let (model, history) = try train(seed: 3, epochs: 2) { $0.evaluateTrainingSet = true }
        let (training, _) = Self.spirals()
        let evaluation = try model.evaluate(training, loss: .softmaxCrossEntropy)
        // Evaluation may batch the rows differently (other BLAS calls, other
        // rounding): the same up to rounding, not to the bit.
        #expect(abs(history.last!.trainingLoss - evaluation.loss) <= 1e-5 * max(1, abs(evaluation.loss)))
        #expect(abs((history.last!.trainingAccuracy ?? -1) - (evaluation.accuracy ?? -2)) <= 1.0 / Double(training.count))
    }

    @Test func layerStatisticsAreRecorded() throws {
        let (model, history) = try train(seed: 3, epochs: 2) { $0.recordLayerStatistics = true }
        #expect(history.initialParameters.count == model.parameters.count)
        #expect(history.initialParameters.allSatisfy { $0.gradientNorm == 0 })
        let record = history.last!
        #expect(record.layers.count == model.layers.count)
        #expect(record.layers.map(\.name) == model.layers.map(\.description))
        #expect(record.layers.allSatisfy { $0.activationStandardDeviation > 0 && $0.gradientRootMeanSquare > 0 })
        // Batch norm's output has mean ≈ β ≈ 0 and standard deviation ≈ γ ≈ 1 over its batches
        // (γ and β have moved only a little in two epochs).
        #expect(abs(record.layers[1].activationMean) < 0.1)
        #expect(abs(record.layers[1].activationStandardDeviation - 1) < 0.1)
        #expect(record.parameters.map(\.name) == ["weight", "bias", "gamma", "beta", "weight", "bias", "weight", "bias"])
        #expect(record.parameters.allSatisfy { $0.gradientNorm > 0 && $0.norm > 0 })
        // Statistics must not change the run itself.
        let (plain, _) = try train(seed: 3, epochs: 2)
        #expect(plain.parameters.map(\.value) == model.parameters.map(\.value))
    }

    @Test func earlyStoppingStopsAfterThePatienceAndRestoresTheBestEpoch() throws {
        // Patience 2 over 100 epochs with dropout: the validation loss cannot fall
        // at every epoch, so training stops; the checks hold whenever it does.
        let (model, history) = try train(seed: 5, epochs: 100) { $0.earlyStopping = EarlyStopping(patience: 2) }
        let losses = history.epochs.compactMap(\.validationLoss)
        let stopped = try #require(history.stoppedEarlyAt)
        let best = try #require(history.bestEpoch)
        #expect(stopped == history.epochs.count && stopped < 100)
        #expect(stopped - best == 2)
        #expect(losses[best - 1] == losses.min())
        #expect(losses[best...].allSatisfy { $0 >= losses[best - 1] })
        // The model ends with the best epoch's weights (and batch-norm averages).
        #expect(history.restoredBest)
        let (_, validation) = Self.spirals()
        let evaluation = try model.evaluate(validation, loss: .softmaxCrossEntropy)
        #expect(abs(evaluation.loss - losses[best - 1]) < 1e-5)
    }

    @Test func earlyStoppingWithoutRestoringKeepsTheLastWeights() throws {
        let (model, history) = try train(seed: 5, epochs: 100) {
            $0.earlyStopping = EarlyStopping(patience: 2, restoreBest: false)
        }
        #expect(!history.restoredBest)
        let (_, validation) = Self.spirals()
        let evaluation = try model.evaluate(validation, loss: .softmaxCrossEntropy)
        let last = try #require(history.epochs.last?.validationLoss)
        #expect(abs(evaluation.loss - last) < 1e-5)
    }

    @Test func earlyStoppingNeedsAValidationSetAndAPatience() throws {
        let (training, _) = Self.spirals()
        var generator = RandomGenerator(seed: 1)
        let model = try Model<Float>(description: ["dense 3"], inputWidth: 2, generator: &generator)
        let options = TrainingOptions(epochs: 3, batchSize: 16, earlyStopping: EarlyStopping(patience: 2))
        #expect(throws: EngineError.self) {
            try Trainer(model: model, optimizer: try SGD<Float>(learningRate: 0.1), options: options).fit(training, generator: &generator)
        }
        #expect(throws: EngineError.self) {
            try TrainingOptions(epochs: 3, batchSize: 16, earlyStopping: EarlyStopping(patience: 0)).validate()
        }
    }

    @Test func divergenceIsReportedNotThrown() throws {
        let (training, _) = Self.spirals()
        var generator = RandomGenerator(seed: 1)
        let model = try Model<Float>(description: ["dense 64", "relu", "dense 64", "relu", "dense 3"], inputWidth: 2, generator: &generator)
        let trainer = Trainer(
            model: model, optimizer: try SGD<Float>(learningRate: 1e6, momentum: 0.9),
            options: TrainingOptions(epochs: 50, batchSize: 8))
        let history = try trainer.fit(training, generator: &generator)
        let divergence = try #require(history.divergence)
        #expect(history.diverged)
        #expect(divergence.epoch == history.epochs.count + 1)
        #expect(divergence.description.hasPrefix("diverged at step \(divergence.step) (epoch \(divergence.epoch)): "))
        #expect(divergence.step < 50 * 14)
    }

    @Test func mismatchedDataAndOptionsAreErrorsBeforeTraining() throws {
        let (training, _) = Self.spirals()
        var generator = RandomGenerator(seed: 1)
        let model = try Model<Float>(description: ["dense 4", "batchnorm", "dense 2"], inputWidth: 2, generator: &generator)
        let before = model.parameters.map(\.value)
        let optimizer = try SGD<Float>(learningRate: 0.1)
        // Three classes, two outputs.
        #expect(throws: EngineError.self) {
            try Trainer(model: model, optimizer: optimizer, options: TrainingOptions(epochs: 1, batchSize: 4)).fit(training, generator: &generator)
        }
        // Batch norm with one example per batch.
        let twoClasses = try Dataset<Float>(features: Tensor(rows: 4, columns: 2), labels: [0, 1, 0, 1])
        #expect(throws: EngineError.self) {
            try Trainer(model: model, optimizer: optimizer, options: TrainingOptions(epochs: 1, batchSize: 1)).fit(twoClasses, generator: &generator)
        }
        #expect(throws: EngineError.self) {
            try Trainer(model: model, optimizer: optimizer, options: TrainingOptions(epochs: 0, batchSize: 2)).fit(twoClasses, generator: &generator)
        }
        #expect(model.parameters.map(\.value) == before)
    }

    @Test func regressionWithMeanSquaredError() throws {
        var generator = RandomGenerator(seed: 4)
        let data = try Dataset<Double>.polynomial(count: 200, coefficients: [0.5, -1, 2], noise: 0.05, generator: &generator)
        let model = try Model<Double>(description: ["dense 32", "tanh", "dense 1"], inputWidth: 1, initializer: .xavierNormal, generator: &generator)
        let trainer = Trainer(
            model: model, optimizer: try Adam<Double>(learningRate: 0.01),
            options: TrainingOptions(epochs: 150, batchSize: 32, loss: .meanSquaredError))
        let history = try trainer.fit(data, generator: &generator)
        #expect(history.last!.trainingAccuracy == nil)
        #expect(history.last!.trainingLoss < 0.01)
    }

    @Test func binaryClassificationWithOneOutput() throws {
        var generator = RandomGenerator(seed: 4)
        let data = try Dataset<Float>.moons(count: 200, noise: 0.1, generator: &generator)
        let model = try Model<Float>(description: ["dense 16", "relu", "dense 16", "relu", "dense 1"], inputWidth: 2, generator: &generator)
        let trainer = Trainer(
            model: model, optimizer: try Adam<Float>(learningRate: 0.02),
            options: TrainingOptions(epochs: 60, batchSize: 20, loss: .binaryCrossEntropy))
        _ = try trainer.fit(data, generator: &generator)
        #expect(try model.accuracy(on: data) > 0.95)
        let probabilities = try model.predictProbabilities(data.features)
        #expect(probabilities.columns == 1 && probabilities.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
    }
}
