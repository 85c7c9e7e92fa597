extension SignalKind {
    public static let values: [ValueDescriptor] = [
        ValueDescriptor("layers", type: "list of integers", "The layer numbers 1 … depth (the x axis of the charts).", access: "`layers[-1]` is the depth"),
        ValueDescriptor("names", type: "list of strings", "The key of each network compared.", access: "`names[0]`"),
        ValueDescriptor("input_norm", type: "number", "Mean over the rows of the L2 norm of an input row."),
        ValueDescriptor("rows", type: "integer", "Examples pushed through the networks."),
        ValueDescriptor("net", type: "list of records", "One record per network compared.",
                        access: """
                        by key: `net.he_normal.last_std`; or `net[0].gradient[-1]`; fields `key`, `label`, `norm`, `std`, \
                        `gradient`, `weight_gradient` (lists with one number per layer), `first_norm`, `last_norm`, `last_std`, \
                        `first_gradient`, `last_gradient`, `gradient_ratio`, `affine_gap`, `dead_fraction` (ReLU-like \
                        activations), and with `epochs` > 0 `accuracy`, `loss`, `diverged`
                        """),
    ]

    public static let budget = "networks × rows × weights × (3 + 3 × epochs) ≤ \(ResultValue.format(workBudget)) (about 25 s of one core), all seeds together; at most \(maximumVariants) networks"

    public static let table: TableDefaults? = TableDefaults(rows: "net", rowWord: "network")

    public static let example: KindExample? = KindExample(
        expectation: "len(net) == 2",
        inline: "net[0].last_std:.3g",
        sentence: "The last layer's activations of the first network have a standard deviation of")
}
