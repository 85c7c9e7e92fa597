import Foundation
import NeuralEngine

/// The update rule a block names in `optimizer:`.
enum OptimizerChoice: String, Codable, Sendable, Hashable, CaseIterable {
    /// Plain stochastic gradient descent.
    case sgd
    /// SGD with heavy-ball momentum 0.9.
    case momentum
    /// Adam with the paper's β₁ = 0.9, β₂ = 0.999.
    case adam

    /// A learning rate that works for small MLPs with this rule.
    var defaultLearningRate: Double {
        switch self {
        case .sgd: 0.1
        case .momentum: 0.01
        case .adam: 0.005
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

    static func keys(epochs: Int, batchSize: Int, optimizer: OptimizerChoice) -> [KeyDescriptor] {
        [
            KeyDescriptor("epochs", type: "integer", default: String(epochs), range: .closed(1, 10_000),
                          "Passes over the training set."),
            KeyDescriptor("batch_size", type: "integer", default: String(batchSize), range: .closed(1, 100_000),
                          "Examples per gradient step."),
            KeyDescriptor("optimizer", type: "sgd | momentum | adam", default: optimizer.rawValue,
                          "The update rule: plain SGD, SGD with momentum 0.9, or Adam."),
            KeyDescriptor("learning_rate", type: "number", described: "0.1 (sgd), 0.01 (momentum), 0.005 (adam)",
                          range: .aboveUpTo(0, 100), "The step size η."),
            KeyDescriptor("weight_decay", type: "number", default: "0", range: .closed(0, 100),
                          "λ of the L2 penalty (λ/2)‖w‖² on the weight matrices (not the biases)."),
        ]
    }

    static func decode(_ reader: SpecReader) -> TrainingRecipe {
        let optimizer = OptimizerChoice(rawValue: reader.choice("optimizer", OptimizerChoice.allCases.map(\.rawValue))) ?? .adam
        return TrainingRecipe(
            epochs: reader.int("epochs"), batchSize: reader.int("batch_size"),
            learningRate: reader.optionalDouble("learning_rate") ?? optimizer.defaultLearningRate,
            optimizer: optimizer, weightDecay: reader.double("weight_decay"))
    }

    func makeOptimizer() throws -> any Optimizer<Float> {
        let decay = WeightDecay(rate: weightDecay)
        switch optimizer {
        case .sgd: return try SGD<Float>(learningRate: learningRate, weightDecay: decay)
        case .momentum: return try SGD<Float>(learningRate: learningRate, momentum: 0.9, weightDecay: decay)
        case .adam: return try Adam<Float>(learningRate: learningRate, weightDecay: decay)
        }
    }

    func options(loss: LossFunction) -> TrainingOptions {
        TrainingOptions(epochs: epochs, batchSize: batchSize, loss: loss, recordSteps: false)
    }

    /// Trains `model` on `training` with this recipe (a fresh optimizer, the
    /// shuffles drawn from `generator`); check the history's divergence.
    func fit(_ model: Model<Float>, on training: Dataset<Float>, loss: LossFunction,
             generator: inout RandomGenerator) throws -> TrainingHistory {
        let trainer = Trainer(model: model, optimizer: try makeOptimizer(), options: options(loss: loss))
        return try trainer.fit(training, generator: &generator)
    }

    /// "Adam, η = 0.005, 200 epochs of batches of 32".
    var label: String {
        let name = ["sgd": "SGD", "momentum": "SGD with momentum 0.9", "adam": "Adam"][optimizer.rawValue] ?? optimizer.rawValue
        var text = "\(name), η = \(ResultValue.format(learningRate, significant: 3)), \(epochs) epoch\(epochs == 1 ? "" : "s") "
            + "of batches of \(batchSize)"
        if weightDecay > 0 { text += ", weight decay λ = \(ResultValue.format(weightDecay, significant: 3))" }
        return text
    }
}
