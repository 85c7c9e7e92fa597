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

    @Test func momentumAsAnAverageScalesTheGradientBy1MinusBeta() throws {
        let p = parameters()
        let optimizer = try SGD<Double>(learningRate: 0.1, momentum: 0.9, convention: .average)
        optimizer.step(p)  // v = 0.1·0.5 = 0.05;           w = 1 − 0.005 = 0.995
        optimizer.step(p)  // v = 0.9·0.05 + 0.05 = 0.095;  w = 0.995 − 0.0095 = 0.9855
        #expect(abs(p[0].value[0, 0] - 0.9855) < 1e-15)
        // The same rule as PyTorch's with η·(1 − β).
        let q = parameters()
        let scaled = try SGD<Double>(learningRate: 0.1 * (1 - 0.9), momentum: 0.9)
        scaled.step(q)
        scaled.step(q)
        #expect(abs(q[0].value[0, 0] - p[0].value[0, 0]) < 1e-12)
    }

    @Test func nesterovAsAnAverage() throws {
        let p = parameters()
        try SGD<Double>(learningRate: 0.1, momentum: 0.9, nesterov: true, convention: .average).step(p)
        // c·g = 0.05, v = 0.05; w = 1 − 0.1·(0.05 + 0.9·0.05) = 0.9905
        #expect(abs(p[0].value[0, 0] - 0.9905) < 1e-15)
    }

    @Test func rmsprop() throws {
        let p = parameters()
        let optimizer = try RMSprop<Double>(learningRate: 0.01, decay: 0.9, epsilon: 1e-8)
        optimizer.step(p)
        // s = 0.1·g², so the first step is η·g/(√0.1·|g| + ε) ≈ η·sign(g)/√0.1: no bias correction.
        let s1 = 0.1 * 0.25
        #expect(abs(p[0].value[0, 0] - (1 - 0.01 * 0.5 / (s1.squareRoot() + 1e-8))) < 1e-15)
        p[0].gradient = try Tensor([[0.1, 0.25]])
        let before = p[0].value[0, 0]
        optimizer.step(p)
        let s2 = 0.9 * s1 + 0.1 * 0.01
        #expect(abs(p[0].value[0, 0] - (before - 0.01 * 0.1 / (s2.squareRoot() + 1e-8))) < 1e-15)
        // The bias: s = 0.1·1, step η/(√0.1 + ε), then s = 0.19.
        let bias = 3 - 0.01 / (0.1.squareRoot() + 1e-8) - 0.01 / (0.19.squareRoot() + 1e-8)
        #expect(abs(p[1].value[0, 0] - bias) < 1e-15)
    }

    @Test func rmspropDividesEachDirectionByItsOwnScale() throws {
        // Gradients 100× apart give steps of the same size: what makes it fit ill-conditioned problems.
        let w = Parameter(name: "weight", role: .weight, value: try Tensor([[0.0, 0.0]]))
        let optimizer = try RMSprop<Double>(learningRate: 0.01, decay: 0.9)
        for _ in 0..<20 {
            w.gradient = try Tensor([[100.0, 1.0]])
            optimizer.step([w])
        }
        #expect(abs(w.value[0, 0] / w.value[0, 1] - 1) < 1e-6)
    }

    @Test func l1AddsTheSignOfTheWeight() throws {
        let p = parameters()
        try SGD<Double>(learningRate: 0.1, weightDecay: WeightDecay(rate: 0, l1: 0.2)).step(p)
        // w ← w − η(g + λ₁·sign(w)); biases untouched by default.
        #expect(abs(p[0].value[0, 0] - (1 - 0.1 * (0.5 + 0.2))) < 1e-15)
        #expect(abs(p[0].value[0, 1] - (-2 - 0.1 * (0.25 - 0.2))) < 1e-15)
        #expect(p[1].value.scalars == [3 - 0.1])
        let q = parameters()
        try Adam<Double>(learningRate: 0.01, weightDecay: WeightDecay(rate: 0, l1: 0.2)).step(q)
        let g = 0.5 + 0.2
        #expect(abs(q[0].value[0, 0] - (1 - 0.01 * g / (g + 1e-8))) < 1e-15)
    }

    @Test func cosineSchedule() {
        let schedule = LearningRateSchedule.cosine(epochs: 10, minimumFraction: 0.1)
        #expect(schedule.learningRate(initial: 1, epoch: 0) == 1)
        #expect(abs(schedule.learningRate(initial: 1, epoch: 5) - 0.55) < 1e-12)
        #expect(abs(schedule.learningRate(initial: 1, epoch: 10) - 0.1) < 1e-12)
        #expect(abs(schedule.learningRate(initial: 1, epoch: 30) - 0.1) < 1e-12)
        #expect(throws: EngineError.self) { try LearningRateSchedule.cosine(epochs: 0, minimumFraction: 0).validate() }
        #expect(throws: EngineError.self) { try LearningRateSchedule.cosine(epochs: 5, minimumFraction: 2).validate() }
    }

    @Test func argumentsAreChecked() {
        #expect(throws: EngineError.self) { try RMSprop<Float>(decay: 1) }
        #expect(throws: EngineError.self) { try RMSprop<Float>(epsilon: 0) }
        #expect(throws: EngineError.self) { try SGD<Float>(learningRate: 0.1, weightDecay: WeightDecay(rate: 0, l1: -1)) }
        #expect(throws: EngineError.self) { try SGD<Float>(learningRate: -1) }
        #expect(throws: EngineError.self) { try SGD<Float>(learningRate: 0.1, momentum: 1) }
        #expect(throws: EngineError.self) { try Adam<Float>(beta2: 1.5) }
        #expect(throws: EngineError.self) { try LearningRateSchedule.step(every: 0, factor: 0.5).validate() }
    }
}
