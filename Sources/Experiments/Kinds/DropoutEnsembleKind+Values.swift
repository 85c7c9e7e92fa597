extension DropoutEnsembleKind {
    private static let network = "`train_accuracy`, `test_accuracy`, `gap`, `train_loss`, `test_loss`, `thinned_accuracy`, `diverged`, `diverged_at_step` and `divergence` (what was not finite, where; if it diverged)"

    public static let values: [ValueDescriptor] = [
        ValueDescriptor("keep_prob", type: "number", "Probability of keeping a hidden unit."),
        ValueDescriptor("input_keep_prob", type: "number", "Probability of keeping an input."),
        ValueDescriptor("variant", type: "string", "inverted or original dropout."),
        ValueDescriptor("parameters", type: "integer", "Parameters of each network."),
        ValueDescriptor("train_examples", type: "integer", "Training examples."),
        ValueDescriptor("test_examples", type: "integer", "Test examples."),
        ValueDescriptor("epochs", type: "integer", "Training epochs."),
        ValueDescriptor("diverged", type: "boolean", "Whether either network's training diverged."),
        ValueDescriptor("diverged_at_step", type: "integer", "First step at which a network diverged.", when: "a network diverged"),
        ValueDescriptor("scaled", type: "record", "The dropout network at inference with weight scaling (one deterministic pass).",
                        access: "`scaled.accuracy`, `scaled.loss`, `scaled.ms`, `scaled.entropy`"),
        ValueDescriptor("mc", type: "list of records", "Monte-Carlo averaging of K sampled masks, one record per entry of `samples`.",
                        access: "by K: `mc.100.accuracy`; or `mc[0].loss`; fields `key`, `samples`, `accuracy`, `loss`, `agreement`, `ms`"),
        ValueDescriptor("dropout", type: "record", "The network trained with dropout.", access: "`dropout.test_accuracy`; fields \(network)"),
        ValueDescriptor("no_dropout", type: "record", "The same network trained without dropout.", access: "`no_dropout.gap`; fields as for `dropout`"),
        ValueDescriptor("uncertainty", type: "record", "What the disagreement of the sampled networks says about the test examples.",
                        access: "`uncertainty.entropy_wrong`; fields `samples`, `entropy`, `entropy_correct`, `entropy_wrong`, `mutual_information`, `disagreement`",
                        when: "the dropout network did not diverge"),
        ValueDescriptor("activation", type: "record", "Mean hidden activation in training and in evaluation, against the input's.",
                        access: "`activation.mismatch`; fields `samples`, `input_mean`, `train_mean`, `eval_mean`, `train_ratio`, `eval_ratio`, `mismatch` (training over evaluation mean, minus 1), `abs_mismatch` (its size: over seeds the mean does not cancel)",
                        when: "the dropout network did not diverge"),
    ]

    public static let budget = "2 networks × epochs × training examples × parameters ≤ \(ResultValue.format(trainingBudget)); (Σ samples + 10) × test examples × parameters ≤ \(ResultValue.format(inferenceBudget)); all seeds together"

    public static let table: TableDefaults? = TableDefaults(rows: "mc", rowWord: "number of sampled masks", better: ["accuracy": .higher, "loss": .lower])

    public static let example: KindExample? = KindExample(
        expectation: "0 <= mc.5.accuracy <= 1",
        inline: "scaled.accuracy:%",
        sentence: "With weight scaling the dropout network's test accuracy is")
}
