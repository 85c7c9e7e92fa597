import Testing
@testable import NeuralEngine

struct ModelTests {
    /// A whole model's parameter gradients (through every kind of layer and each loss)
    /// against finite differences of the loss; tolerance as in `GradientCheck`.
    @Test(arguments: LossFunction.allCases)
    func modelGradientMatchesFiniteDifferences(_ loss: LossFunction) throws {
        var generator = RandomGenerator(seed: 12)
        let model = try Model<Double>(
            description: ["dense 6", "batchnorm", "leaky_relu 0.1", "groupnorm 2", "weightnorm 6", "tanh", "layernorm", "dense 3"],
            inputWidth: 4, initializer: .xavierNormal, generator: &generator)
        let features = GradientCheck.randomTensor(rows: 5, columns: 4, generator: &generator)
        let data = try Dataset(features: features, labels: [0, 2, 1, 1, 0], classCount: 3)
        var batch = Batch<Double>()
        batch.load(from: data, indices: Array(0..<5)[...], loss: loss, targetWidth: 3)
        var gradient = Tensor<Double>()
        func lossValue() -> Double {
            let output = model.forwardUnchecked(features, mode: .training)
            return loss.evaluate(output: output, batch: batch, gradient: &gradient, computeGradient: true).loss
        }
        _ = lossValue()
        try model.backward(gradient)
        let analytic = model.parameters.map(\.gradient)
        var worst = 0.0
        for (parameter, expected) in zip(model.parameters, analytic) {
            for i in 0..<parameter.count {
                let numeric = parameter.centralDifference(at: i, step: GradientCheck.step) { lossValue() }
                worst = max(worst, GradientCheck.relativeError(expected.scalars[i], numeric))
            }
        }
        #expect(worst < GradientCheck.tolerance)
    }

    @Test func trainAndEvalModes() throws {
        var generator = RandomGenerator(seed: 1)
        let model = try Model<Float>(description: ["dense 8", "dropout 0.5", "dense 2"], inputWidth: 3, generator: &generator)
        let input = Tensor<Float>(rows: 4, columns: 3, repeating: 1)
        #expect(model.mode == .training)
        model.train(false)
        #expect(model.mode == .evaluation)
        #expect(try model.forward(input) == (try model.forward(input)))
        model.train()
        #expect(try model.forward(input) != (try model.forward(input)))
    }

    @Test func monteCarloDropoutAveragesStochasticPasses() throws {
        var generator = RandomGenerator(seed: 1)
        let model = try Model<Float>(description: ["dense 32", "relu", "dropout 0.5", "dense 3"], inputWidth: 2, generator: &generator)
        let features = GradientCheck.randomTensor(rows: 5, columns: 2, generator: &generator).converted()
        let deterministic = try model.predictProbabilities(features)
        #expect(deterministic == (try model.predictProbabilities(features)))
        let sample = try model.predictProbabilities(features, mode: .monteCarloDropout)
        #expect(sample != deterministic)
        let mean = try model.monteCarloProbabilities(features, samples: 200)
        for r in 0..<5 {
            #expect(abs(mean.row(r).reduce(0, +) - 1) < 1e-5)
            #expect(abs(sample.row(r).reduce(0, +) - 1) < 1e-5)
        }
        // Many samples: the average lies near, but not exactly at, the deterministic prediction.
        let gap = zip(mean.scalars, deterministic.scalars).map { abs($0 - $1) }.max()!
        #expect(gap > 0 && gap < 0.2)
        #expect(throws: EngineError.self) { try model.monteCarloProbabilities(features, samples: 0) }
    }

    @Test func predictionsAreIndependentOfBatchSize() throws {
        var generator = RandomGenerator(seed: 1)
        let model = try Model<Double>(description: ["dense 8", "batchnorm", "relu", "dense 3"], inputWidth: 2, generator: &generator)
        let features = GradientCheck.randomTensor(rows: 10, columns: 2, generator: &generator)
        let whole = try model.predict(features)
        let pieces = try model.predict(features, batchSize: 3)
        // Different batch sizes are different BLAS calls, which may add in
        // another order (kernels differ by processor): equal up to rounding.
        #expect(whole.rows == pieces.rows && whole.columns == pieces.columns)
        let worst = zip(whole.scalars, pieces.scalars).map { abs($0 - $1) / max(1, abs($0)) }.max() ?? .nan
        #expect(worst < 1e-12)
        #expect(try model.predictClasses(features).count == 10)
    }

    @Test func activationStatistics() throws {
        var generator = RandomGenerator(seed: 1)
        let model = try Model<Double>(description: ["dense 64", "layernorm", "relu"], inputWidth: 10, generator: &generator)
        let features = GradientCheck.randomTensor(rows: 50, columns: 10, generator: &generator)
        let statistics = try model.activationStatistics(features)
        #expect(statistics.map(\.name) == ["dense 64", "layernorm", "relu"])
        #expect(abs(statistics[1].activationMean) < 1e-9)
        #expect(abs(statistics[1].activationStandardDeviation - 1) < 1e-3)
    }
}

extension Tensor where Scalar == Double {
    func converted() -> Tensor<Float> {
        try! Tensor<Float>(rows: rows, columns: columns, scalars: scalars.map { Float($0) })
    }
}

/// The public pieces compose into a training loop written by hand, micrograd style.
@Test func handWrittenTrainingLoop() throws {
    var generator = RandomGenerator(seed: 3)
    let data = try Dataset<Double>.blobs(count: 60, centers: 3, standardDeviation: 0.5, generator: &generator)
    let model = try Model<Double>(description: ["dense 8", "relu", "dense 3"], inputWidth: 2, generator: &generator)
    let optimizer = try SGD<Double>(learningRate: 0.1)
    var losses: [Double] = []
    for _ in 0..<50 {
        let output = try model.forward(data.features)
        let result = try LossFunction.softmaxCrossEntropy.evaluate(output, labels: data.labels!)
        try model.backward(result.gradient)
        optimizer.step(model.parameters)
        losses.append(result.loss)
    }
    #expect(losses.last! < losses.first! / 4)
    #expect(throws: EngineError.self) { try LossFunction.softmaxCrossEntropy.evaluate(Tensor<Double>(rows: 2, columns: 3), labels: [0]) }
    #expect(throws: EngineError.self) { try LossFunction.softmaxCrossEntropy.evaluate(Tensor<Double>(rows: 1, columns: 3), labels: [3]) }
    let mse = try LossFunction.meanSquaredError.evaluate(try Tensor<Double>([[1, 2]]), targets: try Tensor([[0, 2]]))
    #expect(mse.loss == 0.5 && mse.gradient.scalars == [1, 0])
}
