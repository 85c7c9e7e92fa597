import Foundation
import NeuralEngine

/// Batch normalization in training and in evaluation mode.
///
/// Trains an MLP with batch norm after every hidden dense layer, then asks
/// what the running averages it kept are worth: how close they are to the
/// statistics of the whole training set (the population the batches were
/// drawn from), the test accuracy in evaluation mode on the whole test set and
/// one example at a time, and the test accuracy if the network kept
/// normalizing with batch statistics at test time, for several test batch
/// sizes. Ioffe & Szegedy 2015, https://arxiv.org/abs/1502.03167.
public enum BatchNormModesKind: ExperimentKind {
    public static let name = "batchnorm-modes"
    public static let summary = "Trains a network with batch norm; compares its running averages with the training set's statistics, and evaluation mode (the whole test set and one example at a time) with batch statistics on test batches of several sizes."

    static let allowedData: [DataSource] = [.digits, .spirals, .moons, .circles, .blobs]

    public static let keys: [KeyDescriptor] = (DataRecipe.keys(defaultSource: .digits, allowed: allowedData) + [
        DataRecipe.examplesKey,
        DataRecipe.trainFractionKey,
        KeyDescriptor("hidden", .list(.integer, count: 1...8), default: "[64, 64]", range: .closed(1, 4_096),
                      "Units of each hidden layer: dense, then batch norm, then ReLU.").suggestedInScaffold(),
        KeyDescriptor("bn_momentum", .number, default: "0.9", range: .closed(0, 0.999),
                      "Weight of the old running average in each update, μ ← m·μ + (1 − m)·μ_B (PyTorch's momentum 0.1 is 0.9 here)."),
    ] + TrainingRecipe.keys(epochs: 20, batchSize: 32, optimizer: .sgd) + [
        KeyDescriptor("test_batch_sizes", .list(.integer, count: 1...12), default: "[2, 4, 16, 128]", range: .closed(1, 100_000),
                      "Test batch sizes for the batch-statistics evaluation, in increasing order. 1 is allowed: a batch of one normalizes every unit to 0, so every example gets the same prediction."),
    ]).examples(["data": "blobs", "examples": "200", "hidden": "[16]", "epochs": "3", "test_batch_sizes": "[2, 8]"])

    public struct Spec: Codable, Sendable, Hashable, DataBacked {
        var data: DataRecipe
        var examples: Int
        var trainFraction: Double
        var hidden: [Int]
        var momentum: Double
        var training: TrainingRecipe
        var testBatchSizes: [Int]
    }

    /// Largest work of one block, in the units of the `train` kind's budget:
    /// epochs × (training examples × work per example + steps × ``TrainKind/stepCost``),
    /// plus the evaluation passes, test examples × work per example each, and one
    /// step's fixed cost per single-example prediction; all seeds together.
    /// A block at it takes about 14–35 s of one core (2026-12-07,
    /// `EngineBenchmarks --budgets`, [512, 512], two runs under load).
    static let workBudget = 2e11

    public static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec? {
        let data = DataRecipe.decode(reader, context: context, allowed: allowedData)
        let examples = DataRecipe.decodeExamples(reader, source: data.source)
        let sizes = reader.intList("test_batch_sizes")
        reader.requireIncreasing("test_batch_sizes", sizes, what: "batch sizes")
        let spec = Spec(
            data: data, examples: examples, trainFraction: reader.double("train_fraction"), hidden: reader.intList("hidden"),
            momentum: reader.double("bn_momentum"), training: TrainingRecipe.decode(reader), testBatchSizes: sizes)
        if spec.training.batchSize < 2 {
            reader.fail("batch_size", "batch norm needs at least 2 examples per training batch to estimate a variance, the batch size is 1")
        }
        if let largest = sizes.last, reader.issues.isEmpty, largest > spec.testExamples {
            // Left out, the sizes are the default's: the examples or the
            // split written made the test set too small for them.
            let sizesWritten = reader.has("test_batch_sizes")
            let batches = sizesWritten ? "a test batch of \(largest.grouped)" : "the default test_batch_sizes' batch of \(largest.grouped)"
            reader.fail(atFirstWritten: ["test_batch_sizes", "examples", "train_fraction"],
                        "\(batches) is larger than the test set (about \(spec.testExamples.grouped) examples)",
                        notes: [sizesWritten ? "lower the largest test batch size or 'train_fraction'"
                                : "write 'test_batch_sizes' with batches of at most \(spec.testExamples.grouped), or give more examples"])
        }
        return spec
    }

    public static func work(_ spec: Spec) -> [WorkEstimate] {
        [WorkEstimate("the block would take", amount: spec.work,
                      formula: "epochs × (training examples × \(Int(spec.workPerExample).grouped) work per example + steps per epoch × "
                        + "\(Int(TrainKind.stepCost).grouped)) plus the test passes",
                      definition: ModelDescription.workPerExampleNote,
                      budget: workBudget, keys: ["epochs", "hidden"],
                      hint: "lower 'epochs', 'train_fraction' or the widths in 'hidden', or use larger batches")]
    }

    public static func run(_ spec: Spec, context: RunContext) throws -> ExperimentOutcome {
        let result = try BatchNormModesExperiment(spec: spec).run(context: context.decode, seed: context.seed)
        return BatchNormModesReport(spec: spec, result: result).outcome
    }
}

extension BatchNormModesKind.Spec {
    var trainingExamples: Int { Int((Double(examples) * trainFraction).rounded()) }
    var testExamples: Int { examples - trainingExamples }

    /// Dense, batch norm and ReLU for each hidden layer, then the output layer.
    var layers: [ModelDescription.Entry] {
        hidden.flatMap { units -> [ModelDescription.Entry] in
            [.dense(units: units, hasBias: true), .batchNorm(momentum: momentum), .activation(.relu)]
        } + [.dense(units: data.outputWidth, hasBias: true)]
    }

    /// The work of one example through the network (``ModelDescription/workPerExample``).
    var workPerExample: Double {
        (try? ModelDescription(entries: layers, inputWidth: data.inputWidth))?.workPerExample ?? 0
    }

    /// Training plus the test passes: the batched evaluation, the single
    /// examples (each also paying a step's fixed cost) and one pass per test
    /// batch size.
    var work: Double {
        let steps = Double((trainingExamples + training.batchSize - 1) / max(training.batchSize, 1))
        let training = Double(self.training.epochs) * (Double(trainingExamples) * workPerExample + steps * TrainKind.stepCost)
        let test = Double(testExamples) * (workPerExample * Double(2 + testBatchSizes.count) + TrainKind.stepCost)
        return training + test
    }
}
