import Foundation
import NeuralEngine

/// The training, validation and test sets of a block, drawn the same way by
/// every kind that trains networks: examples from a ``DataRecipe``, a
/// stratified random split, per-feature standardization fitted on the
/// training part only, and optionally noisy training labels.
struct TrainingSets: Sendable {
    var training: Dataset<Float>
    /// Empty (zero examples) when the block asked for no validation set.
    var validation: Dataset<Float>?
    var test: Dataset<Float>
    /// The standardization applied (fitted on the training part), if any.
    var standardizer: Standardizer<Float>?

    /// Draws `examples` examples and splits them.
    /// - Parameters:
    ///   - trainFraction: Fraction of the examples used for training.
    ///   - validationFraction: Fraction used for validation (0: no validation set); the test set takes the rest.
    ///   - standardize: Whether to standardize every set with the training set's mean and standard deviation.
    ///   - labelNoise: Fraction of the training labels replaced by a class drawn at random.
    ///   - transform: Applied to the raw features of all examples before the split (e.g. rescaling).
    static func make(
        _ recipe: DataRecipe, examples: Int, trainFraction: Double, validationFraction: Double = 0,
        standardize: Bool = true, labelNoise: Double = 0, context: DecodeContext, generator: inout RandomGenerator,
        transform: ((Dataset<Float>) throws -> Dataset<Float>)? = nil
    ) throws -> TrainingSets {
        var all = try recipe.examples(examples, context: context, generator: &generator)
        if let transform { all = try transform(all) }
        let stratified = !recipe.source.isRegression
        var training: Dataset<Float>, validation: Dataset<Float>?, test: Dataset<Float>
        if validationFraction > 0 {
            let parts = try all.split(fractions: [trainFraction, validationFraction, 1 - trainFraction - validationFraction],
                                      stratified: stratified, generator: &generator)
            (training, validation, test) = (parts[0], parts[1], parts[2])
        } else {
            (training, test) = try all.split(trainingFraction: trainFraction, stratified: stratified, generator: &generator)
        }
        // A tiny set split class by class can leave a part with nothing
        // (20 examples of 3 classes, train_fraction 0.05): said here, before
        // a step count divides by the training set's size, or a validation
        // loss is the mean over no example.
        let empty: Part?
        if training.count == 0 {
            empty = .training
        } else if test.count == 0 {
            empty = .test
        } else if validation?.count == 0 {
            empty = .validation
        } else {
            empty = nil
        }
        if let empty {
            throw emptySet(empty, examples: examples, stratified: stratified,
                           trainFraction: trainFraction, validationFraction: validationFraction)
        }
        var standardizer: Standardizer<Float>?
        if standardize {
            let fitted = Standardizer(fitting: training)
            training = try fitted.transform(training)
            validation = try validation.map { try fitted.transform($0) }
            test = try fitted.transform(test)
            standardizer = fitted
        }
        training = try LabelNoise.corrupt(training, fraction: labelNoise, generator: &generator)
        return TrainingSets(training: training, validation: validation, test: test, standardizer: standardizer)
    }

    /// A part of the split that can be left with no example.
    enum Part: String {
        case training, validation, test
    }

    /// Why `part` has no example, naming the fractions that decide its size:
    /// the training part is `train_fraction` of the examples (of each class,
    /// rounded), the validation part the next `validation_fraction`, the test
    /// part what the training and validation parts leave.
    static func emptySet(_ part: Part, examples: Int, stratified: Bool,
                         trainFraction: Double, validationFraction: Double) -> ExperimentError {
        let split = "\(examples.grouped) examples split \(stratified ? "class by class" : "at random")"
        let perClass = stratified ? " of each class" : ""
        let train = "train_fraction \(ResultValue.format(trainFraction))"
        switch part {
        case .training:
            return ExperimentError("the training set is empty: \(split) with \(train) leave no training example "
                                   + "(\(ResultValue.format(trainFraction))\(perClass) rounds to none); give more examples or a larger 'train_fraction'")
        case .validation:
            let validation = ResultValue.format(validationFraction)
            return ExperimentError("the validation set is empty: \(split) with \(train) and validation_fraction \(validation) leave no validation example "
                                   + "(\(validation)\(perClass) rounds to none); give more examples or a larger 'validation_fraction', or 0 for none")
        case .test:
            let rest = ResultValue.format(max(0, 1 - trainFraction - validationFraction))
            guard validationFraction > 0 else {
                return ExperimentError("the test set is empty: \(split) with \(train) leave no test example "
                                       + "(the rest, \(rest)\(perClass), rounds to none); give more examples or a smaller 'train_fraction'")
            }
            return ExperimentError("the test set is empty: \(split) with \(train) and validation_fraction \(ResultValue.format(validationFraction)) "
                                   + "leave no test example (the rest, \(rest)\(perClass), rounds to none); "
                                   + "give more examples or a smaller 'train_fraction' or 'validation_fraction'")
        }
    }
}

/// Symmetric label noise: a fraction of the labels, chosen at random, replaced
/// by a class drawn uniformly — possibly the same one, as in the usual model.
enum LabelNoise {
    static func corrupt(_ data: Dataset<Float>, fraction: Double, generator: inout RandomGenerator) throws -> Dataset<Float> {
        guard fraction > 0, var labels = data.labels, let classes = data.classCount else { return data }
        let count = Int((fraction * Double(labels.count)).rounded())
        for index in generator.permutation(labels.count).prefix(count) {
            labels[index] = generator.integer(below: classes)
        }
        return try Dataset(features: data.features, labels: labels, classCount: classes)
    }
}
