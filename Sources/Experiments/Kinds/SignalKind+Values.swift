import NeuralEngine

extension SignalKind {
    /// The values of a run, in the order of its record (``SignalReport`` builds it).
    static let declared = ValueDeclarations<SignalReport>([
        .init("layers", "The layer numbers 1 … depth (the x axis of the charts).", access: "`layers[-1]` is the depth") {
            Array(1...$0.spec.depth)
        },
        .init("names", "The key of each network compared.", access: "`names[0]`") { $0.result.networks.map(\.variant.key) },
        .init("input_norm", "Mean over the rows of the L2 norm of an input row.") { $0.result.inputNorm },
        .init("rows", "Examples pushed through the networks.") { $0.result.rows },
        .init("net", "One record per network compared.", access: """
            by key: `net.he_normal.last_std` (a network's key names the settings that vary in the block: `net.sigmoid`, \
            `net.lr_0_5`; `net.network` when the block builds one); or `net[0].gradient[-1]`; fields `key`, `label`, `norm`, `std`, \
            `gradient`, `weight_gradient` (lists with one number per layer), `first_norm`, `last_norm`, `last_std`, \
            `first_gradient`, `last_gradient`, `gradient_ratio`, `affine_gap`, `dead_fraction` (ReLU-like \
            activations), and with `epochs` > 0 `accuracy`, `loss`, `diverged`, `diverged_step` (when it diverged). \
            `norm[l]` is the mean over the rows of ‖h_l‖ (the output of dense layer l's block), `std[l]` the spread of all \
            its entries, `gradient[l]` the mean over the rows of ‖∂L/∂h_l‖ for the row's own loss, `weight_gradient[l]` \
            ‖∂L/∂W_l‖ for the mean loss; `gradient_ratio` is `weight_gradient[0] / weight_gradient[-1]`, `affine_gap` the \
            relative distance between the network's output and x·W₁⋯W_L + b
            """) { $0.result.networks.map($0.record) },
    ])

    public static let values = declared.descriptors

    public static let budget = "rows × 3 × work per example × (1 + epochs), summed over the networks, ≤ "
        + "\(ResultValue.format(workBudget)) (about 45 s of one core), all seeds together; \(tensorsPerWidth) × rows × "
        + "Σ widths × 8 bytes ≤ \(ResultValue.format(memoryBudget)) bytes held at once, where Σ widths adds up the "
        + "input's width and every layer's output width; at most \(maximumVariants) networks; where "
        + ModelDescription.workPerExampleNote

    public static let table: TableDefaults? = TableDefaults(rows: "net", rowWord: "network")

    public static let example: KindExample? = KindExample(
        expectation: "len(net) == 2",
        inline: "net[0].last_std:.3g",
        sentence: "The last layer's activations of the first network have a standard deviation of")
}
