import Foundation
import NeuralEngine
import Testing
@testable import Experiments

/// The `signal` kind's numbers against values worked out by hand: constant
/// weights make every layer's statistics a closed form, ReLU's positive
/// homogeneity fixes how scaling the weights scales the activations, and
/// normalization layers fix the norm they leave.
@Suite struct SignalKindTests {
    func run(_ body: String, seed: UInt64 = 1) throws -> Record {
        let (prepared, issues) = KindTesting.prepare(SignalKind.self, body)
        #expect(issues.isEmpty, "\(issues)")
        return try #require(prepared).presented(RunContext(seed: seed, decode: KindTesting.context)).values
    }

    func number(_ r: Record, _ path: String) -> Double { KindTesting.number(r, path) }
    func numbers(_ r: Record, _ path: String) -> [Double] {
        guard case .list(let items)? = KindTesting.value(r, path) else { return [] }
        return items.compactMap(\.doubleValue)
    }

    func issues(_ body: String) -> [String] {
        KindTesting.prepare(SignalKind.self, body).1.map(\.message)
    }

    /// 20,000 rows through 500 layers of 8 tanh units held 2.5 GB and counted
    /// 0.6 % of the work budget (weights only); 100,000 rows of width 4 took
    /// 24 s at 0.8 %. Such blocks are refused now: for their memory, or (100
    /// epochs of 500 tanh layers of 16 on the digits, 12 % counting weights)
    /// for the work of their tanh values.
    @Test(arguments: [
        ("examples: 20000\ndepth: 500\nwidth: 8\nactivation: tanh\n", "the network would hold"),
        ("data: digits\ndepth: 500\nwidth: 16\nactivation: tanh\nepochs: 100\n", "the block would take"),
    ])
    func narrowDeepTanhNetworksAreRefused(body: String, start: String) throws {
        let (prepared, issues) = KindTesting.prepare(SignalKind.self, body)
        #expect(prepared == nil)
        let issue = try #require(issues.first)
        #expect(issue.kind == .overBudget && issue.message.hasPrefix(start), "\(issues.map(\.message))")
    }

    @Test func isRegistered() {
        #expect(KindRegistry.kind(named: "signal") != nil)
    }

    /// A missing digits file names every folder searched, the course's
    /// shared ones too, in `train`'s words (it named the lesson's two only).
    @Test func aMissingDigitsFileNamesTheCoursesDataFolders() throws {
        let reader = SpecReader(body: "data: digits\nfile: missing.csv\n", kind: SignalKind.name, descriptors: CommonKeys.descriptors + SignalKind.keys)
        let context = DecodeContext(lessonDirectory: KindTesting.lessonsDirectory, sharedDataFolders: ["shared", "more/data"])
        _ = AnyExperimentKind(SignalKind.self).prepare(reader, context)
        let issue = try #require(reader.issues.first { $0.message.contains("missing.csv") })
        #expect(issue.message == "cannot find the data file 'missing.csv' next to the lesson, in its data/ folder or in the course's data folders ('shared', 'more/data')")
        #expect(issue.notes.contains { $0.hasPrefix("leave out 'file' to use the digits built into lesson") })
    }

    /// All weights equal to C in a linear network of width w: every row of h_l
    /// is a constant vector, and each layer multiplies it by w·C. Backward, the
    /// gradient below the last layer is constant too and shrinks by w·C a layer.
    @Test func constantWeightsGiveClosedForms() throws {
        let r = try run("init: constant 0.25\nactivation: linear\ndepth: 4\nwidth: 8\nexamples: 20\n")
        let norm = numbers(r, "net.network.norm")
        #expect(norm.count == 4)
        for l in 1..<4 { #expect(abs(norm[l] / norm[l - 1] - 2) < 1e-12) }  // w·C = 8 × 0.25
        let gradient = numbers(r, "net.network.gradient")
        for l in 0..<2 { #expect(abs(gradient[l] / gradient[l + 1] - 2) < 1e-12) }
        #expect(number(r, "net.network.affine_gap") < 1e-14)
        #expect(number(r, "rows") == 20)
    }

    /// ReLU is positively homogeneous and every network draws the same normal
    /// numbers, so weights of variance c/n give layer-L activations exactly
    /// (c/c')^(L/2) times those of c'; the read-out gradient at the last layer
    /// is the same for all of them.
    @Test func scalingTheVarianceScalesTheActivationsByAPower() throws {
        let r = try run("init: [normal 1, normal 2, normal 3]\ndepth: 12\nwidth: 16\nexamples: 50\n")
        #expect(KindTesting.value(r, "names") == .strings(["normal_1", "normal_2", "normal_3"]))
        let ratio = number(r, "net.normal_2.last_norm") / number(r, "net.normal_1.last_norm")
        #expect(abs(ratio / pow(2, 6) - 1) < 1e-10)
        let ratio3 = number(r, "net.normal_3.last_norm") / number(r, "net.normal_2.last_norm")
        #expect(abs(ratio3 / pow(1.5, 6) - 1) < 1e-10)
        #expect(abs(number(r, "net.normal_1.last_gradient") / number(r, "net[2].last_gradient") - 1) < 1e-12)
        // The ratio of weight gradients does not depend on the scale at all.
        #expect(abs(number(r, "net.normal_1.gradient_ratio") / number(r, "net.normal_3.gradient_ratio") - 1) < 1e-9)
    }

    /// Zero weights: every ReLU input is 0, so every unit is dead and every
    /// activation is 0. On the digits, the zero logits give the softmax 1/10
    /// for every class, and the gradient of a row's loss has norm √(9/100 + 81/100).
    @Test func zeroWeights() throws {
        let r = try run("init: zeros\ndepth: 3\nwidth: 4\nexamples: 5\n")
        #expect(number(r, "net.network.dead_fraction") == 1)
        #expect(number(r, "net.network.last_norm") == 0)
        let digits = try run("data: digits\ninit: zeros\ndepth: 1\n")
        #expect(abs(number(digits, "net.network.last_gradient") - 0.9.squareRoot()) < 1e-12)
        #expect(number(digits, "rows") == 901)  // the stratified half of 1,797
    }

    /// Layer norm leaves every row with mean 0 and variance 1 (up to ε), so
    /// its norm is √width at every depth; batch norm does the same for each
    /// column, so the spread of all entries is 1.
    @Test func normalizationsFixTheNorm() throws {
        let r = try run("init: [normal 1, normal 3]\nnorm: [layernorm, batchnorm]\ndepth: 20\nwidth: 25\nexamples: 40\n")
        for key in ["normal_1_layernorm", "normal_3_layernorm"] {
            for value in numbers(r, "net.\(key).norm") { #expect(abs(value - 5) < 1e-3, "\(key)") }
        }
        for key in ["normal_1_batchnorm", "normal_3_batchnorm"] {
            for value in numbers(r, "net.\(key).std") { #expect(abs(value - 1) < 1e-3, "\(key)") }
        }
    }

    /// A linear stack is one affine map, bias included; ReLU is not.
    @Test func linearStackCollapses() throws {
        let r = try run("activation: [linear, relu]\nbias: true\ndepth: 8\nwidth: 10\nexamples: 30\n")
        #expect(number(r, "net.linear.affine_gap") < 1e-13)
        #expect(number(r, "net.relu.affine_gap") > 0.1)
        #expect(KindTesting.value(r, "net.linear.dead_fraction") == nil)
    }

    /// Sigmoid's derivative is at most 1/4: through 10 layers with weights of
    /// unit-size rows the gradient shrinks by at least 4⁻⁹ ≈ 4e-6 — tanh's does not.
    @Test func sigmoidGradientsVanish() throws {
        let r = try run("data: digits\ninit: normal 1\nactivation: [sigmoid, tanh]\ndepth: 10\nwidth: 32\n")
        #expect(number(r, "net.sigmoid.gradient_ratio") < 1e-4)
        #expect(number(r, "net.tanh.gradient_ratio") > 0.05)
    }

    @Test func trainingReportsAccuracy() throws {
        let r = try run("data: digits\ndepth: 3\nwidth: 32\nepochs: 2\nlearning_rate: [0.05, 0.1]\n")
        #expect(number(r, "net.lr_0_05.accuracy") > 0.5)
        #expect(number(r, "net.lr_0_1.accuracy") > 0.5)
        #expect(KindTesting.value(r, "net.lr_0_1.diverged") == .bool(false))
    }

    @Test func theAuthorSetsTheYAxisOfBothCharts() throws {
        func charts(_ body: String) throws -> [Chart] {
            let (prepared, issues) = KindTesting.prepare(SignalKind.self, "depth: 5\nwidth: 8\nexamples: 20\n" + body)
            #expect(issues.isEmpty, "\(issues)")
            return try #require(prepared).presented(RunContext(seed: 1, decode: KindTesting.context)).presentation.compactMap { item in
                if case .chart(let chart) = item { return chart } else { return nil }
            }
        }
        let plain = try charts("")
        #expect(plain.count == 2 && plain.allSatisfy { $0.yScale == .log && $0.yLower == nil && $0.yUpper == nil })
        let ranged = try charts("plot: {y_range: [0.1, 1000]}\n")
        #expect(ranged.count == 2 && ranged.allSatisfy { $0.yScale == .log && $0.yLower == 0.1 && $0.yUpper == 1000 })
        let linear = try charts("plot: {y_scale: linear}\n")
        #expect(linear.allSatisfy { $0.yScale == .linear && !$0.yLabel.contains("log") })
        // A range from zero asks for a linear axis.
        #expect(try charts("plot: {y_range: [0, null]}\n").allSatisfy { $0.yScale == .linear && $0.yLower == 0 })
    }

    @Test func pathNames() {
        #expect(SignalKind.pathName("normal 0.5") == "normal_0_5")
        #expect(SignalKind.pathName("leaky_relu 0.1_layernorm") == "leaky_relu_0_1_layernorm")
        #expect(SignalKind.pathName("--") == "network")
    }

    @Test(arguments: [
        ("activation: rlu\n", "unknown activation 'rlu'; did you mean 'relu'?"),
        ("init: he_nromal\n", "did you mean 'he_normal'?"),
        ("norm: batch\n", "unknown normalization 'batch'"),
        ("epochs: 2\n", "training needs labels: 'epochs' applies to data: digits"),
        ("learning_rate: 0.5\n", "'learning_rate' applies when the block trains"),
        ("norm_position: before\n", "'norm_position' places a normalization"),
        ("activation: [relu, relu]\n", "'relu' is listed twice in 'activation'"),
        ("init: [normal 1, normal 2, normal 3, normal 4]\nactivation: [relu, tanh, sigmoid, linear]\n", "make 16 networks, more than 12"),
        ("depth: 500\nwidth: 2048\n", "units of work"),
        ("data: digits\nexamples: 10\n", "'examples' applies to data: gaussian, not digits"),
        ("file: digits.csv.gz\n", "'file' applies to data: digits, not gaussian"),
        ("plot: {curves: [train_loss]}\n", "unknown field 'curves' in 'plot'"),
        ("plot: {y_scale: log, y_range: [0, 10]}\n", "plot's 'y_range' reaches 0, but a log axis"),
    ])
    func badBlocksAreErrors(body: String, message: String) {
        let found = issues(body)
        #expect(found.contains { $0.contains(message) }, "\(found)")
    }
}
