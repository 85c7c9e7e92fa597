import LessonSupport

/// Builds a block's tables, charts, key figures and notes from its runs'
/// values (``RunValues``): what a kind's ``ExperimentKind/present(_:_:)`` uses.
///
/// Every piece is built once, from the values: a single run's as it is; over
/// seeds from their mean and spread — a number cell shows mean ± sd (unless
/// every run writes the same text), a line its mean with the lowest and
/// highest run as a band. A cell that only some runs have a number for
/// shows the mean of those runs. A cell whose runs wrote different texts
/// shows the most common text. Both end in "(k of n)", and the closing
/// note (``finish(_:)``) explains it.
/// A kind never averages, and nothing rendered is merged afterwards.
public struct Presenter {
    public let runs: RunValues
    private var hasTable = false, hasChart = false, hasMetrics = false, partialNumbers = false, partialTexts = false
    /// Series whose mean is over fewer runs from some point on, by name, until their chart takes them.
    private var thinned: [String: (from: Int, fewestRuns: Int)] = [:]
    private var spread: Set<String> = []

    public init(_ runs: RunValues) {
        self.runs = runs
    }

    public var isSeeded: Bool { runs.isSeeded }
    /// The value in every run: `presenter["net"][0]["loss"]`.
    public subscript(_ name: String) -> Runs { runs[name] }
    /// The first run's values (names, settings: what every run shares).
    public var first: Record { runs.first }

    // MARK: Table cells

    /// A number's cell: `format` writes one run's number; a run without
    /// one (the value absent, or NaN: not measured) has the ``ResultTable/Cell/missing``
    /// cell. Over seeds: mean ± sd, the text every run wrote the same, or
    /// the mean of the runs that have a number, ending in "(k of n)".
    public mutating func cell(_ v: Runs, style: NumberStyle = .plain, unit: String = "", tone: ResultTable.Cell.Tone = .plain,
                              format: (Double) -> String) -> ResultTable.Cell {
        let cells = v.values.map { value -> ResultTable.Cell in
            guard let x = value?.doubleValue, !x.isNaN else { return .missing(tone: tone) }
            return ResultTable.Cell(format(x), value: x.isFinite ? x : nil, style: style, unit: unit, tone: tone)
        }
        return combine(cells)
    }

    /// A cell of text (a string value as it is; another value via `format`);
    /// a run without the value, or whose number is NaN, has the
    /// ``ResultTable/Cell/missing`` cell. Over seeds: the text every run
    /// shares, or the most common one ending in "(k of n)".
    public mutating func textCell(_ v: Runs, tone: ResultTable.Cell.Tone = .plain,
                                  format: (ResultValue) -> String = Presenter.plainText) -> ResultTable.Cell {
        combine(v.values.map { value in
            guard let value, value.doubleValue?.isNaN != true else { return .missing(tone: tone) }
            return ResultTable.Cell(format(value), tone: tone)
        })
    }

    /// A cell whose text each run's values write (`build(record)`); for cells
    /// made of several values. Numbers the same way as ``cell(_:style:unit:tone:format:)``
    /// when `number` reads one.
    public mutating func cell(tone: ResultTable.Cell.Tone = .plain, _ build: (Record) -> ResultTable.Cell) -> ResultTable.Cell {
        combine(runs.records.map { var c = build($0); c.tone = tone; return c })
    }

    /// The cell standing for one value's cell in each run (built from
    /// that run's value): mean ± sd of their numbers, the text they share,
    /// or what some of them wrote, ending in "(k of n)".
    public mutating func cell(eachRun cells: [ResultTable.Cell]) -> ResultTable.Cell {
        combine(cells)
    }

    /// A value as it writes itself (a string as it is); ``ReportFormat/missing``'s
    /// mark when there is none.
    public static func plainText(_ value: ResultValue?) -> String {
        guard let value else { return ReportFormat.missing }
        if case .string(let s) = value { return s }
        return value.formatted
    }

    private mutating func combine(_ cells: [ResultTable.Cell]) -> ResultTable.Cell {
        guard var cell = cells.first else { return .missing }
        guard cells.count > 1 else { return cell }
        let values = cells.compactMap(\.value)
        if values.count == cells.count {
            let mean = SeedStatistic.mean(values), sd = SeedStatistic.standardDeviation(values)
            cell.value = mean
            cell.spread = sd
            if !cells.allSatisfy({ $0.text == cells[0].text }) {
                cell.text = SpreadFormat.meanSD(mean, sd, style: cell.style, unit: cell.unit)
            }
            return cell
        }
        if cells.allSatisfy({ $0.text == cells[0].text }) { return cell }
        // Some seeds measured a number and others did not (they diverged):
        // the mean of those that did. Else the text most seeds wrote (the
        // earliest on ties). Either way, for how many seeds it stands; no
        // number, so nothing formats it again without that count or marks it best.
        let shown: [ResultTable.Cell]
        if let measured = cells.first(where: { $0.value != nil }) {
            shown = cells.filter { $0.value != nil }
            cell = measured
            partialNumbers = true
            if !shown.allSatisfy({ $0.text == measured.text }) {
                let mean = SeedStatistic.mean(values), sd = SeedStatistic.standardDeviation(values)
                cell.text = SpreadFormat.meanSD(mean, sd, style: cell.style, unit: cell.unit)
            }
        } else {
            let counts = Dictionary(cells.map { ($0.text, 1) }, uniquingKeysWith: +), most = counts.values.max() ?? 0
            shown = cells.filter { $0.text == cells.first { counts[$0.text] == most }?.text }
            cell = shown[0]
            partialTexts = true
        }
        cell.text += " (\(shown.count) of \(cells.count))"
        // "– (5 of 8)" says what most seeds had: a text, not an empty cell.
        cell.isMissing = false
        cell.value = nil
        cell.spread = nil
        cell.seedsShown = shown.count
        return cell
    }

    /// The table, as it goes on the page.
    public mutating func table(_ table: ResultTable) -> PresentationItem {
        if isSeeded { hasTable = true }
        return .table(table)
    }

    // MARK: Key figures

    /// A key figure showing a number ("–" where there is none, as in a
    /// table); over seeds, mean ± sd (or the text every run wrote).
    public mutating func metric(_ label: String, _ v: Runs, style: NumberStyle = .plain, unit: String = "", detail: String = "",
                                format: (Double) -> String) -> Metric {
        let cell = cell(v, style: style, unit: unit, format: format)
        var metric = Metric(label: label, value: cell.text, detail: detail, number: cell.value, style: style, unit: unit)
        metric.spread = cell.spread
        if isSeeded { hasMetrics = true }
        return metric
    }

    /// A key figure that names a choice each run makes ("256 hidden units",
    /// "high variance"): over seeds the one most runs made, and in how many.
    /// When every run made it, a detail quoting its numbers ("MSE 0.103")
    /// is written from the runs' means, as the table's numbers are.
    public mutating func choice(_ label: String, _ build: (Record) -> (value: String, detail: String)) -> Metric {
        let made = runs.records.map(build)
        guard made.count > 1, !made.allSatisfy({ $0.value == made[0].value }) else {
            if isSeeded { hasMetrics = true }
            let detail = made.allSatisfy({ $0.detail == made[0].detail }) ? made[0].detail : build(runs.mean).detail
            return Metric(label: label, value: made[0].value, detail: detail)
        }
        var agreeing: [String: [Int]] = [:]
        for (i, m) in made.enumerated() { agreeing[m.value, default: []].append(i) }
        let most = agreeing.values.max { $0.count < $1.count || ($0.count == $1.count && $0[0] > $1[0]) }!
        let details = Set(most.map { made[$0].detail })
        let detail = ((details.count == 1 ? [made[most[0]].detail] : []) + ["in \(most.count) of \(made.count) seeds"])
            .filter { !$0.isEmpty }.joined(separator: " · ")
        return Metric(label: label, value: made[most[0]].value, detail: detail)
    }

    // MARK: Charts

    /// A line: `y` (a list value) against `x`. Over seeds, the mean at each
    /// point of the runs that have one, with the lowest and highest run (or
    /// of the runs' own `low` and `high`, when given) as the band.
    public mutating func series(_ name: String, x: [Double], y: Runs, low: Runs? = nil, high: Runs? = nil,
                                dashed: Bool = false) -> Chart.Series {
        let ys = y.numberLists, lows = low?.numberLists, highs = high?.numberLists
        if low != nil || high != nil { spread.insert(name) }
        guard ys.count > 1 else {
            return Chart.Series(name: name, x: x, y: ys.first ?? [], yLow: lows?.first, yHigh: highs?.first, dashed: dashed)
        }
        // A run that stopped early (diverged, early stopping) has no point
        // past its end: the mean there is over the runs still going.
        let mean = SeedStatistic.meanByIndex(ys)
        var lowest: [Double] = [], highest: [Double] = []
        for i in mean.indices {
            let here = ys.map { i < $0.count ? $0[i] : .nan }
            let present = here.filter { !$0.isNaN }
            let l = ys.indices.map { r in lows.flatMap { i < $0[r].count ? $0[r][i] : nil } ?? here[r] }.filter { !$0.isNaN }
            let h = ys.indices.map { r in highs.flatMap { i < $0[r].count ? $0[r][i] : nil } ?? here[r] }.filter { !$0.isNaN }
            lowest.append(l.min() ?? .nan)
            highest.append(h.max() ?? .nan)
            if !present.isEmpty, present.count < ys.count {
                let fewest = Swift.min(thinned[name]?.fewestRuns ?? present.count, present.count)
                thinned[name] = (thinned[name]?.from ?? i, fewest)
            }
        }
        return Chart.Series(name: name, x: Array(x.prefix(mean.count)), y: mean, yLow: lowest, yHigh: highest, dashed: dashed)
    }

    /// The chart, as it goes on the page: over seeds, it says how many runs
    /// it stands for, and its description reads the means and ranges drawn.
    public mutating func chart(_ chart: Chart) -> PresentationItem {
        guard isSeeded else { return .chart(chart) }
        var chart = chart
        let thin = chart.series.indices.compactMap { s in
            thinned[chart.series[s].name].map { Chart.ThinnedMean(series: s, from: $0.from, fewestRuns: $0.fewestRuns) }
        }
        let ownSpread = chart.series.contains { spread.contains($0.name) }
        for series in chart.series {
            thinned[series.name] = nil
            spread.remove(series.name)
        }
        chart.seedRuns = runs.count
        let description = chart.seedDescription(runsPhrase: runs.runsPhrase, ownSpread: ownSpread, thinned: thin)
        chart.summary = chart.summary.isEmpty ? description : chart.summary + " " + description
        hasChart = true
        return .chart(chart)
    }

    // MARK: Prose

    /// A sentence built from one run's values. Over seeds: the sentence
    /// every run writes, or the one the means write, saying so.
    public func note(_ build: (Record) -> String) -> PresentationItem {
        .note(text(build))
    }

    /// The text `build` writes from the values: over seeds, from their means
    /// when the runs would write different ones, saying so.
    public func text(_ build: (Record) -> String) -> String {
        let texts = runs.records.map(build)
        guard let first = texts.first else { return "" }
        if texts.allSatisfy({ $0 == first }) { return first }
        return build(runs.mean) + " (Mean over \(runs.runsPhrase).)"
    }

    /// Warnings each run raises (`build(record)`), once each; over seeds one
    /// that not every run raised names the seeds that did.
    public func warnings(_ build: (Record) -> [String]) -> [PresentationItem] {
        let raised = runs.records.map(build)
        guard raised.count > 1 else { return (raised.first ?? []).map { .warning($0) } }
        var distinct: [(text: String, runs: [Int])] = []
        for (r, texts) in raised.enumerated() {
            for text in texts {
                if let i = distinct.firstIndex(where: { $0.text == text }) { distinct[i].runs.append(r) } else { distinct.append((text, [r])) }
            }
        }
        return distinct.prefix(8).map { item in
            guard item.runs.count < raised.count, runs.seeds.count == raised.count else { return .warning(item.text) }
            let seeds = item.runs.map { String(runs.seeds[$0]) }
            return .warning((seeds.count == 1 ? "seed " : "seeds ") + seeds.joined(separator: ", ") + ": " + item.text)
        }
    }

    /// `items` with, over seeds, the closing note saying what the numbers
    /// and lines stand for.
    public func finish(_ items: [PresentationItem]) -> [PresentationItem] {
        guard isSeeded else { return items }
        var parts: [String] = []
        if hasTable || hasMetrics { parts.append("numbers are the mean ± standard deviation") }
        if hasChart { parts.append("charts show the mean, and their whiskers or band span the lowest to the highest run") }
        guard !parts.isEmpty else { return items }
        var note = "Over \(runs.runsPhrase): " + parts.joined(separator: "; ") + "."
        if partialNumbers { note += ExperimentOutcome.partialNumbersSentence }
        if partialTexts { note += ExperimentOutcome.partialTextsSentence }
        return items + [.note(note)]
    }
}

extension ExperimentOutcome {
    /// What the closing note of a seeded block says when a table has
    /// numbers, or texts, that stand for only some seeds; a table that
    /// replaces the kind's may leave none to explain.
    public static let partialNumbersSentence = " A number ending in (k of n) is the mean over the k of the n seeds that have one."
    public static let partialTextsSentence = " A text ending in (k of n) is the most common one, written by k of the n seeds."
}
