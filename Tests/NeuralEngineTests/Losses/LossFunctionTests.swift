import Testing
@testable import NeuralEngine
import Foundation

/// Each loss's gradient against central finite differences of its value (tolerance
/// as in `GradientCheck`), and its value against the textbook formula.
struct LossFunctionTests {
    static let logits = try! Tensor<Double>([[2.0, -1.0, 0.5], [0.1, 0.2, -3.0], [-1.5, 4.0, 1.0], [0.3, -0.3, 0.0]])
    static let labels = [0, 2, 1, 1]

    func batch(_ loss: LossFunction, labels: [Int]? = nil, values: Tensor<Double>? = nil) -> Batch<Double> {
        var batch = Batch<Double>()
        let data: Dataset<Double>
        if let values {
            data = try! Dataset(features: Tensor(rows: values.rows, columns: 1), targets: values)
        } else {
            let labels = labels ?? Self.labels
            data = try! Dataset(features: Tensor(rows: labels.count, columns: 1), labels: labels, classCount: 3)
        }
        batch.load(from: data, indices: Array(0..<data.count)[...], loss: loss, targetWidth: Self.logits.columns)
        return batch
    }

    func maximumGradientError(_ loss: LossFunction, _ batch: Batch<Double>, logits: Tensor<Double> = logits) -> Double {
        var gradient = Tensor<Double>()
        _ = loss.evaluate(output: logits, batch: batch, gradient: &gradient, computeGradient: true)
        var scratch = Tensor<Double>()
        var z = logits
        var worst = 0.0
        for i in 0..<z.count {
            let numeric = Tensor.centralDifference(of: &z, at: i, step: GradientCheck.step) {
                loss.evaluate(output: $0, batch: batch, gradient: &scratch, computeGradient: false).loss
            }
            worst = max(worst, GradientCheck.relativeError(gradient.scalars[i], numeric))
        }
        return worst
    }

    @Test(arguments: LossFunction.allCases)
    func gradientMatchesFiniteDifferences(_ loss: LossFunction) {
        #expect(maximumGradientError(loss, batch(loss)) < GradientCheck.tolerance)
    }

    @Test(arguments: [LossFunction.binaryCrossEntropy, .meanSquaredError])
    func gradientOnRegressionTargets(_ loss: LossFunction) throws {
        let targets = try Tensor<Double>([[0.2, 0.9, 0.0], [1.0, 0.5, 0.3], [0.0, 0.0, 1.0], [0.7, 0.1, 0.4]])
        #expect(maximumGradientError(loss, batch(loss, values: targets)) < GradientCheck.tolerance)
    }

    @Test func softmaxCrossEntropyValue() {
        var gradient = Tensor<Double>()
        let result = LossFunction.softmaxCrossEntropy.evaluate(
            output: Self.logits, batch: batch(.softmaxCrossEntropy), gradient: &gradient, computeGradient: true)
        var expected = 0.0
        for (r, label) in Self.labels.enumerated() {
            let row = Self.logits.row(r)
            expected += log(row.map { exp($0) }.reduce(0, +)) - row[label]
        }
        #expect(abs(result.loss - expected / 4) < 1e-12)
        #expect(result.correct == 2)  // rows 0 and 2 have their label as the largest logit
        // ŷ − y, averaged: each gradient row sums to 0.
        for r in 0..<4 { #expect(abs(gradient.row(r).reduce(0, +)) < 1e-15) }
    }

    @Test func softmaxCrossEntropyIsStableForHugeLogits() throws {
        let logits = try Tensor<Float>([[1000, 0, -1000], [-1000, 1000, 999]])
        var gradient = Tensor<Float>()
        let (loss, _) = Float.softmaxCrossEntropy(logits: logits, labels: [0, 2], gradient: &gradient, computeGradient: true)
        #expect(loss.isFinite)
        #expect(abs(loss - (0 + log1p(exp(1.0))) / 2) < 1e-4)
        #expect(Float.allFinite(gradient))
    }

    /// At 1e17 a log-sum-exp of max + log Σ rounds to the max; the loss must not go through it.
    @Test(arguments: [1e17, 1e308])
    func softmaxCrossEntropyIsExactAtAnyFiniteLogits(size: Double) throws {
        let logits = try Tensor<Double>([[size, size, size], [size, size, size / 2]])
        var gradient = Tensor<Double>()
        let (loss, _) = Double.softmaxCrossEntropy(logits: logits, labels: [1, 0], gradient: &gradient, computeGradient: true)
        // Row 0: log 3. Row 1: the third class is far below, log 2.
        #expect(abs(loss - (log(3.0) + log(2.0)) / 2) < 1e-12)
        for r in 0..<2 { #expect(abs(gradient.row(r).reduce(0, +)) < 1e-15) }
        var probabilities = Tensor<Double>()
        Double.softmax(logits, into: &probabilities)
        for r in 0..<2 { #expect(abs(probabilities.row(r).reduce(0, +) - 1) < 1e-12) }
    }

    @Test func binaryCrossEntropyIsStableForHugeLogits() throws {
        let logits = try Tensor<Double>([[800], [-800], [30]])
        let targets = try Tensor<Double>([[0], [1], [1]])
        var gradient = Tensor<Double>()
        let loss = Double.binaryCrossEntropy(logits: logits, targets: targets, gradient: &gradient, computeGradient: true)
        // −log σ(−800) = 800, −log σ(−800) = 800, −log σ(30) ≈ 9.4e-14.
        #expect(abs(loss - 1600.0 / 3) < 1e-9)
        #expect(gradient.scalars.allSatisfy { $0.isFinite })
    }

    @Test func binaryCrossEntropyWithOneOutputReadsTheLogitOfClassOne() throws {
        let logits = try Tensor<Double>([[2.0], [-1.0], [0.5]])
        var batch = Batch<Double>()
        let data = try Dataset<Double>(features: Tensor(rows: 3, columns: 1), labels: [1, 0, 0], classCount: 2)
        batch.load(from: data, indices: [0, 1, 2][...], loss: .binaryCrossEntropy, targetWidth: 1)
        var gradient = Tensor<Double>()
        let result = LossFunction.binaryCrossEntropy.evaluate(output: logits, batch: batch, gradient: &gradient, computeGradient: true)
        let expected = (log1p(exp(-2.0)) + log1p(exp(-1.0)) + log1p(exp(0.5))) / 3
        #expect(abs(result.loss - expected) < 1e-12)
        #expect(result.correct == 2)
        #expect(maximumGradientError(.binaryCrossEntropy, batch, logits: logits) < GradientCheck.tolerance)
    }

    @Test func meanSquaredErrorValue() throws {
        let predictions = try Tensor<Double>([[1, 2], [3, 4]])
        let targets = try Tensor<Double>([[0, 2], [3, 6]])
        var gradient = Tensor<Double>()
        let loss = Double.meanSquaredError(predictions: predictions, targets: targets, gradient: &gradient, computeGradient: true)
        #expect(loss == 1.25)  // (1 + 0 + 0 + 4) / 4
        let expected: [Double] = [0.5, 0, 0, -1]
        #expect(gradient.scalars == expected)
    }

    @Test func parsing() throws {
        #expect(try LossFunction(parsing: "mse") == .meanSquaredError)
        #expect(try LossFunction(parsing: "softmax_cross_entropy") == .softmaxCrossEntropy)
        let error = #expect(throws: EngineError.self) { try LossFunction(parsing: "cross_entropi") }
        #expect(error?.description.hasPrefix("unknown loss 'cross_entropi'; did you mean 'cross_entropy'?") == true)
    }

    @Test func validationExplainsMismatches() throws {
        let data = try Dataset<Float>(features: Tensor(rows: 2, columns: 3), labels: [0, 1], classCount: 3)
        #expect(throws: EngineError.self) { try LossFunction.softmaxCrossEntropy.validate(outputWidth: 2, for: data) }
        try LossFunction.softmaxCrossEntropy.validate(outputWidth: 3, for: data)
        let regression = try Dataset<Float>(features: Tensor(rows: 2, columns: 3), targets: Tensor(rows: 2, columns: 1))
        #expect(throws: EngineError.self) { try LossFunction.softmaxCrossEntropy.validate(outputWidth: 1, for: regression) }
        try LossFunction.meanSquaredError.validate(outputWidth: 1, for: regression)
    }
}
