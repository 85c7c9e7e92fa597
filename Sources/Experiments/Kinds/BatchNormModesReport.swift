/// Turns a batchnorm-modes run into the named values ``BatchNormModesKind/declared``
/// lists (``BatchNormModesKind/present(_:_:)`` draws them).
struct BatchNormModesReport {
    var spec: BatchNormModesKind.Spec
    var result: BatchNormModesExperiment.Result

    var outcome: ExperimentOutcome {
        ExperimentOutcome(values: values)
    }

    var values: Record { BatchNormModesKind.declared.record(self) }

    var diverged: Bool { result.divergence != nil }

    // After a divergence the batch statistics and the layers are still
    // present (as NaN), so that expectations read a failing value instead of
    // a missing name.

    var batchStatisticsRecords: [Record] {
        let measured = diverged
            ? spec.testBatchSizes.map { BatchNormModesExperiment.BatchStatisticsResult(batchSize: $0, examples: 0, accuracy: .nan, agreement: .nan) }
            : result.batchStatistics
        return measured.map { b in
            Record(fields: [
                "key": String(b.batchSize), "batch_size": b.batchSize, "examples": b.examples,
                "accuracy": b.accuracy, "agreement": b.agreement, "drop": result.evaluationAccuracy - b.accuracy,
            ])
        }
    }

    var layers: [BatchNormModesExperiment.LayerResult] {
        diverged
            ? spec.hidden.enumerated().map { BatchNormModesExperiment.LayerResult(index: 3 * $0.offset + 1, units: $0.element, meanErrors: [], varianceRatios: []) }
            : result.layers
    }

    var layerRecords: [Record] {
        layers.enumerated().map { position, layer in
            Record(fields: [
                "key": "bn\(position + 1)", "layer": layer.index, "units": layer.units,
                "mean_error_max": Self.maximum(layer.meanErrors), "mean_error_median": layer.meanErrors.median,
                "var_ratio_min": Self.minimum(layer.varianceRatios), "var_ratio_median": layer.varianceRatios.median,
                "var_ratio_max": Self.maximum(layer.varianceRatios),
            ])
        }
    }

    static func maximum(_ xs: [Double]) -> Double { xs.max() ?? .nan }
    static func minimum(_ xs: [Double]) -> Double { xs.min() ?? .nan }
}
