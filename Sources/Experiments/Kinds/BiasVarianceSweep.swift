import Foundation
import NeuralEngine
import LessonSupport

/// Trains one model per capacity on the same training set and measures its
/// error on that set and on a validation set.
struct BiasVarianceSweep {
    var spec: BiasVarianceKind.Spec

    /// One capacity's errors. Errors are fractions misclassified, or mean
    /// squared errors for regression.
    struct Row: Sendable {
        var capacity: Int
        var parameters: Int
        var trainError: Double
        var validationError: Double
        /// Where training stopped on a NaN or infinity, if it did.
        var divergence: Divergence?
    }

    func run(context: DecodeContext, generator: inout RandomGenerator) throws -> [Row] {
        if spec.family == .errors {
            return spec.givenErrors.enumerated().map { n, pair in
                Row(capacity: n + 1, parameters: 0, trainError: pair[0], validationError: pair[1])
            }
        }
        var dataGenerator = generator.split()
        let examples = try spec.data.examples(spec.trainSize + spec.validationSize, context: context, generator: &dataGenerator)
        let (training, validation) = try spec.data.split(examples, first: spec.trainSize)
        return try spec.capacities.map { capacity in
            try WorkDeadline.check()
            var modelGenerator = generator.split()
            return try fit(capacity, training: training, validation: validation, generator: &modelGenerator)
        }
    }

    /// Fits the model of `capacity` and measures its two errors.
    func fit(
        _ capacity: Int, training: Dataset<Float>, validation: Dataset<Float>, generator: inout RandomGenerator
    ) throws -> Row {
        var row = Row(capacity: capacity, parameters: spec.parameterCount(capacity), trainError: .nan, validationError: .nan)
        if spec.family == .degrees {
            let polynomial = try self.polynomial(capacity, on: training, singular: ": the training set has too few distinct points")
            row.trainError = Self.meanSquaredError(polynomial, training)
            row.validationError = Self.meanSquaredError(polynomial, validation)
            return row
        }
        let (model, history) = try train(capacity, on: training, generator: &generator)
        row.divergence = history.divergence
        if row.divergence == nil {
            row.trainError = try error(of: model, on: training)
            row.validationError = try error(of: model, on: validation)
        }
        return row
    }

    /// A fresh network of `capacity`, trained on `training`.
    func train(
        _ capacity: Int, on training: Dataset<Float>, generator: inout RandomGenerator
    ) throws -> (Model<Float>, TrainingHistory) {
        let model = try Model<Float>(entries: spec.layers(capacity), inputWidth: spec.data.inputWidth, generator: &generator)
        let trainer = Trainer(model: model, optimizer: try spec.training.makeOptimizer(), options: spec.training.options(loss: spec.data.loss))
        let history = try trainer.fit(training, generator: &generator)
        return (model, history)
    }

    /// Fraction misclassified, or mean squared error, in evaluation mode.
    func error(of model: Model<Float>, on data: Dataset<Float>) throws -> Double {
        spec.data.source.isRegression ? try model.evaluate(data, loss: .meanSquaredError).loss : 1 - (try model.accuracy(on: data))
    }

    /// The least-squares polynomial of `degree` (ridge: `weight_decay`) through a regression set;
    /// `singular` ends the message when the problem has no solution.
    func polynomial(_ degree: Int, on data: Dataset<Float>, singular: String) throws -> PolynomialFit {
        let (x, y) = Self.columns(data)
        guard let polynomial = PolynomialFit.fit(x: x, y: y, degree: degree, ridge: spec.training.weightDecay) else {
            throw ExperimentError("the least-squares problem of degree \(degree) is singular\(singular)")
        }
        return polynomial
    }

    /// The single feature and target of a regression set, in `Double`.
    static func columns(_ data: Dataset<Float>) -> (x: [Double], y: [Double]) {
        (data.features.scalars.map(Double.init), data.targetValues?.scalars.map(Double.init) ?? [])
    }

    static func meanSquaredError(_ polynomial: PolynomialFit, _ data: Dataset<Float>) -> Double {
        let (x, y) = columns(data)
        var sum = 0.0
        for (x, y) in zip(x, y) {
            let r = polynomial(x) - y
            sum += r * r
        }
        return sum / Double(max(x.count, 1))
    }
}
