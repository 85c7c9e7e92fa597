extension BatchNormModesKind {
    private static let layerFields = "`key` (bn1, bn2, …), `layer` (position in the model), `units`, `mean_error_max`, `mean_error_median`, `var_ratio_min`, `var_ratio_median`, `var_ratio_max`"

    public static let values: [ValueDescriptor] = [
        ValueDescriptor("train_examples", type: "integer", "Training examples."),
        ValueDescriptor("test_examples", type: "integer", "Test examples."),
        ValueDescriptor("parameters", type: "integer", "Parameters of the network (weights, biases, γ and β)."),
        ValueDescriptor("epochs", type: "integer", "Training epochs."),
        ValueDescriptor("steps", type: "integer", "Gradient steps taken (each updated the running averages once)."),
        ValueDescriptor("last_batch", type: "integer", "Examples in the last batch of each epoch: the batch size when it divides the training set, else the remainder."),
        ValueDescriptor("diverged", type: "boolean", "Whether training diverged (then every accuracy is NaN)."),
        ValueDescriptor("diverged_at_step", type: "integer", "The step at which training diverged.", when: "training diverged"),
        ValueDescriptor("divergence", type: "string", "What was not finite, and where: \"diverged at step 17 (epoch 1): training loss is not a number (NaN)\".", when: "training diverged"),
        ValueDescriptor("train_accuracy", type: "number", "Accuracy on the training set in evaluation mode."),
        ValueDescriptor("eval", type: "record", "Evaluation mode (running averages) on the whole test set at once.",
                        access: "`eval.accuracy`, `eval.loss`"),
        ValueDescriptor("single", type: "record", "Evaluation mode with the test examples fed one at a time.",
                        access: "`single.accuracy`; `single.differ`: examples whose class differs from the batched prediction (0 when the running averages are used); `single.examples`"),
        ValueDescriptor("batch_stats", type: "list of records", "Batch statistics at test time, one record per entry of `test_batch_sizes`: each test batch normalized with its own mean and variance (the running averages untouched).",
                        access: "by batch size: `batch_stats.4.accuracy`; or `batch_stats[0].drop`; fields `key`, `batch_size`, `examples` (in whole batches), `accuracy`, `agreement` (fraction with the evaluation-mode class), `drop` (evaluation-mode accuracy minus this one)"),
        ValueDescriptor("layers", type: "list of records", "Each batch norm layer's running averages against the mean and variance of its input over the whole training set, per unit. The population statistics come from one pass over the training set in evaluation mode (earlier batch norm layers use their running averages, as at test time); the population variance divides by n, the running one averages unbiased batch variances. Mean errors are in population standard deviations.",
                        access: "`layers.bn1.var_ratio_max` or `layers[0].mean_error_max`; fields \(layerFields)"),
        ValueDescriptor("mean_error_max", type: "number", "Largest |running mean − population mean| / population sd over every unit of every batch norm layer."),
        ValueDescriptor("var_ratio_min", type: "number", "Smallest running variance / population variance over every unit of every batch norm layer."),
        ValueDescriptor("var_ratio_max", type: "number", "Largest running variance / population variance over every unit of every batch norm layer."),
    ]

    public static let budget = "epochs × (training examples × parameters + steps per epoch × 20,000) + test passes ≤ \(ResultValue.format(workBudget)), all seeds together"

    public static let table: TableDefaults? = TableDefaults(rows: "batch_stats", rowWord: "test batch size")

    public static let example: KindExample? = KindExample(
        expectation: "single.examples == test_examples",
        inline: "eval.accuracy:%",
        sentence: "In evaluation mode the test accuracy is")
}
