import Foundation
import NeuralEngine
import Testing
@testable import Experiments

/// The optimizer's settings in a `train` block (and the kinds that train):
/// decoding, located errors, and what a run reports about them.
@Suite struct OptimizerSettingsTests: KindSuite {
    typealias Kind = TrainKind

    /// A block that writes a default whose value depends on another key
    /// (`beta2: 0.999` with Adam, the optimizer's learning rate) and one that
    /// leaves it out are the same run: one cache key, so the second does not
    /// run again for the same numbers (`nil` for "left out" must not be
    /// part of the key). A number that differs is another key.
    @Test(arguments: [
        (TrainKind.name, "hidden: [8]\nepochs: 2\noptimizer: adam\n", "beta2: 0.999\nbeta1: 0.9\nepsilon: 1e-8\nlearning_rate: 0.005\n", "beta2: 0.99\n"),
        (TrainKind.name, "hidden: [8]\nepochs: 2\noptimizer: rmsprop\n", "beta2: 0.9\n", "beta2: 0.999\n"),
        (TrainKind.name, "hidden: [8]\nepochs: 2\noptimizer: momentum\nlr_schedule: step\n", "momentum: 0.9\nlr_decay: 0.5\n", "lr_decay: 0.4\n"),
        (BatchNormModesKind.name, "hidden: [8]\nepochs: 2\noptimizer: adam\n", "beta2: 0.999\n", "beta2: 0.99\n"),
    ])
    func writingADefaultIsTheSameRun(kind: String, body: String, defaults: String, other: String) throws {
        func key(_ text: String) throws -> String {
            let prepared: PreparedExperiment? = kind == TrainKind.name
                ? KindTesting.prepare(TrainKind.self, text).0 : KindTesting.prepare(BatchNormModesKind.self, text).0
            return try #require(prepared, "\(text)").specJSON
        }
        #expect(try key(body) == key(body + defaults))
        #expect(try key(body) != key(body + other))
    }

    /// The cache key encodes every stored property of the settings a
    /// variant may change and of a recipe: one left out of the hand-written
    /// encoding would give two different runs the same key.
    @Test func theKeyEncodesEveryStoredSetting() throws {
        func encodedKeys(_ value: some Encodable) throws -> Set<String> {
            let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? [String: Any]
            return Set(object?.keys.map { $0 } ?? [])
        }
        func storedNames(_ value: Any) -> Set<String> { Set(Mirror(reflecting: value).children.compactMap(\.label)) }
        var settings = TrainSettings()
        settings.explicitLayers = [.layerNorm]
        #expect(try encodedKeys(settings) == storedNames(settings))
        let recipe = settings.recipe
        #expect(try encodedKeys(recipe) == storedNames(recipe))
        let tuning = OptimizerSettings().asRun(by: .adam)
        #expect(try encodedKeys(tuning).isSuperset(of: ["momentum", "beta1", "beta2", "epsilon", "decay"]))
    }

    @Test func settingsAreDecodedPerVariant() throws {
        let spec = try #require(try KindTesting.spec(TrainKind.self, """
            optimizer: momentum
            momentum: 0.5
            momentum_convention: average
            lr_schedule: step
            lr_decay: 0.1
            lr_step: 3
            l1: 0.001
            variants: [{name: plain}, {name: nesterov, nesterov: true}, {name: adam, optimizer: adam, beta1: 0.8, beta2: 0.99, epsilon: 1e-6}]
            """))
        let plain = spec.variants[0].settings.tuning
        #expect(plain.momentum == 0.5 && plain.convention == .average && !plain.nesterov && plain.l1 == 0.001)
        #expect(plain.learningRateSchedule(epochs: 20) == .step(every: 3, factor: 0.1))
        #expect(spec.variants[1].settings.tuning.nesterov)
        let adam = spec.variants[2].settings
        #expect(adam.optimizer == .adam && adam.tuning.beta1 == 0.8 && adam.tuning.beta2 == 0.99 && adam.tuning.epsilon == 1e-6)
        #expect(spec.variants[2].label == "adam (optimizer = adam, beta1 = 0.8, beta2 = 0.99, epsilon = 1e-06)"
                || spec.variants[2].label.hasPrefix("adam (optimizer = adam, beta1 = 0.8"), "\(spec.variants[2].label)")
    }

    @Test func aKeyForAnotherVariantsOptimizerIsAllowed() {
        let (prepared, issues) = prepare("vary: {optimizer: [sgd, momentum, rmsprop, adam]}\nmomentum: 0.8\nbeta1: 0.8\nbeta2: 0.99\n")
        #expect(prepared != nil, "\(issues.map(\.message))")
    }

    @Test(arguments: [
        ("beta1: 0.8\n", "'beta1' is Adam's, and the block's optimizer is sgd"),
        ("optimizer: adam\nmomentum: 0.5\n", "'momentum: 0.5' is the β of optimizer: momentum, and the block's optimizer is adam"),
        ("optimizer: momentum\nmomentum: 1\n", "'momentum' is 1, outside the allowed range 0 ≤ momentum < 1"),
        ("optimizer: momentum\nmomentum_convention: course\n",
         "'momentum_convention' must be one of 'pytorch', 'average', found 'course'"),
        ("lr_decay: 0.5\n", "'lr_decay' sets the rate of a schedule, and lr_schedule is constant; add e.g. 'lr_schedule: exponential'"),
        ("lr_schedule: exponential\nlr_decay: 1.5\n", "'lr_decay' of lr_schedule: exponential must be 0 < lr_decay ≤ 1, found 1.5"),
        ("lr_schedule: linear\n", "'lr_schedule' must be one of 'constant', 'step', 'exponential', 'inverse_time', 'cosine', found 'linear'"),
        ("validation_fraction: 0\npatience: 3\n",
         "early stopping watches the validation loss, and validation_fraction is 0; give it e.g. 0.2"),
        ("patience: 0\n", "'patience' is 0, outside the allowed range 1 ≤ patience ≤ 10,000"),
        ("variants: [{name: a}, {name: b, optimizer: sgd, epsilon: 0.1}]\n",
         "'epsilon' is Adam's and RMSprop's, and the block's optimizer is sgd"),
    ])
    func mistakesAreLocatedErrors(body: String, message: String) {
        let (prepared, issues) = prepare(body)
        #expect(prepared == nil)
        let found = issues.first { $0.message.hasSuffix(message) || $0.message.hasPrefix(message) }
        #expect(found != nil, "\(issues.map(\.message))")
        #expect((found?.line ?? 0) >= 1, "\(String(describing: found))")
    }

    @Test func theOtherTrainingKindsTakeTheKeys() {
        let (_, issues) = KindTesting.prepare(DropoutEnsembleKind.self, "optimizer: sgd\nbeta1: 0.5\n")
        #expect(issues.map(\.message).contains("'beta1' is Adam's, and the block's optimizer is sgd"), "\(issues.map(\.message))")
        let (prepared, more) = KindTesting.prepare(DropoutEnsembleKind.self, "optimizer: rmsprop\nbeta2: 0.95\nlr_schedule: cosine\n")
        #expect(prepared != nil, "\(more.map(\.message))")
    }

    @Test func theLearningRateOfEveryEpochIsAValue() throws {
        let values = try run("data: blobs\nexamples: 200\nhidden: [4]\nepochs: 3\nlearning_rate: 0.4\nlr_schedule: exponential\nlr_decay: 0.5\n").values
        let rates = try #require(value(values, "variants.base.curve.learning_rate"))
        #expect(rates == .numbers([0.4, 0.2, 0.1]))
    }

    @Test func earlyStoppingValues() throws {
        let values = try run("""
            data: blobs
            examples: 300
            hidden: [16]
            epochs: 200
            optimizer: adam
            learning_rate: 0.05
            patience: 2
            target_loss: 1e-9
            """).values
        let stopped = number(values, "variants.base.stopped_at")
        let best = number(values, "variants.base.best_epoch")
        // 200 epochs of Adam cannot lower the validation loss at every one.
        #expect(stopped < 200 && stopped - best == 2, "stopped \(stopped), best \(best)")
        #expect(number(values, "variants.base.epochs_run") == stopped)
        // The target is out of reach: said with a boolean, not only a NaN.
        #expect(value(values, "variants.base.reached_target") == .bool(false))
        #expect(number(values, "variants.base.steps_to_target").isNaN)
        #expect(value(values, "variants.base.diverged") == .bool(false))
    }

    @Test func averageMomentumIsPyTorchMomentumWithAScaledRate() throws {
        // v = βv + (1 − β)g with η is v = βv + g with η(1 − β): the same run up to rounding.
        let values = try run("""
            data: blobs
            examples: 200
            hidden: [8]
            epochs: 3
            optimizer: momentum
            momentum: 0.75
            variants: [{name: average, momentum_convention: average, learning_rate: 0.2}, {name: pytorch, learning_rate: 0.05}]
            """).values
        let a = number(values, "variants.average.train_loss"), b = number(values, "variants.pytorch.train_loss")
        #expect(abs(a - b) <= 1e-4 * max(a, b), "\(a) vs \(b)")
    }
}
