import NeuralEngine

extension BatchNormModesKind {
    private static let layerFields = "`key` (bn1, bn2, …), `layer` (position in the model), `units`, `mean_error_max`, `mean_error_median`, "
            + "`var_ratio_min`, `var_ratio_median`, `var_ratio_max`"

    /// The values of a run, in the order of its record (``BatchNormModesReport`` builds it).
    static let declared = ValueDeclarations<BatchNormModesReport>([
        .init("train_examples", "Training examples.") { $0.result.trainingExamples },
        .init("test_examples", "Test examples.") { $0.result.testExamples },
        .init("parameters", "Parameters of the network (weights, biases, γ and β).") { $0.result.parameters },
        .init("epochs", "Training epochs.") { $0.spec.training.epochs },
        .init("steps", "Gradient steps taken (each updated the running averages once).") { $0.result.steps },
        .init("last_batch", "Examples in the last batch of each epoch: the batch size when it divides the training set, else the remainder.") {
            $0.result.lastBatch
        },
        .init("diverged", "Whether training diverged (then every accuracy is NaN).") { $0.diverged },
        .init("diverged_at_step", "The step at which training diverged.", when: "training diverged") { $0.result.divergence?.step },
        .init("divergence", "What was not finite, and where: \"diverged at step 17 (epoch 1): training loss is not a number (NaN)\".",
              when: "training diverged") { $0.result.divergence?.description },
        .init("train_accuracy", "Accuracy on the training set in evaluation mode (a fraction, as every accuracy).") { $0.result.trainAccuracy },
        .init("eval", "Evaluation mode (running averages) on the whole test set at once.", access: "`eval.accuracy`, `eval.loss`") {
            Record(fields: ["accuracy": $0.result.evaluationAccuracy, "loss": $0.result.evaluationLoss])
        },
        .init("single", "Evaluation mode with the test examples fed one at a time.",
              access: "`single.accuracy`; `single.differ`: examples whose class differs from the batched prediction (0 when the running averages "
                      + "are used); `single.examples`") { r in
            Record(fields: [
                "accuracy": r.result.singleAccuracy, "differ": r.diverged ? r.result.testExamples : r.result.singleDiffering,
                "examples": r.result.testExamples,
            ])
        },
        .init("batch_stats", "Batch statistics at test time, one record per entry of `test_batch_sizes`: each test batch normalized with its own "
                + "mean and variance (the running averages untouched).",
              access: "by batch size: `batch_stats.4.accuracy`; or `batch_stats[0].drop`; fields `key`, `batch_size`, `examples` (in whole "
                      + "batches), `accuracy`, `agreement` (fraction with the evaluation-mode class), `drop` (evaluation-mode accuracy minus "
                      + "this one)") {
            $0.batchStatisticsRecords
        },
        .init("layers", "Each batch norm layer's running averages against the mean and variance of its input over the whole training set, per unit. "
                + "The population statistics come from one pass over the training set in evaluation mode (earlier batch norm layers use their "
                + "running averages, as at test time); the population variance divides by n, the running one averages unbiased batch "
                + "variances. Mean errors are in population standard deviations.",
              access: "`layers.bn1.var_ratio_max` or `layers[0].mean_error_max`; fields \(layerFields)") { $0.layerRecords },
        .init("mean_error_max", "Largest |running mean − population mean| / population sd over every unit of every batch norm layer.") {
            BatchNormModesReport.maximum($0.layers.flatMap(\.meanErrors))
        },
        .init("var_ratio_min", "Smallest running variance / population variance over every unit of every batch norm layer.") {
            BatchNormModesReport.minimum($0.layers.flatMap(\.varianceRatios))
        },
        .init("var_ratio_max", "Largest running variance / population variance over every unit of every batch norm layer.") {
            BatchNormModesReport.maximum($0.layers.flatMap(\.varianceRatios))
        },
    ])

    public static let values = declared.descriptors

    public static let budget = "epochs × (training examples × work per example + steps per epoch × 20,000) + test passes ≤ "
            + "\(ResultValue.format(workBudget)), all seeds together, where " + ModelDescription.workPerExampleNote

    public static let table: TableDefaults? = TableDefaults(rows: "batch_stats", rowWord: "test batch size")

    public static let example: KindExample? = KindExample(
        expectation: "single.examples == test_examples",
        inline: "eval.accuracy:%",
        sentence: "In evaluation mode the test accuracy is")
}
