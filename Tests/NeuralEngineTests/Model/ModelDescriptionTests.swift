import Testing
@testable import NeuralEngine

struct ModelDescriptionTests {
    @Test func shapeInferenceAndParameterCounts() throws {
        let description = try ModelDescription(
            parsing: ["dense 128", "relu", "dropout 0.5", "batchnorm", "groupnorm 4", "dense 10 nobias", "weightnorm 6", "instancenorm 3"],
            inputWidth: 64)
        #expect(description.layers.map(\.outputWidth) == [128, 128, 128, 128, 128, 10, 6, 6])
        #expect(description.layers.map(\.parameterCount) == [64 * 128 + 128, 0, 0, 256, 256, 1280, 60 + 6 + 6, 6])
        #expect(description.parameterCount == description.layers.map(\.parameterCount).reduce(0, +))
        #expect(description.outputWidth == 6)
        #expect(description.description.contains("dropout 0.5"))
    }

    @Test func summaryTable() throws {
        var generator = RandomGenerator(seed: 1)
        let model = try Model<Float>(description: ["dense 128", "relu", "dense 10"], inputWidth: 64, generator: &generator)
        let expected = """
              #  layer                      output  parameters
                 input                          64
              1  dense 128                     128        8320
              2  relu                          128           0
              3  dense 10                       10        1290
                 total                                    9610
            """
        #expect(model.summary == expected)
        let rebuilt = try Model(layers: model.layers, inputWidth: 64)
        #expect(rebuilt.summary == expected)
    }

    @Test func builtModelMatchesItsDescription() throws {
        var generator = RandomGenerator(seed: 1)
        let entries = [
            "dense 16", "leaky_relu 0.2", "layernorm", "tanh", "dropout 0.8 original", "dense 8", "sigmoid",
            "instancenorm 2", "weightnorm 4 nobias", "identity",
        ]
        let model = try Model<Float>(description: entries, inputWidth: 5, generator: &generator)
        #expect(model.layers.map(\.description) == [
            "dense 16", "leaky_relu 0.2", "layernorm", "tanh", "dropout 0.8 original", "dense 8", "sigmoid",
            "instancenorm 2", "weightnorm 4 nobias", "identity",
        ])
        #expect(model.parameterCount == model.modelDescription!.parameterCount)
        #expect(model.outputWidth == 4)
        let output = try model.forward(Tensor(rows: 3, columns: 5, repeating: 0.5))
        #expect(output.rows == 3 && output.columns == 4)
    }

    /// Bad entries are rejected before anything runs, naming the entry (counted from 1) and what is allowed.
    @Test(arguments: [
        (["dense 128", "relu", "rlu", "dense 10"], "layer 3: unknown layer 'rlu'; did you mean 'relu'?"),
        (["dense 128", "groupnorm 3"], "layer 2: groupnorm 3 needs a width divisible by 3, got 128"),
        (["dense 128", "instancenorm 128"], "layer 2: instancenorm 128 on width 128 leaves one feature per channel, which always normalizes to 0; use at most 64"),
        (["dense"], "layer 1: expected 'dense N [nobias]', got 'dense'"),
        (["dense 12.5"], "layer 1: 'dense' needs a whole number of units, got '12.5'"),
        (["dense 0"], "layer 1: 'dense' needs between 1 and 1048576 units, got 0"),
        (["dense 10 bias"], "layer 1: expected 'dense N [nobias]', got 'dense 10 bias' (the only option is 'nobias')"),
        (["dropout 0"], "layer 1: dropout takes the probability of keeping a unit, in (0, 1]; got 0"),
        (["dropout 1.5"], "layer 1: dropout takes the probability of keeping a unit, in (0, 1]; got 1.5"),
        (["dropout half"], "layer 1: the keep probability must be a number, got 'half'"),
        (["relu 3"], "layer 1: expected 'relu', got 'relu 3'"),
        (["leaky_relu 2"], "layer 1: the leaky ReLU slope must be in [0, 1], got 2.0"),
        (["batchnorm 1"], "layer 1: the batch norm momentum (weight of the old running average) must be in [0, 1), got 1.0"),
        (["groupnorm"], "layer 1: expected 'groupnorm G', got 'groupnorm'"),
        (["dense 4", ""], "layer 2: empty entry; expected one of dense, relu, leaky_relu, sigmoid, tanh, identity, dropout, batchnorm, layernorm, groupnorm, instancenorm, weightnorm"),
        (["convolution 3"], "layer 1: unknown layer 'convolution' (allowed: dense, relu, leaky_relu, sigmoid, tanh, identity, dropout, batchnorm, layernorm, groupnorm, instancenorm, weightnorm)"),
    ])
    func errorsNameTheEntry(entries: [String], message: String) {
        let error = #expect(throws: ModelDescriptionError.self) { try ModelDescription(parsing: entries, inputWidth: 64) }
        #expect(error?.description == message)
    }

    @Test func wholeModelErrors() {
        #expect(throws: ModelDescriptionError(index: nil, entry: nil, message: "a model needs at least one layer")) {
            try ModelDescription(parsing: [], inputWidth: 4)
        }
        #expect(throws: ModelDescriptionError.self) { try ModelDescription(parsing: ["relu"], inputWidth: 0) }
    }

    @Test func failedParseDrawsNothing() {
        var generator = RandomGenerator(seed: 1)
        let before = generator
        #expect(throws: ModelDescriptionError.self) {
            try Model<Float>(description: ["dense 4", "relux"], inputWidth: 2, generator: &generator)
        }
        #expect(generator == before)
    }

    @Test func modelChecksLayerWidthsAndInputWidth() throws {
        var generator = RandomGenerator(seed: 1)
        let layers: [any Layer<Float>] = [
            Dense(inputWidth: 3, outputWidth: 4, generator: &generator), Dense(inputWidth: 5, outputWidth: 2, generator: &generator),
        ]
        #expect(throws: EngineError.self) { try Model(layers: layers, inputWidth: 3) }
        let model = try Model<Float>(description: ["dense 2"], inputWidth: 3, generator: &generator)
        #expect(throws: EngineError.self) { try model.forward(Tensor(rows: 1, columns: 4)) }
        #expect(throws: EngineError.self) { try model.backward(Tensor(rows: 1, columns: 2)) }
    }

    /// Code builds models from typed entries; each prints as the text the parser reads back to the same entry.
    @Test func typedEntriesMatchTheirText() throws {
        let entries: [ModelDescription.Entry] = [
            .dense(units: 128, hasBias: true), .activation(.leakyReLU(slope: 0.1)), .dropout(keepProbability: 0.5, form: .original),
            .batchNorm(momentum: 0.8), .groupNorm(groups: 4), .dense(units: 12, hasBias: false), .layerNorm,
            .instanceNorm(channels: 3), .weightNorm(units: 6, hasBias: true), .activation(.identity),
        ]
        let typed = try ModelDescription(entries: entries, inputWidth: 64)
        let parsed = try ModelDescription(parsing: entries.map(\.description), inputWidth: 64)
        #expect(typed == parsed)
        #expect(typed.layers.map(\.entry) == entries)
    }

    @Test(arguments: [
        (ModelDescription.Entry.dense(units: 0, hasBias: true), "layer 2: needs between 1 and 1048576 units, got 0"),
        (.dropout(keepProbability: 0, form: .inverted), "layer 2: dropout takes the probability of keeping a unit, in (0, 1]; got 0.0"),
        (.groupNorm(groups: 3), "layer 2: groupnorm 3 needs a width divisible by 3, got 8"),
        (.batchNorm(momentum: 1), "layer 2: the batch norm momentum (weight of the old running average) must be in [0, 1), got 1.0"),
    ])
    func badTypedEntriesAreErrors(entry: ModelDescription.Entry, message: String) {
        let error = #expect(throws: ModelDescriptionError.self) {
            try ModelDescription(entries: [.dense(units: 8, hasBias: true), entry], inputWidth: 4)
        }
        #expect(error?.description == message)
    }
}
