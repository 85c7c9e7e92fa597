import LessonSupport
/// A parsed and checked model description: the list of layer entries a lesson
/// writes, such as `["dense 128", "relu", "dropout 0.5", "dense 10"]`.
///
/// Parsing infers every layer's output width and parameter count from the
/// input width, so a description that cannot work is rejected with the entry
/// at fault before any weight is drawn. The accepted entries:
///
/// | entry | layer |
/// |---|---|
/// | `dense N [nobias]` | fully connected, N units |
/// | `relu`, `sigmoid`, `tanh`, `identity` | elementwise activation |
/// | `leaky_relu [SLOPE]` | leaky ReLU, slope for negative inputs (default 0.01, in [0, 1]) |
/// | `dropout P [original]` | dropout keeping each unit with probability P in (0, 1]; inverted unless `original` |
/// | `batchnorm [MOMENTUM]` | batch norm; running averages keep MOMENTUM of their old value (default 0.9) |
/// | `layernorm` | layer norm |
/// | `groupnorm G` | group norm, G groups dividing the width |
/// | `instancenorm [C]` | instance norm over C channels dividing the width (default 1) |
/// | `weightnorm N [nobias]` | weight-normalized dense layer, N units |
public struct ModelDescription: Sendable, Equatable, CustomStringConvertible {
    /// One entry of a description, parsed.
    public enum Entry: Sendable, Hashable, Codable {
        /// `dense N [nobias]`: a ``Dense`` layer.
        case dense(units: Int, hasBias: Bool)
        /// `relu`, `leaky_relu [SLOPE]`, `sigmoid`, `tanh`, `identity`: an ``Activation`` layer.
        case activation(ActivationFunction)
        /// `dropout P [original]`: a ``Dropout`` layer keeping each unit with probability P.
        case dropout(keepProbability: Double, form: DropoutForm)
        /// `batchnorm [MOMENTUM]`: a ``BatchNorm`` layer.
        case batchNorm(momentum: Double)
        /// `layernorm`: a ``LayerNorm`` layer.
        case layerNorm
        /// `groupnorm G`: a ``GroupNorm`` layer.
        case groupNorm(groups: Int)
        /// `instancenorm [C]`: an ``InstanceNorm`` layer.
        case instanceNorm(channels: Int)
        /// `weightnorm N [nobias]`: a ``WeightNorm`` layer around a dense layer of N units.
        case weightNorm(units: Int, hasBias: Bool)
    }

    /// What shape inference found for one layer.
    public struct LayerSummary: Sendable, Equatable {
        /// The parsed entry.
        public let entry: Entry
        /// The entry in canonical spelling, e.g. `dense 128`.
        public let text: String
        /// Features per input row.
        public let inputWidth: Int
        /// Features per output row.
        public let outputWidth: Int
        /// Number of trainable scalars.
        public let parameterCount: Int
    }

    /// The layer names the parser knows, for "did you mean" and error messages.
    public static let layerNames = [
        "dense", "relu", "leaky_relu", "sigmoid", "tanh", "identity", "dropout",
        "batchnorm", "layernorm", "groupnorm", "instancenorm", "weightnorm",
    ]

    /// Largest accepted layer width; a guard against typos such as `dense 1280000`.
    public static let maximumWidth = 1 << 20

    /// Features per input row.
    public let inputWidth: Int
    /// The layers in order, with their inferred widths and parameter counts.
    public let layers: [LayerSummary]

    /// Features per output row of the whole model.
    public var outputWidth: Int { layers.last?.outputWidth ?? inputWidth }
    /// Total number of trainable scalars.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// Parses and checks `entries` for inputs of `inputWidth` features.
    /// - Throws: ``ModelDescriptionError`` naming the first bad entry and what is allowed.
    public init(parsing entries: [String], inputWidth: Int) throws {
        guard (1...Self.maximumWidth).contains(inputWidth) else {
            throw ModelDescriptionError(
                index: nil, entry: nil,
                message: "the input width must be between 1 and \(Self.maximumWidth), got \(inputWidth)")
        }
        guard !entries.isEmpty else {
            throw ModelDescriptionError(index: nil, entry: nil, message: "a model needs at least one layer")
        }
        var width = inputWidth
        var layers: [LayerSummary] = []
        for (index, text) in entries.enumerated() {
            let entry = try Self.parse(text, index: index, width: width)
            let summary = Self.infer(entry, inputWidth: width)
            layers.append(summary)
            width = summary.outputWidth
        }
        self.inputWidth = inputWidth
        self.layers = layers
    }

    /// A table of the layers with their output widths and parameter counts:
    ///
    ///       #  layer                      output  parameters
    ///          input                          64
    ///       1  dense 128                     128        8320
    ///       2  relu                          128           0
    ///       3  dense 10                       10        1290
    ///          total                                    9610
    public var description: String {
        Self.table(inputWidth: inputWidth, layers: layers.map { ($0.text, $0.outputWidth, $0.parameterCount) })
    }

    static func table(inputWidth: Int, layers: [(text: String, outputWidth: Int, parameterCount: Int)]) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        var lines = ["  #  layer                      output  parameters"]
        lines.append("     input                      \(pad(inputWidth, 6))")
        for (i, layer) in layers.enumerated() {
            let name = layer.text.padding(to: 25)
            lines.append("\(pad(i + 1, 3))  \(name)  \(pad(layer.outputWidth, 6))  \(pad(layer.parameterCount, 10))")
        }
        let total = layers.reduce(0) { $0 + $1.parameterCount }
        lines.append("     total                              \(pad(total, 10))")
        return lines.joined(separator: "\n")
    }

    // MARK: Parsing

    private static func parse(_ text: String, index: Int, width: Int) throws -> Entry {
        let words = text.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
        func fail(_ message: String) -> ModelDescriptionError {
            ModelDescriptionError(index: index, entry: text, message: message)
        }
        guard let name = words.first else {
            throw fail("empty entry; expected one of \(layerNames.joined(separator: ", "))")
        }
        let arguments = Array(words.dropFirst())

        func expectArguments(_ allowed: ClosedRange<Int>, usage: String) throws {
            guard allowed.contains(arguments.count) else { throw fail("expected '\(usage)', got '\(text)'") }
        }
        func units(usage: String) throws -> (Int, Bool) {
            try expectArguments(1...2, usage: usage)
            guard let units = Int(arguments[0]) else {
                throw fail("'\(name)' needs a whole number of units, got '\(arguments[0])'")
            }
            guard (1...maximumWidth).contains(units) else {
                throw fail("'\(name)' needs between 1 and \(maximumWidth) units, got \(units)")
            }
            if arguments.count == 2 && arguments[1] != "nobias" {
                throw fail("expected '\(usage)', got '\(text)' (the only option is 'nobias')")
            }
            return (units, arguments.count == 1)
        }
        func real(_ word: String, what: String) throws -> Double {
            guard let value = Double(word), value.isFinite else {
                throw fail("\(what) must be a number, got '\(word)'")
            }
            return value
        }

        switch name {
        case "dense":
            let (units, hasBias) = try units(usage: "dense N [nobias]")
            return .dense(units: units, hasBias: hasBias)
        case "weightnorm":
            let (units, hasBias) = try units(usage: "weightnorm N [nobias]")
            return .weightNorm(units: units, hasBias: hasBias)
        case "relu", "sigmoid", "tanh", "identity", "layernorm":
            try expectArguments(0...0, usage: name)
            switch name {
            case "relu": return .activation(.relu)
            case "sigmoid": return .activation(.sigmoid)
            case "tanh": return .activation(.tanh)
            case "identity": return .activation(.identity)
            default: return .layerNorm
            }
        case "leaky_relu":
            try expectArguments(0...1, usage: "leaky_relu [SLOPE]")
            let slope = try arguments.first.map { try real($0, what: "the leaky ReLU slope") } ?? 0.01
            guard (0...1).contains(slope) else { throw fail("the leaky ReLU slope must be in [0, 1], got \(slope)") }
            return .activation(.leakyReLU(slope: slope))
        case "dropout":
            try expectArguments(1...2, usage: "dropout P [original]")
            let p = try real(arguments[0], what: "the keep probability")
            guard p > 0, p <= 1 else {
                throw fail("dropout takes the probability of keeping a unit, in (0, 1]; got \(arguments[0])")
            }
            if arguments.count == 2 && arguments[1] != "original" && arguments[1] != "inverted" {
                throw fail("expected 'dropout P [original]', got '\(text)'")
            }
            return .dropout(keepProbability: p, form: arguments.count == 2 && arguments[1] == "original" ? .original : .inverted)
        case "batchnorm":
            try expectArguments(0...1, usage: "batchnorm [MOMENTUM]")
            let momentum = try arguments.first.map { try real($0, what: "the batch norm momentum") } ?? 0.9
            guard momentum >= 0, momentum < 1 else {
                throw fail("the batch norm momentum (weight of the old running average) must be in [0, 1), got \(momentum)")
            }
            return .batchNorm(momentum: momentum)
        case "groupnorm", "instancenorm":
            let usage = name == "groupnorm" ? "groupnorm G" : "instancenorm [C]"
            try expectArguments(name == "groupnorm" ? 1...1 : 0...1, usage: usage)
            let count: Int
            if let word = arguments.first {
                guard let value = Int(word), value >= 1 else {
                    throw fail("'\(name)' needs a whole number ≥ 1 of \(name == "groupnorm" ? "groups" : "channels"), got '\(word)'")
                }
                count = value
            } else {
                count = 1
            }
            guard width % count == 0 else {
                throw fail("\(name) \(count) needs a width divisible by \(count), got \(width)")
            }
            guard width / count >= 2 else {
                throw fail(
                    "\(name) \(count) on width \(width) leaves one feature per \(name == "groupnorm" ? "group" : "channel"), "
                        + "which always normalizes to 0; use at most \(width / 2)")
            }
            return name == "groupnorm" ? .groupNorm(groups: count) : .instanceNorm(channels: count)
        default:
            let suggestion = Suggestion.closest(to: name, in: layerNames).map { "; did you mean '\($0)'?" }
            throw fail("unknown layer '\(name)'" + (suggestion ?? " (allowed: \(layerNames.joined(separator: ", ")))"))
        }
    }

    static func infer(_ entry: Entry, inputWidth: Int) -> LayerSummary {
        let (text, output, count): (String, Int, Int)
        switch entry {
        case .dense(let units, let hasBias):
            (text, output, count) = (hasBias ? "dense \(units)" : "dense \(units) nobias", units, units * inputWidth + (hasBias ? units : 0))
        case .weightNorm(let units, let hasBias):
            (text, output, count) = (
                hasBias ? "weightnorm \(units)" : "weightnorm \(units) nobias", units,
                units * inputWidth + units + (hasBias ? units : 0)
            )
        case .activation(let function):
            (text, output, count) = (function.description, inputWidth, 0)
        case .dropout(let p, let form):
            (text, output, count) = (form == .original ? "dropout \(p) original" : "dropout \(p)", inputWidth, 0)
        case .batchNorm(let momentum):
            (text, output, count) = (momentum == 0.9 ? "batchnorm" : "batchnorm \(momentum)", inputWidth, 2 * inputWidth)
        case .layerNorm:
            (text, output, count) = ("layernorm", inputWidth, 2 * inputWidth)
        case .groupNorm(let groups):
            (text, output, count) = ("groupnorm \(groups)", inputWidth, 2 * inputWidth)
        case .instanceNorm(let channels):
            (text, output, count) = (channels == 1 ? "instancenorm" : "instancenorm \(channels)", inputWidth, 2 * channels)
        }
        return LayerSummary(entry: entry, text: text, inputWidth: inputWidth, outputWidth: output, parameterCount: count)
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
