import LessonSupport
import Foundation

/// Turns a bias-variance sweep (and its decomposition) into named values
/// (``BiasVarianceKind/present(_:_:)`` draws them).
///
/// The named values:
/// ```
/// family, capacity_name, capacities, train_errors, validation_errors,
/// base_error, bias_threshold, variance_threshold, diverged
/// rows[i] / rows.<capacity>.{capacity, parameters, train_error, validation_error,
///     avoidable_bias, variance, diagnosis, diverged,
///     diverged_at_step, divergence (when it diverged: "diverged at step 17 (epoch 2): …"),
///     train_accuracy, validation_accuracy (classification)}
/// best.{capacity, index, train_error, validation_error, diagnosis}   lowest validation error
/// noise_variance, max_discrepancy                                    with a decomposition
/// decomposition[i] / decomposition.<capacity>.{capacity, bias2, variance, noise,
///     total, test_mse, discrepancy, diverged (true or false), diverged_resamples}
/// optimum.{capacity, index, test_mse, bias2, variance}                lowest expected test error
/// ```
/// `variance` in a row is the gap validation − training error of the
/// diagnosis; `variance` in the decomposition is the spread of the fits over
/// resampled training sets. Both measure how much the fit depends on the
/// particular training set; only the second is the textbook term.
struct BiasVarianceReport {
    var spec: BiasVarianceKind.Spec
    var rows: [BiasVarianceSweep.Row]
    var decomposition: [BiasVarianceDecomposition.Point]

    typealias Diagnosis = BiasVarianceDiagnosis

    func diagnosis(_ row: BiasVarianceSweep.Row) -> Diagnosis? {
        guard row.divergence == nil else { return nil }
        return Diagnosis.diagnose(
            trainError: row.trainError, validationError: row.validationError, baseError: spec.baseError,
            biasThreshold: spec.biasThreshold, varianceThreshold: spec.varianceThreshold)
    }

    /// The diagnosis as the table and the named values spell it.
    func diagnosisText(_ row: BiasVarianceSweep.Row) -> String {
        diagnosis(row)?.rawValue ?? "diverged"
    }

    /// Index of the lowest validation error (the first, on ties).
    var bestIndex: Int? {
        rows.indices.filter { !rows[$0].validationError.isNaN }
            .min(by: { rows[$0].validationError < rows[$1].validationError })
    }

    var optimumIndex: Int? {
        decomposition.indices.filter { !decomposition[$0].testMSE.isNaN }
            .min(by: { decomposition[$0].testMSE < decomposition[$1].testMSE })
    }

    var outcome: ExperimentOutcome {
        ExperimentOutcome(values: values, presentation: [])
    }

    // MARK: - Named values

    var values: Record {
        var v = Record()
        v["family"] = .string(spec.family.rawValue)
        v["capacity_name"] = .string(spec.capacityName)
        v["capacities"] = .integers(rows.map(\.capacity))
        v["train_errors"] = .numbers(rows.map(\.trainError))
        v["validation_errors"] = .numbers(rows.map(\.validationError))
        v["base_error"] = .number(spec.baseError)
        v["bias_threshold"] = .number(spec.biasThreshold)
        v["variance_threshold"] = .number(spec.varianceThreshold)
        v["diverged"] = .bool(rows.contains { $0.divergence != nil } || decomposition.contains { $0.diverged > 0 })
        v["rows"] = .list(rows.map { .record(record($0)) })
        if let best = bestIndex {
            let row = rows[best]
            v["best"] = .record(Record([
                "capacity": .integer(row.capacity), "index": .integer(best),
                "train_error": .number(row.trainError), "validation_error": .number(row.validationError),
                "diagnosis": .string(diagnosisText(row)),
            ]))
        }
        if !decomposition.isEmpty {
            v["noise_variance"] = .number(spec.data.noise * spec.data.noise)
            v["max_discrepancy"] = .number(decomposition.map { abs($0.discrepancy) }.max() ?? .nan)
            v["decomposition"] = .list(decomposition.map { point in
                .record(Record([
                    "key": .string(String(point.capacity)), "capacity": .integer(point.capacity),
                    "bias2": .number(point.bias2), "variance": .number(point.variance), "noise": .number(point.noise),
                    "total": .number(point.total), "test_mse": .number(point.testMSE),
                    "discrepancy": .number(point.discrepancy), "diverged": .bool(point.diverged > 0),
                    "diverged_resamples": .integer(point.diverged),
                ]))
            })
            if let optimum = optimumIndex {
                let point = decomposition[optimum]
                v["optimum"] = .record(Record([
                    "capacity": .integer(point.capacity), "index": .integer(optimum), "test_mse": .number(point.testMSE),
                    "bias2": .number(point.bias2), "variance": .number(point.variance),
                ]))
            }
        }
        return v
    }

    private func record(_ row: BiasVarianceSweep.Row) -> Record {
        var r = Record()
        r["key"] = .string(String(row.capacity))
        r["capacity"] = .integer(row.capacity)
        if spec.family != .errors { r["parameters"] = .integer(row.parameters) }
        r["train_error"] = .number(row.trainError)
        r["validation_error"] = .number(row.validationError)
        r["avoidable_bias"] = .number(row.trainError - spec.baseError)
        r["variance"] = .number(row.validationError - row.trainError)
        r["diagnosis"] = .string(diagnosisText(row))
        r["diverged"] = .bool(row.divergence != nil)
        if let divergence = row.divergence {
            r["diverged_at_step"] = .integer(divergence.step)
            r["divergence"] = .string(divergence.description)
        }
        if spec.isClassification {
            r["train_accuracy"] = .number(1 - row.trainError)
            r["validation_accuracy"] = .number(1 - row.validationError)
        }
        return r
    }
}

extension BiasVarianceKind.Spec {
    /// Errors are fractions misclassified (else mean squared errors).
    var isClassification: Bool { family != .errors && !data.source.isRegression }

    /// What a capacity counts, as `capacity_name` and the tables say it.
    var capacityName: String {
        switch family {
        case .hidden: "hidden units"
        case .depth: "hidden layers"
        case .degrees: "degree"
        case .errors: "case"
        }
    }
}
