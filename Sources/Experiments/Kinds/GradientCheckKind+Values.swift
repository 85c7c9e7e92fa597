extension GradientCheckKind {
    /// The values of a run, in the order of its record (``run(_:context:)``
    /// gives the spec and the record of each ε, ``checks(_:_:generator:)``).
    static let declared = ValueDeclarations<(spec: Spec, checks: [Record])>([
        .init("checks", "One record per ε, in the order of `epsilons`.", access: """
            `checks[4].relative_difference`; fields `epsilon`, `relative_difference` (over every checked \
            parameter) and `by_layer` (one per entry of the value `layers`)
            """) { $0.checks },
        .init("relative_difference", "The lowest relative difference ‖g − ĝ‖₂ / (‖g‖₂ + ‖ĝ‖₂) over the epsilons.") {
            best($0.checks)?.number("relative_difference") ?? .nan
        },
        .init("best_epsilon", "The ε of the lowest relative difference (the first, on a tie).") {
            best($0.checks)?.number("epsilon") ?? .nan
        },
        .init("layers", "Each layer that has parameters, first to last: \"dense 8 (layer 1)\".", access: "`layers[0]`") {
            $0.spec.layerNames
        },
        .init("parameters", "Parameters of the network.") { $0.spec.parameterCount },
        .init("parameters_checked", "Parameters whose central differences were taken.") { $0.spec.checkedCount },
    ])

    public static let values = declared.descriptors

    /// The check with the lowest relative difference, by the rule the table's
    /// mark follows (``TableBetter/leader(of:)``): the first on a tie, and
    /// never a check that is NaN.
    static func best(_ checks: [Record]) -> Record? {
        TableBetter.lower.leader(of: checks.map { $0.number("relative_difference") }).map { checks[$0] }
    }
}
