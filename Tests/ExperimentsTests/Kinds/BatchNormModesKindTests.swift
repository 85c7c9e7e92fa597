import Foundation
@testable import NeuralEngine
import Testing
@testable import Experiments

@Suite struct BatchNormModesKindTests: KindSuite {
    typealias Kind = BatchNormModesKind

    /// About a second in a debug build: 359 training images, one hidden layer of 32.
    static let small = "train_fraction: 0.2\nhidden: [32]\nepochs: 3\ntest_batch_sizes: [1, 4, 64]\n"

    @Test func isRegistered() {
        #expect(KindRegistry.kind(named: "batchnorm-modes") != nil)
    }

    @Test func defaults() throws {
        let spec = try #require(try KindTesting.spec(BatchNormModesKind.self, "id: b\n"))
        #expect(spec.data.source == .digits && spec.examples == 1_797 && spec.trainFraction == 0.5)
        #expect(spec.hidden == [64, 64] && spec.momentum == 0.9)
        #expect(spec.testBatchSizes == [2, 4, 16, 128])
        #expect(spec.training.optimizer == .sgd && spec.training.learningRate == 0.1)
        #expect(spec.training.epochs == 20 && spec.training.batchSize == 32)
        #expect(spec.layers.map(\.description) == ["dense 64", "batchnorm", "relu", "dense 64", "batchnorm", "relu", "dense 10"])
        let model = try ModelDescription(entries: spec.layers, inputWidth: 64)
        #expect(spec.workPerExample == model.workPerExample)
        let other = try #require(try KindTesting.spec(BatchNormModesKind.self, "hidden: [8]\nbn_momentum: 0.5\n"))
        #expect(other.layers.map(\.description) == ["dense 8", "batchnorm 0.5", "relu", "dense 10"])
    }

    /// The default test batch sizes too large for the test set the block's
    /// `examples` leave: said at `examples`, which made it so, not at the
    /// block as if `test_batch_sizes` were written.
    @Test func defaultTestBatchesTooLargeAreTheExamplesFault() throws {
        let (_, issues) = KindTesting.prepare(BatchNormModesKind.self, "data: blobs\nexamples: 20\n")
        let issue = try #require(issues.first, "no issue")
        #expect((issue.line, issue.column) == (2, 11), "\(issue.line):\(issue.column)")
        #expect(issue.message.contains("default test_batch_sizes") && issue.message.contains("128")
                    && issue.message.contains("about 10 examples"), "\(issue.message)")
        #expect(issue.notes.count == 1 && issue.notes[0].contains("at most 10"), "\(issue.notes)")
    }

    @Test(arguments: [
        ("test_batch_sizes: [4, 2]\n", "'test_batch_sizes' must list batch sizes in increasing order, found [4, 2]"),
        ("test_batch_sizes: [0]\n", "'test_batch_sizes' is 0, outside the allowed range 1 ≤ test_batch_sizes ≤ 100,000"),
        ("test_batch_sizes: [2, 5000]\n", "a test batch of 5,000 is larger than the test set (about 898 examples)"),
        ("batch_size: 1\n", "batch norm needs at least 2 examples per training batch to estimate a variance, the batch size is 1"),
        ("bn_momentum: 1\n", "'bn_momentum' is 1, outside the allowed range 0 ≤ bn_momentum ≤ 0.999"),
        ("hidden: []\n", "'hidden' must have 1…8 items, found 0"),
        ("optimizer: adm\n", "'optimizer' must be one of 'sgd', 'momentum', 'adam', 'rmsprop', found 'adm'; did you mean 'adam'?"),
        ("data: polynomial\n", "'data' must be one of 'digits', 'spirals', 'moons', 'circles', 'blobs', found 'polynomial'"),
        ("examples: 500\n", "'examples' sets the size of a synthetic set; data: digits uses all 1,797 images"),
        ("test_batch_size: [2]\n", "unknown key 'test_batch_size' for kind 'batchnorm-modes'; did you mean 'test_batch_sizes'?"),
    ])
    func validationErrors(body: String, message: String) {
        let (prepared, issues) = prepare(body)
        #expect(prepared == nil)
        #expect(issues.map(\.message).contains(message), "\(issues.map(\.message))")
    }

    @Test func workAboveTheBudgetIsRefusedWhereItIsAsked() throws {
        let (prepared, issues) = prepare("hidden: [1024, 1024]\nepochs: 400\n")
        #expect(prepared == nil)
        let issue = try #require(issues.first)
        #expect(issue.line == 2)
        #expect(issue.message.contains("more than the budget of \(ResultValue.format(BatchNormModesKind.workBudget))"), "\(issue.message)")
        // The shipped lesson's block, 8 seeds, is well inside.
        let (eight, eightIssues) = KindTesting.prepare(BatchNormModesKind.self, "seeds: 8\n", seeds: 8)
        #expect(eight != nil && eightIssues.isEmpty, "\(eightIssues)")
    }

    @Test func smallRunIsDeterministicAndItsNumbersHang() throws {
        let first = try run(Self.small, seed: 3).values
        let second = try run(Self.small, seed: 3).values
        #expect(first == second)

        #expect(value(first, "train_examples") == .integer(359))
        #expect(value(first, "test_examples") == .integer(1_797 - 359))
        #expect(value(first, "steps") == .integer(3 * 12))
        #expect(value(first, "last_batch") == .integer(7))
        #expect(value(first, "diverged") == .bool(false))
        #expect(number(first, "eval.accuracy") > 0.6)
        // One example at a time, evaluation mode gives the batched predictions.
        #expect(value(first, "single.differ") == .integer(0))
        #expect(number(first, "single.accuracy") == number(first, "eval.accuracy"))
        // Batches of 4 leave out 1,438 mod 4 = 2 examples, batches of 64 leave 30.
        #expect(value(first, "batch_stats.4.examples") == .integer(1_436))
        #expect(value(first, "batch_stats.64.examples") == .integer(1_408))
        #expect(value(first, "batch_stats[1]") == value(first, "batch_stats.4"))
        // Small batches with their own statistics lose accuracy; large ones recover most of it.
        #expect(number(first, "batch_stats.4.accuracy") < number(first, "batch_stats.64.accuracy"))
        #expect(number(first, "batch_stats.64.accuracy") > number(first, "eval.accuracy") - 0.1)
        #expect(abs(number(first, "batch_stats.4.drop") - (number(first, "eval.accuracy") - number(first, "batch_stats.4.accuracy"))) < 1e-12)
        // A batch of one normalizes every unit to 0: every example gets the same class,
        // so accuracy is the share of that class (about a tenth).
        #expect(number(first, "batch_stats.1.accuracy") < 0.2)
        // The running averages, after 36 steps with momentum 0.9, are close to the population's.
        #expect(value(first, "layers.bn1.units") == .integer(32))
        #expect(value(first, "layers[0].layer") == .integer(1))
        #expect(number(first, "mean_error_max") < 0.5)
        #expect(number(first, "layers.bn1.mean_error_median") < number(first, "mean_error_max"))
        #expect(0.6 < number(first, "var_ratio_min") && number(first, "var_ratio_max") < 1.6)
        #expect(number(first, "var_ratio_min") <= number(first, "layers.bn1.var_ratio_median"))
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
            case .metrics(let m): #expect(m.map(\.label).last == "batch statistics, batches of 4")
            }
        }
        #expect(charts.count == 1)
        #expect(charts[0].series.first?.x == [1, 4, 64])
        #expect(charts[0].xScale == .log)
        #expect(charts[0].referenceLines.map(\.label) == ["evaluation mode"])
        #expect(tables.count == 2)
        #expect(tables[0].rows.count == 2 + 3)
        #expect(tables[1].rows.map { $0[0].text } == ["batch norm 1"])
        #expect(notes == 2)  // the short last training batch (359 = 11 × 32 + 7), the test batch of one
    }

    /// With momentum 0 the running averages are the last batch's statistics:
    /// one training pass over the whole set makes them the population's
    /// (the running variance unbiased, so n/(n − 1) times the population's).
    @Test func populationStatisticsAgreeWithAFullBatchPass() throws {
        var generator = RandomGenerator(seed: 4)
        let model = try Model<Float>(entries: [.dense(units: 6, hasBias: true), .batchNorm(momentum: 0), .activation(.relu),
                                               .dense(units: 3, hasBias: true)], inputWidth: 5, generator: &generator)
        let n = 40
        let x = try Tensor<Float>(rows: n, columns: 5, scalars: (0..<(n * 5)).map { _ in Float(generator.normal() * 3 + 1) })
        _ = try model.forward(x, mode: .training)
        let layers = try BatchNormModesExperiment.runningAverageErrors(model, x)
        #expect(layers.count == 1 && layers[0].index == 1 && layers[0].units == 6)
        #expect(layers[0].meanErrors.allSatisfy { $0 < 1e-5 }, "\(layers[0].meanErrors)")
        #expect(layers[0].varianceRatios.allSatisfy { abs($0 - Double(n) / Double(n - 1)) < 1e-4 }, "\(layers[0].varianceRatios)")

        let (mean, variance) = BatchNormModesExperiment.columnMoments(try Tensor<Float>([[1, 10], [2, 20], [3, 30], [6, 60]]))
        #expect(mean == [3, 30])
        #expect(variance == [3.5, 350])
    }

    /// Predicting with batch statistics leaves the running averages alone:
    /// evaluation mode gives the same outputs before and after.
    @Test func batchStatisticsDoNotUpdateTheRunningAverages() throws {
        var generator = RandomGenerator(seed: 5)
        let model = try Model<Float>(entries: [.dense(units: 8, hasBias: true), .batchNorm(momentum: 0.9), .activation(.relu),
                                               .dense(units: 4, hasBias: true)], inputWidth: 3, generator: &generator)
        let x = try Tensor<Float>(rows: 30, columns: 3, scalars: (0..<90).map { _ in Float(generator.normal()) })
        for _ in 0..<5 { _ = try model.forward(x, mode: .training) }
        let norm = try #require(model.layers[1] as? BatchNorm<Float>)
        let (mean, variance) = (norm.runningMean, norm.runningVariance)
        let before = try model.predict(x)
        let classes = try BatchNormModesExperiment.batchStatisticsPredictions(model, x, batchSize: 4)
        #expect(classes.count == 28)
        #expect(norm.runningMean == mean && norm.runningVariance == variance)
        #expect(try model.predict(x) == before)
        // Batches of one: every row normalized to 0, the same class for all.
        #expect(Set(try BatchNormModesExperiment.batchStatisticsPredictions(model, x, batchSize: 1)).count == 1)
        // One example at a time in evaluation mode: the batched classes.
        #expect(try BatchNormModesExperiment.singleExamplePredictions(model, x) == ClassPredictions.argmax(before))
    }

    /// A run that diverged still names every value (NaN where nothing could
    /// be measured), so expectations fail on a number instead of a missing name.
    @Test func divergenceKeepsEveryNameAndWarns() throws {
        let spec = try #require(try KindTesting.spec(BatchNormModesKind.self, "hidden: [8, 8]\ntest_batch_sizes: [2, 4]\n"))
        var result = BatchNormModesExperiment.Result(trainingExamples: 901, testExamples: 896, parameters: 10)
        result.divergence = Divergence(step: 17, epoch: 1, quantity: "training loss", value: .nan)
        let values = BatchNormModesReport(spec: spec, result: result).values
        var presenter = Presenter(RunValues(values))
        let presentation = BatchNormModesKind.present(spec, &presenter)
        #expect(value(values, "diverged") == .bool(true) && value(values, "diverged_at_step") == .integer(17))
        #expect(number(values, "eval.accuracy").isNaN && number(values, "batch_stats.4.accuracy").isNaN)
        #expect(number(values, "layers.bn2.var_ratio_max").isNaN && number(values, "mean_error_max").isNaN)
        #expect(value(values, "layers[1].layer") == .integer(4))
        #expect(value(values, "single.differ") == .integer(896))
        #expect(presentation.count == 1)
        if case .warning(let text)? = presentation.first {
            #expect(text.hasPrefix("Training diverged at step 17"), "\(text)")
        } else {
            Issue.record("expected a warning, got \(presentation)")
        }
    }

    /// Over seeds, a run that diverged is named in a warning and left out of
    /// the figures, which are drawn from the runs that trained and say so.
    @Test func aRunThatDivergedIsLeftOutOfTheSeededPresentation() throws {
        let spec = try #require(try KindTesting.spec(BatchNormModesKind.self, Self.small))
        let trained = try run(Self.small).values
        var result = BatchNormModesExperiment.Result(trainingExamples: 901, testExamples: 896, parameters: 10)
        result.divergence = Divergence(step: 17, epoch: 1, quantity: "training loss", value: .nan)
        let diverged = BatchNormModesReport(spec: spec, result: result).values
        var presenter = Presenter(RunValues(records: [trained, diverged, trained], seeds: [1, 2, 3]))
        let presented = BatchNormModesKind.present(spec, &presenter)
        let items = presenter.finish(presented)
        let warnings = items.compactMap { if case .warning(let w) = $0 { return w } else { return nil } }
        let notes = items.compactMap { if case .note(let n) = $0 { return n } else { return nil } }
        let charts = items.compactMap { if case .chart(let c) = $0 { return c } else { return nil } }
        #expect(warnings.count == 1 && warnings.first?.hasPrefix("seed 2: Training diverged at step 17") == true, "\(warnings)")
        #expect(notes.first == "Training diverged in 1 of 3 seeds; what follows is over the other 2.")
        #expect(notes.last?.hasPrefix("Over 2 seeds:") == true, "\(notes)")
        #expect(charts.count == 1 && charts.first?.seedRuns == 2)
    }

    @Test func syntheticDataWorksToo() throws {
        let values = try run("data: moons\nexamples: 200\nhidden: [16]\nepochs: 5\ntest_batch_sizes: [2, 8]\n").values
        #expect(value(values, "train_examples") == .integer(100))
        #expect(number(values, "eval.accuracy") > 0.7)
        #expect(value(values, "layers[0].units") == .integer(16))
    }
}
