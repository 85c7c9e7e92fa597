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
    public static let summary = "Back-propagation's gradient of a network's loss on a small batch against central "
        + "differences, at each ε of a list, in double or float: the relative difference overall and per layer."

    /// Work of all the forward passes of a block, all runs together, in units of (examples × work per
    /// example (``ModelDescription/workPerExample``) + ``passCost``) a pass: a block at its budget takes
    /// 8–23 s of one core (2026-12-07, `EngineBenchmarks --budgets`, two shapes: BENCHMARKS.md).
    static let workBudget = 2e11
    /// The fixed cost of a forward pass and its loss, in the budget's units: about 7 µs.
    static let passCost = 100_000
    /// Bytes a run's network holds at once (1 GB): its parameters and their
    /// gradients, and what a forward and backward pass keep of the batch.
    static let memoryBudget = 1e9
    /// How many tensors of examples × a width a pass keeps, at most, for each
    /// width counted. Every layer keeps its output and the gradient at its
    /// input (as wide as the layer before's output, or the data's input); a
    /// normalization layer also keeps its normalized values and their
    /// gradient, dropout its mask. So a layer keeps at most three tensors as
    /// wide as its output and one as wide as its input, and 4 × (the input's
    /// width + every layer's output width) bounds them all.
    static let tensorsPerWidth = 4

    public static let keys: [KeyDescriptor] = (DataRecipe.keys(defaultSource: .blobs) + [
        KeyDescriptor("examples", .integer, default: "32", range: .closed(2, 1_797),
                      "Examples in the batch whose mean loss is differentiated (for digits, a random subset of the images)."),
    ] + TrainSettings.modelKeys + [
        KeyDescriptor("precision", .word(["double", "float"]), default: "double",
                      "The scalars of the network, its loss and both gradients: 64-bit double or 32-bit float.")
            .suggestedInScaffold(),
        KeyDescriptor("epsilons", .list(.number, count: 1...20), default: "[1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9]",
                      range: .aboveUpTo(0, 1), "The steps ε of the central differences, one check each."),
        KeyDescriptor("max_per_layer", .integer, default: "100", range: .closed(1, 100_000),
                      "Parameters checked in each layer that has any: all of a smaller layer, "
                          + "else this many chosen at random from the run's seed."),
    ]).examples(["data": "blobs", "examples": "16", "hidden": "[8]", "epsilons": "[1e-2, 1e-5, 1e-8]"])

    public static let budget = "2 × epsilons × checked parameters × (examples × work per example + "
        + "\(passCost.grouped)) ≤ \(ResultValue.format(workBudget)), all seeds together; "
        + "(2 × parameters + \(tensorsPerWidth) × examples × Σ widths) × bytes a scalar ≤ "
        + "\(ResultValue.format(memoryBudget)) bytes held at once, where Σ widths adds up the input's width and "
        + "every layer's output width, and \(ModelDescription.workPerExampleNote)"

    public static let table: TableDefaults? = TableDefaults(rows: "checks", rowWord: "ε", better: ["relative_difference": .lower])

    public static let example: KindExample? = KindExample(
        expectation: "relative_difference < 1e-7", inline: "relative_difference:.1e",
        sentence: "Back-propagation and central differences agree to a relative difference of")

    public struct Spec: Codable, Sendable, Hashable, DataBacked {
        /// Where the batch comes from, and its loss.
        var data: DataRecipe
        /// Examples in the batch whose mean loss is differentiated.
        var examples: Int
        /// The network, its output layer included.
        var layers: [ModelDescription.Entry]
        /// How its weights start.
        var initializer: Initializer
        /// `double` or `float`: the scalars of the network and both gradients.
        var precision: String
        /// The steps ε of the central differences, one check each.
        var epsilons: [Double]
        /// Scalars checked in a layer that has more.
        var maximumPerLayer: Int
        /// Each layer that has parameters, first to last: "dense 8 (layer 1)".
        var layerNames: [String]
        /// How many parameters each layer of ``layerNames`` has.
        var layerSizes: [Int]
        /// The width of the input, then of every layer's output, activations
        /// and dropout included: a pass holds examples × each of them.
        var widths: [Int]

        var parameterCount: Int { layerSizes.reduce(0, +) }

        /// The work of one example through the network (``ModelDescription/workPerExample``).
        var workPerExample: Double {
            (try? ModelDescription(entries: layers, inputWidth: widths[0]))?.workPerExample ?? 0
        }

        /// Scalars across a row of the input and of every layer's output.
        var widthSum: Int { widths.reduce(0, +) }

        /// Parameters checked: in each layer all of them, or `maximumPerLayer`.
        var checkedCount: Int { layerSizes.reduce(0) { $0 + min($1, maximumPerLayer) } }

        /// Bytes of one scalar in `precision`.
        var scalarBytes: Int { precision == "double" ? MemoryLayout<Double>.size : MemoryLayout<Float>.size }
    }

    public static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec? {
        let data = DataRecipe.decode(reader, context: context)
        let (settings, description) = TrainSettings.decodeModel(reader, data: data)
        guard let description else { return nil }
        let checked = description.layers.enumerated().filter { $0.element.parameterCount > 0 }
        let names = checked.map { "\($0.element.text) (layer \($0.offset + 1))" }
        return Spec(
            data: data, examples: reader.int("examples"),
            layers: settings.entries(outputWidth: data.outputWidth), initializer: settings.initializer,
            precision: reader.choice("precision"), epsilons: reader.doubleList("epsilons"),
            maximumPerLayer: reader.int("max_per_layer"), layerNames: names,
            layerSizes: checked.map(\.element.parameterCount),
            widths: [description.inputWidth] + description.layers.map(\.outputWidth))
    }

    /// In `Double`: keys in range multiply past `Int.max` (digits, 1,797
    /// examples, two layers of 4,096 and 100,000 checked a layer).
    ///
    /// A pass multiplies every parameter by every example and touches every
    /// scalar of every layer's output; what a run holds is its parameters and
    /// their gradients, and ``tensorsPerWidth`` tensors of examples × each
    /// width (with a narrow input and a wide layer, far more than the
    /// parameters).
    public static func work(_ spec: Spec) -> [WorkEstimate] {
        let examples = Double(spec.examples)
        let widthSum = Double(spec.widthSum)
        let passes = 2 * Double(spec.epsilons.count) * Double(spec.checkedCount)
        let pass = examples * spec.workPerExample + Double(passCost)
        let formula = "2 × \(spec.epsilons.count) epsilons × \(spec.checkedCount.grouped) checked parameters × "
            + "(\(spec.examples) examples × \(Int(spec.workPerExample).grouped) work per example + \(passCost.grouped))"
        let scalarsHeld = 2 * Double(spec.parameterCount) + Double(tensorsPerWidth) * examples * widthSum
        let heldFormula = "(2 × \(spec.parameterCount.grouped) parameters + "
            + "\(tensorsPerWidth) × \(spec.examples) examples × \(spec.widthSum.grouped) widths) × "
            + "\(spec.scalarBytes) bytes"
        return [
            WorkEstimate("the forward passes would take", amount: passes * pass, formula: formula,
                         definition: ModelDescription.workPerExampleNote, budget: workBudget,
                         keys: ["hidden", "layers", "examples", "max_per_layer", "epsilons"],
                         hint: "lower 'max_per_layer' or 'examples', list fewer epsilons, or use a smaller network"),
            WorkEstimate("the network would hold", amount: scalarsHeld * Double(spec.scalarBytes), unit: "bytes",
                         formula: heldFormula, budget: memoryBudget, keys: ["hidden", "layers", "examples"],
                         hint: "lower 'examples' or use a smaller network", heldPerRun: true),
        ]
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
