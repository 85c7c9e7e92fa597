import Foundation
import NeuralEngine

/// Trains the variants of a `train` block and measures them.
struct TrainExperiment {
    var spec: TrainKind.Spec

    /// What one layer looked like after training, on the training set in evaluation mode.
    struct LayerResult: Sendable {
        var index: Int
        var name: String
        var activationMean: Double
        var activationStandardDeviation: Double
        /// ‖W‖ of the layer's weight matrix, for dense and weight-norm layers.
        var weightNorm: Double?
        /// ‖W − W₀‖ / ‖W₀‖.
        var relativeChange: Double?
        /// Units whose input was ≤ 0 for every training example, for ReLU and leaky ReLU layers.
        var deadFraction: Double?
    }

    struct VariantResult: Sendable {
        var parameters = 0
        var stepsPerEpoch = 0
        var steps = 0
        var seconds = Double.nan
        var trainLoss = Double.nan, trainAccuracy = Double.nan
        var validationLoss = Double.nan, validationAccuracy = Double.nan
        var testLoss = Double.nan, testAccuracy = Double.nan
        var initialWeightNorm = Double.nan
        var weightNorm = Double.nan
        var relativeChange = Double.nan
        var medianRelativeChange = Double.nan
        var deadFraction = Double.nan
        var conditionNumber = Double.nan
        var stepsToTarget: Int?
        /// Standard deviation of the batch losses of the last epoch.
        var lastEpochLossSD = Double.nan
        var lastEpochLossMean = Double.nan
        /// Per epoch: mean batch loss, validation loss and accuracy.
        var epochTrainLoss: [Double] = []
        var epochValidationLoss: [Double] = []
        var epochValidationAccuracy: [Double] = []
        /// The learning rate of each epoch trained.
        var epochLearningRate: [Double] = []
        /// With early stopping: the epoch of the lowest validation loss, and the
        /// epoch after which training stopped (the last epoch if it never did).
        var bestEpoch: Int?
        var stoppedAt: Int?
        /// Every step's batch loss (only with `curve: step`).
        var stepLoss: [Double] = []
        var layers: [LayerResult] = []
        var divergence: Divergence?
    }

    struct Result: Sendable {
        var trainingExamples: Int
        var validationExamples: Int
        var testExamples: Int
        var variants: [VariantResult]
    }

    func run(context: DecodeContext, seed: UInt64) throws -> Result {
        var generator = RandomGenerator(seed: seed)
        var dataGenerator = generator.split()
        let scale = spec.featureScale
        let sets = try TrainingSets.make(
            spec.data, examples: spec.examples, trainFraction: spec.trainFraction,
            validationFraction: spec.validationFraction, standardize: false, labelNoise: spec.labelNoise,
            context: context, generator: &dataGenerator,
            transform: scale.isEmpty ? nil : { try Self.rescale($0, by: scale) })
        let standardizer = Standardizer(fitting: sets.training)
        let standardized = TrainingSets(
            training: try standardizer.transform(sets.training), validation: try sets.validation.map { try standardizer.transform($0) },
            test: try standardizer.transform(sets.test), standardizer: standardizer)

        let modelGenerator = generator.split()
        let shuffleGenerator = generator.split()
        var result = Result(trainingExamples: sets.training.count, validationExamples: sets.validation?.count ?? 0,
                            testExamples: sets.test.count, variants: [])
        for variant in spec.variants {
            let data = variant.settings.standardize ? standardized : sets
            result.variants.append(try train(variant, data, modelGenerator: modelGenerator, shuffleGenerator: shuffleGenerator))
        }
        return result
    }

    var loss: LossFunction { spec.data.loss }

    func train(
        _ variant: TrainKind.Variant, _ sets: TrainingSets, modelGenerator: RandomGenerator, shuffleGenerator: RandomGenerator
    ) throws -> VariantResult {
        let settings = variant.settings
        var generator = modelGenerator
        let description = try ModelDescription(entries: settings.entries(outputWidth: spec.data.outputWidth),
                                               inputWidth: spec.data.inputWidth)
        let model = Model<Float>(description, initializer: settings.initializer, generator: &generator)
        let weights = model.indexedParameters.filter { $0.parameter.role == .weight }
        let initial = weights.map { $0.parameter.value }

        var result = VariantResult()
        result.parameters = model.parameterCount
        let n = sets.training.count
        let batchSize = min(settings.batchSize ?? n, n)
        result.stepsPerEpoch = (n + batchSize - 1) / batchSize
        result.conditionNumber = Self.conditionNumber(sets.training.features)
        result.initialWeightNorm = Self.norm(initial)

        let options = TrainingOptions(
            epochs: settings.epochs, batchSize: batchSize, loss: loss,
            learningRateSchedule: settings.tuning.learningRateSchedule(epochs: settings.epochs), recordSteps: true,
            earlyStopping: sets.validation == nil ? nil : settings.tuning.earlyStopping)
        let trainer = Trainer(model: model, optimizer: try settings.recipe.makeOptimizer(), options: options)
        var shuffle = shuffleGenerator
        let (history, seconds) = try ThreadCPUClock.seconds {
            try trainer.fit(sets.training, validation: sets.validation, generator: &shuffle)
        }
        result.seconds = seconds
        result.steps = history.steps.count
        result.divergence = history.divergence
        result.epochTrainLoss = history.epochs.map(\.trainingLoss)
        result.epochValidationLoss = history.epochs.map { $0.validationLoss ?? .nan }
        result.epochValidationAccuracy = history.epochs.map { $0.validationAccuracy ?? .nan }
        result.epochLearningRate = history.epochs.map(\.learningRate)
        if settings.tuning.patience != nil {
            result.bestEpoch = history.bestEpoch
            result.stoppedAt = history.stoppedEarlyAt ?? history.epochs.count
        }
        if spec.curve == .step { result.stepLoss = history.steps.map(\.loss) }
        if let target = spec.targetLoss {
            result.stepsToTarget = history.steps.first(where: { $0.loss <= target })?.step
        }
        let lastEpoch = history.steps.filter { $0.epoch == history.epochs.count }.map(\.loss)
        if !lastEpoch.isEmpty {
            let mean = lastEpoch.reduce(0, +) / Double(lastEpoch.count)
            result.lastEpochLossMean = mean
            result.lastEpochLossSD = (lastEpoch.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(lastEpoch.count)).squareRoot()
        }
        guard history.divergence == nil else { return result }

        let onTraining = try model.evaluate(sets.training, loss: loss)
        let onTest = try model.evaluate(sets.test, loss: loss)
        result.trainLoss = onTraining.loss
        result.trainAccuracy = onTraining.accuracy ?? .nan
        result.testLoss = onTest.loss
        result.testAccuracy = onTest.accuracy ?? .nan
        if let validation = sets.validation {
            let onValidation = try model.evaluate(validation, loss: loss)
            result.validationLoss = onValidation.loss
            result.validationAccuracy = onValidation.accuracy ?? .nan
        }

        let final = weights.map { $0.parameter.value }
        result.weightNorm = Self.norm(final)
        result.relativeChange = Self.norm(zip(final, initial).map { Self.difference($0, $1) }) / result.initialWeightNorm
        var changes: [Int: Double] = [:], norms: [Int: Double] = [:]
        for (index, entry) in weights.enumerated() {
            norms[entry.layer] = Self.norm([final[index]])
            changes[entry.layer] = Self.norm([Self.difference(final[index], initial[index])]) / Self.norm([initial[index]])
        }
        result.medianRelativeChange = Array(changes.values).median
        result.layers = Self.layerStatistics(model, sets.training.features, weightNorms: norms, relativeChanges: changes)
        let rectifiers = result.layers.compactMap { layer in layer.deadFraction.map { ($0, model.layers[layer.index].outputWidth) } }
        let units = rectifiers.reduce(0) { $0 + $1.1 }
        if units > 0 { result.deadFraction = rectifiers.reduce(0) { $0 + $1.0 * Double($1.1) } / Double(units) }
        return result
    }

    // MARK: - Measurements

    /// One pass over `features` in evaluation mode, layer by layer: each output's
    /// mean and standard deviation, weight norms and changes, and for every
    /// (leaky) ReLU the fraction of units whose input was never positive.
    static func layerStatistics(
        _ model: Model<Float>, _ features: Tensor<Float>, weightNorms: [Int: Double], relativeChanges: [Int: Double]
    ) -> [LayerResult] {
        var out: [LayerResult] = []
        var input = features
        for (index, layer) in model.layers.enumerated() {
            let output = layer.forward(input, mode: .evaluation)
            let (sum, squares) = Float.sums(output)
            let count = Double(max(output.count, 1))
            let mean = sum / count
            var dead: Double?
            if let activation = layer as? Activation<Float> {
                switch activation.function {
                case .relu, .leakyReLU: dead = deadFraction(input)
                default: break
                }
            }
            out.append(LayerResult(
                index: index, name: layer.description, activationMean: mean,
                activationStandardDeviation: max(0, squares / count - mean * mean).squareRoot(),
                weightNorm: weightNorms[index], relativeChange: relativeChanges[index], deadFraction: dead))
            input = output
        }
        return out
    }

    /// The fraction of columns of `input` with no positive entry: units a ReLU
    /// never lets through, whose weights therefore get no gradient.
    static func deadFraction(_ input: Tensor<Float>) -> Double {
        guard input.columns > 0, input.rows > 0 else { return .nan }
        var alive = [Bool](repeating: false, count: input.columns)
        input.withUnsafeBufferPointer { values in
            for r in 0..<input.rows {
                for c in 0..<input.columns where values[r * input.columns + c] > 0 { alive[c] = true }
            }
        }
        return Double(alive.filter { !$0 }.count) / Double(input.columns)
    }

    /// √(Σ‖Tᵢ‖²): the Euclidean norm of all the tensors as one vector.
    static func norm(_ tensors: [Tensor<Float>]) -> Double {
        tensors.reduce(0.0) { $0 + Float.sums($1).sumOfSquares }.squareRoot()
    }

    static func difference(_ a: Tensor<Float>, _ b: Tensor<Float>) -> Tensor<Float> {
        let values = zip(a.scalars, b.scalars).map { $0 - $1 }
        return (try? Tensor(rows: a.rows, columns: a.columns, scalars: values)) ?? Tensor()
    }

    /// Multiplies feature i by `scale[i]` (or every feature by the one number).
    static func rescale(_ data: Dataset<Float>, by scale: [Double]) throws -> Dataset<Float> {
        let columns = data.featureWidth
        var values = data.features.scalars
        for i in values.indices {
            values[i] *= Float(scale.count == 1 ? scale[0] : scale[i % columns])
        }
        return try data.replacingFeatures(try Tensor(rows: data.count, columns: columns, scalars: values))
    }

    /// The condition number λ_max / λ_min of XᵀX / n for up to 16 features
    /// (the curvature of a linear least-squares problem in those features);
    /// NaN for wider inputs or a singular matrix.
    static func conditionNumber(_ features: Tensor<Float>) -> Double {
        let d = features.columns, n = features.rows
        guard d >= 1, d <= 16, n > 0 else { return .nan }
        var a = [Double](repeating: 0, count: d * d)
        let x = features.scalars
        for r in 0..<n {
            for i in 0..<d {
                let xi = Double(x[r * d + i])
                for j in i..<d { a[i * d + j] += xi * Double(x[r * d + j]) }
            }
        }
        for i in 0..<d {
            for j in i..<d {
                a[i * d + j] /= Double(n)
                a[j * d + i] = a[i * d + j]
            }
        }
        let eigenvalues = symmetricEigenvalues(a, size: d)
        guard let largest = eigenvalues.max(), let smallest = eigenvalues.min(), smallest > largest * 1e-12 else { return .nan }
        return largest / smallest
    }

    /// Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations.
    static func symmetricEigenvalues(_ matrix: [Double], size d: Int) -> [Double] {
        var a = matrix
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<d { for j in 0..<d where i != j { off += a[i * d + j] * a[i * d + j] } }
            if off < 1e-24 * max(1, (0..<d).reduce(0.0) { $0 + a[$1 * d + $1] * a[$1 * d + $1] }) { break }
            for p in 0..<d {
                for q in (p + 1)..<max(d, p + 1) where abs(a[p * d + q]) > 0 {
                    let theta = (a[q * d + q] - a[p * d + p]) / (2 * a[p * d + q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<d {
                        let akp = a[k * d + p], akq = a[k * d + q]
                        a[k * d + p] = c * akp - s * akq
                        a[k * d + q] = s * akp + c * akq
                    }
                    for k in 0..<d {
                        let apk = a[p * d + k], aqk = a[q * d + k]
                        a[p * d + k] = c * apk - s * aqk
                        a[q * d + k] = s * apk + c * aqk
                    }
                }
            }
        }
        return (0..<d).map { a[$0 * d + $0] }
    }
}
