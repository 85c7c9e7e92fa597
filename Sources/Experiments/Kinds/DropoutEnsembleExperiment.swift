import Foundation
import NeuralEngine
import LessonSupport

/// Trains the two networks of a dropout-ensemble block and evaluates them.
struct DropoutEnsembleExperiment {
    var spec: DropoutEnsembleKind.Spec

    /// Loss and accuracy of one network on its training and test sets, in
    /// evaluation mode (for the dropout network: with weight scaling).
    struct NetworkResult: Sendable {
        var trainAccuracy = Double.nan
        var testAccuracy = Double.nan
        var trainLoss = Double.nan
        var testLoss = Double.nan
        /// Mean test accuracy of single passes with units dropped at random
        /// (``DropoutEnsembleExperiment/thinningMasks`` masks): how well the
        /// network copes with missing units.
        var thinnedAccuracy = Double.nan
        var divergence: Divergence?
        var gap: Double { trainAccuracy - testAccuracy }
    }

    /// The prediction of the averaged softmax of `samples` passes with fresh masks.
    struct MonteCarloResult: Sendable {
        var samples: Int
        var accuracy: Double
        /// Mean cross-entropy −log p̄(true class) of the averaged probabilities.
        var loss: Double
        /// Fraction of test examples whose predicted class is the deterministic network's.
        var agreement: Double
        var seconds: Double
    }

    /// How much the K sampled networks disagree, for the largest K.
    struct Uncertainty: Sendable {
        var samples: Int
        /// Mean entropy of the averaged prediction, in nats.
        var entropy: Double
        var entropyCorrect: Double
        var entropyWrong: Double
        /// Entropy of the mean minus the mean entropy of the passes: the part
        /// of the uncertainty that comes from the members disagreeing.
        var mutualInformation: Double
        /// Fraction of (pass, example) pairs whose class differs from the averaged prediction's.
        var disagreement: Double
    }

    /// The first dropout layer after a hidden layer, seen directly: its input
    /// h, its output in training mode averaged over many masks, and its output
    /// in evaluation mode. Both forms make the two outputs agree on average;
    /// they differ in which one carries the factor p.
    struct ActivationCheck: Sendable {
        var samples: Int
        var inputMean: Double
        var trainingMean: Double
        var evaluationMean: Double
    }

    struct Result: Sendable {
        var trainingExamples: Int
        var testExamples: Int
        var parameters: Int
        var dropout: NetworkResult
        var plain: NetworkResult
        var scaledAccuracy = Double.nan
        var scaledLoss = Double.nan
        var scaledSeconds = Double.nan
        /// Mean entropy of the deterministic predictions, in nats.
        var scaledEntropy = Double.nan
        var monteCarlo: [MonteCarloResult] = []
        var uncertainty: Uncertainty?
        var activations: ActivationCheck?
    }

    /// Deterministic inference is fast; its time is the median of this many runs.
    static let timingRuns = 5
    /// Masks over which the accuracy of a single thinned pass is averaged.
    static let thinningMasks = 5

    func run(context: DecodeContext, seed: UInt64) throws -> Result {
        var generator = RandomGenerator(seed: seed)
        var dataGenerator = generator.split()
        let sets = try TrainingSets.make(spec.data, examples: spec.examples, trainFraction: spec.trainFraction,
                                         labelNoise: spec.labelNoise, context: context, generator: &dataGenerator)
        let (training, test) = (sets.training, sets.test)

        var modelGenerator = generator.split()
        let dropoutModel = try Model<Float>(entries: spec.layers(dropout: true), inputWidth: spec.data.inputWidth,
                                            generator: &modelGenerator)
        let plainModel = try Model<Float>(entries: spec.layers(dropout: false), inputWidth: spec.data.inputWidth,
                                          generator: &modelGenerator)
        // Same starting point: the dropout layers draw their mask streams from
        // the generator while the model is built, so the two models would
        // otherwise get different initial weights.
        for (target, source) in zip(plainModel.parameters, dropoutModel.parameters) { target.value = source.value }

        // Both networks see the same batches in the same order.
        let shuffle = generator.split()
        var result = Result(trainingExamples: training.count, testExamples: test.count, parameters: plainModel.parameterCount,
                            dropout: NetworkResult(), plain: NetworkResult())
        result.plain = try train(plainModel, training: training, test: test, shuffle: shuffle)
        result.dropout = try train(dropoutModel, training: training, test: test, shuffle: shuffle)
        if result.plain.divergence == nil {
            // The plain network's weights in the dropout architecture: the same
            // network, with units removed at random as dropout would. Inverted
            // masks keep its activations' expected size, as in training.
            let thinned = try Model<Float>(entries: spec.layers(dropout: true, form: .inverted),
                                           inputWidth: spec.data.inputWidth, generator: &modelGenerator)
            for (target, source) in zip(thinned.parameters, plainModel.parameters) { target.value = source.value }
            result.plain.thinnedAccuracy = try Self.thinnedAccuracy(thinned, test)
        }
        guard result.dropout.divergence == nil else { return result }
        result.dropout.thinnedAccuracy = try Self.thinnedAccuracy(dropoutModel, test)

        // Weight scaling: one deterministic pass.
        result.scaledAccuracy = result.dropout.testAccuracy
        result.scaledLoss = result.dropout.testLoss
        let labels = test.labels ?? []
        // The timed passes need the machine to themselves: one timed section
        // for all of them (each section waits for the other blocks to step
        // aside), with the little untimed work between them inside.
        try TimingGate.timedSection {
            let passes = try (0..<Self.timingRuns).map { _ in try ThreadCPUClock.seconds { try dropoutModel.predictProbabilities(test.features) } }
            let probabilities = passes[passes.count - 1].0
            result.scaledSeconds = passes.map(\.1).sorted()[passes.count / 2]
            let deterministic = ClassPredictions.argmax(probabilities)
            let entropies = Self.entropy(probabilities.scalars.map(Double.init), classes: probabilities.columns)
            result.scaledEntropy = entropies.reduce(0, +) / Double(max(entropies.count, 1))

            // The largest K also gathers the disagreement statistics; they cost a
            // pass over 10 outputs per example, next to a forward pass through the network.
            for (index, samples) in spec.samples.enumerated() {
                let isLast = index == spec.samples.count - 1
                let ((mean, uncertainty), seconds) = try ThreadCPUClock.seconds {
                    try Self.monteCarlo(dropoutModel, test.features, samples: samples, labels: isLast ? labels : nil)
                }
                let predicted = ClassPredictions.argmax(mean, classes: dropoutModel.outputWidth)
                result.monteCarlo.append(MonteCarloResult(
                    samples: samples, accuracy: ClassPredictions.agreement(predicted, labels), loss: Self.crossEntropy(mean, labels),
                    agreement: ClassPredictions.agreement(predicted, deterministic), seconds: seconds))
                if isLast { result.uncertainty = uncertainty }
            }
        }
        result.activations = try activationCheck(dropoutModel, test.features, samples: spec.samples.last ?? 100)
        return result
    }

    /// Trains `model` and measures it on both sets in evaluation mode.
    func train(_ model: Model<Float>, training: Dataset<Float>, test: Dataset<Float>, shuffle: RandomGenerator) throws -> NetworkResult {
        var generator = shuffle
        let history = try spec.training.fit(model, on: training, loss: .softmaxCrossEntropy, generator: &generator)
        guard history.divergence == nil else { return NetworkResult(divergence: history.divergence) }
        let onTraining = try model.evaluate(training, loss: .softmaxCrossEntropy)
        let onTest = try model.evaluate(test, loss: .softmaxCrossEntropy)
        return NetworkResult(trainAccuracy: onTraining.accuracy ?? .nan, testAccuracy: onTest.accuracy ?? .nan,
                             trainLoss: onTraining.loss, testLoss: onTest.loss)
    }

    /// The mean accuracy of ``thinningMasks`` single passes with fresh masks.
    static func thinnedAccuracy(_ model: Model<Float>, _ test: Dataset<Float>) throws -> Double {
        let labels = test.labels ?? []
        var sum = 0.0
        for _ in 0..<thinningMasks {
            try WorkDeadline.check()
            sum += ClassPredictions.agreement(try model.predictClasses(test.features, mode: .monteCarloDropout), labels)
        }
        return sum / Double(thinningMasks)
    }

    /// The mean of the softmax outputs of `samples` passes with fresh dropout
    /// masks, and with `labels`, how much the passes disagree.
    static func monteCarlo(
        _ model: Model<Float>, _ features: Tensor<Float>, samples: Int, labels: [Int]?
    ) throws -> ([Double], Uncertainty?) {
        let rows = features.rows, classes = model.outputWidth
        var sum = [Double](repeating: 0, count: rows * classes)
        var passClasses: [[Int]] = []
        var passEntropy = 0.0
        for _ in 0..<samples {
            try WorkDeadline.check()
            let probabilities = try model.predictProbabilities(features, mode: .monteCarloDropout)
            probabilities.withUnsafeBufferPointer { p in
                for i in 0..<sum.count { sum[i] += Double(p[i]) }
            }
            if labels != nil {
                passClasses.append(ClassPredictions.argmax(probabilities))
                passEntropy += entropy(probabilities.scalars.map(Double.init), classes: classes).reduce(0, +)
            }
        }
        let mean = sum.map { $0 / Double(samples) }
        guard let labels else { return (mean, nil) }

        let predicted = ClassPredictions.argmax(mean, classes: classes)
        let entropies = entropy(mean, classes: classes)
        let correct = (0..<rows).filter { predicted[$0] == labels[$0] }
        let wrong = (0..<rows).filter { predicted[$0] != labels[$0] }
        func meanEntropy(_ indices: [Int]) -> Double {
            indices.isEmpty ? .nan : indices.reduce(0.0) { $0 + entropies[$1] } / Double(indices.count)
        }
        var disagreements = 0
        for pass in passClasses {
            for r in 0..<rows where pass[r] != predicted[r] { disagreements += 1 }
        }
        let n = Double(max(rows, 1))
        let entropy = entropies.reduce(0, +) / n
        return (mean, Uncertainty(
            samples: samples, entropy: entropy, entropyCorrect: meanEntropy(correct), entropyWrong: meanEntropy(wrong),
            mutualInformation: entropy - passEntropy / (n * Double(samples)),
            disagreement: Double(disagreements) / (n * Double(samples))))
    }

    /// Runs the inputs up to the first dropout layer that follows a hidden
    /// layer, then that layer alone, `samples` times in training mode and once
    /// in evaluation mode.
    func activationCheck(_ model: Model<Float>, _ features: Tensor<Float>, samples: Int) throws -> ActivationCheck? {
        guard let index = model.layers.indices.first(where: { $0 > 0 && model.layers[$0] is Dropout<Float> }) else { return nil }
        var h = features
        for layer in model.layers[..<index] { h = layer.forward(h, mode: .evaluation) }
        let input = h
        let layer = model.layers[index]
        func mean(_ t: Tensor<Float>) -> Double {
            t.scalars.reduce(0.0) { $0 + Double($1) } / Double(max(t.count, 1))
        }
        var trainingSum = 0.0
        for _ in 0..<samples { trainingSum += mean(layer.forward(input, mode: .monteCarloDropout)) }
        let evaluation = mean(layer.forward(input, mode: .evaluation))
        return ActivationCheck(samples: samples, inputMean: mean(input), trainingMean: trainingSum / Double(samples),
                               evaluationMean: evaluation)
    }

    // MARK: - Small helpers

    /// Entropy −Σ p log p of each row, in nats.
    static func entropy(_ values: [Double], classes: Int) -> [Double] {
        (0..<(values.count / max(classes, 1))).map { r in
            (0..<classes).reduce(0.0) { h, j in
                let p = values[r * classes + j]
                return p > 0 ? h - p * log(p) : h
            }
        }
    }

    /// Mean −log p̄(true class); a probability that rounded to 0 counts as 1e-12.
    static func crossEntropy(_ mean: [Double], _ labels: [Int]) -> Double {
        guard !labels.isEmpty else { return .nan }
        let classes = mean.count / labels.count
        return labels.enumerated().reduce(0.0) { $0 - log(max(mean[$1.offset * classes + $1.element], 1e-12)) }
            / Double(labels.count)
    }
}
