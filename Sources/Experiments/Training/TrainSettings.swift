import Foundation
import NeuralEngine
import LessonSupport

/// Where the hidden layers' normalization goes.
enum NormalizationChoice: String, Codable, Sendable, Hashable, CaseIterable {
    case none, batch, layer, group, instance
    /// Weight normalization: the dense layers are reparametrized, nothing is inserted.
    case weight
}

/// Everything a variant of a `train` block may change: the model, its
/// initialization and how it is trained. A plain value (part of the spec and
/// of the cache key); the layers are typed entries, never text parsed back.
struct TrainSettings: Codable, Sendable, Hashable {
    var hidden: [Int] = [64]
    /// The hidden stack written out in `layers:`; replaces hidden, activation,
    /// normalization and dropout when set.
    var explicitLayers: [ModelDescription.Entry]?
    var activation: ActivationFunction = .relu
    var normalization: NormalizationChoice = .none
    /// Groups of group norm, channels of instance norm.
    var groups: Int = 4
    var keepProbability: Double = 1
    var initializer: Initializer = .heNormal
    var standardize: Bool = true
    var epochs: Int = 20
    /// `nil`: every training example in one batch (full-batch gradient descent).
    var batchSize: Int? = 32
    var optimizer: OptimizerChoice = .sgd
    /// `nil`: the optimizer's default.
    var learningRate: Double?
    var weightDecay: Double = 0
    /// Momentum, β's, ε, L1, the learning-rate schedule, early stopping.
    var tuning = OptimizerSettings()

    var resolvedLearningRate: Double { learningRate ?? optimizer.defaultLearningRate }

    /// The keys a variant may override, in the order `lesson kinds` lists them.
    static let keyNames = [
        "hidden", "layers", "activation", "normalization", "groups", "keep_prob", "initializer", "standardize",
        "epochs", "batch_size", "optimizer", "learning_rate", "weight_decay",
    ] + OptimizerSettings.trainingKeyNames + OptimizerSettings.earlyStoppingKeyNames

    /// The keys that describe the network alone, not how it is trained: what a
    /// kind that builds a network without training it reads (``decodeModel(_:data:)``).
    static let modelKeyNames = ["hidden", "layers", "activation", "normalization", "groups", "keep_prob", "initializer"]

    static let activationNames = ["relu", "leaky_relu", "sigmoid", "tanh", "identity"]

    static var keys: [KeyDescriptor] {
        [
            KeyDescriptor("hidden", .list(.integer, count: 0...16), default: "[64]", range: .closed(1, 4_096),
                          "Units of each hidden layer (an empty list: a linear model). Each hidden layer is dense (or weight-normalized), then the normalization, the activation and dropout."),
            KeyDescriptor("layers", type: "list of layer entries", described: "built from hidden, activation, normalization, keep_prob",
                          "The hidden stack written out, e.g. [dense 64, batchnorm, relu, dropout 0.5] (entries as in a model description: dense N [nobias], relu, leaky_relu [SLOPE], sigmoid, tanh, identity, dropout P, batchnorm [MOMENTUM], layernorm, groupnorm G, instancenorm [C], weightnorm N). The output layer (dense, one unit per class) is added."),
            KeyDescriptor("activation", .word(activationNames), default: "relu",
                          "The hidden layers' activation (leaky_relu has slope 0.01)."),
            KeyDescriptor("normalization", .word(NormalizationChoice.allCases.map(\.rawValue)), default: "none",
                          "Normalization of each hidden layer, between the dense layer and the activation: batch, layer, group (groups), instance (channels) norm; weight reparametrizes the dense layers as w = g·v/‖v‖."),
            KeyDescriptor("groups", .integer, default: "4", range: .closed(1, 4_096),
                          "Groups of group norm, channels of instance norm; must divide every hidden width."),
            KeyDescriptor("keep_prob", .number, default: "1", range: .aboveUpTo(0, 1),
                          "Dropout after each hidden activation: probability of keeping a unit (1: no dropout)."),
            KeyDescriptor("initializer", type: "initializer", default: "he_normal",
                          "Initial weights: zeros, normal C (variance C/fan-in), normal_std S, uniform A, xavier_normal, xavier_uniform, he_normal, he_uniform, constant C. Biases start at 0."),
            KeyDescriptor("standardize", .boolean, default: "true",
                          "Standardize every input feature with the training set's mean and standard deviation."),
            KeyDescriptor("epochs", .integer, default: "20", range: .closed(1, 10_000), "Passes over the training set.").suggestedInScaffold(),
            KeyDescriptor("batch_size", .integerOrWord(["all"]), default: "32", range: .closed(1, 100_000),
                          "Examples per gradient step; all: the whole training set (batch gradient descent), 1: stochastic gradient descent."),
            TrainingRecipe.optimizerKey(default: "sgd"),
            TrainingRecipe.learningRateKey,
            KeyDescriptor("weight_decay", .number, default: "0", range: .closed(0, 100),
                          "λ of the L2 penalty (λ/2)‖W‖² on the weight matrices (not biases or normalization parameters): each step adds λW to the gradient."),
        ] + OptimizerSettings.keys(earlyStopping: true)
    }

    /// The model keys (``modelKeyNames``), declared as `train` declares them.
    static var modelKeys: [KeyDescriptor] {
        keys.filter { modelKeyNames.contains($0.name) }
    }

    /// The model keys a block writes, applied over the defaults, and the network
    /// they describe for `data` (its output layer added); a network that cannot
    /// be built is reported at the first written of ``modelFaultKeys``, and
    /// has no description.
    static func decodeModel(_ reader: SpecReader, data: DataRecipe) -> (settings: TrainSettings, description: ModelDescription?) {
        var settings = TrainSettings()
        for key in modelKeyNames {
            if let written = reader.value(key) { settings.apply(key, written, reader: reader) }
        }
        do {
            let description = try ModelDescription(entries: settings.entries(outputWidth: data.outputWidth), inputWidth: data.inputWidth)
            return (settings, description)
        } catch {
            reader.fail(atFirstWritten: settings.modelFaultKeys, "\(error)")
            return (settings, nil)
        }
    }

    /// The key a network these settings cannot build is reported at: `layers`
    /// when written, `groups` for group or instance norm, else `hidden`.
    var modelKey: String {
        if explicitLayers != nil { return "layers" }
        return normalization == .group || normalization == .instance ? "groups" : "hidden"
    }

    /// The keys a network these settings cannot build is reported at, the
    /// first of them the block writes (``SpecReader/fail(atFirstWritten:_:notes:)``):
    /// ``modelKey``; when that is left at its default (`groups` for group
    /// norm), what asked for the normalization, then the widths.
    var modelFaultKeys: [String] {
        [modelKey, "normalization", "hidden"]
    }

    /// Applies the value written for `key`, read by its declaration (the
    /// hidden widths, the layers and the initializer by their own rules).
    /// Problems go to `reader`, at `written`.
    mutating func apply(_ key: String, _ written: SpecValue, reader: SpecReader) {
        if OptimizerSettings.isKey(key) { return tuning.apply(key, written, reader: reader) }
        guard let descriptor = Self.keys.first(where: { $0.name == key }) else {
            return reader.fail(at: written, "'\(key)' cannot be varied")
        }
        switch key {
        case "hidden":
            let items = written.items
            if case .scalar(let s) = written, s.string.isEmpty {
                hidden = []
            } else if items.count > 16 {
                reader.fail(at: written, "'hidden' must have at most 16 layers, found \(items.count)")
            } else {
                hidden = items.compactMap { reader.integer($0, key: key, range: descriptor.range) }
            }
            return
        case "layers":
            return applyLayers(written, reader: reader)
        case "initializer":
            guard case .scalar(let s) = written else {
                return reader.fail(at: written, "'initializer' must be text such as 'he_normal' or 'normal 2', found \(SpecReader.describe(written))")
            }
            do {
                initializer = try Initializer(parsing: s.string)
            } catch {
                reader.fail(at: written, "\(error)")
            }
            return
        default:
            break
        }
        switch reader.read(written, as: descriptor.valueType, key: key, range: descriptor.range) {
        case .word(let word)? where key == "activation":
            activation = ["relu": .relu, "leaky_relu": .leakyReLU(slope: 0.01), "sigmoid": .sigmoid, "tanh": .tanh][word] ?? .identity
        case .word(let word)? where key == "normalization": normalization = NormalizationChoice(rawValue: word) ?? .none
        case .integer(let n)? where key == "groups": groups = n
        case .number(let x)? where key == "keep_prob": keepProbability = x
        case .boolean(let b)? where key == "standardize": standardize = b
        case .integer(let n)? where key == "epochs": epochs = n
        case .word("all")? where key == "batch_size": batchSize = nil
        case .integer(let n)? where key == "batch_size": batchSize = n
        case .word(let word)? where key == "optimizer": optimizer = OptimizerChoice(rawValue: word) ?? .sgd
        case .number(let x)? where key == "learning_rate": learningRate = x
        case .number(let x)? where key == "weight_decay": weightDecay = x
        default: break
        }
    }

    /// These settings with the fields of one entry of a list of mappings
    /// (``SpecReader/entries(_:count:fields:example:noun:names:advice:)``: a
    /// `train` variant, an `optimizer-path` path) applied in the order
    /// written, and what each field made of its setting ("batch_size = 4"),
    /// for a label. Problems go to `reader`, at the value written.
    func applying(_ fields: [(name: String, value: SpecValue)], reader: SpecReader) -> (settings: TrainSettings, changes: [String]) {
        var settings = self
        var changes: [String] = []
        for (key, written) in fields {
            settings.apply(key, written, reader: reader)
            changes.append("\(key) = \(settings.text(of: key))")
        }
        return (settings, changes)
    }

    /// `layers: [dense 64, relu, …]`: each entry parsed as in a model description.
    private mutating func applyLayers(_ written: SpecValue, reader: SpecReader) {
        var entries: [ModelDescription.Entry] = []
        let items = written.items
        guard (1...64).contains(items.count) else {
            reader.fail(at: written, "'layers' must list 1…64 layer entries, found \(items.count)")
            return
        }
        for item in items {
            guard case .scalar(let s) = item else {
                reader.fail(at: item, "each entry of 'layers' must be text such as 'dense 64' or 'relu', found \(SpecReader.describe(item))")
                return
            }
            // One entry parsed on its own: its width comes from the stack
            // and is checked when the whole model is assembled.
            // 720,720 is divisible by every group count up to 16; a larger
            // count is tried on twice its own size.
            let count = s.string.split(whereSeparator: \.isWhitespace).last.flatMap { Int($0) } ?? 1
            var problem = ""
            for width in [720_720, 2 * max(count, 1)] where width <= ModelDescription.maximumWidth {
                do {
                    let parsed = try ModelDescription(parsing: [s.string], inputWidth: width)
                    entries.append(parsed.layers[0].entry)
                    problem = ""
                    break
                } catch let error as ModelDescriptionError {
                    if problem.isEmpty { problem = error.message }
                } catch {
                    if problem.isEmpty { problem = "\(error)" }
                }
            }
            if !problem.isEmpty {
                reader.fail(at: item, "'layers': " + problem)
                return
            }
        }
        explicitLayers = entries
    }

    /// The hidden stack and the output layer.
    func entries(outputWidth: Int) -> [ModelDescription.Entry] {
        var out: [ModelDescription.Entry] = []
        if let explicitLayers {
            out = explicitLayers
        } else {
            for units in hidden {
                out.append(normalization == .weight ? .weightNorm(units: units, hasBias: true) : .dense(units: units, hasBias: true))
                switch normalization {
                case .batch: out.append(.batchNorm(momentum: 0.9))
                case .layer: out.append(.layerNorm)
                case .group: out.append(.groupNorm(groups: groups))
                case .instance: out.append(.instanceNorm(channels: groups))
                case .none, .weight: break
                }
                out.append(.activation(activation))
                if keepProbability < 1 { out.append(.dropout(keepProbability: keepProbability, form: .inverted)) }
            }
        }
        out.append(.dense(units: outputWidth, hasBias: true))
        return out
    }

    var recipe: TrainingRecipe {
        TrainingRecipe(epochs: epochs, batchSize: batchSize ?? Int.max, learningRate: resolvedLearningRate,
                       optimizer: optimizer, weightDecay: weightDecay, tuning: tuning)
    }

    /// The value of `key` as a reader would write it, for variant labels.
    func text(of key: String) -> String {
        func number(_ x: Double) -> String { ResultValue.format(x, significant: 4) }
        switch key {
        case "hidden": return "[" + hidden.map(String.init).joined(separator: ", ") + "]"
        case "layers": return ModelDescriptionText.stack(explicitLayers ?? [])
        case "activation": return activation == .leakyReLU(slope: 0.01) ? "leaky_relu" : activation.description
        case "normalization": return normalization.rawValue
        case "groups": return String(groups)
        case "keep_prob": return number(keepProbability)
        case "initializer": return initializer.description
        case "standardize": return standardize ? "true" : "false"
        case "epochs": return String(epochs)
        case "batch_size": return batchSize.map(String.init) ?? "all"
        case "optimizer": return optimizer.rawValue
        case "learning_rate": return number(resolvedLearningRate)
        case "weight_decay": return number(weightDecay)
        default: return tuning.text(of: key)
        }
    }
}

extension TrainSettings {
    /// The settings as they run, for the cache key (the spec's JSON): the
    /// learning rate and the optimizer's settings with their defaults
    /// written out (``OptimizerSettings/asRun(by:)``), so that writing a
    /// default and leaving it out are the same run. Every stored property is
    /// encoded (a test checks it): one left out would give two different
    /// runs the same key.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hidden, forKey: .hidden)
        try container.encodeIfPresent(explicitLayers, forKey: .explicitLayers)
        try container.encode(activation, forKey: .activation)
        try container.encode(normalization, forKey: .normalization)
        try container.encode(groups, forKey: .groups)
        try container.encode(keepProbability, forKey: .keepProbability)
        try container.encode(initializer, forKey: .initializer)
        try container.encode(standardize, forKey: .standardize)
        try container.encode(epochs, forKey: .epochs)
        try container.encodeIfPresent(batchSize, forKey: .batchSize)
        try container.encode(optimizer, forKey: .optimizer)
        try container.encode(resolvedLearningRate, forKey: .learningRate)
        try container.encode(weightDecay, forKey: .weightDecay)
        try container.encode(tuning.asRun(by: optimizer), forKey: .tuning)
    }
}

/// Canonical text of typed entries, for captions only (never parsed back).
enum ModelDescriptionText {
    static func stack(_ entries: [ModelDescription.Entry]) -> String {
        entries.map(entry).joined(separator: ", ")
    }

    static func entry(_ entry: ModelDescription.Entry) -> String {
        switch entry {
        case .dense(let units, let hasBias): hasBias ? "dense \(units)" : "dense \(units) nobias"
        case .weightNorm(let units, let hasBias): hasBias ? "weightnorm \(units)" : "weightnorm \(units) nobias"
        case .activation(let function): function.description
        case .dropout(let p, let form): form == .original ? "dropout \(ResultValue.format(p)) original" : "dropout \(ResultValue.format(p))"
        case .batchNorm(let momentum): momentum == 0.9 ? "batchnorm" : "batchnorm \(ResultValue.format(momentum))"
        case .layerNorm: "layernorm"
        case .groupNorm(let groups): "groupnorm \(groups)"
        case .instanceNorm(let channels): channels == 1 ? "instancenorm" : "instancenorm \(channels)"
        }
    }
}
