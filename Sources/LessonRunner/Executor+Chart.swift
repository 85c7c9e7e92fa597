import Experiments
import LessonResults

extension Executor {
    /// Draws the author's `chart:`s below the kind's own presentation, from
    /// the block's values (each seed's, at every explored position). Drawn
    /// after the run, from cached values as well, so a chart changes no cache key.
    func applyCharts(_ block: inout ExecutedBlock) {
        guard !block.planned.charts.isEmpty, block.outcome != nil else { return }
        var reported = Set(block.diagnostics)
        func draw(_ outcome: inout ExperimentOutcome, runs: [SeedRun], position: String?) {
            let records = runs.isEmpty ? [outcome.values] : runs.map(\.values)
            for request in block.planned.charts {
                switch request.chart(from: records, seeds: runs.map(\.seed)) {
                case .success(let item): outcome.presentation.append(item)
                case .failure(let problems):
                    for diagnostic in problems.diagnostics {
                        var named = diagnostic
                        if let position { named.message = "at the explored position \(position): " + diagnostic.message }
                        if reported.insert(named).inserted { block.diagnostics.append(named) }
                    }
                }
            }
        }
        draw(&block.outcome!, runs: block.runs, position: nil)
        for p in block.positions.indices {
            draw(&block.positions[p].outcome, runs: block.positions[p].runs, position: block.planned.explore?.label(p))
        }
    }
}
