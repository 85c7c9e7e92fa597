import Foundation
import NeuralEngine
import LessonSupport

/// How to search for hyperparameters, in three modes.
///
/// - `sampling`: draws a learning rate on [low, high] uniformly and on a log
///   scale and counts the draws per decade; the same for momentum's β, drawn
///   directly or as 1 − β on a log scale.
/// - `grid_vs_random`: on objectives where one of two settings matters, a
///   k × k grid against k² random trials, over many random objectives.
/// - `coarse_to_fine`: a log-uniform search of the learning rate of a small
///   digits network (the `train` kind's training code), then a second search
///   in a range zoomed around the best coarse trial.
public enum HyperparameterSearchKind: ExperimentKind {
    public static let name = "hyperparameter-search"
    public static let summary = "Hyperparameter search: uniform vs log-scale sampling of a learning rate and of momentum's β, grid vs random search when one setting matters, and a coarse-to-fine learning-rate search on a small digits network."

    enum Mode: String, Codable, Sendable, Hashable, CaseIterable {
        case sampling
        case gridVsRandom = "grid_vs_random"
        case coarseToFine = "coarse_to_fine"
    }

    public static var keys: [KeyDescriptor] {
        ([
            KeyDescriptor("mode", .word(Mode.allCases.map(\.rawValue)), default: "sampling",
                          "sampling: learning rates drawn uniformly vs on a log scale; grid_vs_random: a k × k grid against k² random trials; coarse_to_fine: a learning-rate search on digits, then a zoomed one."),
            KeyDescriptor("draws", .integer, default: "1000", range: .closed(10, 1_000_000),
                          "mode sampling: values drawn by each method.").only(when: "mode", is: ["sampling"]),
            KeyDescriptor("low", .number, default: "0.0001", range: .aboveUpTo(0, 100),
                          "modes sampling and coarse_to_fine: the smallest learning rate of the (coarse) search.")
                .only(when: "mode", is: ["sampling", "coarse_to_fine"]),
            KeyDescriptor("high", .number, default: "1", range: .aboveUpTo(0, 100),
                          "modes sampling and coarse_to_fine: the largest learning rate of the (coarse) search.")
                .only(when: "mode", is: ["sampling", "coarse_to_fine"]),
            KeyDescriptor("trials", .integer, default: "9", range: .closed(2, 64),
                          "mode grid_vs_random: trials of each method (a square, k² = trials); coarse_to_fine: trials of each stage.")
                .only(when: "mode", is: ["grid_vs_random", "coarse_to_fine"]),
            KeyDescriptor("repeats", .integer, default: "200", range: .closed(1, 100_000),
                          "mode grid_vs_random: random objectives both methods are tried on.").only(when: "mode", is: ["grid_vs_random"]),
            KeyDescriptor("width", .number, default: "0.05", range: .closed(0.001, 1),
                          "mode grid_vs_random: the width (standard deviation) of the important setting's peak, on [0, 1].")
                .only(when: "mode", is: ["grid_vs_random"]),
            KeyDescriptor("epochs", .integer, default: "3", range: .closed(1, 100), "mode coarse_to_fine: epochs of each trial.")
                .only(when: "mode", is: ["coarse_to_fine"]),
            KeyDescriptor("hidden", .list(.integer, count: 0...4), default: "[16]", range: .closed(1, 256),
                          "mode coarse_to_fine: units of the network's hidden ReLU layers.").only(when: "mode", is: ["coarse_to_fine"]),
            KeyDescriptor("zoom", .number, default: "10", range: .closed(1.5, 1_000),
                          "mode coarse_to_fine: the fine stage searches [b/√zoom, b·√zoom] around the best coarse learning rate b, on a log scale.")
                .only(when: "mode", is: ["coarse_to_fine"]),
        ]).examples(["mode": "sampling", "draws": "1000"])
    }

    public struct Spec: Codable, Sendable, Hashable {
        var mode: Mode
        var draws: Int
        var low: Double
        var high: Double
        var trials: Int
        var repeats: Int
        var width: Double
        var epochs: Int
        var hidden: [Int]
        var zoom: Double
    }

    /// Largest training work of a coarse_to_fine block, in the `train` kind's
    /// units, all seeds together: the `train` kind's budget.
    static let trainingBudget = TrainKind.trainingBudget
    /// Largest objective evaluations of a grid_vs_random block (repeats × trials × 2).
    static let evaluationBudget = 1e7

    public static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec? {
        // Which mode reads which key is declared (``keys``): the reader has
        // reported a key written for another mode.
        let spec = Spec(
            mode: Mode(rawValue: reader.choice("mode")) ?? .sampling, draws: reader.int("draws"), low: reader.double("low"),
            high: reader.double("high"), trials: reader.int("trials"), repeats: reader.int("repeats"),
            width: reader.double("width"), epochs: reader.int("epochs"), hidden: reader.intList("hidden"), zoom: reader.double("zoom"))
        if spec.low >= spec.high {
            reader.fail(reader.has("high") ? "high" : "low",
                        "'low' (\(ResultValue.format(spec.low))) must be below 'high' (\(ResultValue.format(spec.high)))")
        }
        if spec.mode == .gridVsRandom, gridSide(spec.trials) * gridSide(spec.trials) != spec.trials {
            reader.fail("trials", "mode grid_vs_random compares a k × k grid with k² random trials, so 'trials' must be a square (4, 9, 16, 25, 36, 49, 64), found \(spec.trials)")
        }
        return spec
    }

    public static func work(_ spec: Spec) -> [WorkEstimate] {
        switch spec.mode {
        case .sampling:
            return []
        case .gridVsRandom:
            return [WorkEstimate("the comparison would make", amount: Double(spec.repeats) * Double(spec.trials) * 2,
                                 unit: "objective evaluations", formula: "repeats × trials × 2",
                                 budget: evaluationBudget, keys: ["repeats"], hint: "lower 'repeats' or 'trials'")]
        case .coarseToFine:
            return [WorkEstimate("the search would take", amount: spec.trainingWork,
                                 formula: "2 stages × trials × epochs × (training examples × work per example + steps per epoch × \(Int(TrainKind.stepCost).grouped))",
                                 definition: ModelDescription.workPerExampleNote,
                                 budget: trainingBudget, keys: ["epochs", "hidden", "trials"],
                                 hint: "lower 'trials', 'epochs' or the widths in 'hidden'")]
        }
    }

    /// ⌊√n⌋: exact for every `trials` (the square root is correctly rounded, and n < 2⁵²).
    static func gridSide(_ n: Int) -> Int { Int(Double(n).squareRoot()) }

    public static func dataFiles(_ spec: Spec, context: DecodeContext) -> [String] {
        guard spec.mode == .coarseToFine, let path = context.resolveDataFile(DataRecipe.digitsFile) else { return [] }
        return [path]
    }

    public static func run(_ spec: Spec, context: RunContext) throws -> ExperimentOutcome {
        switch spec.mode {
        case .sampling: HyperparameterSearchReport.sampling(spec, HyperparameterSearch.sampling(spec, seed: context.seed))
        case .gridVsRandom: HyperparameterSearchReport.gridVsRandom(spec, HyperparameterSearch.gridVsRandom(spec, seed: context.seed))
        case .coarseToFine:
            try HyperparameterSearchReport.coarseToFine(spec, HyperparameterSearch.coarseToFine(spec, context: context.decode, seed: context.seed))
        }
    }
}

extension HyperparameterSearchKind.Spec {
    /// The `train` spec of one stage: digits, half for training, a fifth for
    /// validation, one variant per learning rate.
    func trainSpec(learningRates: [Double]) -> TrainKind.Spec {
        var settings = TrainSettings()
        settings.hidden = hidden
        settings.epochs = epochs
        let variants = learningRates.enumerated().map { index, rate in
            var s = settings
            s.learningRate = rate
            return TrainKind.Variant(name: "t\(index)", label: "learning_rate = \(ResultValue.format(rate))", value: rate, settings: s)
        }
        return TrainKind.Spec(
            data: DataRecipe(source: .digits, noise: 0, classes: 10, coefficients: [], file: DataRecipe.digitsFile),
            examples: DataRecipe.digitsCount, trainFraction: 0.5, validationFraction: 0.2, labelNoise: 0, featureScale: [],
            variants: variants, varied: nil, curve: .epoch, targetLoss: nil, showLayers: false)
    }

    /// Both stages, in the `train` kind's units of work.
    var trainingWork: Double {
        2 * trainSpec(learningRates: Array(repeating: 0.1, count: trials)).trainingWork
    }
}
