import Foundation
import NeuralEngine
import Testing
@testable import Experiments

@Suite struct DropoutEnsembleKindTests: KindSuite {
    typealias Kind = DropoutEnsembleKind

    /// A few seconds in a debug build: 359 training images, one small hidden layer.
    static let small = "train_fraction: 0.2\nhidden: [32]\nepochs: 3\nsamples: [1, 4]\n"

    @Test func isRegistered() {
        #expect(KindRegistry.kind(named: "dropout-ensemble") != nil)
    }

    @Test func defaults() throws {
        let spec = try #require(try KindTesting.spec(DropoutEnsembleKind.self, "id: d\n"))
        #expect(spec.data.source == .digits)
        #expect(spec.examples == 1_797)
        #expect(spec.hidden == [256, 256])
        #expect(spec.keepProbability == 0.5 && spec.inputKeepProbability == 1)
        #expect(spec.form == .inverted)
        #expect(spec.samples == [1, 5, 20, 100])
        #expect(spec.trainFraction == 0.5 && spec.labelNoise == 0)
        #expect(spec.training.optimizer == .momentum && spec.training.learningRate == 0.01)
        #expect(spec.layers(dropout: true).map(\.description) == ["dense 256", "relu", "dropout 0.5", "dense 256", "relu", "dropout 0.5", "dense 10"])
        #expect(spec.layers(dropout: false).map(\.description) == ["dense 256", "relu", "dense 256", "relu", "dense 10"])
        // The parameters, and every output of the network with dropout at its cost.
        let parameters = 64 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10
        #expect(spec.workPerExample == Double(parameters + 2 * 256 * (15 + 5 + 75) + 10 * 15))
        let original = try #require(try KindTesting.spec(DropoutEnsembleKind.self, "variant: original\ninput_keep_prob: 0.8\nhidden: [8]\n"))
        #expect(original.layers(dropout: true).map(\.description) == ["dropout 0.8 original", "dense 8", "relu", "dropout 0.5 original", "dense 10"])
    }

    @Test(arguments: [
        ("keep_prob: 0\n", "'keep_prob' is 0, outside the allowed range 0 < keep_prob ≤ 1"),
        ("keep_prob: 1.5\n", "'keep_prob' is 1.5, outside the allowed range 0 < keep_prob ≤ 1"),
        ("input_keep_prob: 0\n", "'input_keep_prob' is 0, outside the allowed range 0 < input_keep_prob ≤ 1"),
        ("samples: [5, 1]\n", "'samples' must list sample counts in increasing order, found [5, 1]"),
        ("samples: [0]\n", "'samples' is 0, outside the allowed range 1 ≤ samples ≤ 1,000"),
        ("hidden: []\n", "'hidden' must have 1…8 items, found 0"),
        ("variant: invert\n", "'variant' must be one of 'inverted', 'original', found 'invert'; did you mean 'inverted'?"),
        ("data: polynomial\n", "'data' must be one of 'digits', 'spirals', 'moons', 'circles', 'blobs', found 'polynomial'"),
        ("examples: 500\n", "'examples' sets the size of a synthetic set; data: digits uses all 1,797 images"),
        ("train_fraction: 1\n", "'train_fraction' is 1, outside the allowed range 0.05 ≤ train_fraction ≤ 0.95"),
        ("label_noise: 1\n", "'label_noise' is 1, outside the allowed range 0 ≤ label_noise ≤ 0.9"),
        ("epochs: 200\nhidden: [1024, 1024]\n",
         "training would take 4.75×10¹¹ units of work (2 networks × epochs × training examples × 1,321,120 work per example; where "
            + ModelDescription.workPerExampleNote + "), more than the budget of 1×10¹¹"),
        ("samples: [100, 1000]\nhidden: [1024, 1024]\n",
         "evaluation would take 1.32×10¹² units of work ((sum of samples + 10) × test examples × work per example; where "
            + ModelDescription.workPerExampleNote + "), more than the budget of 2×10¹¹"),
        ("keep_prb: 0.5\n", "unknown key 'keep_prb' for kind 'dropout-ensemble'; did you mean 'keep_prob'?"),
    ])
    func validationErrors(body: String, message: String) {
        let (prepared, issues) = prepare(body)
        #expect(prepared == nil)
        #expect(issues.map(\.message).contains(message), "\(issues.map(\.message))")
    }

    @Test func smallRunIsDeterministicAndNamesItsValues() throws {
        let first = try run(Self.small, seed: 2).values
        let second = try run(Self.small, seed: 2).values
        #expect(KindTesting.withoutTimings(.record(first)) == KindTesting.withoutTimings(.record(second)))

        #expect(value(first, "mc.4") == value(first, "mc[1]"))
        #expect(value(first, "mc[0].samples") == .integer(1))
        #expect(value(first, "train_examples") == .integer(359))
        #expect(value(first, "test_examples") == .integer(1_797 - 359))
        #expect(value(first, "diverged") == .bool(false))
        #expect(value(first, "diverged_at_step") == nil)
        for path in ["scaled.accuracy", "mc.1.accuracy", "mc.4.accuracy", "dropout.train_accuracy", "dropout.test_accuracy",
                     "no_dropout.train_accuracy", "no_dropout.test_accuracy", "mc.4.agreement"] {
            let x = number(first, path)
            #expect(x > 0.1 && x <= 1, "\(path) = \(x)")
        }
        // Weight scaling is the dropout network in evaluation mode.
        #expect(number(first, "scaled.accuracy") == number(first, "dropout.test_accuracy"))
        #expect(number(first, "dropout.gap") == number(first, "dropout.train_accuracy") - number(first, "dropout.test_accuracy"))
        for path in ["scaled.ms", "mc.1.ms", "mc.4.ms"] { #expect(number(first, path) > 0, "\(path)") }
        for path in ["uncertainty.entropy", "uncertainty.mutual_information", "uncertainty.disagreement"] {
            #expect(number(first, path) >= 0, "\(path)")
        }
        #expect(value(first, "uncertainty.samples") == .integer(4))
        // Removing half the units costs accuracy; one deterministic pass is surer than an average of passes.
        #expect(number(first, "dropout.thinned_accuracy") < number(first, "dropout.test_accuracy"))
        #expect(number(first, "no_dropout.thinned_accuracy") < number(first, "no_dropout.test_accuracy"))
        #expect(number(first, "scaled.entropy") >= 0 && number(first, "scaled.entropy") < number(first, "uncertainty.entropy"))
        #expect(number(first, "uncertainty.entropy") <= log(10.0))
    }

    @Test func presentation() throws {
        let outcome = try run(Self.small)
        var charts: [Chart] = [], tables: [ResultTable] = [], notes = 0
        for item in outcome.presentation {
            switch item {
            case .chart(let c): charts.append(c)
            case .table(let t): tables.append(t)
            case .note: notes += 1
            case .warning(let w): Issue.record("unexpected warning: \(w)")
            case .metrics(let m): #expect(m.count == 3)
            }
        }
        #expect(charts.count == 1)
        #expect(charts[0].series.first?.x == [1, 4])
        #expect(charts[0].referenceLines.map(\.label) == ["weight scaling", "no dropout"])
        #expect(tables.count == 2)
        #expect(tables[0].rows.map { $0[0].text } == ["weight scaling", "MC, K = 1", "MC, K = 4"])
        #expect(tables[1].rows.map { $0[0].text } == ["without dropout", "with dropout, p = 0.5"])
        #expect(notes == 2)
    }

    /// Keeping every unit makes dropout the identity: the two networks train
    /// identically, and every Monte-Carlo pass is the deterministic one.
    @Test func keepingEveryUnitChangesNothing() throws {
        let values = try run("keep_prob: 1\n" + Self.small.replacingOccurrences(of: "samples: [1, 4]", with: "samples: [1, 3]")).values
        #expect(value(values, "dropout") == value(values, "no_dropout"))
        #expect(number(values, "mc.1.accuracy") == number(values, "scaled.accuracy"))
        #expect(number(values, "mc.3.accuracy") == number(values, "scaled.accuracy"))
        #expect(number(values, "mc.3.agreement") == 1)
        #expect(abs(number(values, "no_dropout.thinned_accuracy") - number(values, "no_dropout.test_accuracy")) < 1e-12)
        #expect(number(values, "uncertainty.disagreement") == 0)
        #expect(abs(number(values, "uncertainty.mutual_information")) < 1e-5)
    }

    /// Inverted dropout moves the 1/p into training; the original form leaves
    /// training alone and multiplies by p in evaluation. Either way training and
    /// evaluation agree on the mean activation.
    @Test(arguments: [("inverted", 1.0), ("original", 0.5)])
    func expectedActivationsMatch(variant: String, factor: Double) throws {
        let values = try run("variant: \(variant)\n" + Self.small).values
        #expect(abs(number(values, "activation.eval_ratio") - factor) < 1e-5)
        #expect(abs(number(values, "activation.train_ratio") - factor) < 0.03 * factor)
        #expect(abs(number(values, "activation.mismatch")) < 0.03)
        #expect(value(values, "activation.samples") == .integer(4))
    }

    @Test func divergenceIsReportedAndTheOtherNetworkStillMeasured() throws {
        // The same rate trains the plain network; with dropout it blows up.
        let outcome = try run("train_fraction: 0.2\nepochs: 3\nsamples: [1, 4]\nlearning_rate: 0.2\n")
        let values = outcome.values
        #expect(value(values, "diverged") == .bool(true))
        #expect(value(values, "dropout.diverged") == .bool(true))
        #expect(number(values, "diverged_at_step") >= 1)
        #expect(value(values, "diverged_at_step") == value(values, "dropout.diverged_at_step"))
        #expect(number(values, "scaled.accuracy").isNaN)
        #expect(number(values, "mc.4.accuracy").isNaN)
        #expect(value(values, "no_dropout.diverged") == .bool(false))
        #expect(number(values, "no_dropout.test_accuracy") > 0.5)
        #expect(number(values, "no_dropout.thinned_accuracy") > 0.1)
        #expect(number(values, "dropout.thinned_accuracy").isNaN)
        let warnings = outcome.presentation.compactMap { if case .warning(let w) = $0 { return w } else { return nil } }
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("The network with dropout diverged at step") == true)
        #expect(!outcome.presentation.contains { if case .chart = $0 { return true } else { return false } })
        let tables = outcome.presentation.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
        #expect(tables.count == 1)
        // The row of the network that diverged says so, marked bad; the other's has its numbers.
        #expect(tables.first?.rows[1][1] == ResultTable.Cell("diverged", tone: .bad))
        #expect(tables.first?.rows[0][2].value == number(values, "no_dropout.test_accuracy"))
    }

    @Test func labelNoiseCorruptsTheTrainingLabelsOnly() throws {
        var generator = RandomGenerator(seed: 9)
        let labels = (0..<1_000).map { $0 % 10 }
        let data = try Dataset<Float>(features: Tensor(rows: 1_000, columns: 1), labels: labels, classCount: 10)
        let noisy = try LabelNoise.corrupt(data, fraction: 0.5, generator: &generator)
        let changed = zip(noisy.labels ?? [], labels).filter { $0 != $1 }.count
        // Half are redrawn; a tenth of those land on their own class again.
        #expect((380...520).contains(changed), "\(changed)")
        #expect(try LabelNoise.corrupt(data, fraction: 0, generator: &generator) == data)
    }

    @Test func syntheticDataWorksToo() throws {
        let values = try run("data: moons\nexamples: 200\nhidden: [16]\nepochs: 3\nsamples: [2]\n").values
        #expect(value(values, "train_examples") == .integer(100))
        #expect(number(values, "mc.2.accuracy") > 0.5)
    }
}

@Suite struct DropoutEnsembleTimingTests {
    @Test func itTimesInferenceSoItRunsAlone() {
        #expect(KindRegistry.kind(named: "dropout-ensemble")?.timesItself == true)
    }
}
