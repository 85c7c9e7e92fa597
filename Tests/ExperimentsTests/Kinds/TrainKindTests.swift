import Foundation
import NeuralEngine
import Testing
@testable import Experiments

@Suite struct TrainKindTests: KindSuite {
    typealias Kind = TrainKind

    /// The record without the wall-clock fields, which differ from run to run.
    func withoutTimes(_ value: ResultValue) -> ResultValue {
        KindTesting.withoutTimings(value, fields: ["ms", "ms_per_epoch"])
    }

    /// JSON with NaN written as text: NaN ≠ NaN would make equal records differ.
    func json(_ value: ResultValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func isRegisteredAndDocumented() {
        let kind = KindRegistry.kind(named: "train")
        #expect(kind != nil)
        let names = Set(kind?.keys.map(\.name) ?? [])
        for key in TrainSettings.keyNames + ["vary", "variants", "curve", "target_loss", "feature_scale", "label_noise"] {
            #expect(names.contains(key), "\(key)")
        }
    }

    @Test func defaults() throws {
        let spec = try #require(try KindTesting.spec(TrainKind.self, "id: t\n"))
        #expect(spec.data.source == .digits)
        #expect(spec.variants.count == 1 && spec.variants[0].name == "base")
        let settings = spec.variants[0].settings
        #expect(settings.hidden == [64] && settings.activation == .relu && settings.normalization == NormalizationChoice.none)
        #expect(settings.batchSize == 32 && settings.epochs == 20 && settings.optimizer == .sgd && settings.resolvedLearningRate == 0.1)
        #expect(settings.entries(outputWidth: 10) == [.dense(units: 64, hasBias: true), .activation(.relu), .dense(units: 10, hasBias: true)])
    }

    @Test func modelsAreBuiltFromTypedEntries() throws {
        let spec = try #require(try KindTesting.spec(TrainKind.self, """
            hidden: [16, 8]
            normalization: group
            groups: 4
            keep_prob: 0.5
            activation: tanh
            """))
        #expect(spec.variants[0].settings.entries(outputWidth: 10) == [
            .dense(units: 16, hasBias: true), .groupNorm(groups: 4), .activation(.tanh), .dropout(keepProbability: 0.5, form: .inverted),
            .dense(units: 8, hasBias: true), .groupNorm(groups: 4), .activation(.tanh), .dropout(keepProbability: 0.5, form: .inverted),
            .dense(units: 10, hasBias: true),
        ])
        let explicit = try #require(try KindTesting.spec(TrainKind.self, "layers: [dense 32, batchnorm, relu, groupnorm 8]\n"))
        #expect(explicit.variants[0].settings.entries(outputWidth: 10) == [
            .dense(units: 32, hasBias: true), .batchNorm(momentum: 0.9), .activation(.relu), .groupNorm(groups: 8),
            .dense(units: 10, hasBias: true),
        ])
        let (prepared, issues) = prepare("layers: [dense 32, batchnorm, relu, groupnorm 32]\n")
        #expect(prepared == nil)
        #expect(issues.map(\.message).contains { $0.contains("groupnorm 32 on width 32 leaves one feature per group") }, "\(issues)")
    }

    @Test func varyAndVariantsNameTheirModels() throws {
        let spec = try #require(try KindTesting.spec(TrainKind.self, "vary: {batch_size: [all, 32, 1]}\n"))
        #expect(spec.variants.map(\.name) == ["all", "32", "1"])
        #expect(spec.variants.map(\.settings.batchSize) == [nil, 32, 1])
        #expect(spec.variants.map(\.label) == ["batch_size = all", "batch_size = 32", "batch_size = 1"])
        let rates = try #require(try KindTesting.spec(TrainKind.self, "vary: {learning_rate: [0.01, 0.1]}\n"))
        #expect(rates.variants.map(\.name) == ["v0", "v1"])
        #expect(rates.variants.map(\.value) == [0.01, 0.1])
        // One value that cannot be a name numbers them all.
        let mixed = try #require(try KindTesting.spec(TrainKind.self, "vary: {weight_decay: [0, 1e-3, 1]}\n"))
        #expect(mixed.variants.map(\.name) == ["v0", "v1", "v2"])
        let grid = try #require(try KindTesting.spec(TrainKind.self, """
            variants:
              - name: plain
              - {name: bn, normalization: batch}
            vary: {batch_size: [4, 32]}
            """))
        #expect(grid.variants.map(\.name) == ["plain_4", "plain_32", "bn_4", "bn_32"])
        #expect(grid.variants.map(\.settings.normalization) == [.none, .none, .batch, .batch])
    }

    @Test(arguments: [
        ("vary: {batch_sise: [1, 2]}\n", "'vary' cannot sweep 'batch_sise'; did you mean 'batch_size'?"),
        ("vary: {label_noise: [0, 0.2]}\n", "'vary' cannot sweep 'label_noise': it is a setting of the whole block, which all its variants share; "
            + "write one block per value, or 'explore: {label_noise: [a, b, c]}' to run the block at each value and let the reader choose"),
        ("vary: {feature_scale: [[1], [2]]}\n", "'vary' cannot sweep 'feature_scale': it is a setting of the whole block, which all its variants share; write one block per value"),
        ("vary: {plot: [{y_scale: log}, {y_scale: linear}]}\n",
         "'vary' cannot sweep 'plot': it is a setting of the whole block, which all its variants share; write one block per value"),
        ("variants: [{name: a, data: moons}]\n", "a variant cannot set 'data': it is a setting of the whole block, which all its variants share; "
            + "write one block per value, or 'explore: {data: [a, b, c]}' to run the block at each value and let the reader choose"),
        ("vary: [1, 2]\n", "'vary' must map one setting to a list of values, e.g. 'vary: {learning_rate: [0.01, 0.1, 1]}'"),
        ("vary: {learning_rate: [0.1, 0]}\n", "'learning_rate' is 0, outside the allowed range 0 < learning_rate ≤ 100"),
        ("variants: [{name: a.b}]\n",
         "the 'name' of a variant must be letters, digits and '_' (starting with a letter or '_', or a whole number), found 'a.b'"),
        ("variants: [{name: a, learning_rat: 1}]\n", "unknown setting 'learning_rat' in a variant; did you mean 'learning_rate'?"),
        ("normalization: batch\nbatch_size: 1\n",
         "variant 'base': batch norm needs at least 2 examples per batch to estimate a variance, the batch size is 1"),
        ("hidden: [30]\nnormalization: group\ngroups: 4\n", "variant 'base': layer 2: groupnorm 4 needs a width divisible by 4, got 30"),
        ("activation: relu6\n", "'activation' must be one of 'relu', 'leaky_relu', 'sigmoid', 'tanh', 'identity', found 'relu6'; did you mean 'relu'?"),
        ("initializer: hee\n", "unknown initializer 'hee' (allowed: zeros, constant, normal, normal_std, uniform, xavier_normal, xavier_uniform, he_normal, he_uniform)"),
        ("data: linear\nfeature_scale: [1, 2, 3]\n", "'feature_scale' needs 1 or 2 numbers (one per feature of linear), found 3"),
        ("data: linear\nlabel_noise: 0.1\n", "'label_noise' replaces class labels; data: linear is a regression set"),
        ("train_fraction: 0.8\nvalidation_fraction: 0.2\n",
         "train_fraction + validation_fraction is 1; keep it at most 0.95 so that a test set is left"),
        ("hidden: [1024, 1024]\nepochs: 300\n",
         "training would take 3.15×10¹¹ units of work (over the variants: epochs × (training examples × work per example + steps per epoch × 20,000); where "
            + ModelDescription.workPerExampleNote + "), more than the budget of 2.5×10¹¹"),
    ])
    func validationErrors(body: String, message: String) {
        let (prepared, issues) = prepare(body)
        #expect(prepared == nil)
        #expect(issues.map(\.message).contains(message), "\(issues.map(\.message))")
    }

    /// A mistake in `variants:` is reported at the entry, or the field of
    /// it, that made it; a shape other than a list, at the key.
    @Test(arguments: [
        ("variants: {name: bn, normalization: batch}\n",
         "'variants' must be a list of 1…16 mappings such as '[{name: bn, normalization: batch}]', found a mapping", 1, 11),
        ("variants: {a: {normalization: batch}, b: {epochs: 2}}\n", "'variants' is a list: write [{name: a, …}, {name: b, …}]", 1, 11),
        ("variants: [{name: a}, {name: a, epochs: 2}]\n", "two variants are named 'a'; give each its own 'name'", 1, 30),
        ("variants: [{name: v1}, {epochs: 2}]\n", "this variant is named 'v1' by its place, which another variant's 'name' took", 1, 24),
        ("variants: [{name: a, optimizer: sgd, beta1: 0.8}]\n", "'beta1' is Adam's", 1, 45),
        ("variants: [{name: a, hidden: [30], normalization: group, groups: 4}]\n", "variant 'a': layer 2: groupnorm 4 needs a width divisible by 4, got 30", 1, 66),
        ("vary: {epochs: [2, 2]}\n", "two variants are named '2'; give each value of 'vary' a different text", 1, 7),
        ("variants: [{name: a, optimizer: sgd}]\nvary: {beta1: [0.8, 0.9]}\n", "'beta1' is Adam's", 2, 7),
        ("variants: [{name: a, hidden: [30], normalization: group}]\nvary: {groups: [4, 7]}\n",
         "variant 'a_4': layer 2: groupnorm 4 needs a width divisible by 4, got 30", 2, 7),
        // Never at a key the block does not write: the entry's own batch
        // size, the default groups' width, the fraction written.
        ("normalization: batch\nvariants: [{name: one, batch_size: 1}, {name: two, batch_size: 8}]\n",
         "variant 'one': batch norm needs at least 2 examples per batch", 2, 36),
        ("hidden: [6]\nnormalization: group\n", "variant 'base': layer 2: groupnorm 4 needs a width divisible by 4, got 6", 2, 16),
        ("train_fraction: 0.8\n", "train_fraction + validation_fraction is 1; keep it at most 0.95", 1, 17),
    ])
    func variantMistakesAreLocated(body: String, message: String, line: Int, column: Int) throws {
        let (_, issues) = prepare(body)
        let issue = try #require(issues.first { $0.message.contains(message) }, "\(issues.map(\.message))")
        #expect((issue.line, issue.column) == (line, column), "\(issue.message) at \(issue.line):\(issue.column)")
        #expect(issues.filter { $0.message.contains("named") }.count <= 1, "\(issues.map(\.message))")
    }

    /// A problem with the setting `vary` sweeps is reported once, at `vary`,
    /// not at the entry of `variants:` once per value.
    @Test func aProblemOfTheVariedSettingIsReportedOnceAtVary() throws {
        let (_, issues) = prepare("variants: [{name: a, optimizer: sgd}]\nvary: {beta1: [0.8, 0.9]}\n")
        let adams = issues.filter { $0.message.contains("'beta1' is Adam's") }
        #expect(adams.count == 1, "\(issues.map(\.message))")
        #expect(adams.first.map { ($0.line, $0.column) } ?? (0, 0) == (2, 7))
        let (_, two) = prepare("variants: [{name: a, optimizer: sgd}, {name: b, optimizer: sgd}]\nvary: {beta1: [0.8, 0.9]}\n")
        #expect(two.map(\.message).filter { $0.contains("Adam's") }.count == 2, "\(two.map(\.message))")
        #expect(two.filter { $0.message.contains("Adam's") }.allSatisfy { ($0.line, $0.column) == (2, 7) }, "\(two.map(\.message))")
        #expect(two.contains { $0.message.hasPrefix("variant 'b': ") }, "\(two.map(\.message))")
    }

    @Test func budgetErrorIsLocated() {
        let (_, issues) = prepare("hidden: [1024, 1024]\nepochs: 300\n")
        let issue = issues.first { $0.message.hasPrefix("training would take") }
        #expect(issue?.line == 2 && issue?.column == 9, "\(String(describing: issue))")
    }

    /// Steps per epoch are ⌈n / batch⌉, and a run takes epochs × that many.
    @Test func stepsPerEpoch() throws {
        let values = try run("hidden: [8]\nepochs: 2\ntrain_fraction: 0.2\nvalidation_fraction: 0.1\nvary: {batch_size: [all, 32, 7]}\n").values
        let n = try #require(value(values, "train_examples")?.doubleValue)
        for (name, expected) in [("all", 1.0), ("32", (n / 32).rounded(.up)), ("7", (n / 7).rounded(.up))] {
            #expect(number(values, "variants.\(name).steps_per_epoch") == expected, "\(name)")
            #expect(number(values, "variants.\(name).steps") == 2 * expected, "\(name)")
        }
        // Full-batch gradient descent has one loss per epoch: no spread within it.
        #expect(number(values, "variants.all.last_epoch_loss_sd") == 0)
        #expect(number(values, "variants.7.last_epoch_loss_sd") > 0)
        #expect(value(values, "variants[1]") == value(values, "variants.32"))
    }

    /// One step of full-batch gradient descent with weight decay on a linear
    /// model, from weights all equal to 0.5: computed here by hand from the same
    /// examples, w₁ = w₀ − η((2/n) Σ (ŷ − y) x + λ w₀), b₁ = −η (2/n) Σ (ŷ − y).
    @Test func oneStepOfGradientDescentByHand() throws {
        let body = """
            data: linear
            examples: 200
            hidden: []
            initializer: constant 0.5
            standardize: false
            batch_size: all
            epochs: 1
            learning_rate: 0.1
            weight_decay: 0.2
            validation_fraction: 0.1
            """
        let values = try run(body, seed: 5).values
        let spec = try #require(try KindTesting.spec(TrainKind.self, body))
        var generator = RandomGenerator(seed: 5)
        var dataGenerator = generator.split()
        let sets = try TrainingSets.make(spec.data, examples: 200, trainFraction: 0.5, validationFraction: 0.1, standardize: false,
                                         context: KindTesting.context, generator: &dataGenerator)
        let x = sets.training.features.scalars.map(Double.init)
        let y = try #require(sets.training.targetValues).scalars.map(Double.init)
        let n = Double(y.count), eta = 0.1, lambda = 0.2
        var gradient = [0.0, 0.0], biasGradient = 0.0
        for i in 0..<y.count {
            let residual = 0.5 * x[2 * i] + 0.5 * x[2 * i + 1] - y[i]
            gradient[0] += 2 / n * residual * x[2 * i]
            gradient[1] += 2 / n * residual * x[2 * i + 1]
            biasGradient += 2 / n * residual
        }
        let w = [0.5 - eta * (gradient[0] + lambda * 0.5), 0.5 - eta * (gradient[1] + lambda * 0.5)]
        let b = -eta * biasGradient
        var loss = 0.0
        for i in 0..<y.count {
            let residual = w[0] * x[2 * i] + w[1] * x[2 * i + 1] + b - y[i]
            loss += residual * residual / n
        }
        let norm = (w[0] * w[0] + w[1] * w[1]).squareRoot()
        let change = ((w[0] - 0.5) * (w[0] - 0.5) + (w[1] - 0.5) * (w[1] - 0.5)).squareRoot() / (0.5 * 2.0.squareRoot())
        #expect(abs(number(values, "variants.base.weight_norm") - norm) <= 1e-5 * norm)
        #expect(abs(number(values, "variants.base.initial_weight_norm") - 0.5 * 2.0.squareRoot()) <= 1e-6)
        #expect(abs(number(values, "variants.base.relative_change") - change) <= 1e-4 * change)
        #expect(abs(number(values, "variants.base.train_loss") - loss) <= 1e-4 * loss)
        #expect(number(values, "variants.base.steps") == 1)
        #expect(number(values, "variants.base.train_accuracy").isNaN)
        #expect(number(values, "variants.base.dead_fraction").isNaN)
    }

    /// A ReLU unit whose weights are all negative never fires on positive inputs.
    @Test func deadUnitsOnAConstructedModel() throws {
        let dense = try Dense<Float>(weight: Tensor([[1, -1, 0.5], [1, -2, -1]]), bias: [0, 0, 0])
        let model = try Model<Float>(layers: [dense, Activation(.relu, width: 3)], inputWidth: 2)
        let inputs = try Tensor<Float>([[1, 1], [2, 0.1], [0.1, 3]])
        // Unit 0 always fires, unit 1 never (−x₁ − 2x₂ < 0), unit 2 fires on the second row only.
        let layers = TrainExperiment.layerStatistics(model, inputs, weightNorms: [0: 3], relativeChanges: [:])
        #expect(layers.count == 2)
        #expect(layers[0].deadFraction == nil && layers[0].weightNorm == 3)
        #expect(layers[1].deadFraction == 1.0 / 3)
        #expect(TrainExperiment.deadFraction(try Tensor([[0, -1], [0, 2]])) == 0.5)
        // The mean of the ReLU's outputs: rows (2, 0, 0), (2.1, 0, 0.9), (3.1, 0, 0) over 9 entries.
        #expect(abs(layers[1].activationMean - (2 + 2.1 + 0.9 + 3.1) / 9) < 1e-6)
    }

    @Test func conditionNumberOfScaledFeatures() throws {
        let x = try Tensor<Float>([[200, 0], [-200, 0], [0, 10], [0, -10]])
        #expect(abs(TrainExperiment.conditionNumber(x) - 400) < 1e-6)
        let skew = try Tensor<Float>([[1, 2], [3, 1], [-2, 1], [0, -4]])
        // XᵀX/4 = [[3.5, 0.75], [0.75, 5.5]]: eigenvalues 4.5 ± √(1 + 0.5625).
        let root = 1.5625.squareRoot()
        #expect(abs(TrainExperiment.conditionNumber(skew) - (4.5 + root) / (4.5 - root)) < 1e-9)
    }

    /// A tiny set split class by class can leave a part with no example:
    /// the run says which, and names the fractions that made it so, rather
    /// than divide by zero and crash the tool. The test part is what the
    /// training and validation parts leave, so both fractions decide it; a
    /// validation part asked for (a fraction above 0) that holds nothing is
    /// one too, not a validation loss of nothing.
    @Test(arguments: [
        ("train_fraction: 0.05\nvalidation_fraction: 0.1\n", "the training set is empty", ["train_fraction 0.05", "'train_fraction'"], "validation_fraction"),
        ("train_fraction: 0.5\nvalidation_fraction: 0.45\n", "the test set is empty",
         ["train_fraction 0.5", "validation_fraction 0.45", "the rest, 0.05 of each class", "'validation_fraction'"], nil),
        ("train_fraction: 0.95\nvalidation_fraction: 0\n", "the test set is empty", ["train_fraction 0.95", "the rest, 0.05 of each class", "'train_fraction'"], "validation_fraction"),
        ("train_fraction: 0.5\nvalidation_fraction: 0.05\n", "the validation set is empty",
         ["train_fraction 0.5", "validation_fraction 0.05", "0.05 of each class rounds to none", "'validation_fraction'", "or 0 for none"], nil),
    ])
    func anEmptySetIsAnErrorNotACrash(fractions: String, part: String, words: [String], unsaid: String?) throws {
        #expect {
            try run("data: blobs\nexamples: 20\n" + fractions + "epochs: 1\n")
        } throws: { error in
            let message = (error as? ExperimentError)?.message ?? ""
            return message.hasPrefix(part) && words.allSatisfy(message.contains) && !(unsaid.map(message.contains) ?? false)
        }
    }

    @Test func runIsDeterministicAndComplete() throws {
        let body = "hidden: [16]\nepochs: 2\ntrain_fraction: 0.3\nvariants: [{name: plain}, {name: decay, weight_decay: 0.01}]\n"
        let first = try run(body, seed: 3)
        let second = try run(body, seed: 3)
        // The same seed gives the same run; compared within 1e-6, since the
        // number of BLAS threads (set by whichever test runs alongside) may
        // change the order of a sum.
        for path in first.values.leafPaths() where !path.hasSuffix("ms") && !path.hasSuffix("ms_per_epoch") {
            let a = value(first.values, path), b = value(second.values, path)
            if let x = a?.doubleValue, let y = b?.doubleValue, !(x.isNaN && y.isNaN) {
                #expect(abs(x - y) <= 1e-6 * max(1, abs(x)), "\(path): \(x) vs \(y)")
            } else if case .string = a {
                #expect(a == b, "\(path)")
            }
        }
        let values = first.values
        for path in ["variants.plain.test_accuracy", "variants.decay.validation_accuracy", "variants.plain.train_accuracy"] {
            let x = number(values, path)
            #expect(x > 0.3 && x <= 1, "\(path) = \(x)")
        }
        #expect(number(values, "variants.plain.initial_weight_norm") == number(values, "variants.decay.initial_weight_norm"))
        #expect(number(values, "variants.decay.weight_norm") < number(values, "variants.plain.weight_norm"))
        #expect(number(values, "variants.plain.parameters") == Double(64 * 16 + 16 + 16 * 10 + 10))
        #expect(value(values, "variants.plain.curve.validation_loss")?.lookup([.index(1)]) != nil)
        #expect(number(values, "variants.plain.layers[1].dead_fraction") >= 0)
        #expect(number(values, "variants.plain.diverged") == 0)
        var tables = 0, charts = 0
        for item in first.presentation {
            if case .table(let t) = item { tables += 1; #expect(t.rows.count == 2) }
            if case .chart = item { charts += 1 }
        }
        #expect(tables == 1 && charts == 1)
    }

    @Test func divergenceIsReportedNotThrown() throws {
        let outcome = try run("data: linear\nhidden: []\nepochs: 5\nlearning_rate: 50\nstandardize: false\nfeature_scale: [200, 10]\n")
        #expect(number(outcome.values, "variants.base.diverged") == 1)
        #expect(number(outcome.values, "variants.base.diverged_at_step") >= 1)
        #expect(outcome.presentation.contains { if case .warning = $0 { return true } else { return false } })
    }

    /// With `variants:` and `vary:` the chart against the swept value has a pair
    /// of lines per named variant: one line through all points would jump back.
    @Test func aSweepOfTwoNamedVariantsDrawsTwoPairsOfLines() throws {
        let outcome = try run("""
            data: blobs
            examples: 120
            hidden: [4]
            epochs: 1
            variants: [{name: plain}, {name: small, hidden: [2]}]
            vary: {learning_rate: [0.01, 0.1, 1]}
            """)
        let charts = outcome.presentation.compactMap { item -> Chart? in
            if case .chart(let chart) = item, chart.title.hasPrefix("Final") { return chart }
            return nil
        }
        let chart = try #require(charts.first)
        #expect(chart.series.count == 4)
        for series in chart.series {
            #expect(zip(series.x, series.x.dropFirst()).allSatisfy { $0 < $1 }, "\(series.name): \(series.x)")
            #expect(series.name.hasPrefix("plain") || series.name.hasPrefix("small"), "\(series.name)")
        }
    }
}
