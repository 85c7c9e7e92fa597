import Testing
@testable import NeuralEngine

/// Each initializer's empirical mean and variance against its definition.
struct InitializerTests {
    static let fanIn = 400, fanOut = 300

    /// Each initializer with the variance it should draw for fan-in 400, fan-out 300.
    static let cases: [(Initializer, Double)] = [
        (.scaledNormal(c: 1), 1.0 / 400),
        (.scaledNormal(c: 2), 2.0 / 400),
        (.scaledNormal(c: 0.5), 0.5 / 400),
        (.normal(standardDeviation: 0.1), 0.1 * 0.1),
        (.uniform(low: -0.3, high: 0.3), 0.6 * 0.6 / 12),
        (.xavierNormal, 2.0 / 700),
        (.xavierUniform, 2.0 / 700),
        (.heNormal, 2.0 / 400),
        (.heUniform, 2.0 / 400),
    ]

    @Test(arguments: cases)
    func empiricalVarianceMatches(_ initializer: Initializer, variance: Double) {
        var generator = RandomGenerator(seed: 3)
        let weights: Tensor<Double> = initializer.weights(fanIn: Self.fanIn, fanOut: Self.fanOut, generator: &generator)
        #expect(weights.rows == Self.fanIn && weights.columns == Self.fanOut)
        let n = Double(weights.count)
        let mean = weights.scalars.reduce(0, +) / n
        let empirical = weights.scalars.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
        #expect(initializer.variance(fanIn: Self.fanIn, fanOut: Self.fanOut) == variance)
        // 120 000 draws: the sample variance's relative standard error is √(2/n) ≈ 0.4 % for
        // normals (less for uniforms); allow 2 %.
        #expect(abs(empirical / variance - 1) < 0.02)
        #expect(abs(mean) < 4 * (variance / n).squareRoot())
    }

    @Test func uniformStaysInItsRange() {
        var generator = RandomGenerator(seed: 3)
        let weights: Tensor<Double> = Initializer.heUniform.weights(fanIn: 50, fanOut: 50, generator: &generator)
        let limit = (6.0 / 50).squareRoot()
        #expect(weights.scalars.allSatisfy { abs($0) <= limit })
    }

    @Test func constants() {
        var generator = RandomGenerator(seed: 3)
        let zeros: Tensor<Float> = Initializer.zeros.weights(fanIn: 3, fanOut: 2, generator: &generator)
        let sevens: Tensor<Float> = Initializer.constant(7).weights(fanIn: 3, fanOut: 2, generator: &generator)
        #expect(zeros.scalars == Array(repeating: 0, count: 6))
        #expect(sevens.scalars == Array(repeating: 7, count: 6))
    }

    @Test func parsing() throws {
        #expect(try Initializer(parsing: "he_normal") == .heNormal)
        #expect(try Initializer(parsing: "normal 2") == .scaledNormal(c: 2))
        #expect(try Initializer(parsing: "uniform 0.1") == .uniform(low: -0.1, high: 0.1))
        #expect(try Initializer(parsing: "xavier") == .xavierNormal)
        #expect(throws: EngineError.invalidArgument(
            "unknown initializer 'he_nromal'; did you mean 'he_normal'? (allowed: zeros, constant, normal, normal_std, uniform, xavier_normal, xavier_uniform, he_normal, he_uniform)"
        )) { try Initializer(parsing: "he_nromal") }
        #expect(throws: EngineError.self) { try Initializer(parsing: "normal") }
    }
}
