extension SoftmaxKind {
    private static let single = "for a single vector of logits"
    private static let batch = "for a batch (`logits` a list of rows)"

    public static let values: [ValueDescriptor] = [
        ValueDescriptor("loss", type: "number", "Cross-entropy −log ŷ of the true class (the mean over the rows of a batch)."),
        ValueDescriptor("probabilities", type: "list of numbers (a list of rows for a batch)", "Softmax ŷ of the logits over the temperature.",
                        access: "`probabilities[0]` is the first class; `probabilities[1][0]` row 1, class 0 of a batch"),
        ValueDescriptor("predicted", type: "integer (a list for a batch)", "Index of the largest probability."),
        ValueDescriptor("gradient", type: "list of numbers (a list of rows for a batch)", "Analytic gradient ŷ − y of the loss with respect to the logits.",
                        access: "`gradient[i]`"),
        ValueDescriptor("max_gradient_error", type: "number", "Largest difference between the analytic gradient and central finite differences."),
        ValueDescriptor("classes", type: "list of strings", "The class names.", access: "`classes[0]`"),
        ValueDescriptor("temperature", type: "number", "The temperature used."),
        ValueDescriptor("label", type: "integer", "Index of the true class.", when: single),
        ValueDescriptor("correct", type: "boolean", "Whether the predicted class is the true one.", when: single),
        ValueDescriptor("probability_of_label", type: "number", "ŷ of the true class.", when: single),
        ValueDescriptor("hardmax", type: "list of integers", "1 at the predicted class, 0 elsewhere.", access: "`hardmax[i]`", when: single),
        ValueDescriptor("target", type: "list of integers", "One-hot y of the true class.", access: "`target[i]`", when: single),
        ValueDescriptor("numeric_gradient", type: "list of numbers", "The gradient by central finite differences.", access: "`numeric_gradient[i]`", when: single),
        ValueDescriptor("log_sum_exp", type: "number", "log Σ exp(zᵢ/T), computed stably.", when: single),
        ValueDescriptor("sum_probabilities", type: "number", "Σ ŷ (1 up to rounding).", when: single),
        ValueDescriptor("entropy", type: "number", "Entropy −Σ ŷ log ŷ of the probabilities, in nats.", when: single),
        ValueDescriptor("accuracy", type: "number", "Fraction of rows whose predicted class is the label.", when: batch),
        ValueDescriptor("examples", type: "list of records", "Every row's single-example values.",
                        access: "`examples[0].loss`, `examples[1].probabilities[2]`", when: batch),
    ]

    public static let budget = "at most 1,000 classes and 1,000 rows (the ranges of `logits`)"

    public static let table: TableDefaults? = TableDefaults(rows: "examples", rowWord: "example of a batch")

    public static let example: KindExample? = KindExample(
        expectation: "approx(sum_probabilities, 1, 1e-12)",
        inline: "probabilities[0]:%",
        sentence: "The network gives the true class a probability of")
}
