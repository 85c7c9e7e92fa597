import LessonSupport
/// How a weight matrix gets its first values.
///
/// `fanIn` is the number of inputs of a unit (the weight matrix's rows),
/// `fanOut` the number of units (its columns). Scaling the variance by the fan-in
/// keeps the size of activations roughly constant from layer to layer, which is
/// what lets deep networks start training at all.
public enum Initializer: Sendable, Hashable, Codable, CustomStringConvertible {
    /// All zeros (every unit then computes the same thing: fine for biases, not for weights).
    case zeros
    /// Every weight equal to the value.
    case constant(Double)
    /// Normal with mean 0 and variance `c / fanIn`; `c` = 1 is LeCun's, `c` = 2 is He's.
    case scaledNormal(c: Double)
    /// Normal with mean 0 and the given standard deviation, whatever the fan-in.
    case normal(standardDeviation: Double)
    /// Uniform on [`low`, `high`).
    case uniform(low: Double, high: Double)
    /// Glorot & Bengio 2010, normal with variance 2 / (fanIn + fanOut).
    /// https://proceedings.mlr.press/v9/glorot10a.html
    case xavierNormal
    /// Glorot & Bengio 2010, uniform on ±√(6 / (fanIn + fanOut)) (same variance as ``xavierNormal``).
    case xavierUniform
    /// He et al. 2015, normal with variance 2 / fanIn, for ReLU networks.
    /// https://arxiv.org/abs/1502.01852
    case heNormal
    /// He et al. 2015, uniform on ±√(6 / fanIn) (same variance as ``heNormal``).
    case heUniform

    /// The names accepted by ``init(parsing:)``.
    public static let names = [
        "zeros", "constant", "normal", "normal_std", "uniform",
        "xavier_normal", "xavier_uniform", "he_normal", "he_uniform",
    ]

    /// Parses `zeros`, `constant C`, `normal C` (variance C/fan-in), `normal_std S`,
    /// `uniform A` (on ±A) or `uniform LOW HIGH`, `xavier_normal`, `xavier_uniform`,
    /// `he_normal`, `he_uniform` (also `xavier` and `he` for the normal forms).
    /// - Throws: ``EngineError/invalidArgument(_:)`` naming what is allowed.
    public init(parsing text: String) throws {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let numbers = words.dropFirst().map { Double($0) }
        func number(_ index: Int) throws -> Double {
            guard index < numbers.count, let value = numbers[index], value.isFinite else {
                throw EngineError.invalidArgument("initializer '\(text)': expected a number after '\(words[0])'")
            }
            return value
        }
        func arguments(_ allowed: ClosedRange<Int>) throws {
            guard allowed.contains(numbers.count) else {
                throw EngineError.invalidArgument(
                    "initializer '\(text)': '\(words[0])' takes \(allowed.lowerBound == allowed.upperBound ? "\(allowed.lowerBound)" : "\(allowed.lowerBound) or \(allowed.upperBound)") number(s)")
            }
        }
        switch words.first?.lowercased() ?? "" {
        case "zeros": try arguments(0...0); self = .zeros
        case "constant": try arguments(1...1); self = .constant(try number(0))
        case "normal":
            try arguments(1...1)
            let c = try number(0)
            guard c >= 0 else { throw EngineError.invalidArgument("initializer '\(text)': the variance scale must be ≥ 0") }
            self = .scaledNormal(c: c)
        case "normal_std":
            try arguments(1...1)
            let s = try number(0)
            guard s >= 0 else { throw EngineError.invalidArgument("initializer '\(text)': the standard deviation must be ≥ 0") }
            self = .normal(standardDeviation: s)
        case "uniform":
            try arguments(1...2)
            let (low, high) = numbers.count == 1 ? (-abs(try number(0)), abs(try number(0))) : (try number(0), try number(1))
            guard low <= high else { throw EngineError.invalidArgument("initializer '\(text)': low must not exceed high") }
            self = .uniform(low: low, high: high)
        case "xavier", "xavier_normal", "glorot", "glorot_normal": try arguments(0...0); self = .xavierNormal
        case "xavier_uniform", "glorot_uniform": try arguments(0...0); self = .xavierUniform
        case "he", "he_normal", "kaiming", "kaiming_normal": try arguments(0...0); self = .heNormal
        case "he_uniform", "kaiming_uniform": try arguments(0...0); self = .heUniform
        default:
            let suggestion = Suggestion.didYouMean(words.first ?? "", in: Self.names)
            throw EngineError.invalidArgument(
                "unknown initializer '\(text)'\(suggestion) (allowed: \(Self.names.joined(separator: ", ")))")
        }
    }

    /// The spec-style spelling, e.g. `he_normal` or `normal 2.0`.
    public var description: String {
        switch self {
        case .zeros: "zeros"
        case .constant(let value): "constant \(value)"
        case .scaledNormal(let c): "normal \(c)"
        case .normal(let standardDeviation): "normal_std \(standardDeviation)"
        case .uniform(let low, let high): "uniform \(low) \(high)"
        case .xavierNormal: "xavier_normal"
        case .xavierUniform: "xavier_uniform"
        case .heNormal: "he_normal"
        case .heUniform: "he_uniform"
        }
    }

    /// The variance of the weights this initializer draws (0 for constants).
    public func variance(fanIn: Int, fanOut: Int) -> Double {
        let fanIn = Double(max(fanIn, 1)), fanOut = Double(max(fanOut, 1))
        switch self {
        case .zeros, .constant: return 0
        case .scaledNormal(let c): return c / fanIn
        case .normal(let standardDeviation): return standardDeviation * standardDeviation
        case .uniform(let low, let high): return (high - low) * (high - low) / 12
        case .xavierNormal, .xavierUniform: return 2 / (fanIn + fanOut)
        case .heNormal, .heUniform: return 2 / fanIn
        }
    }

    /// A `fanIn × fanOut` weight matrix drawn from `generator`.
    public func weights<Scalar: TensorScalar>(
        fanIn: Int, fanOut: Int, as _: Scalar.Type = Scalar.self, generator: inout RandomGenerator
    ) -> Tensor<Scalar> {
        var values = [Scalar]()
        let count = max(fanIn, 0) * max(fanOut, 0)
        values.reserveCapacity(count)
        let variance = variance(fanIn: fanIn, fanOut: fanOut)
        switch self {
        case .zeros:
            values = Array(repeating: 0, count: count)
        case .constant(let value):
            values = Array(repeating: Scalar(value), count: count)
        case .scaledNormal, .normal, .xavierNormal, .heNormal:
            let standardDeviation = variance.squareRoot()
            for _ in 0..<count { values.append(Scalar(standardDeviation * generator.normal())) }
        case .uniform(let low, let high):
            for _ in 0..<count { values.append(Scalar(generator.uniform(low, high))) }
        case .xavierUniform, .heUniform:
            // Uniform on ±a has variance a²/3.
            let limit = (3 * variance).squareRoot()
            for _ in 0..<count { values.append(Scalar(generator.uniform(-limit, limit))) }
        }
        return Tensor(uncheckedRows: max(fanIn, 0), columns: max(fanOut, 0), scalars: values)
    }
}
