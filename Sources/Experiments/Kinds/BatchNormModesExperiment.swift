import Foundation
import NeuralEngine

/// Trains the network of a batchnorm-modes block and measures its two modes.
struct BatchNormModesExperiment {
    var spec: BatchNormModesKind.Spec

    /// One batch norm layer's running averages against the statistics of its
    /// input over the whole training set.
    struct LayerResult: Sendable {
        /// Position of the batch norm layer in the model (0-based).
        var index: Int
        var units: Int
        /// |running mean − population mean| / population standard deviation, per unit.
        var meanErrors: [Double]
        /// Running variance / population variance, per unit.
        var varianceRatios: [Double]
    }

    /// Predictions with batch statistics on test batches of one size.
    struct BatchStatisticsResult: Sendable {
        var batchSize: Int
        /// Examples in whole batches (the leftover examples are not predicted).
        var examples: Int
        var accuracy: Double
        /// Fraction of those examples whose class is the evaluation-mode one.
        var agreement: Double
    }

    struct Result: Sendable {
        var trainingExamples: Int
        var testExamples: Int
        var parameters: Int
        var steps = 0
        /// Examples in the last batch of each epoch (the batch size when they divide evenly).
        var lastBatch = 0
        var divergence: Divergence?
        var trainAccuracy = Double.nan
        var evaluationAccuracy = Double.nan
        var evaluationLoss = Double.nan
        var singleAccuracy = Double.nan
        /// Test examples whose class, predicted alone, differs from the batched prediction.
        var singleDiffering = 0
        var layers: [LayerResult] = []
        var batchStatistics: [BatchStatisticsResult] = []
    }

    func run(context: DecodeContext, seed: UInt64) throws -> Result {
        var generator = RandomGenerator(seed: seed)
        var dataGenerator = generator.split()
        let sets = try TrainingSets.make(spec.data, examples: spec.examples, trainFraction: spec.trainFraction,
                                         context: context, generator: &dataGenerator)
        let (training, test) = (sets.training, sets.test)
        if spec.training.batchSize < training.count, training.count % spec.training.batchSize == 1 {
            throw ExperimentError(
                "the last batch of every epoch would hold 1 of the \(training.count.grouped) training examples: batch norm would normalize it to 0 and pull the running variance towards 0",
                notes: ["change 'batch_size' or 'train_fraction' by one"])
        }
        if let largest = spec.testBatchSizes.last, largest > test.count {
            throw ExperimentError("a test batch of \(largest.grouped) is larger than the test set (\(test.count.grouped) examples)")
        }

        var modelGenerator = generator.split()
        let model = try Model<Float>(entries: spec.layers, inputWidth: spec.data.inputWidth, generator: &modelGenerator)
        var shuffle = generator.split()
        let history = try spec.training.fit(model, on: training, loss: .softmaxCrossEntropy, generator: &shuffle)
        var result = Result(trainingExamples: training.count, testExamples: test.count, parameters: model.parameterCount)
        let batchSize = min(spec.training.batchSize, training.count)
        let stepsPerEpoch = (training.count + batchSize - 1) / batchSize
        result.steps = history.divergence?.step ?? spec.training.epochs * stepsPerEpoch
        result.lastBatch = training.count % batchSize == 0 ? batchSize : training.count % batchSize
        result.divergence = history.divergence
        guard history.divergence == nil else { return result }

        result.trainAccuracy = try model.evaluate(training, loss: .softmaxCrossEntropy).accuracy ?? .nan
        let evaluation = try model.evaluate(test, loss: .softmaxCrossEntropy)
        result.evaluationAccuracy = evaluation.accuracy ?? .nan
        result.evaluationLoss = evaluation.loss
        result.layers = try Self.runningAverageErrors(model, training.features)

        let labels = test.labels ?? []
        let batched = try model.predictClasses(test.features)
        let single = try Self.singleExamplePredictions(model, test.features)
        result.singleAccuracy = ClassPredictions.agreement(single, labels)
        result.singleDiffering = zip(single, batched).filter { $0 != $1 }.count
        for size in spec.testBatchSizes {
            let predicted = try Self.batchStatisticsPredictions(model, test.features, batchSize: size)
            result.batchStatistics.append(BatchStatisticsResult(
                batchSize: size, examples: predicted.count, accuracy: ClassPredictions.agreement(predicted, labels),
                agreement: ClassPredictions.agreement(predicted, batched)))
        }
        return result
    }

    // MARK: - Measurements

    /// For every batch norm layer: its input over the whole training set,
    /// computed in evaluation mode (the earlier batch norm layers use their
    /// running averages, as at test time), and the mean and variance (divided
    /// by n) of each unit of that input, compared with the layer's running
    /// averages. Units whose input does not vary are left out.
    static func runningAverageErrors(_ model: Model<Float>, _ features: Tensor<Float>) throws -> [LayerResult] {
        var out: [LayerResult] = []
        var input = features
        for (index, layer) in model.layers.enumerated() {
            if let norm = layer as? BatchNorm<Float> {
                let (mean, variance) = columnMoments(input)
                var errors: [Double] = [], ratios: [Double] = []
                for unit in 0..<norm.inputWidth where variance[unit] > 1e-12 {
                    errors.append(abs(Double(norm.runningMean[0, unit]) - mean[unit]) / variance[unit].squareRoot())
                    ratios.append(Double(norm.runningVariance[0, unit]) / variance[unit])
                }
                out.append(LayerResult(index: index, units: norm.inputWidth, meanErrors: errors, varianceRatios: ratios))
            }
            input = layer.forward(input, mode: .evaluation)
        }
        return out
    }

    /// Mean and variance (over n) of each column, accumulated in Double.
    static func columnMoments(_ x: Tensor<Float>) -> (mean: [Double], variance: [Double]) {
        let n = Double(max(x.rows, 1))
        let columns = (0..<x.columns).map { c in (0..<x.rows).map { Double(x[$0, c]) } }
        let mean = columns.map { $0.reduce(0, +) / n }
        return (mean, zip(columns, mean).map { column, m in column.reduce(0) { $0 + ($1 - m) * ($1 - m) } / n })
    }

    /// The class of every row, each predicted on its own in evaluation mode:
    /// one forward pass per example, as a deployed network would see them.
    static func singleExamplePredictions(_ model: Model<Float>, _ features: Tensor<Float>) throws -> [Int] {
        try (0..<features.rows).flatMap { r in try model.predictClasses(Tensor(rows: 1, columns: features.columns, scalars: features.row(r))) }
    }

    /// The classes of the first ⌊n / size⌋ · size rows, predicted in
    /// consecutive batches of `size` with batch statistics: each batch is
    /// normalized with its own mean and variance, and the running averages
    /// are left as they are. The rows are in random order (the split shuffles
    /// them), so each batch is a random draw from the test set.
    static func batchStatisticsPredictions(_ model: Model<Float>, _ features: Tensor<Float>, batchSize size: Int) throws -> [Int] {
        let count = features.rows / size * size
        let whole = try Tensor(rows: count, columns: features.columns, scalars: Array(features.scalars.prefix(count * features.columns)))
        let outputs = try model.predict(whole, mode: .batchStatistics, batchSize: size)
        return ClassPredictions.argmax(outputs)
    }
}
