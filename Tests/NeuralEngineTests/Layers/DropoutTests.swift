import Testing
@testable import NeuralEngine

/// Both forms of dropout keep the expected activation: E[training output] equals
/// the evaluation output. Checked statistically with a seeded generator.
struct DropoutTests {
    @Test(arguments: DropoutForm.allCases, [0.5, 0.8])
    func expectedActivationIsPreserved(form: DropoutForm, keepProbability: Double) {
        var generator = RandomGenerator(seed: 11)
        let layer = Dropout<Double>(keepProbability: keepProbability, form: form, width: 1000, generator: &generator)
        let input = Tensor<Double>(rows: 100, columns: 1000, repeating: 3)
        let evaluation = layer.forward(input, mode: .evaluation)
        let evaluationMean = evaluation.scalars.reduce(0, +) / Double(evaluation.count)
        let training = layer.forward(input, mode: .training)
        let trainingMean = training.scalars.reduce(0, +) / Double(training.count)
        // 100 000 Bernoulli draws: the mean's standard error is 3·√(p(1−p))/(p·√n) < 0.01 (scaled form);
        // 0.05 is five standard errors.
        #expect(abs(trainingMean - evaluationMean) < 0.05)
        #expect(abs(evaluationMean - (form == .inverted ? 3 : 3 * keepProbability)) < 1e-9)
        let keptFraction = Double(training.scalars.filter { $0 != 0 }.count) / Double(training.count)
        #expect(abs(keptFraction - keepProbability) < 0.01)
    }

    @Test func invertedDropoutIsTheIdentityInEvaluation() throws {
        var generator = RandomGenerator(seed: 1)
        let layer = Dropout<Float>(keepProbability: 0.5, width: 3, generator: &generator)
        let input = try Tensor<Float>([[1, 2, 3]])
        #expect(layer.forward(input, mode: .evaluation) == input)
    }

    @Test func monteCarloModeDrawsNewMasks() {
        var generator = RandomGenerator(seed: 1)
        let layer = Dropout<Float>(keepProbability: 0.5, width: 64, generator: &generator)
        let input = Tensor<Float>(rows: 1, columns: 64, repeating: 1)
        let first = layer.forward(input, mode: .monteCarloDropout)
        let second = layer.forward(input, mode: .monteCarloDropout)
        #expect(first != second)
        #expect(first.scalars.allSatisfy { $0 == 0 || $0 == 2 })
    }

    @Test func keepProbabilityOneKeepsEverything() {
        var generator = RandomGenerator(seed: 1)
        let layer = Dropout<Float>(keepProbability: 1, form: .original, width: 8, generator: &generator)
        let input = Tensor<Float>(rows: 2, columns: 8, repeating: 1.5)
        #expect(layer.forward(input, mode: .training) == input)
        #expect(layer.forward(input, mode: .evaluation) == input)
    }
}
