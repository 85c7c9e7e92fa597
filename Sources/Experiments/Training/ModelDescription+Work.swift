import NeuralEngine

extension ModelDescription {
    /// The work of one example through the network, forward and backward, in
    /// the units of the training kinds' budgets: a unit is what a parameter
    /// costs (its multiply-adds in the matrix products), and every scalar a
    /// layer outputs costs ``outputCost(_:)`` units more.
    ///
    /// Counting parameters alone, a network on few inputs with a wide tanh
    /// layer (2 inputs, 4,096 tanh units) was estimated 45 times too cheap:
    /// its time goes to the 4,096 tanh values of every example, each about
    /// 20 ns against 0.1–0.15 ns a parameter.
    public var workPerExample: Double {
        Double(parameterCount) + layers.reduce(0.0) { $0 + Double($1.outputWidth) * Self.outputCost($1.entry) }
    }

    /// Units of work each output scalar of `entry` costs beside the
    /// parameters, rounded from `EngineBenchmarks --layer-costs` (2026-12-07,
    /// digits through dense 1,024, Float, one core; four runs under load, in
    /// BENCHMARKS.md and the review's notes): tanh 130–240, dropout 55–105,
    /// batch, layer and group normalization 20–75, sigmoid 15–55, a dense
    /// layer's own outputs on 2 inputs 7–20, ReLU and identity within the
    /// noise of 0. The unit is measured on a network of dense layers whose
    /// outputs it already includes, so counting them again at 15 makes such
    /// a network 10–20 % dearer than measured: on the safe side.
    public static func outputCost(_ entry: Entry) -> Double {
        switch entry {
        case .activation(.tanh): 150
        case .activation(.sigmoid): 40
        case .activation: 5
        case .dropout: 75
        case .batchNorm, .layerNorm, .groupNorm, .instanceNorm: 60
        case .dense, .weightNorm: 15
        }
    }

    /// The words for ``workPerExample`` in a budget's formula, and their meaning.
    public static let workPerExampleNote = "work per example = parameters + every layer's outputs × their cost "
        + "(tanh 150, dropout 75, normalization 60, sigmoid 40, dense 15, other activations 5)"
}
