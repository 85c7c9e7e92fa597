extension BiasVarianceKind {
    private static let decomposed = "`resamples` > 0 (polynomial data by default)"

    public static let values: [ValueDescriptor] = [
        ValueDescriptor("family", type: "string", "What varies: hidden, depth, degrees or errors."),
        ValueDescriptor("capacity_name", type: "string", "The name of the capacity in tables (\"hidden units\", \"degree\", …)."),
        ValueDescriptor("capacities", type: "list of integers", "The capacities compared.", access: "`capacities[0]`"),
        ValueDescriptor("train_errors", type: "list of numbers", "Training error at each capacity.", access: "`train_errors[i]`, `train_errors[-1]` the last"),
        ValueDescriptor("validation_errors", type: "list of numbers", "Validation error at each capacity.", access: "`validation_errors[i]`"),
        ValueDescriptor("base_error", type: "number", "The error an ideal model would make, as given."),
        ValueDescriptor("bias_threshold", type: "number", "Training error above the base error that counts as high bias."),
        ValueDescriptor("variance_threshold", type: "number", "Validation minus training error that counts as high variance."),
        ValueDescriptor("diverged", type: "boolean", "Whether any network's training diverged."),
        ValueDescriptor("rows", type: "list of records", "One row per capacity: `key`, `capacity`, `parameters`, `train_error`, `validation_error`, `avoidable_bias`, `variance`, `diagnosis`, `diverged`, and for a network that diverged `diverged_at_step` and `divergence` (the sentence saying where and what)",
                        access: "`rows[0].diagnosis`, or by capacity: `rows.16.validation_error`"),
        ValueDescriptor("best", type: "record", "The capacity with the lowest validation error.",
                        access: "`best.capacity`, `best.index`, `best.train_error`, `best.validation_error`, `best.diagnosis`",
                        when: "some validation error is a number"),
        ValueDescriptor("noise_variance", type: "number", "σ² of the label noise.", when: decomposed),
        ValueDescriptor("max_discrepancy", type: "number", "Largest |bias² + variance + noise − test MSE|.", when: decomposed),
        ValueDescriptor("decomposition", type: "list of records", "Bias², variance, noise, total and test MSE per capacity.",
                        access: "`decomposition[0].bias2`, or by capacity: `decomposition.9.variance`; fields `key`, `capacity`, `bias2`, `variance`, `noise`, `total`, `test_mse`, `discrepancy`, `diverged` (true or false, as in `rows`), `diverged_resamples` (how many resampled fits diverged and were left out of the averages)",
                        when: decomposed),
        ValueDescriptor("optimum", type: "record", "The capacity with the lowest test MSE.",
                        access: "`optimum.capacity`, `optimum.index`, `optimum.test_mse`, `optimum.bias2`, `optimum.variance`", when: decomposed),
    ]

    public static let budget = "epochs × train_size × parameters, summed over the networks, ≤ \(ResultValue.format(workBudget)); epochs × train_size × networks ≤ \(ResultValue.format(exampleBudget)); polynomials: fits ≤ \(ResultValue.format(polynomialBudget)) multiply-adds; all seeds together; degrees × resamples × test_points ≤ \(ResultValue.format(predictionBudget)) predictions held at once"

    public static let table: TableDefaults? = TableDefaults(rows: "rows", rowWord: "capacity", better: ["validation_error": .lower])

    public static let example: KindExample? = KindExample(
        expectation: "len(rows) == 2",
        inline: "decomposition[0].bias2:.3g",
        sentence: "The squared bias of the straight line is")
}
