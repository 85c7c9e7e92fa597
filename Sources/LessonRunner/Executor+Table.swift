import Experiments

extension Executor {
    /// Puts the author's `table:` in place of the kind's first table, built
    /// from the block's values: each run's for a block with `seeds:`, then
    /// combined (mean ± sd, the mark on the best mean). Built after the run,
    /// from cached values as well, so a table changes no cache key.
    func applyTable(_ block: inout ExecutedBlock) {
        guard let request = block.planned.table, var outcome = block.outcome else { return }
        let records = block.runs.isEmpty ? [outcome.values] : block.runs.map(\.values)
        var tables: [ResultTable] = []
        for values in records {
            switch request.table(from: values, defaults: block.planned.tableDefaults) {
            case .success(let table): tables.append(table)
            case .failure(let problems):
                block.diagnostics += problems.diagnostics
                return
            }
        }
        guard var table = block.runs.isEmpty ? tables.first : ResultTable(summarizing: tables, seeds: block.runs.map(\.seed)) else {
            block.diagnostics.append(Diagnostic(.table, "table: the seeds' runs have different rows, so they cannot be shown as one table",
                                                at: request.location, notes: [.init("choose the rows with 'rows:'")]))
            return
        }
        if tables.count > 1 { Self.countTruths(in: &table, runs: tables) }
        let index = outcome.presentation.firstIndex { if case .table = $0 { true } else { false } }
        if request.caption == nil, let index, case .table(let own) = outcome.presentation[index] {
            table.caption = own.caption
        }
        if let index {
            outcome.presentation[index] = .table(table)
        } else {
            outcome.presentation.insert(.table(table), at: 0)
        }
        block.outcome = outcome
    }

    /// A true/false cell the seeds disagree on says how many were true
    /// ("true in 3 of 8") rather than showing the first seed's.
    static func countTruths(in table: inout ResultTable, runs: [ResultTable]) {
        for r in table.rows.indices {
            for c in table.rows[r].indices {
                let texts = runs.map { $0.rows[r][c].text }
                guard texts.allSatisfy({ $0 == "true" || $0 == "false" }), Set(texts).count > 1 else { continue }
                table.rows[r][c].text = "true in \(texts.filter { $0 == "true" }.count) of \(texts.count)"
            }
        }
    }
}
