import Testing
@testable import NeuralEngine

struct BatchNormTests {
    let batch = try! Tensor<Double>([[1, 10], [2, 20], [3, 30], [6, 60]])

    @Test func trainingNormalizesWithBatchStatistics() {
        let layer = BatchNorm<Double>(width: 2)
        let output = layer.forward(batch, mode: .training)
        for column in 0..<2 {
            let values = (0..<4).map { output[$0, column] }
            let mean = values.reduce(0, +) / 4
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
            #expect(abs(mean) < 1e-12)
            #expect(abs(variance - 1) < 1e-4)  // ε = 1e-5 keeps it just below 1
        }
    }

    @Test func runningAveragesAreExponentialAndUnbiased() {
        let layer = BatchNorm<Double>(width: 2, momentum: 0.9)
        _ = layer.forward(batch, mode: .training)
        // Batch mean of column 0 is 3, biased variance 3.5, unbiased 14/3.
        #expect(abs(layer.runningMean[0, 0] - 0.1 * 3) < 1e-12)
        #expect(abs(layer.runningVariance[0, 0] - (0.9 + 0.1 * 14.0 / 3)) < 1e-12)
        #expect(layer.buffers.map(\.name) == ["running_mean", "running_variance"])
        #expect(layer.parameters.map(\.name) == ["gamma", "beta"])
    }

    @Test func evaluationUsesRunningAveragesAndDoesNotUpdateThem() {
        let layer = BatchNorm<Double>(width: 2, momentum: 0)  // momentum 0: running stats = last batch
        _ = layer.forward(batch, mode: .training)
        let mean = layer.runningMean, variance = layer.runningVariance
        let single = try! Tensor<Double>([[3, 30]])
        let output = layer.forward(single, mode: .evaluation)
        #expect(abs(output[0, 0]) < 1e-12)  // 3 is the running mean
        _ = layer.forward(batch, mode: .evaluation)
        _ = layer.forward(batch, mode: .monteCarloDropout)
        #expect(layer.runningMean == mean)
        #expect(layer.runningVariance == variance)
    }

    @Test func batchStatisticsNormalizeLikeTrainingWithoutUpdating() throws {
        let layer = BatchNorm<Double>(width: 2, momentum: 0.5)
        _ = layer.forward(batch, mode: .training)
        let mean = layer.runningMean, variance = layer.runningVariance
        let other = try Tensor<Double>([[0, 5], [4, 1], [9, 7]])
        let withBatch = layer.forward(other, mode: .batchStatistics)
        // The output is the batch-normalized one a training pass gives …
        let reference = BatchNorm<Double>(width: 2).forward(other, mode: .training)
        for r in 0..<3 { for c in 0..<2 { #expect(abs(withBatch[r, c] - reference[r, c]) < 1e-12) } }
        // … and the running averages are what the one training pass left.
        #expect(layer.runningMean == mean)
        #expect(layer.runningVariance == variance)
        // A batch of one has no spread: every unit becomes β (here 0).
        let single = layer.forward(try Tensor([[3.0, 30]]), mode: .batchStatistics)
        #expect(single[0, 0] == 0 && single[0, 1] == 0)
        #expect(Mode.batchStatistics.usesBatchStatistics && !Mode.batchStatistics.dropoutActive)
    }

    @Test func predictionDoesNotDependOnTheRestOfTheBatchInEvaluation() throws {
        let layer = BatchNorm<Double>(width: 2)
        _ = layer.forward(batch, mode: .training)
        let alone = layer.forward(try Tensor([[2.0, 20]]), mode: .evaluation)
        let together = layer.forward(batch, mode: .evaluation)
        #expect(alone.row(0) == together.row(1))
    }
}

struct NormalizationTests {
    @Test func groupNormNormalizesEachGroupOfEachRow() throws {
        let layer = GroupNorm<Double>(width: 4, groups: 2)
        let output = layer.forward(try Tensor([[1, 3, 10, 30], [5, 5, 0, 2]]), mode: .training)
        for row in 0..<2 {
            for group in 0..<2 {
                let values = [output[row, 2 * group], output[row, 2 * group + 1]]
                #expect(abs(values[0] + values[1]) < 1e-12)
            }
        }
        #expect(abs(output[0, 0] + 1) < 1e-4 && abs(output[0, 3] - 1) < 1e-4)
        #expect(output[1, 0] == 0 && output[1, 1] == 0)  // a constant group normalizes to 0
    }

    @Test func layerNormIsOneGroupAndInstanceNormSharesAffineParameters() {
        #expect(LayerNorm<Float>(width: 8).groups == 1)
        #expect(LayerNorm<Float>(width: 8).scale.count == 8)
        let instance = InstanceNorm<Float>(width: 8, channels: 2)
        #expect(instance.groups == 2 && instance.scale.count == 2)
        #expect(instance.description == "instancenorm 2")
    }

    @Test func trainingAndEvaluationAgreeForGroupNorm() throws {
        let layer = GroupNorm<Double>(width: 4, groups: 2)
        let input = try Tensor<Double>([[1, 3, 10, 30]])
        #expect(layer.forward(input, mode: .training) == layer.forward(input, mode: .evaluation))
    }
}
