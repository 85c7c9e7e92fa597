import NeuralEngine

extension TrainKind {
    private static let variantFields = """
    `name`, `label` (what it sets, as its table and legend name it: `learning_rate = 0.01`, `bn (normalization = batch)`), \
    `value` and `varied` (with `vary:`: the value, the setting swept), `parameters`, `steps`, `steps_per_epoch`, `epochs`, `batch_size`, `learning_rate`, \
    `weight_decay`, `l1`, `momentum` (optimizer: momentum), `beta1` (adam), `beta2` and `epsilon` (adam, rmsprop), \
    `best_epoch` and `stopped_at` (with patience: the epoch of the lowest validation loss, the last epoch trained), \
    `epochs_run` (fewer than `epochs` after early stopping or divergence), `keep_prob`, `train_loss`, `train_accuracy`, `validation_loss`, `validation_accuracy`, `test_loss`, \
    `test_accuracy`, `test_error` (losses are mean cross-entropies in nats or mean squared errors, accuracies fractions, measured after training in evaluation mode), \
    `ms`, `ms_per_epoch` (training time: CPU time on one core), `weight_norm`, `initial_weight_norm` (‖W‖ over every weight matrix, biases and norm parameters excluded), \
    `relative_change` (‖W − W₀‖ / ‖W₀‖ over every weight matrix), `median_relative_change` (the median over layers of each layer's ‖W − W₀‖ / ‖W₀‖), \
    `dead_fraction` (ReLU units never active on the training set; NaN without ReLUs), `condition_number` (λmax/λmin of XᵀX/n of the training inputs; NaN above 16 features), \
    `reached_target` (with target_loss: true or false), `steps_to_target` \
    (the first step whose batch loss reached it; NaN when not reached: test `reached_target` first), `last_epoch_loss_sd`, `last_epoch_loss_mean` (of the batch losses in the last epoch), `last_epoch_loss_cv` (their ratio sd / mean), `diverged` \
    (true or false), `diverged_at_step` (0 if not), `divergence` (when it diverged: where and what was not finite, e.g. `diverged at step 17 (epoch 2): training loss is not a number (NaN)`), `curve` (`train_loss`, `validation_loss`, `validation_accuracy`, `learning_rate`: a list per epoch, `curve.train_loss[epoch − 1]`; with `curve: step` also `step_loss`, the loss of every mini-batch), `layers` \
    (a list of records: `name`, `activation_mean`, `activation_sd`, `weight_norm`, `relative_change`, `dead_fraction`)
    """

    /// The values of a run, in the order of its record (``TrainReport`` builds it).
    static let declared = ValueDeclarations<TrainReport>([
        .init("train_examples", "Training examples.") { $0.result.trainingExamples },
        .init("validation_examples", "Validation examples.") { $0.result.validationExamples },
        .init("test_examples", "Test examples.") { $0.result.testExamples },
        .init("variant_count", "How many models were trained.") { $0.spec.variants.count },
        .init("variants", "One record per trained model, in the order of `vary:` or `variants:`.",
              access: "by name: `variants.adam.test_accuracy`; or `variants[0].curve.train_loss[-1]`; fields \(variantFields)") { report in
            zip(report.spec.variants, report.result.variants).map { report.record($0, $1) }
        },
    ])

    public static let values = declared.descriptors

    public static let budget = "(training examples × work per example + steps × 20,000) × epochs, summed over the variants, ≤ "
            + "\(ResultValue.format(trainingBudget)) (about half a minute of one core), all seeds together, where "
            + ModelDescription.workPerExampleNote

    public static let table: TableDefaults? = TableDefaults(rows: "variants", rowWord: "variant", better: ["test_accuracy": .higher, "test_loss": .lower],
                                                            nameLabels: .init(label: "label", setting: "varied"))

    public static let example: KindExample? = KindExample(
        expectation: "0 <= variants.adam.test_accuracy <= 1",
        inline: "variants.adam.test_accuracy:%",
        sentence: "With Adam the test accuracy is")
}
