/// Turns a bias-variance sweep (and its decomposition) into the named values
/// ``BiasVarianceKind/declared`` lists (``BiasVarianceKind/present(_:_:)`` draws them).
struct BiasVarianceReport {
    var spec: BiasVarianceKind.Spec
    var rows: [BiasVarianceSweep.Row]
    var decomposition: [BiasVarianceDecomposition.Point]

    var outcome: ExperimentOutcome {
        ExperimentOutcome(values: BiasVarianceKind.declared.record(self))
    }

    /// A row's record, `rows[i]`.
    func record(_ row: BiasVarianceSweep.Row) -> Record {
        let classification = spec.isClassification
        return Record(fields: [
            "key": String(row.capacity), "capacity": row.capacity, "parameters": spec.family != .errors ? row.parameters : nil,
            "train_error": row.trainError, "validation_error": row.validationError,
            "avoidable_bias": row.trainError - spec.baseError, "variance": row.validationError - row.trainError,
            "diagnosis": diagnosisText(row), "diverged": row.divergence != nil,
            "diverged_at_step": row.divergence?.step, "divergence": row.divergence?.description,
            "train_accuracy": classification ? 1 - row.trainError : nil,
            "validation_accuracy": classification ? 1 - row.validationError : nil,
        ])
    }

    /// The diagnosis as the table and the named values spell it.
    func diagnosisText(_ row: BiasVarianceSweep.Row) -> String {
        guard row.divergence == nil else { return "diverged" }
        return BiasVarianceDiagnosis.diagnose(
            trainError: row.trainError, validationError: row.validationError, baseError: spec.baseError,
            biasThreshold: spec.biasThreshold, varianceThreshold: spec.varianceThreshold).rawValue
    }

    /// The row of the lowest validation error (the first, on ties).
    var best: Record? {
        TableBetter.lower.leader(of: rows.map(\.validationError)).map { best in
            let row = rows[best]
            return Record(fields: [
                "capacity": row.capacity, "index": best, "train_error": row.trainError,
                "validation_error": row.validationError, "diagnosis": diagnosisText(row),
            ])
        }
    }

    /// What only a decomposition has: `nil` without one.
    func ifDecomposed<T>(_ value: () -> T) -> T? { decomposition.isEmpty ? nil : value() }

    var decompositionRecords: [Record] {
        decomposition.map { point in
            Record(fields: [
                "key": String(point.capacity), "capacity": point.capacity, "bias2": point.bias2, "variance": point.variance,
                "noise": point.noise, "total": point.total, "test_mse": point.testMSE, "discrepancy": point.discrepancy,
                "diverged": point.diverged > 0, "diverged_resamples": point.diverged,
            ])
        }
    }

    /// The point of the lowest test MSE (the first, on ties).
    var optimum: Record? {
        TableBetter.lower.leader(of: decomposition.map(\.testMSE)).map { optimum in
            let point = decomposition[optimum]
            return Record(fields: [
                "capacity": point.capacity, "index": optimum, "test_mse": point.testMSE, "bias2": point.bias2, "variance": point.variance,
            ])
        }
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
