import Testing
@testable import NeuralEngine

/// Optimizer steps against updates computed by hand.
struct OptimizerTests {
    /// A weight [1, −2] with gradient [0.5, 0.25], and a bias [3] with gradient [1].
    func parameters() -> [Parameter<Double>] {
        let weight = Parameter(name: "weight", role: .weight, value: try! Tensor([[1.0, -2.0]]))
        weight.gradient = try! Tensor([[0.5, 0.25]])
        let bias = Parameter(name: "bias", role: .bias, value: Tensor(row: [3.0]))
        bias.gradient = Tensor(row: [1.0])
        return [weight, bias]
    }

    @Test func sgd() throws {
        let p = parameters()
        try SGD<Double>(learningRate: 0.1).step(p)
        #expect(p[0].value.scalars == [1 - 0.05, -2 - 0.025])
        #expect(p[1].value.scalars == [3 - 0.1])
    }

    @Test func sgdWithWeightDecaySkipsBiasesByDefault() throws {
        let p = parameters()
        try SGD<Double>(learningRate: 0.1, weightDecay: WeightDecay(rate: 0.01)).step(p)
        // w ← w − η(g + λw)
        #expect(p[0].value.scalars == [1 - 0.1 * (0.5 + 0.01), -2 - 0.1 * (0.25 - 0.02)])
        #expect(p[1].value.scalars == [3 - 0.1])
        let q = parameters()
        try SGD<Double>(learningRate: 0.1, weightDecay: WeightDecay(rate: 0.01, roles: Set(ParameterRole.allCases))).step(q)
        #expect(q[1].value.scalars == [3 - 0.1 * (1 + 0.03)])
    }

    @Test func momentum() throws {
        let p = parameters()
        let optimizer = try SGD<Double>(learningRate: 0.1, momentum: 0.9)
        optimizer.step(p)  // v = g;            w = 1 − 0.1·0.5 = 0.95
        optimizer.step(p)  // v = 0.9·0.5 + 0.5 = 0.95; w = 0.95 − 0.095 = 0.855
        #expect(abs(p[0].value[0, 0] - 0.855) < 1e-15)
        // Bias: v = 1, then 1.9: 3 − 0.1 − 0.19.
        #expect(abs(p[1].value[0, 0] - 2.71) < 1e-15)
    }

    @Test func nesterov() throws {
        let p = parameters()
        try SGD<Double>(learningRate: 0.1, momentum: 0.9, nesterov: true).step(p)
        // v = g = 0.5; w = 1 − 0.1·(0.5 + 0.9·0.5) = 0.905
        #expect(abs(p[0].value[0, 0] - 0.905) < 1e-15)
    }

    @Test func adam() throws {
        let p = parameters()
        let optimizer = try Adam<Double>(learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
        optimizer.step(p)
        // Step 1: m̂ = g, v̂ = g², so the step is η·g/(|g| + ε) ≈ η·sign(g).
        #expect(abs(p[0].value[0, 0] - (1 - 0.01 * 0.5 / (0.5 + 1e-8))) < 1e-15)
        #expect(abs(p[0].value[0, 1] - (-2 - 0.01 * 0.25 / (0.25 + 1e-8))) < 1e-15)
        // Step 2 with a new gradient 0.1 for the first weight.
        p[0].gradient = try Tensor([[0.1, 0.25]])
        let before = p[0].value[0, 0]
        optimizer.step(p)
        let m = 0.9 * (0.1 * 0.5) + 0.1 * 0.1
        let v = 0.999 * (0.001 * 0.25) + 0.001 * 0.01
        let mHat = m / (1 - 0.81), vHat = v / (1 - 0.999 * 0.999)
        #expect(abs(p[0].value[0, 0] - (before - 0.01 * mHat / (vHat.squareRoot() + 1e-8))) < 1e-15)
        #expect(optimizer.stepCount == 2)
    }

    @Test func adamWithWeightDecayAddsTheL2Gradient() throws {
        let p = parameters()
        try Adam<Double>(learningRate: 0.01, weightDecay: WeightDecay(rate: 0.1)).step(p)
        let g = 0.5 + 0.1 * 1.0  // g + λw
        #expect(abs(p[0].value[0, 0] - (1 - 0.01 * g / (g + 1e-8))) < 1e-15)
    }

    @Test func schedules() {
        #expect(LearningRateSchedule.constant.learningRate(initial: 0.1, epoch: 9) == 0.1)
        #expect(LearningRateSchedule.step(every: 10, factor: 0.5).learningRate(initial: 0.1, epoch: 9) == 0.1)
        #expect(LearningRateSchedule.step(every: 10, factor: 0.5).learningRate(initial: 0.1, epoch: 25) == 0.025)
        #expect(abs(LearningRateSchedule.exponential(decay: 0.9).learningRate(initial: 1, epoch: 2) - 0.81) < 1e-15)
        #expect(LearningRateSchedule.inverseTime(decay: 0.5).learningRate(initial: 1, epoch: 2) == 0.5)
    }

    @Test func argumentsAreChecked() {
        #expect(throws: EngineError.self) { try SGD<Float>(learningRate: -1) }
        #expect(throws: EngineError.self) { try SGD<Float>(learningRate: 0.1, momentum: 1) }
        #expect(throws: EngineError.self) { try Adam<Float>(beta2: 1.5) }
        #expect(throws: EngineError.self) { try LearningRateSchedule.step(every: 0, factor: 0.5).validate() }
    }
}
