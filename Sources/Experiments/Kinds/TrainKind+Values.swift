extension TrainKind {
    private static let variantFields = """
    `name`, `label` (what it sets, as its table and legend name it: `learning_rate = 0.01`, `bn (normalization = batch)`), \
    `value` and `varied` (with `vary:`: the value, the setting swept), `parameters`, `steps`, `steps_per_epoch`, `epochs`, `batch_size`, `learning_rate`, \
    `weight_decay`, `l1`, `momentum` (optimizer: momentum), `beta1` (adam), `beta2` and `epsilon` (adam, rmsprop), \
    `best_epoch` and `stopped_at` (with patience: the epoch of the lowest validation loss, the last epoch trained), \
    `epochs_run`, `keep_prob`, `train_loss`, `train_accuracy`, `validation_loss`, `validation_accuracy`, `test_loss`, \
    `test_accuracy`, `test_error`, `ms`, `ms_per_epoch`, `weight_norm`, `initial_weight_norm`, `relative_change`, \
    `median_relative_change`, `dead_fraction`, `condition_number`, `reached_target` (with target_loss: true or false), `steps_to_target` \
    (NaN when not reached: test `reached_target` first), `last_epoch_loss_sd`, `last_epoch_loss_mean`, `last_epoch_loss_cv`, `diverged` \
    (true or false), `diverged_at_step`, `divergence` (when it diverged: where and what was not finite, e.g. `diverged at step 17 (epoch 2): training loss is not a number (NaN)`), `curve` (`train_loss`, `validation_loss`, `validation_accuracy`, `learning_rate`: a list per epoch; with `curve: step` also `step_loss`, the loss of every mini-batch), `layers` \
    (a list of records: `name`, `activation_mean`, `activation_sd`, `weight_norm`, `relative_change`, `dead_fraction`)
    """

    public static let values: [ValueDescriptor] = [
        ValueDescriptor("train_examples", type: "integer", "Training examples."),
        ValueDescriptor("validation_examples", type: "integer", "Validation examples."),
        ValueDescriptor("test_examples", type: "integer", "Test examples."),
        ValueDescriptor("variant_count", type: "integer", "How many models were trained."),
        ValueDescriptor("variants", type: "list of records", "One record per trained model, in the order of `vary:` or `variants:`.",
                        access: "by name: `variants.adam.test_accuracy`; or `variants[0].curve.train_loss[-1]`; fields \(variantFields)"),
    ]

    public static let budget = "(training examples × parameters + steps × 20,000) × epochs, summed over the variants, ≤ \(ResultValue.format(trainingBudget)) (about half a minute of one core), all seeds together"

    public static let table: TableDefaults? = TableDefaults(rows: "variants", rowWord: "variant", better: ["test_accuracy": .higher, "test_loss": .lower],
                                                            nameLabels: .init(label: "label", setting: "varied"))

    public static let example: KindExample? = KindExample(
        expectation: "0 <= variants.adam.test_accuracy <= 1",
        inline: "variants.adam.test_accuracy:%",
        sentence: "With Adam the test accuracy is")
}
