import LessonSupport
import Foundation

extension ExperimentOutcome {
    /// One outcome standing for the runs of a block with `seeds:` (one outcome
    /// per seed, in seed order): values are the runs' means (see
    /// ``SeedStatistic/meanRecord(_:)``); tables show mean ± sd where cells
    /// carry a number; charts draw the mean with the runs' range as whiskers or
    /// a band; metrics show mean ± sd. What differs between runs and is not a
    /// number is shown for the first seed, and the page says so.
    /// What the closing note of a seeded block says when a table has cells
    /// marked " *"; a table that replaces the kind's may leave none to explain.
    public static let differingCellsSentence = " Cells marked * differ between seeds and hold no number to average: the first seed's is shown."

    public init(summarizing outcomes: [ExperimentOutcome], seeds: [UInt64]) {
        var summary = SeedSummary(seeds: seeds)
        self.init(values: SeedStatistic.meanRecord(outcomes.map(\.values)),
                  presentation: summary.presentation(outcomes.map(\.presentation)))
    }
}

/// Combines the presentation items of several runs.
struct SeedSummary {
    var seeds: [UInt64]
    /// What the closing note must explain.
    private var hasTable = false, hasChart = false, hasDifferingCells = false, hasMetrics = false

    init(seeds: [UInt64]) {
        self.seeds = seeds
    }

    var runsPhrase: String { "\(seeds.count.grouped) seed\(seeds.count == 1 ? "" : "s")" }

    mutating func presentation(_ runs: [[PresentationItem]]) -> [PresentationItem] {
        guard let first = runs.first else { return [] }
        guard runs.allSatisfy({ $0.count == first.count }) else {
            return first + [.note("The runs over \(runsPhrase) produced different output; the first seed's is shown.")]
        }
        var out: [PresentationItem] = []
        for index in first.indices {
            out += combine(runs.map { $0[index] })
        }
        var parts: [String] = []
        if hasTable || hasMetrics { parts.append("numbers are the mean ± standard deviation") }
        if hasChart { parts.append("charts show the mean, and their whiskers or band span the lowest to the highest run") }
        if !parts.isEmpty {
            // Which seeds is for whoever re-runs the block (the page shows
            // them with its YAML); the reader needs how many.
            var note = "Over \(runsPhrase): " + parts.joined(separator: "; ") + "."
            if hasDifferingCells { note += ExperimentOutcome.differingCellsSentence }
            out.append(.note(note))
        }
        return out
    }

    private mutating func combine(_ items: [PresentationItem]) -> [PresentationItem] {
        switch items[0] {
        case .table:
            let tables = items.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
            return combine(tables)
        case .chart:
            let charts = items.compactMap { if case .chart(let c) = $0 { return c } else { return nil } }
            return combine(charts)
        case .metrics:
            let metrics = items.compactMap { if case .metrics(let m) = $0 { return m } else { return nil } }
            return [.metrics(combine(metrics))]
        case .note:
            // Explanations whose numbers differ by seed: one is enough to read.
            let texts = items.compactMap { if case .note(let t) = $0 { return t } else { return nil } }
            if texts.allSatisfy({ $0 == texts[0] }) { return [.note(texts[0])] }
            if let mean = NumberTemplate.mean(texts) { return [.note(mean + " (Mean over \(runsPhrase).)")] }
            return [.note(texts[0] + " (The first seed's; the numbers differ for the other seeds.)")]
        case .warning:
            let texts = items.compactMap { if case .warning(let t) = $0 { return t } else { return nil } }
            return combineTexts(texts).map { .warning($0) }
        }
    }

    /// A sentence every run wrote once; differing ones with the seeds that wrote them.
    private func combineTexts(_ texts: [String]) -> [String] {
        guard texts.count == seeds.count else { return [texts[0]] }
        if texts.allSatisfy({ $0 == texts[0] }) { return [texts[0]] }
        var distinct: [(text: String, seeds: [UInt64])] = []
        for (text, seed) in zip(texts, seeds) {
            if let i = distinct.firstIndex(where: { $0.text == text }) { distinct[i].seeds.append(seed) } else { distinct.append((text, [seed])) }
        }
        return distinct.prefix(8).map { "\(Self.seedList($0.seeds)): \($0.text)" }
    }

    static func seedList(_ seeds: [UInt64]) -> String {
        (seeds.count == 1 ? "seed " : "seeds ") + seeds.map(String.init).joined(separator: ", ")
    }

    // MARK: Tables

    private mutating func combine(_ tables: [ResultTable]) -> [PresentationItem] {
        let first = tables[0]
        let sameShape = tables.count == seeds.count && tables.allSatisfy {
            $0.columns == first.columns && $0.rows.count == first.rows.count
                && zip($0.rows, first.rows).allSatisfy { $0.count == $1.count }
        }
        guard sameShape else {
            return [.table(first), .note("The table differs in shape between the \(runsPhrase); the first seed's is shown.")]
        }
        var table = first
        if tables.contains(where: { $0.caption != first.caption }) {
            table.caption += " (The first seed's; the numbers differ for the other seeds.)"
        }
        var differing = 0
        for r in first.rows.indices {
            for c in first.rows[r].indices {
                let cells = tables.map { $0.rows[r][c] }
                var cell = combine(cells)
                if cell == nil {
                    differing += 1
                    cell = cells[0]
                    cell!.text += " *"
                }
                table.rows[r][c] = cell!
            }
        }
        for c in first.columns.indices { markBest(column: c, in: &table, runs: tables) }
        hasTable = true
        hasDifferingCells = hasDifferingCells || differing > 0
        return [.table(table)]
    }

    /// A "better" mark (a `good` cell that is a column's highest or lowest
    /// number) goes to the row with the best mean, not to the first seed's
    /// best: over seeds a kind's per-run marks say which direction is better,
    /// the means say which row is.
    private func markBest(column c: Int, in table: inout ResultTable, runs: [ResultTable]) {
        var higherIsBetter: Bool?
        for run in runs {
            let marked = run.rows.indices.filter { run.rows[$0][c].tone == .good }
            let values = run.rows.compactMap { $0[c].value }
            guard marked.count == 1, let value = run.rows[marked[0]][c].value, values.count > 1,
                  let low = values.min(), let high = values.max(), low < high else { continue }
            if value == high { higherIsBetter = true } else if value == low { higherIsBetter = false }
            break
        }
        guard let higherIsBetter else { return }
        let means = table.rows.indices.compactMap { r in table.rows[r][c].value.map { (r, $0) } }.filter { !$0.1.isNaN }
        guard let best = (higherIsBetter ? means.max(by: { $0.1 < $1.1 }) : means.min(by: { $0.1 < $1.1 })) else { return }
        for r in table.rows.indices where table.rows[r][c].tone == .good { table.rows[r][c].tone = .plain }
        table.rows[best.0][c].tone = .good
    }

    /// The cell standing for `cells` (one per run), or `nil` when they
    /// differ and are not all numbers.
    private func combine(_ cells: [ResultTable.Cell]) -> ResultTable.Cell? {
        var cell = cells[0]
        if !cells.allSatisfy({ $0.tone == cell.tone }) { cell.tone = cells[0].tone }
        let values = cells.compactMap(\.value)
        if values.count == cells.count, cells.allSatisfy({ $0.style == cell.style && $0.unit == cell.unit }) {
            let mean = SeedStatistic.mean(values), sd = SeedStatistic.standardDeviation(values)
            cell.value = mean
            cell.spread = sd
            if !cells.allSatisfy({ $0.text == cells[0].text }) {
                cell.text = SpreadFormat.meanSD(mean, sd, style: cell.style, unit: cell.unit)
            }
            return cell
        }
        return cells.allSatisfy({ $0.text == cells[0].text }) ? cell : nil
    }

    // MARK: Metrics

    private mutating func combine(_ runs: [[Metric]]) -> [Metric] {
        let first = runs[0]
        guard runs.count == seeds.count, runs.allSatisfy({ $0.map(\.label) == first.map(\.label) }) else { return first }
        hasMetrics = true
        return first.indices.map { i in
            let metrics = runs.map { $0[i] }
            var metric = metrics[0]
            let numbers = metrics.compactMap(\.number)
            if numbers.count == metrics.count, metrics.allSatisfy({ $0.style == metric.style && $0.unit == metric.unit }) {
                let mean = SeedStatistic.mean(numbers), sd = SeedStatistic.standardDeviation(numbers)
                metric.number = mean
                metric.spread = sd
                if !metrics.allSatisfy({ $0.value == metric.value }) {
                    metric.value = SpreadFormat.meanSD(mean, sd, style: metric.style, unit: metric.unit)
                }
            } else if !metrics.allSatisfy({ $0.value == metric.value }) {
                if let mean = NumberTemplate.mean(metrics.map(\.value)) {
                    // "2.6 % vs 3.6 %": each number the mean, as the table's are.
                    metric.value = mean
                } else {
                    // A choice ("256 hidden units", "high variance"): the one
                    // most seeds made, and how many made it. Its detail stays
                    // only when those seeds agree on it too; their numbers are
                    // the table's to give, over every seed.
                    var agreeing: [String: [Int]] = [:]
                    for (i, m) in metrics.enumerated() { agreeing[m.value, default: []].append(i) }
                    let most = agreeing.values.max { $0.count < $1.count || ($0.count == $1.count && $0[0] > $1[0]) }!
                    metric = metrics[most[0]]
                    let details = Set(most.map { metrics[$0].detail })
                    metric.detail = ((details.count == 1 ? [metric.detail] : []) + ["in \(most.count) of \(seeds.count) seeds"])
                        .filter { !$0.isEmpty }.joined(separator: " · ")
                    return metric
                }
            }
            if !metrics.allSatisfy({ $0.detail == metric.detail }) {
                metric.detail = NumberTemplate.mean(metrics.map(\.detail)) ?? (metric.detail + " (first seed)")
            }
            return metric
        }
    }

    // MARK: Charts

    private mutating func combine(_ charts: [Chart]) -> [PresentationItem] {
        let first = charts[0]
        let sameShape = charts.count == seeds.count && charts.allSatisfy { chart in
            chart.style == first.style && chart.categories == first.categories && chart.series.count == first.series.count
                && zip(chart.series, first.series).allSatisfy { $0.name == $1.name && $0.y.count == $1.y.count && $0.x == $1.x }
        }
        guard sameShape else {
            return [.chart(first), .note("The chart differs between the \(runsPhrase) (e.g. a run stopped early); the first seed's is shown.")]
        }
        var chart = first
        var thinned: [Chart.ThinnedMean] = []
        for s in first.series.indices {
            let series = charts.map { $0.series[s] }
            let count = first.series[s].y.count
            var mean: [Double] = [], low: [Double] = [], high: [Double] = []
            var thin: Chart.ThinnedMean?
            for i in 0..<count {
                // A run that stopped early (diverged, early stopping) has no
                // point here: the mean is over the runs still going, so the
                // line goes on instead of breaking where the first run stopped.
                let ys = series.map { $0.y[i] }.filter { !$0.isNaN }
                mean.append(SeedStatistic.mean(ys))
                low.append(series.map { $0.yLow?[safe: i] ?? $0.y[i] }.filter { !$0.isNaN }.min() ?? .nan)
                high.append(series.map { $0.yHigh?[safe: i] ?? $0.y[i] }.filter { !$0.isNaN }.max() ?? .nan)
                if !ys.isEmpty, ys.count < series.count {
                    if thin == nil { thin = Chart.ThinnedMean(series: s, from: i, fewestRuns: ys.count) }
                    thin!.fewestRuns = min(thin!.fewestRuns, ys.count)
                }
            }
            if let thin { thinned.append(thin) }
            chart.series[s].y = mean
            chart.series[s].yLow = low
            chart.series[s].yHigh = high
        }
        let sameReferences = charts.allSatisfy { $0.referenceLines.map(\.label) == first.referenceLines.map(\.label) }
        if sameReferences {
            for r in first.referenceLines.indices {
                chart.referenceLines[r].y = SeedStatistic.mean(charts.map { $0.referenceLines[r].y })
            }
        }
        chart.seedRuns = seeds.count
        let ownSpread = first.series.contains { $0.yLow != nil || $0.yHigh != nil }
        // The text reads the means and ranges drawn. The kind's own sentence
        // stays only when every run wrote the same one (it names no run's
        // numbers); otherwise it quoted the first seed's.
        let description = chart.seedDescription(runsPhrase: runsPhrase, ownSpread: ownSpread,
                                                referencesOfFirstSeed: sameReferences ? nil : seeds[0], thinned: thinned)
        let sameWords = charts.allSatisfy { $0.summary == first.summary } && sameReferences
        chart.summary = sameWords && !first.summary.isEmpty ? first.summary + " " + description : description
        hasChart = true
        return [.chart(chart)]
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}

/// "93.2 ± 0.4 %": a mean and a standard deviation written with the same
/// decimals, two significant digits of the deviation.
public enum SpreadFormat {
    public static func meanSD(_ mean: Double, _ sd: Double, style: NumberStyle, unit: String = "") -> String {
        let scale = style == .percent ? 100.0 : 1.0
        let m = mean * scale, s = sd * scale
        let suffix = style == .percent ? " %" : unit.isEmpty ? "" : (unit == "×" ? unit : " " + unit)
        guard m.isFinite, s.isFinite else { return ResultValue.format(m) + " ± " + ResultValue.format(s) + suffix }
        let magnitude = max(abs(m), s)
        if magnitude != 0, magnitude < 1e-3 || magnitude >= 1e6 {
            return ResultValue.format(m) + " ± " + ResultValue.format(s, significant: 2) + suffix
        }
        let decimals: Int
        if s > 0 {
            decimals = min(6, max(0, 1 - Int(floor(log10(s)))))
        } else {
            decimals = style == .integer ? 0 : min(6, max(0, 3 - Int(floor(log10(max(abs(m), 1e-12))))))
        }
        func text(_ x: Double) -> String { NumberFormat.decimal(x, decimals: decimals) }
        return text(m) + " ± " + text(s) + suffix
    }
}
