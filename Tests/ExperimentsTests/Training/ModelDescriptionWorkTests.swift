import Testing
import NeuralEngine
@testable import Experiments

/// The work of an example through a network counts what its layers' outputs
/// cost, not only its parameters: on few inputs a wide tanh layer is almost
/// all outputs.
@Suite struct ModelDescriptionWorkTests {
    @Test func denseLayersCountTheirParametersAndOutputs() throws {
        let network = try ModelDescription(parsing: ["dense 32", "dense 10"], inputWidth: 64)
        #expect(network.workPerExample == Double(network.parameterCount + (32 + 10) * 15))
    }

    @Test func eachLayerAddsItsOutputsAtItsCost() throws {
        let plain = try ModelDescription(parsing: ["dense 100", "dense 3"], inputWidth: 2)
        for (layer, cost) in [("relu", 5.0), ("identity", 5), ("sigmoid", 40), ("tanh", 150), ("dropout 0.5", 75),
                              ("batchnorm", 60), ("layernorm", 60), ("groupnorm 4", 60)] {
            let network = try ModelDescription(parsing: ["dense 100", layer, "dense 3"], inputWidth: 2)
            let parameters = Double(network.parameterCount - plain.parameterCount)
            #expect(network.workPerExample - plain.workPerExample == parameters + 100 * cost, "\(layer)")
        }
    }

    /// 2 inputs, 4,096 tanh units, 3 classes: 24,579 parameters, and 4,096
    /// tanh values an example that take about 45 times as long as they do.
    @Test func aWideTanhLayerOnTwoInputsIsMostlyOutputs() throws {
        let network = try ModelDescription(parsing: ["dense 4096", "tanh", "dense 3"], inputWidth: 2)
        #expect(network.parameterCount == 24_579)
        #expect(network.workPerExample > 25 * Double(network.parameterCount))
    }

    /// Counting parameters only, this block was admitted at 80 % of the
    /// budget and took about 14 minutes of one core (86 ms an epoch); it is
    /// refused before it runs.
    @Test func aTrainBlockOfMinutesIsRefused() throws {
        let (prepared, issues) = KindTesting.prepare(TrainKind.self, """
        data: blobs
        examples: 1000
        hidden: [4096]
        activation: tanh
        epochs: 10000
        """)
        #expect(prepared == nil)
        #expect(issues.first?.kind == .overBudget, "\(issues.map(\.message))")
        #expect(issues.first?.message.contains("work per example") == true, "\(issues.map(\.message))")
    }
}
