/// One measure of the work a run of a block asks for, against its kind's limit.
///
/// A kind says what one run costs (``ExperimentKind/work(_:)``); the runner
/// multiplies by every run of the block (its seeds, and any other repetition
/// the planner adds) and refuses the block before anything runs when the
/// total is over the budget. So a budget covers a block, not a seed, and the
/// refusal is worded in one place.
public struct WorkEstimate: Sendable, Hashable {
    /// What grows: "training would take", "the naive matrix product would do".
    public var what: String
    /// The amount for one run, in ``unit``.
    public var amount: Double
    /// "units of work", "multiply-adds", "examples".
    public var unit: String
    /// How ``amount`` is computed, in the words of the keys: "epochs × train_size × networks".
    public var formula: String
    /// What a word of ``formula`` means, said after the runs it is
    /// multiplied by: "work per example = …".
    public var definition: String?
    /// The largest total a block may ask for.
    public var budget: Double
    /// Keys the refusal points at: the first the block writes, else the last.
    public var keys: [String]
    /// What to lower, for the note under the refusal.
    public var hint: String
    /// A size held at once during a run (memory), which runs do not add up
    /// to: it is checked for one run. Work (time) is summed over the runs.
    public var heldPerRun: Bool

    public init(_ what: String, amount: Double, unit: String = "units of work", formula: String,
                definition: String? = nil, budget: Double, keys: [String], hint: String, heldPerRun: Bool = false) {
        self.heldPerRun = heldPerRun
        self.what = what
        self.amount = amount
        self.unit = unit
        self.formula = formula
        self.definition = definition
        self.budget = budget
        self.keys = keys
        self.hint = hint
    }

    /// The refusal for `runs` runs, or `nil` when the block fits.
    func refusal(runs: DecodeContext) -> (message: String, hint: String)? {
        let total = heldPerRun ? amount : amount * Double(runs.runs)
        guard !(total <= budget) else { return nil }
        let factor = heldPerRun ? "" : runs.runsFactor
        let defined = definition.map { "; where \($0)" } ?? ""
        return ("\(what) \(ResultValue.format(total, significant: 3)) \(unit) (\(formula)\(factor)\(defined)), "
                + "more than the budget of \(ResultValue.format(budget))", hint + (heldPerRun ? "" : runs.runsHint))
    }
}

extension SpecReader {
    /// Reports the first estimate over its budget for all of `context`'s runs.
    func check(_ estimates: [WorkEstimate], context: DecodeContext) {
        for estimate in estimates {
            guard let (message, hint) = estimate.refusal(runs: context) else { continue }
            let key = estimate.keys.first(where: has) ?? estimate.keys.last ?? ""
            fail(key, message, notes: [hint], kind: .overBudget)
            return
        }
    }
}
