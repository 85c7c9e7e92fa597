import Foundation
import NeuralEngine

/// Runs a `signal` block: builds each network, optionally trains it, then
/// measures one forward and one backward pass layer by layer.
struct SignalExperiment {
    let spec: SignalKind.Spec

    /// What one dense layer's block (dense, activation, normalization) showed.
    struct LayerMeasure: Sendable, Equatable {
        /// Mean over the rows of the L2 norm of the block's output row.
        var norm: Double
        /// Standard deviation of all the block's outputs.
        var standardDeviation: Double
        /// Mean over the rows of the L2 norm of ∂L/∂(block output) for that
        /// row's own loss (the loss summed over the rows, so the batch size
        /// does not shrink it).
        var gradient: Double
        /// Frobenius norm of ∂L/∂W for the mean loss over the rows.
        var weightGradient: Double
    }

    struct NetworkResult: Sendable, Equatable {
        var variant: SignalKind.Variant
        var layers: [LayerMeasure]
        /// ‖network(x) − (x·W₁⋯W_L + b)‖ / ‖network(x)‖, the product taken over
        /// the dense layers alone (every other layer ignored).
        var affineGap: Double
        /// Fraction of the hidden ReLU (or leaky ReLU) units whose input is ≤ 0
        /// for every row; `nil` for other activations.
        var deadFraction: Double?
        /// Test accuracy after training (digits, epochs > 0).
        var accuracy: Double?
        /// Mean training loss of the last epoch.
        var trainingLoss: Double?
        /// The step at which training diverged, if it did.
        var divergedAtStep: Int?
    }

    struct Result: Sendable, Equatable {
        var rows: Int
        /// Mean over the rows of the L2 norm of an input row.
        var inputNorm: Double
        var networks: [NetworkResult]
    }

    func run(context: DecodeContext, seed: UInt64) throws -> Result {
        var generator = RandomGenerator(seed: seed)
        var dataGenerator = generator.split()
        let weightGenerator = generator.split()
        let shuffleGenerator = generator.split()

        var training: Dataset<Double>?
        var test: Dataset<Double>?
        let input: Tensor<Double>
        let outputGradient: Tensor<Double>
        if spec.digits {
            let recipe = DataRecipe(source: .digits, noise: 0, classes: 10, coefficients: [], file: spec.file)
            let all = try recipe.examples(DataRecipe.digitsCount, context: context, generator: &dataGenerator)
            let (rawTraining, rawTest) = try all.split(trainingFraction: 0.5, stratified: true, generator: &dataGenerator)
            let standardizer = Standardizer(fitting: rawTraining)
            training = try standardizer.transform(rawTraining).converted(to: Double.self)
            test = try standardizer.transform(rawTest).converted(to: Double.self)
            input = training!.features
            outputGradient = Tensor()
        } else {
            input = Self.gaussian(rows: spec.examples, columns: spec.width, generator: &dataGenerator)
            // The gradient of a random linear read-out L = Σᵢ gᵢ·hᵢ / rows.
            var readout = Self.gaussian(rows: spec.examples, columns: spec.width, generator: &dataGenerator)
            Double.scale(readout, by: 1 / Double(spec.examples), into: &readout)
            outputGradient = readout
        }

        var networks: [NetworkResult] = []
        for variant in spec.variants {
            // Every network starts from the same stream of draws: networks that
            // differ only in the scale of their weights get the same weights, scaled.
            var weights = weightGenerator
            let initializer = try Initializer(parsing: variant.initText)
            let model = try Model<Double>(
                entries: spec.entries(variant), inputWidth: spec.inputWidth, initializer: initializer, generator: &weights)
            var network = NetworkResult(variant: variant, layers: [], affineGap: 0)
            if let training, let test, spec.epochs > 0 {
                let trainer = Trainer(
                    model: model, optimizer: try SGD<Double>(learningRate: variant.learningRate),
                    options: TrainingOptions(epochs: spec.epochs, batchSize: spec.batchSize, recordSteps: false))
                var shuffle = shuffleGenerator
                let history = try trainer.fit(training, validation: test, generator: &shuffle)
                network.divergedAtStep = history.divergence?.step
                network.accuracy = history.divergence == nil ? history.last?.validationAccuracy : nil
                network.trainingLoss = history.last?.trainingLoss
                if network.accuracy == nil { network.accuracy = try model.evaluate(test, loss: .softmaxCrossEntropy).accuracy }
            }
            let gradient = spec.digits ? Self.crossEntropyGradient(model, training!) : outputGradient
            measure(model, input: input, outputGradient: gradient, into: &network)
            networks.append(network)
        }
        return Result(rows: input.rows, inputNorm: Self.meanRowNorm(input), networks: networks)
    }

    /// One forward pass in training mode (batch norm uses the batch's
    /// statistics), then one backward pass from `outputGradient`.
    private func measure(
        _ model: Model<Double>, input: Tensor<Double>, outputGradient: Tensor<Double>, into network: inout NetworkResult
    ) {
        let layers = model.layers
        var inputs: [Tensor<Double>] = [input]
        for layer in layers { inputs.append(layer.forward(inputs.last!, mode: .training)) }
        var gradients = [Tensor<Double>](repeating: Tensor(), count: layers.count + 1)
        gradients[layers.count] = outputGradient
        for index in layers.indices.reversed() {
            gradients[index] = layers[index].backward(gradients[index + 1], input: inputs[index], needsInputGradient: true) ?? Tensor()
        }

        // Block b runs from dense layer b up to the layer before the next dense one.
        let denseIndices = layers.indices.filter { layers[$0] is Dense<Double> }
        let rows = Double(max(input.rows, 1))
        for (b, start) in denseIndices.enumerated() {
            let end = b + 1 < denseIndices.count ? denseIndices[b + 1] - 1 : layers.count - 1
            let output = inputs[end + 1]
            let dense = layers[start] as! Dense<Double>
            network.layers.append(LayerMeasure(
                norm: Self.meanRowNorm(output), standardDeviation: Self.standardDeviation(output),
                gradient: Self.meanRowNorm(gradients[end + 1]) * rows,
                weightGradient: Self.norm(dense.weight.gradient)))
        }

        var dead = 0, units = 0
        for (index, layer) in layers.enumerated() {
            guard let activation = layer as? Activation<Double> else { continue }
            switch activation.function {
            case .relu, .leakyReLU: break
            default: continue
            }
            let preactivation = inputs[index]
            for column in 0..<preactivation.columns {
                units += 1
                if (0..<preactivation.rows).allSatisfy({ preactivation[$0, column] <= 0 }) { dead += 1 }
            }
        }
        network.deadFraction = units > 0 ? Double(dead) / Double(units) : nil
        network.affineGap = Self.affineGap(layers.compactMap { $0 as? Dense<Double> }, input: input, output: inputs.last!)
    }

    // MARK: - Helpers

    static func gaussian(rows: Int, columns: Int, generator: inout RandomGenerator) -> Tensor<Double> {
        (try? Tensor(rows: rows, columns: columns, scalars: (0..<(rows * columns)).map { _ in generator.normal() })) ?? Tensor()
    }

    /// ∂(mean cross-entropy)/∂logits = (softmax − one-hot) / rows, at the model's current weights.
    static func crossEntropyGradient(_ model: Model<Double>, _ data: Dataset<Double>) -> Tensor<Double> {
        let logits = (try? model.predict(data.features, mode: .training)) ?? Tensor()
        var probabilities = Tensor<Double>()
        Double.softmax(logits, into: &probabilities)
        let labels = data.labels ?? []
        var values = probabilities.scalars
        let width = probabilities.columns
        let rows = Double(max(probabilities.rows, 1))
        for (row, label) in labels.enumerated() where row < probabilities.rows { values[row * width + label] -= 1 }
        for i in values.indices { values[i] /= rows }
        return (try? Tensor(rows: probabilities.rows, columns: width, scalars: values)) ?? Tensor()
    }

    static func meanRowNorm(_ x: Tensor<Double>) -> Double {
        guard x.rows > 0 else { return 0 }
        var total = 0.0
        let scalars = x.scalars
        for row in 0..<x.rows {
            var sum = 0.0
            for j in 0..<x.columns { sum += scalars[row * x.columns + j] * scalars[row * x.columns + j] }
            total += sum.squareRoot()
        }
        return total / Double(x.rows)
    }

    static func standardDeviation(_ x: Tensor<Double>) -> Double {
        guard x.count > 0 else { return 0 }
        let mean = x.scalars.reduce(0, +) / Double(x.count)
        let variance = x.scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)
        return variance.squareRoot()
    }

    static func norm(_ x: Tensor<Double>) -> Double {
        x.scalars.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// ‖output − (x·W₁⋯W_L + b)‖ / ‖output‖ with b the biases carried through
    /// the later layers' weights: 0, up to rounding, when nothing but the dense
    /// layers acts on the signal.
    static func affineGap(_ denses: [Dense<Double>], input: Tensor<Double>, output: Tensor<Double>) -> Double {
        guard let first = denses.first else { return 0 }
        var product = first.weight.value
        var bias = first.bias?.value ?? Tensor(rows: 1, columns: first.outputWidth)
        for dense in denses.dropFirst() {
            guard let next = try? product.matmul(dense.weight.value), let carried = try? bias.matmul(dense.weight.value) else {
                return .nan
            }
            product = next
            bias = carried
            if let own = dense.bias?.value { Double.add(bias, own, into: &bias) }
        }
        guard var affine = try? input.matmul(product), affine.columns == output.columns, affine.rows == output.rows else {
            return .nan
        }
        var broadcast = Tensor<Double>()
        Double.broadcastRow(bias, rows: affine.rows, into: &broadcast)
        Double.add(affine, broadcast, into: &affine)
        var difference = 0.0, size = 0.0
        for (a, b) in zip(affine.scalars, output.scalars) {
            difference += (a - b) * (a - b)
            size += b * b
        }
        if size == 0 { return difference == 0 ? 0 : .infinity }
        return (difference / size).squareRoot()
    }
}
