extension OptimizerPathKind {
    enum Surface: String, Codable, Sendable, Hashable, CaseIterable {
        case valley, rosenbrock

        var defaultStart: [Double] { self == .valley ? [1, 5] : [-1.5, 2] }

        /// The paths drawn when `optimizers` is not written: learning rates that do not
        /// diverge on this surface (Rosenbrock's is about 1,000 times as steep at its minimum).
        var defaultPaths: [(name: String, settings: TrainSettings)] {
            let rates: [(String, OptimizerChoice, Double)] = self == .valley
                ? [("gd", .sgd, 1.8), ("momentum", .momentum, 1.8), ("rmsprop", .rmsprop, 0.1), ("adam", .adam, 0.1)]
                : [("gd", .sgd, 0.001), ("momentum", .momentum, 0.0001), ("rmsprop", .rmsprop, 0.01), ("adam", .adam, 0.01)]
            return rates.map { name, optimizer, rate in
                var settings = TrainSettings()
                settings.optimizer = optimizer
                settings.learningRate = rate
                return (name, settings)
            }
        }

        /// The defaults as the key reference shows them.
        var defaultsText: String {
            let entries = defaultPaths.map { path in
                let rate = "\(path.settings.resolvedLearningRate)"
                let optimizer = path.settings.optimizer.rawValue
                let name = path.name == optimizer ? "" : "name: \(path.name), "
                return "{\(name)optimizer: \(optimizer), learning_rate: \(rate)}"
            }
            return "[" + entries.joined(separator: ", ") + "] (\(rawValue))"
        }
    }
}

extension OptimizerPathKind.Spec {
    func loss(_ w: [Double]) -> Double {
        if surface == .valley {
            return 0.5 * (w[0] * w[0] + w[1] * w[1] / conditionNumber)
        }
        let across = w[1] - w[0] * w[0]
        return (1 - w[0]) * (1 - w[0]) + 100 * across * across
    }

    /// ∂L/∂(w1, w2), exactly.
    func gradient(_ w: [Double]) -> [Double] {
        if surface == .valley {
            return [w[0], w[1] / conditionNumber]
        }
        let across = w[1] - w[0] * w[0]
        return [-2 * (1 - w[0]) - 400 * w[0] * across, 200 * across]
    }

    var minimum: [Double] { surface == .valley ? [0, 0] : [1, 1] }

    /// λmax/λmin of the Hessian at the minimum: κ; for Rosenbrock's, [[802, −400], [−400, 200]],
    /// λ = (1002 ± √(1002² − 1600))/2.
    var curvatureRatio: Double {
        guard surface == .rosenbrock else { return conditionNumber }
        let root = (1002.0 * 1002 - 1600).squareRoot()
        return (1002 + root) / (1002 - root)
    }
}
