/// A feed-forward network: a list of layers applied in order.
///
/// Build one from a description,
///
///     var generator = RandomGenerator(seed: 42)
///     let model = try Model<Float>(
///         description: ["dense 128", "relu", "dense 10"], inputWidth: 64, generator: &generator)
///
/// then train it with a ``Trainer`` or drive `forward` and `backward` yourself.
/// The model remembers the activations of the last forward pass (each
/// layer's input) for `backward`, which releases them again.
public final class Model<Scalar: TensorScalar> {
    /// Features per input row.
    public let inputWidth: Int
    /// Features per output row (stored: the trainer asks every step, and reading
    /// it through the existential array's `last` would allocate).
    public let outputWidth: Int
    /// The layers, first to last.
    public let layers: [any Layer<Scalar>]
    /// The description the model was built from, if any.
    public let modelDescription: ModelDescription?
    /// How ``forward(_:)`` runs: `.training` (the initial mode), `.evaluation`,
    /// `.monteCarloDropout` or `.batchStatistics`. Set it with ``train(_:)`` or directly.
    public var mode: Mode = .training

    /// `activations[i]` is the input of layer `i`; the last one is the model's output.
    private(set) var activations: [Tensor<Scalar>] = []

    /// A model from layers already built.
    /// - Throws: ``EngineError/shapeMismatch(_:)`` if a layer's input width is not
    ///   the previous layer's output width (or `inputWidth` for the first).
    public init(layers: [any Layer<Scalar>], inputWidth: Int) throws {
        var width = inputWidth
        for (index, layer) in layers.enumerated() {
            guard layer.inputWidth == width else {
                throw EngineError.shapeMismatch(
                    "layer \(index + 1) (\(layer.description)) takes \(layer.inputWidth) features, but receives \(width)")
            }
            width = layer.outputWidth
        }
        self.inputWidth = inputWidth
        self.outputWidth = width
        self.layers = layers
        self.modelDescription = nil
    }

    /// A model built from a checked description.
    /// - Parameters:
    ///   - description: The parsed description.
    ///   - initializer: How to draw dense (and weight-norm) weights; biases start at 0,
    ///     norm scales at 1 and shifts at 0.
    ///   - generator: Source of the initial weights and of each dropout layer's mask stream.
    public init(_ description: ModelDescription, initializer: Initializer = .heNormal, generator: inout RandomGenerator) {
        var layers: [any Layer<Scalar>] = []
        for layer in description.layers {
            let width = layer.inputWidth
            switch layer.entry {
            case .dense(let units, let hasBias):
                layers.append(Dense(
                    inputWidth: width, outputWidth: units, hasBias: hasBias, initializer: initializer, generator: &generator))
            case .weightNorm(let units, let hasBias):
                layers.append(WeightNorm(wrapping: Dense(
                    inputWidth: width, outputWidth: units, hasBias: hasBias, initializer: initializer, generator: &generator)))
            case .activation(let function):
                layers.append(Activation(function, width: width))
            case .dropout(let keepProbability, let form):
                layers.append(Dropout(keepProbability: keepProbability, form: form, width: width, generator: &generator))
            case .batchNorm(let momentum):
                layers.append(BatchNorm(width: width, momentum: momentum))
            case .layerNorm:
                layers.append(LayerNorm(width: width))
            case .groupNorm(let groups):
                layers.append(GroupNorm(width: width, groups: groups))
            case .instanceNorm(let channels):
                layers.append(InstanceNorm(width: width, channels: channels))
            }
        }
        self.inputWidth = description.inputWidth
        self.outputWidth = description.outputWidth
        self.layers = layers
        self.modelDescription = description
    }

    /// Checks typed `entries` (see ``ModelDescription/Entry``) and builds the model.
    /// - Throws: ``ModelDescriptionError`` for an entry that cannot be built; nothing is
    ///   drawn from `generator` in that case.
    public convenience init(
        entries: [ModelDescription.Entry], inputWidth: Int, initializer: Initializer = .heNormal,
        generator: inout RandomGenerator
    ) throws {
        self.init(try ModelDescription(entries: entries, inputWidth: inputWidth), initializer: initializer, generator: &generator)
    }

    /// Parses `description` (see ``ModelDescription``) and builds the model.
    /// - Throws: ``ModelDescriptionError`` for an entry that cannot be built; nothing is
    ///   drawn from `generator` in that case.
    public convenience init(
        description: [String], inputWidth: Int, initializer: Initializer = .heNormal,
        generator: inout RandomGenerator
    ) throws {
        let parsed = try ModelDescription(parsing: description, inputWidth: inputWidth)
        self.init(parsed, initializer: initializer, generator: &generator)
    }

    /// Every trainable parameter, layer by layer.
    public var parameters: [Parameter<Scalar>] { layers.flatMap { $0.parameters } }

    /// Every trainable parameter with the index of its layer (from 0).
    public var indexedParameters: [(layer: Int, parameter: Parameter<Scalar>)] {
        layers.enumerated().flatMap { index, layer in layer.parameters.map { (index, $0) } }
    }

    /// Total number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Switches to training (`true`) or evaluation (`false`) mode.
    public func train(_ isTraining: Bool = true) {
        mode = isTraining ? .training : .evaluation
    }

    /// A table of layers, output widths and parameter counts.
    public var summary: String {
        ModelDescription.table(
            inputWidth: inputWidth,
            layers: layers.map { layer in
                (layer.description, layer.outputWidth, layer.parameters.reduce(0) { $0 + $1.count })
            })
    }

    /// Runs a batch through the model in its current ``mode``.
    /// - Throws: ``EngineError/shapeMismatch(_:)`` if `input` does not have ``inputWidth`` columns.
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        try forward(input, mode: mode)
    }

    /// Runs a batch through the model in the given mode.
    /// - Throws: ``EngineError/shapeMismatch(_:)`` if `input` does not have ``inputWidth`` columns.
    public func forward(_ input: Tensor<Scalar>, mode: Mode) throws -> Tensor<Scalar> {
        guard input.columns == inputWidth else {
            throw EngineError.shapeMismatch("the model takes \(inputWidth) features per row, got \(input.columns)")
        }
        return forwardUnchecked(input, mode: mode)
    }

    /// Back-propagates `outputGradient` (∂loss/∂output of the last forward pass),
    /// leaving each parameter's gradient in ``Parameter/gradient``.
    /// - Returns: ∂loss/∂input.
    /// - Throws: ``EngineError/invalidState(_:)`` without a preceding forward pass, or
    ///   ``EngineError/shapeMismatch(_:)`` if the gradient's shape is not the output's.
    @discardableResult
    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard let output = activations.last else {
            throw EngineError.invalidState("backward needs a forward pass first (each forward allows one backward)")
        }
        guard outputGradient.rows == output.rows, outputGradient.columns == output.columns else {
            throw EngineError.shapeMismatch(
                "the output gradient is \(outputGradient.rows) × \(outputGradient.columns), the output \(output.rows) × \(output.columns)")
        }
        return backwardUnchecked(outputGradient, needsInputGradient: true) ?? Tensor()
    }

    func forwardUnchecked(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        // Drop last pass's references first: a layer's output buffer must be
        // uniquely held when the layer overwrites it, or copy-on-write would
        // allocate a fresh one every step.
        activations.removeAll(keepingCapacity: true)
        activations.append(input)
        var x = input
        for layer in layers {
            x = layer.forward(x, mode: mode)
            activations.append(x)
        }
        return x
    }

    /// Back-propagates through every layer; `observe` sees the gradient arriving
    /// at each layer's output (for the training history's gradient statistics).
    @discardableResult
    func backwardUnchecked(
        _ outputGradient: Tensor<Scalar>, needsInputGradient: Bool,
        observe: ((Int, Tensor<Scalar>) -> Void)? = nil
    ) -> Tensor<Scalar>? {
        var gradient: Tensor<Scalar>? = outputGradient
        for index in layers.indices.reversed() {
            guard let current = gradient else { break }
            observe?(index, current)
            gradient = layers[index].backward(
                current, input: activations[index], needsInputGradient: index > 0 || needsInputGradient)
        }
        activations.removeAll(keepingCapacity: true)
        return gradient
    }

    /// Forgets the activations of the last forward pass without back-propagating.
    func releaseActivations() {
        activations.removeAll(keepingCapacity: true)
    }
}
