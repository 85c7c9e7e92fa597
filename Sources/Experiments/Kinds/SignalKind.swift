import Foundation
import LessonSupport
import NeuralEngine

/// What happens to the signal inside a deep network.
///
/// Builds a stack of `depth` dense layers, each followed by an activation (and
/// optionally a normalization), for every combination of the initializers,
/// activations, normalizations and learning rates the block lists, and
/// measures layer by layer the size of the activations on the way forward and
/// of the gradients on the way back — at initialization, or after a few epochs
/// of plain SGD on the digits. Everything runs in `Double`, so a tiny number is
/// the network's, not rounding's. It also multiplies the dense layers' weight
/// matrices into one and reports how far the network is from that single
/// affine map (zero, up to rounding, for a linear network). He et al. 2015,
/// https://arxiv.org/abs/1502.01852; Glorot & Bengio 2010,
/// https://proceedings.mlr.press/v9/glorot10a.html.
public enum SignalKind: ExperimentKind {
    public static let name = "signal"
    public static let summary = "A deep network at initialization (or after a short training): per-layer activation norm and spread forward, gradient norms backward, for several initializers, activations and normalizations."

    public static let keys: [KeyDescriptor] = ([
        KeyDescriptor("data", .word(["gaussian", "digits"]), default: "gaussian",
                      "The inputs: rows of independent N(0, 1) features, one per unit of the first layer (the gradient is then that of a random linear read-out), or the standardized digits with a final dense layer of 10 and softmax cross-entropy."),
        KeyDescriptor("examples", .integer, default: "1000", range: .closed(1, 100_000),
                      "Rows of Gaussian inputs (data: gaussian). The digits use their stratified training half, 901 images.")
            .only(when: "data", is: ["gaussian"], note: "data: digits uses the 901 training images"),
        KeyDescriptor("file", .path, default: DataRecipe.digitsFile,
                      "The digits file, relative to the lesson or its data/ folder (data: digits); digits.csv.gz, when no such file is there, is the copy built into lesson.")
            .only(when: "data", is: ["digits"]),
        KeyDescriptor("depth", .integer, default: "50", range: .closed(1, 500),
                      "Dense layers (for the digits the last one is the output layer of 10).").suggestedInScaffold(),
        KeyDescriptor("width", .integer, default: "100", range: .closed(1, 2_048),
                      "Units of every hidden layer (and features of the Gaussian inputs).").suggestedInScaffold(),
        KeyDescriptor("bias", .boolean, default: "false",
                      "Whether the dense layers have a bias (starting at 0)."),
        KeyDescriptor("init", .custom, type: "initializer or list", default: "he_normal",
                      "How the weights are drawn: zeros, normal C (variance C/fan-in), normal_std S, uniform A, xavier_normal, xavier_uniform, he_normal, he_uniform. A list gives one network each.")
            .suggestedInScaffold(),
        KeyDescriptor("activation", .custom, type: "activation or list", default: "relu",
                      "After every hidden dense layer: linear, sigmoid, tanh, relu or leaky_relu [SLOPE] (default slope 0.01). A list gives one network each.")
            .suggestedInScaffold(),
        KeyDescriptor("norm", .custom, type: "normalization or list", default: "none",
                      "In every hidden block: none, layernorm or batchnorm (batch statistics, as in training). A list gives one network each."),
        KeyDescriptor("norm_position", .word(NormPosition.allCases.map(\.rawValue)), default: "after",
                      "Whether the normalization comes after the activation or between the dense layer and the activation."),
        KeyDescriptor("epochs", .integer, default: "0", range: .closed(0, 200),
                      "Epochs of plain SGD on the digits' training half before measuring; 0 measures at initialization."),
        KeyDescriptor("learning_rate", .list(.number, count: 1...maximumVariants), type: "number or list", default: "0.1", range: .aboveUpTo(0, 10),
                      "The SGD step size when epochs > 0. A list gives one network each."),
        KeyDescriptor("batch_size", .integer, default: "32", range: .closed(1, 10_000),
                      "Examples per SGD step when epochs > 0."),
        KeyDescriptor("plot", .mapping, described: "(log axes from the data)",
                      "The y axis of both charts: y_scale (auto | log | linear; auto is log) and y_range ([low, high], either null "
                      + "for automatic; lines beyond it are cut at the frame), e.g. {y_range: [0.1, 1000]}."),
    ]).examples(["examples": "64", "depth": "5", "width": "16", "init": "[he_normal, xavier_normal]"])

    /// Where the normalization goes in a hidden block.
    enum NormPosition: String, Codable, Sendable, Hashable, CaseIterable {
        case after, before
    }

    /// A normalization of a hidden block.
    enum Normalization: String, Codable, Sendable, Hashable, CaseIterable {
        case none, layernorm, batchnorm
    }

    /// One network of the block: a choice from each list.
    struct Variant: Codable, Sendable, Hashable {
        /// As written, for the legend and the table.
        var initText: String
        var activationText: String
        var norm: Normalization
        var learningRate: Double
        /// A name usable in paths, e.g. `normal_2` or `sigmoid`.
        var key: String
        var label: String

        /// Named by the settings that vary in the block (`naming`): `normal_2`,
        /// `sigmoid`, `tanh_batchnorm`, `lr_0_5`; a block of one network is `network`.
        init(initText: String, activationText: String, norm: Normalization, learningRate: Double,
             naming varying: (initializer: Bool, activation: Bool, norm: Bool, rate: Bool)) {
            self.initText = initText
            self.activationText = activationText
            self.norm = norm
            self.learningRate = learningRate
            let rate = ResultValue.format(learningRate)
            let named = [(varying.initializer, initText, initText), (varying.activation, activationText, activationText),
                         (varying.norm, norm.rawValue, norm.rawValue), (varying.rate, "lr \(rate)", "η = \(rate)")].filter { $0.0 }
            key = named.isEmpty ? "network" : SignalKind.pathName(named.map { $0.1 }.joined(separator: "_"))
            label = named.isEmpty
                ? "\(activationText), \(initText)" + (norm == .none ? "" : ", \(norm.rawValue)")
                : named.map { $0.2 }.joined(separator: ", ")
        }
    }

    public struct Spec: Codable, Sendable, Hashable {
        var digits: Bool
        var examples: Int
        var file: String
        var depth: Int
        var width: Int
        var bias: Bool
        var variants: [Variant]
        var normPosition: NormPosition
        var epochs: Int
        var batchSize: Int
        var plot: TrainPlot?
    }

    /// Largest work of a block: rows × 3 × work per example × (1 + epochs)
    /// (``ModelDescription/workPerExample``, three times for `Double` and the
    /// measuring pass), summed over the networks, all seeds together.
    /// `EngineBenchmarks --budgets` (2026-12-07, under load): a block at the
    /// budget takes about 45 s of one core.
    static let workBudget = 3e11
    /// Bytes the measuring pass holds at once (1 GB): every layer's output
    /// and its gradient for every row, in `Double`.
    static let memoryBudget = 1e9
    /// Tensors of rows × a layer's width the measuring pass keeps for each
    /// layer: its output and the gradient at it, and one to spare for what
    /// the layer caches (measured: 2.5 GB for 20,000 rows through 500 dense
    /// layers of 8 and their tanh, 16 bytes, two doubles, for each scalar of
    /// a layer's output).
    static let tensorsPerWidth = 3
    /// Largest number of networks one block compares.
    static let maximumVariants = 12

    public static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec? {
        // 'examples' only with the Gaussian inputs, 'file' only with the
        // digits: declared with the keys, checked by the reader.
        let digits = reader.choice("data") == "digits"
        let examples = reader.int("examples")
        let file = reader.string("file")
        if digits {
            do {
                _ = try context.locateDataFile(file)
            } catch {
                // The same words as `train`'s: every folder searched, the course's shared ones too.
                reader.fail(reader.has("file") ? "file" : "data", error.message,
                            notes: error.notes + ["leave out 'file' to use the digits built into lesson (\(DataRecipe.digitsFile))"])
            }
        }
        let depth = reader.int("depth")
        let width = reader.int("width")
        let bias = reader.bool("bias")

        let inits = reader.settingList("init", count: 1...maximumVariants) { text in
            do { _ = try Initializer(parsing: text); return nil } catch { return "\(error)" }
        }
        let activations = reader.settingList("activation", count: 1...maximumVariants) { text in
            activationFunction(text) == nil
                ? "unknown activation '\(text)'" + Suggestion.didYouMean(text, in: activationNames)
                    + " (allowed: linear, sigmoid, tanh, relu, leaky_relu [SLOPE in 0…1])"
                : nil
        }
        let norms = reader.settingList("norm", count: 1...maximumVariants) { text in
            Normalization(rawValue: text) == nil
                ? "unknown normalization '\(text)'" + Suggestion.didYouMean(text, in: Normalization.allCases.map(\.rawValue))
                    + " (allowed: none, layernorm, batchnorm)"
                : nil
        }
        let normPosition = NormPosition(rawValue: reader.choice("norm_position")) ?? .after
        let epochs = reader.int("epochs")
        let rates = reader.doubleList("learning_rate")
        let batchSize = reader.int("batch_size")
        if epochs > 0, !digits {
            reader.fail("epochs", "training needs labels: 'epochs' applies to data: digits")
        }
        if epochs == 0 {
            for key in ["learning_rate", "batch_size"] where reader.has(key) {
                reader.fail(key, "'\(key)' applies when the block trains: set 'epochs' above 0")
            }
        }
        if reader.has("norm_position"), norms.allSatisfy({ $0.text == "none" }) {
            reader.fail("norm_position", "'norm_position' places a normalization; set 'norm' to layernorm or batchnorm")
        }
        if norms.contains(where: { $0.text == "batchnorm" }), !digits, examples < 2 {
            reader.fail("examples", "batch norm over a batch of 1 normalizes every unit to 0; use at least 2 examples")
        }

        let varying = (initializer: inits.count > 1, activation: activations.count > 1, norm: norms.count > 1, rate: rates.count > 1)
        var variants: [Variant] = []
        for i in inits { for a in activations { for n in norms { for rate in rates {
            variants.append(Variant(initText: i.text, activationText: a.text, norm: Normalization(rawValue: n.text) ?? .none,
                                    learningRate: rate, naming: varying))
        } } } }
        if variants.count > maximumVariants {
            reader.fail(at: inits.count > 1 ? inits[0].written : activations.count > 1 ? activations[0].written : norms[0].written,
                        "the lists of 'init', 'activation', 'norm' and 'learning_rate' make \(variants.count) networks, more than \(maximumVariants)",
                        notes: ["one network is built for every combination; shorten a list or split the block"])
        }
        if Set(variants.map(\.key)).count != variants.count {
            reader.fail(at: inits[0].written, "two networks of this block would have the same name; list each setting once")
        }

        let spec = Spec(digits: digits, examples: digits ? 901 : examples, file: file, depth: depth, width: width,
                        bias: bias, variants: variants, normPosition: normPosition, epochs: epochs, batchSize: batchSize,
                        plot: TrainPlot.decode(reader, variantNames: [], stepCurve: false, only: ["y_scale", "y_range"]))
        return spec
    }

    public static func work(_ spec: Spec) -> [WorkEstimate] {
        let networks = "\(spec.variants.count) network\(spec.variants.count == 1 ? "" : "s")"
        return [
            WorkEstimate("the block would take", amount: spec.work,
                         formula: "\(spec.examples.grouped) rows × 3 × work per example × (1 + epochs), summed over \(networks)",
                         definition: ModelDescription.workPerExampleNote, budget: workBudget, keys: ["depth", "width", "examples"],
                         hint: "lower 'depth', 'width', 'examples' or 'epochs', or list fewer settings"),
            WorkEstimate("the network would hold", amount: spec.bytesHeld, unit: "bytes",
                         formula: "\(tensorsPerWidth) × \(spec.examples.grouped) rows × \(spec.widthSum.grouped) widths × 8 bytes",
                         budget: memoryBudget, keys: ["examples", "depth", "width"],
                         hint: "lower 'examples', 'depth' or 'width'", heldPerRun: true),
        ]
    }

    public static func dataFiles(_ spec: Spec, context: DecodeContext) -> [String] {
        guard spec.digits, let path = context.resolveDataFile(spec.file) else { return [] }
        return [path]
    }

    public static func run(_ spec: Spec, context: RunContext) throws -> ExperimentOutcome {
        let result = try SignalExperiment(spec: spec).run(context: context.decode, seed: context.seed)
        return SignalReport(spec: spec, result: result).outcome
    }

    // MARK: - Decoding helpers

    static let activationNames = ["linear", "identity", "sigmoid", "tanh", "relu", "leaky_relu"]

    /// `linear` (or `identity`), `sigmoid`, `tanh`, `relu`, `leaky_relu [SLOPE]`.
    static func activationFunction(_ text: String) -> ActivationFunction? {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace)
        guard let first = words.first else { return nil }
        switch (first, words.count) {
        case ("linear", 1), ("identity", 1): return .identity
        case ("sigmoid", 1): return .sigmoid
        case ("tanh", 1): return .tanh
        case ("relu", 1): return .relu
        case ("leaky_relu", 1): return .leakyReLU(slope: 0.01)
        case ("leaky_relu", 2):
            guard let slope = Double(words[1]), (0...1).contains(slope) else { return nil }
            return .leakyReLU(slope: slope)
        default: return nil
        }
    }

    /// Lower case letters, digits and single underscores: `normal 0.5` → `normal_0_5`.
    static func pathName(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                out.append(character)
            } else if !out.isEmpty, out.last != "_" {
                out.append("_")
            }
        }
        while out.last == "_" { out.removeLast() }
        return out.isEmpty ? "network" : out
    }
}

extension SignalKind.Spec {
    /// Features per input row.
    var inputWidth: Int { digits ? Dataset<Float>.digitsPixelCount : width }
    /// Units of each dense layer, first to last.
    var layerWidths: [Int] { (0..<depth).map { digits && $0 == depth - 1 ? 10 : width } }
    /// The work of the whole block: the measuring pass and every epoch of
    /// training, each rows × work per example of the network, three times
    /// over (in `Double`, a forward pass kept for the backward one).
    var work: Double {
        variants.reduce(0.0) { total, variant in
            let network = try? ModelDescription(entries: entries(variant), inputWidth: inputWidth)
            return total + Double(examples) * 3 * (network?.workPerExample ?? 0) * Double(1 + epochs)
        }
    }

    /// The input's width and every layer's output width (dense layers,
    /// activations, normalizations), of the widest network.
    var widthSum: Int {
        variants.map { variant in
            let network = try? ModelDescription(entries: entries(variant), inputWidth: inputWidth)
            return inputWidth + (network?.layers.reduce(0) { $0 + $1.outputWidth } ?? 0)
        }.max() ?? inputWidth
    }

    /// Bytes the measuring pass holds: ``SignalKind/tensorsPerWidth``
    /// tensors of rows × each width, in `Double`.
    var bytesHeld: Double {
        Double(SignalKind.tensorsPerWidth) * Double(examples) * Double(widthSum) * Double(MemoryLayout<Double>.size)
    }

    /// The typed layers of one network.
    func entries(_ variant: SignalKind.Variant) -> [ModelDescription.Entry] {
        let activation = SignalKind.activationFunction(variant.activationText) ?? .relu
        let norm: ModelDescription.Entry? = switch variant.norm {
        case .none: nil
        case .layernorm: .layerNorm
        case .batchnorm: .batchNorm(momentum: 0.9)
        }
        var out: [ModelDescription.Entry] = []
        for (index, units) in layerWidths.enumerated() {
            out.append(.dense(units: units, hasBias: bias))
            if digits && index == depth - 1 { break }
            if let norm, normPosition == .before { out.append(norm) }
            out.append(.activation(activation))
            if let norm, normPosition == .after { out.append(norm) }
        }
        return out
    }
}
