extension OptimizerPathKind {
    public static let values: [ValueDescriptor] = [
        ValueDescriptor("steps", type: "integer", "Optimizer steps of each path (the block's `steps`)."),
        ValueDescriptor("step", type: "list of integers", "The step numbers 0 … steps, 0 the start (the charts' x axis).",
                        access: "`step[-1]`"),
        ValueDescriptor("condition_number", type: "number",
                        "λmax/λmin of the Hessian at the minimum: κ (valley), about 2,508 (Rosenbrock)."),
        ValueDescriptor("minimum", type: "list of numbers", "[w1, w2] of the minimum, where the loss is 0.", access: "`minimum[1]`"),
        ValueDescriptor("paths", type: "list of records", "One record per optimizer, in the order listed.",
                        access: """
                        by name: `paths.gd.final_loss`; or `paths[0].w2[-1]`; fields `name`, `label`, `w1`, `w2`, `loss` (one number \
                        per step, the start first, up to the last step before a divergence), `final_loss` (the loss after the \
                        last step; NaN when the path diverged, so no comparison with it holds), `diverged`, `diverged_step` \
                        (0 if not), and with `target_loss` `reached_target` and `steps_to_target` (the first step at or below \
                        it, 0 the start; NaN when not reached)
                        """),
    ]
}
