import Foundation
import NeuralEngine

/// Dropout at test time approximates an ensemble.
///
/// Trains one network with dropout and, for comparison, the same network
/// (same initial weights, same batches) without it. The dropout network is
/// then evaluated two ways: deterministically with the weights scaled by the
/// keep probability (for inverted dropout that is plain evaluation mode, the
/// scaling having been done during training), and by Monte-Carlo averaging —
/// the mean of the softmax probabilities of K forward passes, each with its own
/// dropout masks, i.e. K members of the ensemble of thinned networks — for
/// each K in `samples`. Srivastava et al. 2014,
/// https://jmlr.org/papers/v15/srivastava14a.html; Gal & Ghahramani 2016,
/// https://arxiv.org/abs/1506.02142.
public enum DropoutEnsembleKind: ExperimentKind {
    public static let name = "dropout-ensemble"
    /// It times inference (one weight-scaled pass against K Monte-Carlo
    /// passes): those passes are timed sections, run with no other block
    /// running; training shares the machine.
    public static let timesItself = true
    public static let summary = "Trains a network with and without dropout; compares weight scaling with Monte-Carlo averaging of K sampled dropout masks, and the generalization gaps."

    static let allowedData: [DataSource] = [.digits, .spirals, .moons, .circles, .blobs]

    public static let keys: [KeyDescriptor] = (DataRecipe.keys(defaultSource: .digits, allowed: allowedData) + [
        DataRecipe.examplesKey,
        DataRecipe.trainFractionKey,
        KeyDescriptor("label_noise", .number, default: "0", range: .closed(0, 0.9),
                      "Fraction of the training labels replaced by a class drawn at random (the test labels stay clean): noise a network can only fit by memorizing it."),
        KeyDescriptor("hidden", .list(.integer, count: 1...8), default: "[256, 256]", range: .closed(1, 4_096),
                      "Units of each hidden ReLU layer; each is followed by dropout.").suggestedInScaffold(),
        KeyDescriptor("keep_prob", .number, default: "0.5", range: .aboveUpTo(0, 1),
                      "Probability p of keeping a hidden unit (not of dropping it).").suggestedInScaffold(),
        KeyDescriptor("input_keep_prob", .number, default: "1", range: .aboveUpTo(0, 1),
                      "Probability of keeping an input feature; 1 means no dropout on the inputs (the paper used 0.8)."),
        KeyDescriptor("variant", .word(DropoutForm.allCases.map(\.rawValue)), default: "inverted",
                      "Inverted dropout divides kept units by p while training and does nothing at test time; the original form only zeroes while training and multiplies by p at test time."),
    ] + TrainingRecipe.keys(epochs: 20, batchSize: 32, optimizer: .momentum) + [
        KeyDescriptor("samples", .list(.integer, count: 1...12), default: "[1, 5, 20, 100]", range: .closed(1, 1_000),
                      "Monte-Carlo sample counts K: forward passes with fresh masks whose softmax outputs are averaged."),
    ]).examples(["data": "blobs", "examples": "200", "hidden": "[16]", "epochs": "3", "samples": "[1, 5]"])

    public struct Spec: Codable, Sendable, Hashable, DataBacked {
        var data: DataRecipe
        var examples: Int
        var trainFraction: Double
        var labelNoise: Double
        var hidden: [Int]
        var keepProbability: Double
        var inputKeepProbability: Double
        /// `inverted` or `original` (``DropoutForm``'s raw values).
        var variant: String
        var training: TrainingRecipe
        var samples: [Int]
    }

    /// Largest training work of one block: epochs × training examples × work
    /// per example, for both networks, all seeds together: a block at it
    /// takes about 12–15 s of one core (2026-12-07, `EngineBenchmarks
    /// --budgets`, the default [256, 256] network).
    static let trainingBudget = 1e11
    /// Largest inference work: (Σ K + 10) × test examples × work per example, the
    /// Monte-Carlo passes plus the deterministic and accuracy passes. About
    /// 1e10 a second (a pass with sampled masks costs more than a plain one),
    /// so about 20 s.
    static let inferenceBudget = 2e11

    public static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec? {
        let data = DataRecipe.decode(reader, context: context, allowed: allowedData)
        let examples = DataRecipe.decodeExamples(reader, source: data.source)
        let samples = reader.intList("samples")
        reader.requireIncreasing("samples", samples, what: "sample counts")
        return Spec(
            data: data, examples: examples, trainFraction: reader.double("train_fraction"),
            labelNoise: reader.double("label_noise"), hidden: reader.intList("hidden"),
            keepProbability: reader.double("keep_prob"), inputKeepProbability: reader.double("input_keep_prob"),
            variant: reader.choice("variant"), training: TrainingRecipe.decode(reader), samples: samples)
    }

    public static func work(_ spec: Spec) -> [WorkEstimate] {
        [WorkEstimate("training would take", amount: spec.trainingWork,
                      formula: "2 networks × epochs × training examples × \(Int(spec.workPerExample).grouped) work per example",
                      definition: ModelDescription.workPerExampleNote,
                      budget: trainingBudget, keys: ["epochs", "hidden"], hint: "lower 'epochs', 'train_fraction' or the widths in 'hidden'"),
         WorkEstimate("evaluation would take", amount: spec.inferenceWork,
                      formula: "(sum of samples + 10) × test examples × work per example",
                      definition: ModelDescription.workPerExampleNote,
                      budget: inferenceBudget, keys: ["samples"], hint: "lower the largest sample count or the widths in 'hidden'")]
    }

    public static func run(_ spec: Spec, context: RunContext) throws -> ExperimentOutcome {
        let result = try DropoutEnsembleExperiment(spec: spec).run(context: context.decode, seed: context.seed)
        return DropoutEnsembleReport(spec: spec, result: result).outcome
    }
}

extension DropoutEnsembleKind.Spec {
    var form: DropoutForm { DropoutForm(rawValue: variant) ?? .inverted }

    var trainingExamples: Int { Int((Double(examples) * trainFraction).rounded()) }
    var testExamples: Int { examples - trainingExamples }

    /// The layers of the network, with dropout or without, as typed entries.
    /// - Parameters:
    ///   - dropout: Whether to put dropout layers in.
    ///   - form: Their form; the block's `variant` unless given.
    func layers(dropout: Bool, form: DropoutForm? = nil) -> [ModelDescription.Entry] {
        let form = form ?? self.form
        var out: [ModelDescription.Entry] = []
        if dropout, inputKeepProbability < 1 { out.append(.dropout(keepProbability: inputKeepProbability, form: form)) }
        for units in hidden {
            out += [.dense(units: units, hasBias: true), .activation(.relu)]
            if dropout { out.append(.dropout(keepProbability: keepProbability, form: form)) }
        }
        out.append(.dense(units: data.outputWidth, hasBias: true))
        return out
    }

    /// The work of one example through the network with dropout
    /// (``ModelDescription/workPerExample``): the network without it costs less.
    var workPerExample: Double {
        (try? ModelDescription(entries: layers(dropout: true), inputWidth: data.inputWidth))?.workPerExample ?? 0
    }

    var trainingWork: Double {
        2 * Double(training.epochs) * Double(trainingExamples) * workPerExample
    }

    var inferenceWork: Double {
        Double(samples.reduce(10, +)) * Double(testExamples) * workPerExample
    }
}
