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

    /// 1,000 epochs take about 86 s of one core (86 ms an epoch): counting
    /// parameters only, 8 % of the budget (10,000 epochs, 14 minutes, were
    /// 80 %). The tanh values alone put it over: at the cost of a ReLU's
    /// outputs it would fit.
    @Test func aTrainBlockOfTanhValuesIsRefused() throws {
        let body = "data: blobs\nexamples: 1000\nhidden: [4096]\nactivation: tanh\nepochs: 1000\n"
        let (prepared, issues) = KindTesting.prepare(TrainKind.self, body)
        #expect(prepared == nil)
        #expect(issues.first?.kind == .overBudget, "\(issues.map(\.message))")
        let relu = body.replacingOccurrences(of: "tanh", with: "relu")
        #expect(KindTesting.prepare(TrainKind.self, relu).0 != nil)
    }

    /// The runs multiply the formula, and the definition of its words comes
    /// after them: "(… × 2 seeds; where work per example = …)".
    @Test func theSeedsMultiplyTheFormulaNotTheDefinition() throws {
        let (_, issues) = KindTesting.prepare(TrainKind.self, "hidden: [1024, 1024]\nepochs: 200\n", seeds: 2)
        let message = try #require(issues.first?.message)
        #expect(message.contains("steps per epoch × 20,000) × 2 seeds; where " + ModelDescription.workPerExampleNote + ")"),
                "\(message)")
    }
}
