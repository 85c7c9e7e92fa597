import Foundation
import NeuralEngine

/// Under- and over-fitting, diagnosed from training and validation error.
///
/// Trains models of increasing capacity on one seeded split — one-hidden-layer
/// MLPs of growing width (`hidden`), MLPs of growing depth (`depth`), or
/// least-squares polynomials of growing degree (`degrees`, regression) — and
/// diagnoses each with ``BiasVarianceDiagnosis``. On the regression set it
/// also estimates the decomposition of the expected test error into bias²,
/// variance and noise over many resampled training sets. With `errors` it
/// only applies the rule to given pairs of errors.
public enum BiasVarianceKind: ExperimentKind {
    public static let name = "bias-variance"
    public static let summary = "Trains models of increasing capacity, diagnoses high bias or high variance from training and validation error, and decomposes the test error into bias², variance and noise."

    /// Every set but `linear`, which only the `train` kind's input-scaling experiments need.
    static let allowedData: [DataSource] = DataSource.allCases.filter { $0 != .linear }

    public static let keys: [KeyDescriptor] = (DataRecipe.keys(defaultSource: .spirals, allowed: allowedData) + [
        KeyDescriptor("train_size", .integer, described: "200 (50 for polynomial data)", range: .closed(2, 20_000),
                      "Training examples."),
        KeyDescriptor("validation_size", .integer, described: "1000 (for digits, the images not used for training, at most 1000)",
                      range: .closed(1, 50_000), "Validation examples, drawn from the same distribution."),
        KeyDescriptor("hidden", .list(.integer, count: 1...12), described: "[1, 4, 16, 64, 256] for classification", range: .closed(1, 4_096),
                      "Capacities to compare: units of the one hidden layer of an MLP."),
        KeyDescriptor("depth", .list(.integer, count: 1...12), described: "(none)", range: .closed(1, 16),
                      "Capacities to compare instead: numbers of hidden layers of `width` units."),
        KeyDescriptor("width", .integer, default: "32", range: .closed(1, 1_024),
                      "Units of every hidden layer in a `depth` sweep."),
        KeyDescriptor("degrees", .list(.integer, count: 1...31), described: "[1, 3, 9, 15] for polynomial data", range: .closed(0, 30),
                      "Capacities to compare instead (data: polynomial): degrees of least-squares polynomials in x."),
        KeyDescriptor("activation", .word(["relu", "tanh"]), default: "relu", "The hidden layers' nonlinearity."),
    ] + TrainingRecipe.keys(epochs: 300, batchSize: 32, optimizer: .adam) + [
        KeyDescriptor("base_error", .number, default: "0", range: .atLeast(0),
                      "The best error any model could reach (Bayes or human error): avoidable bias is training error − base_error."),
        KeyDescriptor("bias_threshold", .number, default: "0.05", range: .atLeast(0),
                      "High bias when training error − base_error exceeds this."),
        KeyDescriptor("variance_threshold", .number, default: "0.05", range: .atLeast(0),
                      "High variance when validation error − training error exceeds this."),
        KeyDescriptor("resamples", .integer, described: "50 for polynomial data, else 0", range: .closed(0, 1_000),
                      "Training sets drawn afresh for the bias²/variance/noise decomposition (regression only; 0 skips it)."),
        KeyDescriptor("test_points", .integer, default: "101", range: .closed(2, 10_000),
                      "Evenly spaced points of [−1, 1] on which the decomposition compares predictions with the true function."),
        KeyDescriptor("errors", .custom, type: "list of [train, validation] pairs", described: "(none)",
                      "Diagnose these error pairs instead of training anything, e.g. [[0.01, 0.11], [0.15, 0.16]]."),
    ]).examples(["data": "polynomial", "degrees": "[1, 3]", "train_size": "20", "resamples": "3", "test_points": "11"])

    /// How capacity grows along the sweep.
    public enum Family: String, Codable, Sendable, Hashable {
        /// Units of one hidden layer.
        case hidden
        /// Hidden layers of a fixed width.
        case depth
        /// Degree of a least-squares polynomial.
        case degrees
        /// No training: given error pairs.
        case errors
    }

    public struct Spec: Codable, Sendable, Hashable {
        var data: DataRecipe
        var trainSize: Int
        var validationSize: Int
        var family: Family
        var capacities: [Int]
        var width: Int
        var activation: String
        var training: TrainingRecipe
        var baseError: Double
        var biasThreshold: Double
        var varianceThreshold: Double
        var resamples: Int
        var testPoints: Int
        /// `[train, validation]` pairs of the `errors` family.
        var givenErrors: [[Double]]
    }

    /// Largest training work of one block: epochs × training examples ×
    /// work per example, summed over every network trained (one per capacity, and
    /// one more per capacity and resample for a decomposition). The
    /// budget covers every run of a block with `seeds:`: a block at it takes
    /// about 10–15 s of one core (2026-12-07, `EngineBenchmarks --budgets`);
    /// eight runs of the lesson's widest digits sweep need 2.6e10.
    static let workBudget = 8e10
    /// Largest number of examples all the networks of a block may go through
    /// (epochs × training examples × networks). Small networks spend their time
    /// on the per-step work that does not grow with the parameters, about
    /// 0.4 µs an example: this is the budget that stops them (6e7 is about
    /// 25 s; eight runs of the lesson's widest sweep need 1e7).
    static let exampleBudget = 6e7
    /// Largest work of a polynomial sweep and decomposition: multiply-adds of
    /// the least-squares fits (train_size × (degree + 1)² each) and of the
    /// predictions, over every fit, all seeds together: about 30 s on one
    /// core of the build machine.
    static let polynomialBudget = 1.5e10
    /// Most predictions a decomposition keeps (capacities × resamples ×
    /// test_points), 8 bytes each: 160 MB.
    static let predictionBudget = 2e7

    public static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec? {
        let capacityKeys = ["hidden", "depth", "degrees", "errors"].filter(reader.has)
        if capacityKeys.count > 1 {
            reader.fail(capacityKeys[1], "'\(capacityKeys[0])' and '\(capacityKeys[1])' both choose what to compare: keep one")
        }
        if capacityKeys.first == "errors" {
            return decodeErrors(reader)
        }
        let data = DataRecipe.decode(reader, context: context, allowed: allowedData)
        let regression = data.source.isRegression
        let family: Family = capacityKeys.first.flatMap(Family.init(rawValue:)) ?? (regression ? .degrees : .hidden)
        let defaultCapacities: [Family: [Int]] = [.hidden: [1, 4, 16, 64, 256], .degrees: [1, 3, 9, 15]]
        let capacities = reader.has(family.rawValue) ? reader.intList(family.rawValue) : defaultCapacities[family] ?? []
        if family == .degrees, !regression {
            reader.fail("degrees", "'degrees' fits polynomials of one input x, so it needs data: polynomial",
                        notes: ["compare networks with 'hidden' or 'depth' on \(data.source.rawValue)"])
        }
        reader.requireIncreasing(family.rawValue, capacities, what: "capacities")
        if reader.has("width"), family != .depth {
            reader.fail("width", "'width' is the width of every layer of a 'depth' sweep; with '\(family.rawValue)' it has no effect")
        }

        let trainSize = reader.optionalInt("train_size") ?? (regression ? 50 : 200)
        var validationSize = reader.optionalInt("validation_size") ?? 1_000
        if data.source == .digits {
            if !reader.has("validation_size") { validationSize = max(1, min(1_000, DataRecipe.digitsCount - trainSize)) }
            if trainSize + validationSize > DataRecipe.digitsCount {
                reader.fail(reader.has("validation_size") ? "validation_size" : "train_size",
                            "train_size + validation_size is \((trainSize + validationSize).grouped), more than the \(DataRecipe.digitsCount.grouped) images of the digits")
            }
        }
        let training = TrainingRecipe.decode(reader)
        let activation = reader.choice("activation")
        if family == .degrees {
            for key in ["epochs", "batch_size", "optimizer", "learning_rate", "activation"] where reader.has(key) {
                reader.fail(key, "'\(key)' applies to networks; polynomial degrees are fitted exactly by least squares")
            }
            if training.weightDecay == 0, let degree = capacities.max(), degree + 1 > trainSize {
                let degrees = reader.has("degrees") ? "" : " (the default degrees go up to \(degree))"
                reader.fail(atFirstWritten: ["degrees", "train_size"],
                            "a polynomial of degree \(degree)\(degrees) has \(degree + 1) coefficients, more than the \(trainSize.grouped) training points can determine",
                            notes: ["add training points, lower the degree, or set weight_decay (a ridge penalty)"])
            }
        }

        let resamples = reader.optionalInt("resamples") ?? (regression ? 50 : 0)
        if resamples > 0, !regression {
            reader.fail("resamples", "the bias²/variance/noise decomposition needs a regression set (data: polynomial)")
        }
        if reader.has("test_points"), !regression {
            reader.fail("test_points", "'test_points' is the grid of the decomposition, which needs data: polynomial")
        }

        return Spec(
            data: data, trainSize: trainSize, validationSize: validationSize, family: family, capacities: capacities,
            width: reader.int("width"), activation: activation, training: training,
            baseError: reader.double("base_error"), biasThreshold: reader.double("bias_threshold"),
            varianceThreshold: reader.double("variance_threshold"), resamples: resamples,
            testPoints: reader.int("test_points"), givenErrors: [])
    }

    public static func work(_ spec: Spec) -> [WorkEstimate] {
        switch spec.family {
        case .degrees:
            let hint = "lower 'train_size', 'validation_size', 'resamples', 'test_points' or the largest degree"
            return [
                WorkEstimate("fitting would take", amount: spec.polynomialWork, unit: "multiply-adds",
                             formula: "(1 + resamples) × train_size × (degree + 1)² per degree, plus the predictions",
                             budget: polynomialBudget, keys: ["degrees"], hint: hint),
                WorkEstimate("the decomposition would keep", amount: Double(spec.capacities.count * spec.resamples * spec.testPoints),
                             unit: "predictions",
                             formula: "degrees × resamples × test_points", budget: predictionBudget, keys: ["test_points"],
                             hint: hint, heldPerRun: true),
            ]
        case .hidden, .depth:
            let hint = "lower 'epochs', 'train_size'" + (spec.resamples > 0 ? ", 'resamples'" : "") + " or the number of capacities"
            let networks = spec.capacities.count * (1 + spec.resamples)
            return [
                WorkEstimate("training would go through", amount: Double(spec.training.epochs * spec.trainSize * networks), unit: "examples",
                             formula: "epochs × train_size × networks", budget: exampleBudget, keys: [spec.family.rawValue], hint: hint),
                WorkEstimate("training would take", amount: spec.trainingWork,
                             formula: "epochs × train_size × work per example, summed over the networks",
                             definition: ModelDescription.workPerExampleNote, budget: workBudget,
                             keys: [spec.family.rawValue],
                             hint: "work per example: "
                                + spec.capacities.map { "\($0) → \(Int(spec.workPerExample($0)).grouped)" }.joined(separator: ", ")
                                + "; " + hint.replacingOccurrences(of: "the number of capacities", with: "the largest capacity")),
            ]
        case .errors:
            return []
        }
    }

    private static func decodeErrors(_ reader: SpecReader) -> Spec? {
        let (rows, isMatrix) = reader.numberMatrix("errors")
        if !isMatrix || rows.contains(where: { $0.count != 2 }) {
            reader.fail("errors", "'errors' must be a list of [train, validation] pairs, e.g. [[0.01, 0.11], [0.15, 0.16]]")
        } else if rows.isEmpty || rows.count > 100 {
            reader.fail("errors", "'errors' must have 1…100 pairs, found \(rows.count)")
        } else if rows.joined().contains(where: { $0 < 0 }) {
            reader.fail("errors", "errors cannot be negative")
        }
        let ignored = keys.map(\.name).filter { !["errors", "base_error", "bias_threshold", "variance_threshold"].contains($0) }
        for key in ignored where reader.has(key) {
            reader.fail(key, "'\(key)' has no effect with 'errors', which diagnoses given errors without training")
        }
        return Spec(
            data: DataRecipe(source: .spirals, noise: 0, classes: 0, coefficients: [], file: ""),
            trainSize: 0, validationSize: 0, family: .errors, capacities: Array(1...max(1, rows.count)), width: 0,
            activation: "", training: TrainingRecipe(epochs: 0, batchSize: 0, learningRate: 0, optimizer: .adam, weightDecay: 0),
            baseError: reader.double("base_error"), biasThreshold: reader.double("bias_threshold"),
            varianceThreshold: reader.double("variance_threshold"), resamples: 0, testPoints: 0, givenErrors: rows)
    }

    public static func dataFiles(_ spec: Spec, context: DecodeContext) -> [String] {
        spec.family == .errors ? [] : spec.data.files(context: context)
    }

    public static func run(_ spec: Spec, context: RunContext) throws -> ExperimentOutcome {
        var generator = RandomGenerator(seed: context.seed)
        let sweep = try BiasVarianceSweep(spec: spec).run(context: context.decode, generator: &generator)
        var decomposition: [BiasVarianceDecomposition.Point] = []
        if spec.resamples > 0 {
            decomposition = try BiasVarianceDecomposition(spec: spec).run(generator: &generator)
        }
        return BiasVarianceReport(spec: spec, rows: sweep, decomposition: decomposition).outcome
    }
}

extension BiasVarianceKind.Spec {
    /// Trainable parameters of the network (or polynomial) at `capacity`.
    func parameterCount(_ capacity: Int) -> Int {
        switch family {
        case .hidden, .depth:
            return (try? ModelDescription(entries: layers(capacity), inputWidth: data.inputWidth))?.parameterCount ?? 0
        case .degrees: return capacity + 1
        case .errors: return 0
        }
    }

    /// The work of one example through the network at `capacity`
    /// (``ModelDescription/workPerExample``).
    func workPerExample(_ capacity: Int) -> Double {
        (try? ModelDescription(entries: layers(capacity), inputWidth: data.inputWidth))?.workPerExample ?? 0
    }

    /// The layers of the network at `capacity`, as typed entries.
    func layers(_ capacity: Int) -> [ModelDescription.Entry] {
        let function: ActivationFunction = activation == "tanh" ? .tanh : .relu
        let output = ModelDescription.Entry.dense(units: data.outputWidth, hasBias: true)
        switch family {
        case .hidden: return [.dense(units: capacity, hasBias: true), .activation(function), output]
        case .depth:
            return Array(repeating: [.dense(units: width, hasBias: true), .activation(function)], count: capacity).flatMap { $0 } + [output]
        case .degrees, .errors: return []
        }
    }

    /// epochs × train_size × work per example, over every network the block trains.
    var trainingWork: Double {
        let perNetwork = Double(training.epochs) * Double(trainSize)
        let networks = Double(1 + resamples)
        return capacities.reduce(0.0) { $0 + perNetwork * workPerExample($1) * networks }
    }

    /// Multiply-adds of the polynomial fits and their predictions, over the
    /// sweep and every resample of the decomposition.
    var polynomialWork: Double {
        guard family == .degrees else { return 0 }
        return capacities.reduce(0.0) { total, degree in
            let width = Double(degree + 1)
            let fit = Double(trainSize) * width * width + width * width * width
            let sweep = fit + Double(trainSize + validationSize) * width
            let resampled = Double(resamples) * (fit + Double(testPoints) * width)
            return total + sweep + resampled
        }
    }
}
