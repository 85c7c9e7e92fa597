import NeuralEngine

extension DropoutEnsembleKind {
    private static let network = "`train_accuracy`, `test_accuracy`, `gap` (training minus test accuracy), `train_loss`, `test_loss` (mean "
            + "cross-entropies in nats; accuracies are fractions), `thinned_accuracy`, `diverged`, `diverged_at_step` and `divergence` (what "
            + "was not finite, where; if it diverged)"

    /// The values of a run, in the order of its record (``DropoutEnsembleReport`` builds it).
    static let declared = ValueDeclarations<DropoutEnsembleReport>([
        .init("keep_prob", "Probability of keeping a hidden unit.") { $0.spec.keepProbability },
        .init("input_keep_prob", "Probability of keeping an input.") { $0.spec.inputKeepProbability },
        .init("variant", "inverted or original dropout.") { $0.spec.variant },
        .init("parameters", "Parameters of each network.") { $0.result.parameters },
        .init("train_examples", "Training examples.") { $0.result.trainingExamples },
        .init("test_examples", "Test examples.") { $0.result.testExamples },
        .init("epochs", "Training epochs.") { $0.spec.training.epochs },
        .init("diverged", "Whether either network's training diverged.") { !$0.divergedSteps.isEmpty },
        .init("diverged_at_step", "First step at which a network diverged.", when: "a network diverged") { $0.divergedSteps.min() },
        .init("scaled", "The dropout network at inference with weight scaling (one deterministic pass).",
              access: "`scaled.accuracy`, `scaled.loss`, `scaled.ms`, `scaled.entropy`") { r in
            Record(fields: [
                "accuracy": r.result.scaledAccuracy, "loss": r.result.scaledLoss,
                "ms": r.result.scaledSeconds * 1e3, "entropy": r.result.scaledEntropy,
            ])
        },
        .init("mc", "Monte-Carlo averaging of K sampled masks, one record per entry of `samples`.",
              access: "by K: `mc.100.accuracy`; or `mc[0].loss`; fields `key`, `samples`, `accuracy`, `loss`, `agreement` (the fraction of test "
                      + "examples on which the Monte-Carlo prediction is the deterministic one), `ms`") {
            $0.monteCarloRecords
        },
        .init("dropout", "The network trained with dropout.", access: "`dropout.test_accuracy`; fields \(network)") {
            DropoutEnsembleReport.record($0.result.dropout)
        },
        .init("no_dropout", "The same network trained without dropout.", access: "`no_dropout.gap`; fields as for `dropout`") {
            DropoutEnsembleReport.record($0.result.plain)
        },
        .init("uncertainty", "What the disagreement of the sampled networks says about the test examples.",
              access: "`uncertainty.entropy_wrong`; fields `samples`, `entropy`, `entropy_correct`, `entropy_wrong`, `mutual_information`, "
                      + "`disagreement`",
              when: "the dropout network did not diverge") { $0.uncertainty },
        .init("activation", "Mean hidden activation in training and in evaluation, against the input's.",
              access: "`activation.mismatch`; fields `samples`, `input_mean`, `train_mean`, `eval_mean`, `train_ratio`, `eval_ratio`, `mismatch` "
                      + "(training over evaluation mean, minus 1), `abs_mismatch` (its size: over seeds the mean does not cancel)",
              when: "the dropout network did not diverge") { $0.activation },
    ])

    public static let values = declared.descriptors

    public static let budget = "2 networks × epochs × training examples × work per example ≤ \(ResultValue.format(trainingBudget)); (Σ samples + 10) × "
            + "test examples × work per example ≤ \(ResultValue.format(inferenceBudget)); all seeds together; where "
            + ModelDescription.workPerExampleNote

    public static let table: TableDefaults? = TableDefaults(rows: "mc", rowWord: "number of sampled masks", better: ["accuracy": .higher, "loss": .lower])

    public static let example: KindExample? = KindExample(
        expectation: "0 <= mc.5.accuracy <= 1",
        inline: "scaled.accuracy:%",
        sentence: "With weight scaling the dropout network's test accuracy is")
}
