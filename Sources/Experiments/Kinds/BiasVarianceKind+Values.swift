import NeuralEngine

extension BiasVarianceKind {
    private static let decomposed = "`resamples` > 0 (polynomial data by default)"

    /// The values of a run, in the order of its record (``BiasVarianceReport`` builds it).
    static let declared = ValueDeclarations<BiasVarianceReport>([
        .init("family", "What varies: hidden, depth, degrees or errors.") { $0.spec.family.rawValue },
        .init("capacity_name", "The name of the capacity in tables (\"hidden units\", \"degree\", …).") { $0.spec.capacityName },
        .init("capacities", "The capacities compared.", access: "`capacities[0]`") { $0.rows.map(\.capacity) },
        .init("train_errors", "Training error at each capacity.", access: "`train_errors[i]`, `train_errors[-1]` the last") { $0.rows.map(\.trainError) },
        .init("validation_errors", "Validation error at each capacity.", access: "`validation_errors[i]`") { $0.rows.map(\.validationError) },
        .init("base_error", "The error an ideal model would make, as given.") { $0.spec.baseError },
        .init("bias_threshold", "Training error above the base error that counts as high bias.") { $0.spec.biasThreshold },
        .init("variance_threshold", "Validation minus training error that counts as high variance.") { $0.spec.varianceThreshold },
        .init("diverged", "Whether any network's training diverged.") { r in
            r.rows.contains { $0.divergence != nil } || r.decomposition.contains { $0.diverged > 0 }
        },
        .init("rows", "One row per capacity: `key`, `capacity`, `parameters`, `train_error`, `validation_error`, `avoidable_bias`, `variance` "
                + "(validation minus training error: the gap the diagnosis reads), `diagnosis`, `diverged`, for a network that diverged "
                + "`diverged_at_step` and `divergence` (the sentence saying where and what), and for classification `train_accuracy` and "
                + "`validation_accuracy`",
              access: "`rows[0].diagnosis`, or by capacity: `rows.16.validation_error`") { r in r.rows.map(r.record) },
        .init("best", "The capacity with the lowest validation error.",
              access: "`best.capacity`, `best.index`, `best.train_error`, `best.validation_error`, `best.diagnosis`",
              when: "some validation error is a number") { $0.best },
        .init("noise_variance", "σ² of the label noise.", when: decomposed) { r in r.ifDecomposed { r.spec.data.noise * r.spec.data.noise } },
        .init("max_discrepancy", "Largest |bias² + variance + noise − test MSE|.", when: decomposed) { r in
            r.ifDecomposed { r.decomposition.map { abs($0.discrepancy) }.max() ?? .nan }
        },
        .init("decomposition", "Bias², variance, noise, total and test MSE per capacity.",
              access: "`decomposition[0].bias2`, or by capacity: `decomposition.9.variance`; fields `key`, `capacity`, `bias2`, `variance` (the "
                      + "spread of the fits over resampled training sets, the textbook term), `noise`, `total`, `test_mse`, `discrepancy`, "
                      + "`diverged` (true or false, as in `rows`), `diverged_resamples` (how many resampled fits diverged and were left out of "
                      + "the averages)",
              when: decomposed) { r in r.ifDecomposed { r.decompositionRecords } },
        .init("optimum", "The capacity with the lowest test MSE.",
              access: "`optimum.capacity`, `optimum.index`, `optimum.test_mse`, `optimum.bias2`, `optimum.variance`", when: decomposed) { $0.optimum },
    ])

    public static let values = declared.descriptors

    public static let budget = "epochs × train_size × work per example, summed over the networks, ≤ \(ResultValue.format(workBudget)); epochs × "
            + "train_size × networks ≤ \(ResultValue.format(exampleBudget)); polynomials: fits ≤ \(ResultValue.format(polynomialBudget)) "
            + "multiply-adds; all seeds together; degrees × resamples × test_points ≤ \(ResultValue.format(predictionBudget)) predictions held "
            + "at once; where " + ModelDescription.workPerExampleNote

    public static let table: TableDefaults? = TableDefaults(rows: "rows", rowWord: "capacity", better: ["validation_error": .lower])

    public static let example: KindExample? = KindExample(
        expectation: "len(rows) == 2",
        inline: "decomposition[0].bias2:.3g",
        sentence: "The squared bias of the straight line is")
}
