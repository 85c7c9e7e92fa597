import Foundation

/// Turns a batchnorm-modes run into named values (``BatchNormModesKind/present(_:_:)`` draws them).
///
/// The named values:
/// ```
/// train_examples, test_examples, parameters, epochs, steps, last_batch, diverged, diverged_at_step and divergence (if it diverged)
/// train_accuracy
/// eval.{accuracy, loss}                     running averages, the whole test set at once
/// single.{accuracy, differ, examples}       running averages, one example at a time
/// batch_stats[i] / batch_stats.<B>.{key, batch_size, examples, accuracy, agreement, drop}
/// layers[i] / layers.bn<k>.{key, layer, units, mean_error_max, mean_error_median,
///     var_ratio_min, var_ratio_median, var_ratio_max}
/// mean_error_max, var_ratio_min, var_ratio_max   over every unit of every layer
/// ```
/// Accuracies are fractions; a layer's mean error is in population standard
/// deviations; `drop` is the evaluation-mode accuracy minus the batch-statistics one.
struct BatchNormModesReport {
    var spec: BatchNormModesKind.Spec
    var result: BatchNormModesExperiment.Result

    var outcome: ExperimentOutcome {
        ExperimentOutcome(values: values, presentation: [])
    }

    // MARK: - Named values

    var values: Record {
        var v = Record()
        v["train_examples"] = .integer(result.trainingExamples)
        v["test_examples"] = .integer(result.testExamples)
        v["parameters"] = .integer(result.parameters)
        v["epochs"] = .integer(spec.training.epochs)
        v["steps"] = .integer(result.steps)
        v["last_batch"] = .integer(result.lastBatch)
        v["diverged"] = .bool(result.divergence != nil)
        if let divergence = result.divergence {
            v["diverged_at_step"] = .integer(divergence.step)
            v["divergence"] = .string(divergence.description)
        }
        v["train_accuracy"] = .number(result.trainAccuracy)
        v["eval"] = .record(Record(["accuracy": .number(result.evaluationAccuracy), "loss": .number(result.evaluationLoss)]))
        let diverged = result.divergence != nil
        v["single"] = .record(Record([
            "accuracy": .number(result.singleAccuracy), "differ": .integer(diverged ? result.testExamples : result.singleDiffering),
            "examples": .integer(result.testExamples),
        ]))
        // Present (as NaN) even when training diverged, so that expectations
        // read a failing value instead of a missing name.
        let batchStatistics = diverged
            ? spec.testBatchSizes.map { BatchNormModesExperiment.BatchStatisticsResult(batchSize: $0, examples: 0, accuracy: .nan, agreement: .nan) }
            : result.batchStatistics
        v["batch_stats"] = .list(batchStatistics.map { b in
            .record(Record([
                "key": .string(String(b.batchSize)), "batch_size": .integer(b.batchSize), "examples": .integer(b.examples),
                "accuracy": .number(b.accuracy), "agreement": .number(b.agreement), "drop": .number(result.evaluationAccuracy - b.accuracy),
            ]))
        })
        let layers = diverged
            ? spec.hidden.enumerated().map { BatchNormModesExperiment.LayerResult(index: 3 * $0.offset + 1, units: $0.element, meanErrors: [], varianceRatios: []) }
            : result.layers
        v["layers"] = .list(layers.enumerated().map { position, layer in
            .record(Record([
                "key": .string("bn\(position + 1)"), "layer": .integer(layer.index), "units": .integer(layer.units),
                "mean_error_max": .number(Self.maximum(layer.meanErrors)), "mean_error_median": .number(Self.median(layer.meanErrors)),
                "var_ratio_min": .number(Self.minimum(layer.varianceRatios)), "var_ratio_median": .number(Self.median(layer.varianceRatios)),
                "var_ratio_max": .number(Self.maximum(layer.varianceRatios)),
            ]))
        })
        v["mean_error_max"] = .number(Self.maximum(layers.flatMap(\.meanErrors)))
        v["var_ratio_min"] = .number(Self.minimum(layers.flatMap(\.varianceRatios)))
        v["var_ratio_max"] = .number(Self.maximum(layers.flatMap(\.varianceRatios)))
        return v
    }

    static func maximum(_ xs: [Double]) -> Double { xs.max() ?? .nan }
    static func minimum(_ xs: [Double]) -> Double { xs.min() ?? .nan }

    static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return .nan }
        let sorted = xs.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
