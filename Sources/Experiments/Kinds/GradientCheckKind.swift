import NeuralEngine

/// Gradient checking: the gradient back-propagation computes for a network's
/// loss on a small batch, against central differences (f(θ + ε) − f(θ − ε))/2ε
/// of the same loss, parameter by parameter, at each ε of a list and in double
/// or single precision. The measure is the relative difference
/// ‖g − ĝ‖₂ / (‖g‖₂ + ‖ĝ‖₂), over every checked parameter and per layer.
/// The network is in training mode: dropout draws a fresh mask at every
/// forward pass, as it does while training.
public enum GradientCheckKind: ExperimentKind {
    public static let name = "gradient-check"
    public static let summary = "Back-propagation's gradient of a network's loss on a small batch against central differences, at each ε of a list, in double or float: the relative difference overall and per layer."

    /// Work of all the forward passes of a block, all runs together, in units of (examples × parameters +
    /// ``passCost``) a pass: the build machine does about 1.3e10 a second on one core (2026-12-07), so about 15 s.
    static let workBudget = 2e11
    /// The fixed cost of a forward pass and its loss, in the budget's units: about 7 µs.
    static let passCost = 100_000

    public static let keys: [KeyDescriptor] = (DataRecipe.keys(defaultSource: .blobs) + [
        KeyDescriptor("examples", .integer, default: "32", range: .closed(2, 1_797),
                      "Examples in the batch whose mean loss is differentiated (for digits, a random subset of the images)."),
    ] + TrainSettings.modelKeys + [
        KeyDescriptor("precision", .word(["double", "float"]), default: "double",
                      "The scalars of the network, its loss and both gradients: 64-bit double or 32-bit float.").suggestedInScaffold(),
        KeyDescriptor("epsilons", .list(.number, count: 1...20), default: "[1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9]",
                      range: .aboveUpTo(0, 1), "The steps ε of the central differences, one check each."),
        KeyDescriptor("max_per_layer", .integer, default: "100", range: .closed(1, 100_000),
                      "Parameters checked in each layer that has any: all of a smaller layer, else this many chosen at random from the run's seed."),
    ]).examples(["data": "blobs", "examples": "16", "hidden": "[8]", "epsilons": "[1e-2, 1e-5, 1e-8]"])

    public static let budget = "2 × epsilons × checked parameters × (examples × parameters + \(passCost.grouped)) ≤ \(ResultValue.format(workBudget))"

    public static let table: TableDefaults? = TableDefaults(rows: "checks", rowWord: "ε", better: ["relative_difference": .lower])

    public static let example: KindExample? = KindExample(
        expectation: "relative_difference < 1e-7", inline: "relative_difference:.1e",
        sentence: "Back-propagation and central differences agree to a relative difference of")

    public struct Spec: Codable, Sendable, Hashable, DataBacked {
        var data: DataRecipe
        var examples: Int
        /// The network, its output layer included, and how its weights start.
        var layers: [ModelDescription.Entry]
        var initializer: Initializer
        /// `double` or `float`: the scalars of the network and both gradients.
        var precision: String
        var epsilons: [Double]
        var maximumPerLayer: Int
        /// Each layer that has parameters, first to last: "dense 8 (layer 1)", and how many it has.
        var layerNames: [String]
        var layerSizes: [Int]

        var parameterCount: Int { layerSizes.reduce(0, +) }

        /// Parameters checked: in each layer all of them, or `maximumPerLayer`.
        var checkedCount: Int { layerSizes.reduce(0) { $0 + min($1, maximumPerLayer) } }
    }

    public static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec? {
        let data = DataRecipe.decode(reader, context: context)
        let (settings, description) = TrainSettings.decodeModel(reader, data: data)
        guard let description else { return nil }
        let checked = description.layers.enumerated().filter { $0.element.parameterCount > 0 }
        return Spec(data: data, examples: reader.int("examples"), layers: settings.entries(outputWidth: data.outputWidth),
                    initializer: settings.initializer, precision: reader.choice("precision"),
                    epsilons: reader.doubleList("epsilons"), maximumPerLayer: reader.int("max_per_layer"),
                    layerNames: checked.map { "\($0.element.text) (layer \($0.offset + 1))" }, layerSizes: checked.map(\.element.parameterCount))
    }

    public static func work(_ spec: Spec) -> [WorkEstimate] {
        let formula = "2 × \(spec.epsilons.count) epsilons × \(spec.checkedCount.grouped) checked parameters × (\(spec.examples) examples × \(spec.parameterCount.grouped) parameters + \(passCost.grouped))"
        let amount = 2 * spec.epsilons.count * spec.checkedCount * (spec.examples * spec.parameterCount + passCost)
        return [WorkEstimate("the forward passes would take", amount: Double(amount), formula: formula, budget: workBudget,
                             keys: ["max_per_layer", "epsilons", "hidden", "layers"],
                             hint: "lower 'max_per_layer' or 'examples', list fewer epsilons, or use a smaller network")]
    }

    public static func run(_ spec: Spec, context: RunContext) throws -> ExperimentOutcome {
        var generator = RandomGenerator(seed: context.seed)
        var dataGenerator = generator.split()
        let drawn = try spec.data.examples(spec.examples, context: context.decode, generator: &dataGenerator)
        let (batch, _) = try spec.data.split(drawn, first: spec.examples)
        let checks = spec.precision == "double"
            ? try checks(spec, batch.converted(to: Double.self), generator: &generator)
            : try checks(spec, batch, generator: &generator)
        return ExperimentOutcome(values: declared.record((spec, checks)))
    }
}
