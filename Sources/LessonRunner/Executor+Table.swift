import Experiments
import LessonResults

extension Executor {
    /// Puts the author's `table:` in place of the kind's first table, built
    /// from the block's values: each run's for a block with `seeds:`, then
    /// combined (mean ± sd, the mark on the best mean); and likewise at every
    /// explored position. Built after the run, from cached values as well,
    /// so a table changes no cache key.
    func applyTable(_ block: inout ExecutedBlock) {
        guard let request = block.planned.table, let outcome = block.outcome else { return }
        let defaults = block.planned.tableDefaults
        switch Self.tabled(outcome, runs: block.runs, request: request, defaults: defaults) {
        case .success(let tabled): block.outcome = tabled
        case .failure(let problems):
            block.diagnostics += problems.diagnostics
            return
        }
        var reported = Set(block.diagnostics)
        for p in block.positions.indices {
            switch Self.tabled(block.positions[p].outcome, runs: block.positions[p].runs, request: request, defaults: defaults) {
            case .success(let tabled): block.positions[p].outcome = tabled
            case .failure(let problems):
                for diagnostic in problems.diagnostics {
                    var named = diagnostic
                    if let explore = block.planned.explore { named.message = "at the explored position \(explore.label(p)): " + diagnostic.message }
                    if reported.insert(named).inserted { block.diagnostics.append(named) }
                }
            }
        }
    }

    /// `outcome` with the author's table in place of its first table.
    static func tabled(_ outcome: ExperimentOutcome, runs: [SeedRun], request: TableRequest,
                       defaults: TableDefaults?) -> Result<ExperimentOutcome, TableProblems> {
        var outcome = outcome
        let records = runs.isEmpty ? [outcome.values] : runs.map(\.values)
        var table: ResultTable
        switch request.table(from: records, defaults: defaults) {
        case .success(let built): table = built
        case .failure(let problems): return .failure(problems)
        }
        let index = outcome.presentation.firstIndex { if case .table = $0 { true } else { false } }
        if request.caption == nil, let index, case .table(let own) = outcome.presentation[index] {
            table.caption = own.caption
        }
        if let index {
            outcome.presentation[index] = .table(table)
        } else {
            outcome.presentation.insert(.table(table), at: 0)
        }
        if !runs.isEmpty { dropStalePartialCellsNote(&outcome) }
        return .success(outcome)
    }

    /// The seeds' note explains cells that stand for only some seeds; once
    /// the kind's table is replaced there may be none left to explain.
    static func dropStalePartialCellsNote(_ outcome: inout ExperimentOutcome) {
        let marked = outcome.presentation.contains { item in
            guard case .table(let table) = item else { return false }
            return table.rows.contains { $0.contains { $0.seedsShown != nil } }
        }
        guard !marked else { return }
        for i in outcome.presentation.indices {
            guard case .note(var text) = outcome.presentation[i] else { continue }
            for sentence in [ExperimentOutcome.partialNumbersSentence, ExperimentOutcome.partialTextsSentence] {
                text = text.replacingOccurrences(of: sentence, with: "")
            }
            outcome.presentation[i] = .note(text)
        }
    }
}
