import NeuralEngine

extension HyperparameterSearchKind {
    public static let values: [ValueDescriptor] = [
        ValueDescriptor("draws", type: "integer", "sampling: values drawn by each method.", when: "mode: sampling"),
        ValueDescriptor("decades", type: "list of numbers", "sampling: the lower end of each decade [d, 10d) of [low, high].", when: "mode: sampling"),
        ValueDescriptor("uniform", type: "record", "sampling: learning rates drawn uniformly on [low, high].",
                        access: "`uniform.decade_fractions[0]`; fields `decade_fractions` (one per decade), `top_decade`, `min_decade_fraction`, `max_decade_fraction`, `median`", when: "mode: sampling"),
        ValueDescriptor("log", type: "record", "sampling: learning rates drawn log-uniformly (10^u, u uniform on [log₁₀ low, log₁₀ high]); fields as `uniform`.",
                        access: "`log.min_decade_fraction`", when: "mode: sampling"),
        ValueDescriptor("momentum", type: "record", "sampling: the fraction of β ≥ 0.99 when β is uniform on [0.9, 0.999] and when 1 − β is log-uniform on [0.001, 0.1].",
                        access: "`momentum.uniform_above_0_99`, `momentum.log_above_0_99`", when: "mode: sampling"),
        ValueDescriptor("trials", type: "integer | list of records", "grid_vs_random: trials of each method; coarse_to_fine: every trial in order.",
                        access: "coarse_to_fine: `trials[0].validation_accuracy`; fields `stage` (0 coarse, 1 fine), `learning_rate`, `validation_accuracy`, `test_accuracy`, `diverged` (true or false)", when: "mode: grid_vs_random or coarse_to_fine"),
        ValueDescriptor("grid_side", type: "integer", "grid_vs_random: k of the k × k grid.", when: "mode: grid_vs_random"),
        ValueDescriptor("repeats", type: "integer", "grid_vs_random: random objectives tried.", when: "mode: grid_vs_random"),
        ValueDescriptor("grid", type: "record", "grid_vs_random: the grid search.",
                        access: "`grid.distinct_important`; fields `distinct_important` (values of the important setting tried), `best` (on the first objective), `best_mean`, `gap_mean` (over the repeats), `important` and `other` (each trial's two settings on the first objective, as lists)", when: "mode: grid_vs_random"),
        ValueDescriptor("optimum", type: "record", "grid_vs_random: where the first objective peaks.", access: "`optimum.important`, `optimum.other`", when: "mode: grid_vs_random"),
        ValueDescriptor("random", type: "record", "grid_vs_random: the random search; fields as `grid`.", access: "`random.best_mean`", when: "mode: grid_vs_random"),
        ValueDescriptor("random_wins", type: "number", "grid_vs_random: fraction of the objectives where random search found a higher best than the grid.", when: "mode: grid_vs_random"),
        ValueDescriptor("train_examples", type: "integer", "coarse_to_fine: training images.", when: "mode: coarse_to_fine"),
        ValueDescriptor("validation_examples", type: "integer", "coarse_to_fine: validation images (the objective).", when: "mode: coarse_to_fine"),
        ValueDescriptor("coarse", type: "record", "coarse_to_fine: the first stage.",
                        access: "`coarse.best_lr`; fields `best_lr`, `best_accuracy`, `median_accuracy`, `diverged`, `low`, `high` (of the rates drawn)", when: "mode: coarse_to_fine"),
        ValueDescriptor("fine", type: "record", "coarse_to_fine: the zoomed stage; fields as `coarse`, and `range_low`, `range_high`.", access: "`fine.median_accuracy`", when: "mode: coarse_to_fine"),
        ValueDescriptor("best", type: "record", "coarse_to_fine: the best trial of both stages.",
                        access: "`best.learning_rate`, `best.validation_accuracy`, `best.test_accuracy`", when: "mode: coarse_to_fine"),
    ]

    public static let budget = "sampling: draws ≤ 1e6; grid_vs_random: repeats × trials × 2 ≤ \(ResultValue.format(evaluationBudget)); coarse_to_fine: 2 × trials × epochs × (training examples × work per example + steps × 20,000) ≤ \(ResultValue.format(trainingBudget)), all seeds together, where "
        + ModelDescription.workPerExampleNote

    public static let table: TableDefaults? = TableDefaults(rows: "trials", rowWord: "trial (coarse_to_fine)")

    public static let example: KindExample? = KindExample(
        expectation: "log.min_decade_fraction > 0.15",
        inline: "uniform.top_decade:%",
        sentence: "Drawn uniformly, the share of learning rates above 0.1 is")
}
