extension OptimizerPathKind.Spec {
    func loss(_ w: [Double]) -> Double {
        surface == .valley ? 0.5 * (w[0] * w[0] + w[1] * w[1] / conditionNumber)
            : (1 - w[0]) * (1 - w[0]) + 100 * (w[1] - w[0] * w[0]) * (w[1] - w[0] * w[0])
    }

    /// ∂L/∂(w1, w2), exactly.
    func gradient(_ w: [Double]) -> [Double] {
        surface == .valley ? [w[0], w[1] / conditionNumber]
            : [-2 * (1 - w[0]) - 400 * w[0] * (w[1] - w[0] * w[0]), 200 * (w[1] - w[0] * w[0])]
    }

    var minimum: [Double] { surface == .valley ? [0, 0] : [1, 1] }

    /// λmax/λmin of the Hessian at the minimum: κ; for Rosenbrock's, [[802, −400], [−400, 200]], λ = (1002 ± √(1002² − 1600))/2.
    var curvatureRatio: Double {
        surface == .valley ? conditionNumber : (1002 + (1002.0 * 1002 - 1600).squareRoot()) / (1002 - (1002.0 * 1002 - 1600).squareRoot())
    }
}
