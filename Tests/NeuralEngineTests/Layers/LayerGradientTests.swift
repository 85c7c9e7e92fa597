import Testing
@testable import NeuralEngine

/// Every layer's backward pass against central finite differences (see
/// `GradientCheck` for the tolerance and its justification).
struct LayerGradientTests {
    let input: Tensor<Double>
    var generator = RandomGenerator(seed: 2024)

    init() {
        var generator = RandomGenerator(seed: 7)
        input = GradientCheck.randomTensor(rows: 4, columns: 6, generator: &generator)
    }

    @Test func dense() {
        var generator = generator
        let layer = Dense<Double>(inputWidth: 6, outputWidth: 5, initializer: .xavierNormal, generator: &generator)
        layer.bias!.value = GradientCheck.randomTensor(rows: 1, columns: 5, generator: &generator)
        #expect(GradientCheck.maximumError(layer, input: input, mode: .training) < GradientCheck.tolerance)
    }

    @Test func denseWithoutBias() {
        var generator = generator
        let layer = Dense<Double>(inputWidth: 6, outputWidth: 3, hasBias: false, generator: &generator)
        #expect(layer.parameters.count == 1)
        #expect(GradientCheck.maximumError(layer, input: input, mode: .training) < GradientCheck.tolerance)
    }

    @Test(arguments: [
        ActivationFunction.relu, .leakyReLU(slope: 0.1), .sigmoid, .tanh, .identity,
    ])
    func activation(_ function: ActivationFunction) {
        let layer = Activation<Double>(function, width: 6)
        #expect(GradientCheck.maximumError(layer, input: input, mode: .training) < GradientCheck.tolerance)
    }

    @Test(arguments: DropoutForm.allCases, Mode.allCases)
    func dropout(form: DropoutForm, mode: Mode) {
        var generator = generator
        let layer = Dropout<Double>(keepProbability: 0.6, form: form, width: 6, generator: &generator)
        // Replay the same mask in every forward pass, so the function is fixed.
        let stream = layer.generator
        let error = GradientCheck.maximumError(layer, input: input, mode: mode) { layer.generator = stream }
        #expect(error < GradientCheck.tolerance)
    }

    @Test func batchNormTraining() {
        let layer = BatchNorm<Double>(width: 6)
        randomizeAffine(layer.scale, layer.shift)
        #expect(GradientCheck.maximumError(layer, input: input, mode: .training) < GradientCheck.tolerance)
    }

    @Test func batchNormEvaluation() {
        let layer = BatchNorm<Double>(width: 6, momentum: 0.5)
        // Give the running averages values other than 0 and 1 first.
        var generator = generator
        for _ in 0..<3 {
            _ = layer.forward(GradientCheck.randomTensor(rows: 8, columns: 6, generator: &generator), mode: .training)
        }
        #expect(layer.runningMean.scalars.allSatisfy { $0 != 0 })
        randomizeAffine(layer.scale, layer.shift)
        #expect(GradientCheck.maximumError(layer, input: input, mode: .evaluation) < GradientCheck.tolerance)
    }

    @Test func layerNorm() {
        let layer = LayerNorm<Double>(width: 6)
        randomizeAffine(layer.scale, layer.shift)
        #expect(GradientCheck.maximumError(layer, input: input, mode: .training) < GradientCheck.tolerance)
    }

    @Test(arguments: [2, 3])
    func groupNorm(groups: Int) {
        let layer = GroupNorm<Double>(width: 6, groups: groups)
        randomizeAffine(layer.scale, layer.shift)
        #expect(GradientCheck.maximumError(layer, input: input, mode: .training) < GradientCheck.tolerance)
    }

    @Test(arguments: [1, 2, 3])
    func instanceNorm(channels: Int) {
        let layer = InstanceNorm<Double>(width: 6, channels: channels)
        #expect(layer.scale.count == channels)
        randomizeAffine(layer.scale, layer.shift)
        #expect(GradientCheck.maximumError(layer, input: input, mode: .training) < GradientCheck.tolerance)
    }

    @Test func weightNorm() {
        var generator = generator
        let dense = Dense<Double>(inputWidth: 6, outputWidth: 4, generator: &generator)
        let layer = WeightNorm(wrapping: dense)
        layer.gain.value = GradientCheck.randomTensor(rows: 1, columns: 4, generator: &generator)
        dense.bias!.value = GradientCheck.randomTensor(rows: 1, columns: 4, generator: &generator)
        #expect(layer.parameters.map(\.name) == ["v", "g", "bias"])
        #expect(GradientCheck.maximumError(layer, input: input, mode: .training) < GradientCheck.tolerance)
    }

    @Test func weightNormStartsAsItsDenseLayer() throws {
        var generator = generator
        let dense = Dense<Double>(inputWidth: 6, outputWidth: 4, generator: &generator)
        let plain = dense.forward(input, mode: .evaluation)
        let normalized = WeightNorm(wrapping: dense).forward(input, mode: .evaluation)
        for (a, b) in zip(plain.scalars, normalized.scalars) { #expect(abs(a - b) < 1e-12) }
    }

    /// γ = 1, β = 0 would hide a missing γ or β term; use random values.
    private func randomizeAffine(_ scale: Parameter<Double>, _ shift: Parameter<Double>) {
        var generator = RandomGenerator(seed: 5)
        scale.value = GradientCheck.randomTensor(rows: 1, columns: scale.count, generator: &generator)
        shift.value = GradientCheck.randomTensor(rows: 1, columns: shift.count, generator: &generator)
    }
}

/// The check itself must fail on a wrong gradient, or the tests above prove nothing.
@Test func gradientCheckDetectsAWrongGradient() {
    final class Doubling: Layer {
        let inputWidth = 3
        var outputWidth: Int { 3 }
        var description: String { "doubling" }
        func forward(_ input: Tensor<Double>, mode: Mode) -> Tensor<Double> {
            var output = input
            Double.scale(input, by: 2, into: &output)
            return output
        }
        func backward(_ outputGradient: Tensor<Double>, input: Tensor<Double>, needsInputGradient: Bool) -> Tensor<Double>? {
            outputGradient  // wrong: should be 2·outputGradient
        }
    }
    var generator = RandomGenerator(seed: 1)
    let input = GradientCheck.randomTensor(rows: 2, columns: 3, generator: &generator)
    #expect(GradientCheck.maximumError(Doubling(), input: input, mode: .training) > 0.1)
}
