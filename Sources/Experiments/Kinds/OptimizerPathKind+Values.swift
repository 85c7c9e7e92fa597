extension OptimizerPathKind {
    /// The values of a run, in the order of its record (``run(_:context:)``
    /// gives the spec and each path's record, ``walk(_:_:seed:)``).
    static let declared = ValueDeclarations<(spec: Spec, paths: [Record])>([
        .init("steps", "Optimizer steps of each path (the block's `steps`).") { $0.spec.steps },
        .init("step", "The step numbers 0 … steps, 0 the start (the charts' x axis).", access: "`step[-1]`") {
            Array(0...$0.spec.steps)
        },
        .init("condition_number", "λmax/λmin of the Hessian at the minimum: κ (valley), about 2,508 (Rosenbrock).") {
            $0.spec.curvatureRatio
        },
        .init("minimum", "[w1, w2] of the minimum, where the loss is 0.", access: "`minimum[1]`") { $0.spec.minimum },
        .init("paths", "One record per optimizer, in the order listed.", access: """
            by name: `paths.gd.final_loss`; or `paths[0].w2[-1]`; fields `name`, `label`, `w1`, `w2`, `loss` (one number \
            per step, the start first, up to the last step before a divergence), `final_loss` (the loss after the \
            last step; NaN when the path diverged, so no comparison with it holds), `diverged`, `diverged_step` \
            (0 if not), and with `target_loss` `reached_target` and `steps_to_target` (the first step at or below \
            it, 0 the start; NaN when not reached)
            """) { $0.paths },
    ])

    public static let values = declared.descriptors
}
