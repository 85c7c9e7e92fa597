import Foundation
import NeuralEngine

/// The update rule a block names in `optimizer:`.
enum OptimizerChoice: String, Codable, Sendable, Hashable, CaseIterable {
    /// Plain stochastic gradient descent.
    case sgd
    /// SGD with heavy-ball momentum (β 0.9 unless `momentum:` says otherwise).
    case momentum
    /// Adam (the paper's β₁ = 0.9, β₂ = 0.999 unless `beta1:`, `beta2:` say otherwise).
    case adam
    /// RMSprop (ρ = 0.9 unless `beta2:` says otherwise).
    case rmsprop

    /// A learning rate that works for small MLPs with this rule.
    var defaultLearningRate: Double {
        switch self {
        case .sgd: 0.1
        case .momentum: 0.01
        case .adam: 0.005
        case .rmsprop: 0.001
        }
    }
}

/// How a kind trains its networks: the keys every training kind shares.
struct TrainingRecipe: Codable, Sendable, Hashable {
    var epochs: Int
    var batchSize: Int
    var learningRate: Double
    var optimizer: OptimizerChoice
    /// λ of the L2 penalty (λ/2)‖w‖² on the weight matrices.
    var weightDecay: Double
    /// Momentum, β's, ε, L1, the schedule (and, in `train`, early stopping).
    var tuning = OptimizerSettings()

    static func keys(epochs: Int, batchSize: Int, optimizer: OptimizerChoice) -> [KeyDescriptor] {
        [
            KeyDescriptor("epochs", .integer, default: String(epochs), range: .closed(1, 10_000),
                          "Passes over the training set.").suggestedInScaffold(),
            KeyDescriptor("batch_size", .integer, default: String(batchSize), range: .closed(1, 100_000),
                          "Examples per gradient step."),
            optimizerKey(default: optimizer.rawValue),
            learningRateKey,
            KeyDescriptor("weight_decay", .number, default: "0", range: .closed(0, 100),
                          "λ of the L2 penalty (λ/2)‖w‖² on the weight matrices (not the biases)."),
        ] + OptimizerSettings.keys(earlyStopping: false)
    }

    static func optimizerKey(default value: String) -> KeyDescriptor {
        KeyDescriptor("optimizer", .word(OptimizerChoice.allCases.map(\.rawValue)), default: value,
                      "The update rule: plain SGD, SGD with momentum (β: momentum), Adam (beta1, beta2, epsilon) or RMSprop (beta2, epsilon).")
            .suggestedInScaffold()
    }

    static let learningRateKey = KeyDescriptor(
        "learning_rate", .number, described: "0.1 (sgd), 0.01 (momentum), 0.005 (adam), 0.001 (rmsprop)",
        range: .aboveUpTo(0, 100), "The step size η (at the first epoch, with lr_schedule).").suggestedInScaffold()

    static func decode(_ reader: SpecReader) -> TrainingRecipe {
        let optimizer = OptimizerChoice(rawValue: reader.choice("optimizer")) ?? .adam
        var tuning = OptimizerSettings()
        for key in OptimizerSettings.trainingKeyNames {
            if let written = reader.value(key) { tuning.apply(key, written, reader: reader) }
        }
        for (key, message) in tuning.problems(optimizers: [optimizer], hasValidation: true) { reader.fail(key, message) }
        return TrainingRecipe(
            epochs: reader.int("epochs"), batchSize: reader.int("batch_size"),
            learningRate: reader.optionalDouble("learning_rate") ?? optimizer.defaultLearningRate,
            optimizer: optimizer, weightDecay: reader.double("weight_decay"), tuning: tuning)
    }

    /// The recipe as it runs, for the cache key (the spec's JSON): the
    /// optimizer's settings with their defaults written out
    /// (``OptimizerSettings/asRun(by:)``), so that writing a default and
    /// leaving it out are the same run. Every stored property is encoded (a
    /// test checks it).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(epochs, forKey: .epochs)
        try container.encode(batchSize, forKey: .batchSize)
        try container.encode(learningRate, forKey: .learningRate)
        try container.encode(optimizer, forKey: .optimizer)
        try container.encode(weightDecay, forKey: .weightDecay)
        try container.encode(tuning.asRun(by: optimizer), forKey: .tuning)
    }

    func makeOptimizer() throws -> any Optimizer<Float> {
        try tuning.makeOptimizer(optimizer, learningRate: learningRate, weightDecay: weightDecay)
    }

    func options(loss: LossFunction) -> TrainingOptions {
        TrainingOptions(epochs: epochs, batchSize: batchSize, loss: loss,
                        learningRateSchedule: tuning.learningRateSchedule(epochs: epochs), recordSteps: false,
                        earlyStopping: tuning.earlyStopping)
    }

    /// Trains `model` on `training` with this recipe (a fresh optimizer, the
    /// shuffles drawn from `generator`); check the history's divergence.
    func fit(_ model: Model<Float>, on training: Dataset<Float>, loss: LossFunction,
             generator: inout RandomGenerator) throws -> TrainingHistory {
        let trainer = Trainer(model: model, optimizer: try makeOptimizer(), options: options(loss: loss))
        return try trainer.fit(training, generator: &generator)
    }

    /// "Adam, η = 0.005, 1,000 epochs of batches of 32" (counts grouped as
    /// in the rest of a caption; batch gradient descent: "of the whole training set").
    var label: String {
        let momentum = ResultValue.format(tuning.resolvedMomentum, significant: 3)
        let name = ["sgd": "SGD", "momentum": "SGD with momentum \(momentum)", "adam": "Adam", "rmsprop": "RMSprop"][optimizer.rawValue]
            ?? optimizer.rawValue
        var tuningLabel = tuning
        tuningLabel.momentum = nil
        var text = "\(name)\(tuningLabel.label), η = \(ResultValue.format(learningRate, significant: 3)), \(epochs.grouped) epoch\(epochs == 1 ? "" : "s") "
            + (batchSize == Int.max ? "of the whole training set" : "of batches of \(batchSize.grouped)")
        if weightDecay > 0 { text += ", weight decay λ = \(ResultValue.format(weightDecay, significant: 3))" }
        return text
    }
}
