import Foundation

/// A `train` block as the page shows it, built from its runs' values: a
/// warning per diverged variant, the table of final figures, the learning
/// curves (``TrainPlot``), the final figures against a swept number, and
/// with `layers: true` a table of every layer.
extension TrainKind {
    typealias Cell = ResultTable.Cell
    typealias Column = Presenter.Column

    public static func present(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let warnings = p.warnings { run in
            spec.variants.indices.compactMap { i in
                guard case .string(let divergence)? = variant(run, i)["divergence"] else { return nil }
                let variant = spec.variants[i]
                return "Variant \(variant.label) \(divergence): its final losses and accuracies cannot be measured. "
                    + "A smaller learning rate (now \(ReportFormat.number(variant.settings.resolvedLearningRate))) would keep it finite."
            }
        }
        var items = warnings + [metricsTable(spec, &p)] + curveCharts(spec, &p)
        if let chart = sweepChart(spec, &p) { items.append(chart) }
        if spec.showLayers { items.append(layerTable(spec, &p)) }
        return items
    }

    /// Variant `i`'s record in one run's values (in the order of the spec's variants; empty when it has none).
    static func variant(_ run: Record, _ i: Int) -> Record {
        guard case .list(let items)? = run["variants"], items.indices.contains(i), case .record(let r) = items[i] else { return Record() }
        return r
    }

    /// A count of variant `i`'s record (0 when it has none).
    static func integer(_ run: Record, _ i: Int, _ field: String) -> Int {
        let x = variant(run, i).number(field)
        return x.isFinite ? Int(x) : 0
    }

    /// A count, its digits grouped ("1,200"); ``Cell/missing`` when there is none.
    private static func count(_ x: Double) -> Cell {
        x.isFinite ? Cell(Int(x).grouped, value: x, style: .integer) : .missing
    }

    /// A field of a row's record in the cell `make` writes (``Cell/number(_:)``, ``Cell/percent(_:)``, ``count(_:)``).
    private static func column(_ title: String, _ field: String, _ make: @escaping (Double) -> Cell) -> Column {
        .record(title) { make($0.number(field)) }
    }

    private static func metricsTable(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let isRegression = spec.data.source.isRegression
        let scores: [(title: String, field: String)] = isRegression
            ? [("training loss", "train_loss"), ("validation loss", "validation_loss"), ("test loss", "test_loss")]
            : [("training loss", "train_loss"), ("test loss", "test_loss"), ("training acc.", "train_accuracy"),
               ("validation acc.", "validation_accuracy"), ("test acc.", "test_accuracy")]
        // A variant that diverged has no final scores: "diverged" in the first column, "–" in the others.
        let scoreColumns = scores.enumerated().map { c, score in
            Column.unlessDiverged(score.title, score.field, style: score.field.hasSuffix("accuracy") ? .percent : .plain, first: c == 0)
        }
        var columns: [Column] = [.text("variant", "label")] + scoreColumns
        columns += [
            column("steps", "steps", count), column("steps / epoch", "steps_per_epoch", count),
            column("ms / epoch", "ms_per_epoch", Cell.number), column("‖W‖", "weight_norm", Cell.number),
            column("‖W − W₀‖ / ‖W₀‖", "relative_change", Cell.percent), column("dead ReLUs", "dead_fraction", Cell.percent),
        ]
        if spec.targetLoss != nil {
            columns.append(.record("steps to target") { r in
                r["reached_target"] == .bool(true) ? count(r.number("steps_to_target")) : Cell("not reached")
            })
        }
        let first = spec.variants.first?.settings ?? TrainSettings()
        let architecture = first.explicitLayers.map { ModelDescriptionText.stack($0) }
            ?? (first.hidden.isEmpty ? "no hidden layer" : "hidden layers " + first.hidden.map(String.init).joined(separator: "–"))
        let noise = spec.labelNoise > 0 ? " (\(ReportFormat.percent(spec.labelNoise)) of the training labels replaced at random)" : ""
        let caption = p.text { run in
            func examples(_ name: String) -> String { Int(run[name]?.doubleValue ?? 0).grouped }
            return "\(spec.data.label): \(examples("train_examples")) training, \(examples("validation_examples")) validation and "
                + "\(examples("test_examples")) test examples\(noise). "
                + "Unless a variant says otherwise: \(architecture), \(first.recipe.label.replacingOccurrences(of: "batches of \(Int.max)", with: "the whole training set")). "
                + "Every variant starts from the same data, batches and (for the same architecture) initial weights. "
                + "Losses and accuracies are measured after training in evaluation mode; ‖W‖ is the norm of all weight matrices together, "
                + "its change relative to the initial weights; dead ReLUs never fire on the training set; times are CPU time on one core (the wall time on an idle machine)."
        }
        // The best test figure is marked: over seeds, the row with the best mean.
        let rows = p["variants"]
        return p.table(caption: caption, rows: rows, columns: columns,
                       best: isRegression ? ("test loss", TableBetter.lower) : ("test acc.", TableBetter.higher))
    }

    /// With a numeric sweep of 3 values or more: the final figures against the swept value.
    private static func sweepChart(_ spec: Spec, _ p: inout Presenter) -> PresentationItem? {
        let x = spec.variants.compactMap(\.value)
        guard let varied = spec.varied, x.count >= 3, x.count == spec.variants.count else { return nil }
        let isRegression = spec.data.source.isRegression
        let (quantity, train, test) = isRegression ? ("loss", "train_loss", "test_loss") : ("accuracy", "train_accuracy", "test_accuracy")
        let positive = x.filter { $0 > 0 }
        let logX = positive.count >= 2 && (positive.max() ?? 1) / (positive.min() ?? 1) >= 50
        // Zero cannot sit on a log axis: draw it at a tenth of the smallest positive value.
        let shown = logX ? x.map { $0 > 0 ? $0 : (positive.min() ?? 1) / 10 } : x
        // One pair of lines per named variant when `variants:` and `vary:` are
        // both used: a single line through every point would join them.
        var groups: [String?] = []
        for variant in spec.variants where !groups.contains(variant.group) { groups.append(variant.group) }
        var series: [Chart.Series] = []
        for group in groups {
            let members = spec.variants.indices.filter { spec.variants[$0].group == group }
            // A group is named by the name its author gave it, not its settings (the table lists those).
            let title = spec.variants[members[0]].title.flatMap { isGeneratedName($0) ? nil : $0 }
            let prefix = (title ?? group).map { $0 + ": " } ?? ""
            func line(_ field: String) -> Runs { Runs(p.runs.records.map { run in .numbers(members.map { variant(run, $0).number(field) }) }) }
            let xs = members.map { shown[$0] }
            series += [p.series(prefix + "training " + quantity, x: xs, y: line(train), dashed: !isRegression),
                       p.series(prefix + "test " + quantity, x: xs, y: line(test))]
        }
        // Each run's figures; over seeds the chart's description reads the means instead.
        let summary = p.shared { run in
            "Training and test \(quantity) after training for each value of \(varied): "
                + x.indices.map { i in
                    let score = variant(run, i).number(test)
                    return "\(ResultValue.format(x[i])): \(isRegression ? ReportFormat.number(score) : ReportFormat.percent(score))"
                }.joined(separator: ", ") + "."
        }
        return p.chart(Chart(
            title: "Final \(isRegression ? "losses" : "accuracies") against \(varied)", style: .line,
            xLabel: varied + (logX ? " (log scale\(x.contains(0) ? "; 0 drawn at a tenth of the smallest value" : ""))" : ""),
            yLabel: isRegression ? "loss" : "accuracy (%)", xScale: logX ? .log : .linear, series: series,
            summary: summary ?? "", yFormat: isRegression ? .plain : .percent))
    }

    private static func layerTable(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let measured: [Column] = [
            .text("layer", "name"), column("output mean", "activation_mean", Cell.number), column("output sd", "activation_sd", Cell.number),
            column("‖W‖", "weight_norm", Cell.number), column("change", "relative_change", Cell.percent),
            column("dead", "dead_fraction", Cell.percent),
        ]
        var rows: [[Cell]] = []
        for (i, variant) in p["variants"].elements.enumerated() {
            for (l, layer) in variant["layers"].elements.enumerated() {
                rows.append([Cell(spec.variants[i].name), Cell(String(l + 1))] + measured.map { $0.cell(&p, layer) })
            }
        }
        return p.table(ResultTable(
            caption: "Every layer after training, on the training set in evaluation mode: the mean and standard deviation of its outputs, "
                + "the norm of its weights and their change since initialization, and for ReLUs the fraction of units that never fire.",
            columns: [.init("variant", numeric: false), .init("#")] + measured.map { .init($0.title, numeric: $0.numeric) },
            rows: rows))
    }
}

// MARK: - Learning curves

/// The learning-curve charts of a `train` block, as ``TrainPlot`` asks,
/// from the curves in its runs' values.
extension TrainKind {
    typealias Curve = TrainPlot.Curve
    /// Each plotted variant's legend label, by name, and the settings every line shares.
    typealias Legend = (labels: [String: String], common: [String])

    /// One chart per panel: the author's curves and variants, grouped so that a
    /// panel holds one quantity and (unless the author says otherwise) at most
    /// ``TrainPlot/maximumLines`` lines.
    static func curveCharts(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let plot = spec.plot ?? TrainPlot()
        let defaults: [Curve] = spec.curve == .step ? [.stepLoss] : spec.validationFraction > 0 ? [.validationLoss, .trainLoss] : [.trainLoss]
        let curves = plot.curves ?? defaults
        // A variant is drawn when a run has a point of it (not one that diverged at its first step).
        let shown = spec.variants.indices.filter { i in
            (plot.variants?.contains(spec.variants[i].name) ?? true)
                && p.runs.records.contains { !curve($0, i, .trainLoss).isEmpty || !curve($0, i, .stepLoss).isEmpty }
        }
        guard !shown.isEmpty, !curves.isEmpty else { return [] }
        // Quantities never share a panel (their axes differ).
        var order: [Int] = []
        for curve in curves where !order.contains(curve.quantity) { order.append(curve.quantity) }
        var panels: [(curves: [Curve], variants: [Int])] = []
        for group in order.map({ quantity in curves.filter { $0.quantity == quantity } }) {
            switch plot.facets {
            case .none:
                panels.append((group, shown))
            case .curve:
                panels += group.map { ([$0], shown) }
            case .variant:
                panels += shown.map { (group, [$0]) }
            case .auto where group.count * shown.count <= TrainPlot.maximumLines:
                panels.append((group, shown))
            case .auto:
                // One panel per curve, and the variants in even groups of at most the limit.
                let chunks = (shown.count + TrainPlot.maximumLines - 1) / TrainPlot.maximumLines
                let size = (shown.count + chunks - 1) / chunks
                for curve in group {
                    for start in stride(from: 0, to: shown.count, by: size) {
                        panels.append(([curve], Array(shown[start..<min(start + size, shown.count)])))
                    }
                }
            }
        }
        let legend = legendLabels(shown.map { spec.variants[$0] }, plot: plot)
        return panels.map { chart(spec, &p, curves: $0.curves, variants: $0.variants, of: panels.count, plotted: shown.count, legend: legend) }
    }

    /// Each plotted variant's legend label, by name, and the settings every
    /// line shares (named once, in the title). A label says what differs
    /// between the lines: the name the author gave the variant (with the
    /// swept value, for a named variant that `vary:` sweeps), else the
    /// settings it changes that not every line shares; `plot: labels:` wins.
    static func legendLabels(_ variants: [Variant], plot: TrainPlot) -> Legend {
        let common = variants.count > 1 ? variants[0].changes.filter { change in variants.allSatisfy { $0.changes.contains(change) } } : []
        var labels: [String: String] = [:]
        for variant in variants {
            let differing = variant.changes.filter { !common.contains($0) }
            if let own = plot.labels[variant.name] {
                labels[variant.name] = own
            } else if let title = variant.title, !TrainKind.isGeneratedName(title) {
                let swept = variant.group != nil ? Array(differing.suffix(1)) : []
                labels[variant.name] = ([title] + swept).joined(separator: ", ")
            } else {
                labels[variant.name] = differing.isEmpty ? variant.name : differing.joined(separator: ", ")
            }
        }
        return (labels, common)
    }

    /// Which of the variants a panel holds, in its title, in the words of its
    /// legend: "learning_rate = 0.001 … 0.019" when they sweep one number in order,
    /// else their labels ("bn", "gn"); never names the block made up (v0, v1).
    static func panelWords(_ labels: [String]) -> String {
        let parts = labels.map { label -> (key: String, value: String)? in
            guard let range = label.range(of: " = "), !label[range.upperBound...].contains(",") else { return nil }
            return (String(label[..<range.lowerBound]), String(label[range.upperBound...]))
        }
        // A range only where the values are numbers in order, so "a … b" holds every line between.
        let numbers = parts.compactMap { $0.flatMap { Double($0.value) } }
        let ordered = numbers.count == labels.count
            && (zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 } || zip(numbers, numbers.dropFirst()).allSatisfy { $0 > $1 })
        if labels.count > 2, ordered, let first = parts.first ?? nil, let last = parts.last ?? nil,
           parts.allSatisfy({ $0?.key == first.key }) {
            return "\(first.key) = \(first.value) … \(last.value)"
        }
        return labels.joined(separator: ", ")
    }

    /// Variant `i`'s curve in one run's values (empty when it has none).
    static func curve(_ run: Record, _ i: Int, _ curve: Curve) -> [Double] {
        variant(run, i).numbers("curve", curve.rawValue)
    }

    /// One panel: `curves` of `variants`, the `panelCount` panels together plotting `plotted` variants.
    private static func chart(_ spec: Spec, _ p: inout Presenter, curves: [Curve], variants: [Int], of panelCount: Int, plotted: Int,
                              legend: Legend) -> PresentationItem {
        let plot = spec.plot ?? TrainPlot()
        let bySteps = plot.x == .step
        func label(_ i: Int) -> String { legend.labels[spec.variants[i].name] ?? spec.variants[i].label }
        var series: [Chart.Series] = []
        var all: [Double] = []
        var downsampled = false
        for i in variants {
            let stepsPerEpoch = Double(max(integer(p.first, i, "steps_per_epoch"), 1))
            for curve in curves {
                // A run that stopped early (diverged, or early stopping) keeps the
                // planned length with gaps, so that seeds' runs combine point by point.
                let planned = spec.variants[i].settings.epochs * (curve == .stepLoss ? Int(stepsPerEpoch) : 1)
                let ys = p.runs.records.map { run in
                    let y = Self.curve(run, i, curve)
                    return y + Array(repeating: .nan, count: max(planned - y.count, 0))
                }
                let length = ys.map(\.count).max() ?? 0
                // The axis suits the lines drawn: over seeds, the means (a single run's points as they are).
                all += SeedStatistic.meanByIndex(ys)
                var x = (0..<length).map { Double($0 + 1) }
                // Epoch curves on a step axis sit at each epoch's last step.
                if curve == .stepLoss, !bySteps { x = x.map { $0 / stepsPerEpoch } }
                if curve != .stepLoss, bySteps { x = x.map { $0 * stepsPerEpoch } }
                let name = curves.count == 1 ? label(i) : variants.count == 1 ? curve.words : "\(label(i)), \(curve.words)"
                let dashed = curve == .trainLoss && curves.contains(.validationLoss)
                // Display resolution: each run's runs of points as their mean, a band spanning their lowest to highest.
                let drawn = ys.map { Chart.Series(name: name, x: x, y: $0, dashed: dashed).downsampled() }
                let banded = drawn.first?.yLow != nil
                downsampled = downsampled || banded
                func lists(_ numbers: (Chart.Series) -> [Double]?) -> Runs? {
                    banded ? Runs(drawn.map { .numbers(numbers($0) ?? []) }) : nil
                }
                series.append(p.series(name, x: drawn.first?.x ?? x, y: Runs(drawn.map { .numbers($0.y) }),
                                       low: lists(\.yLow), high: lists(\.yHigh), dashed: dashed))
            }
        }
        let quantity = curves[0].quantity
        let positive = all.filter { $0 > 0 && $0.isFinite }
        let spread = (positive.max() ?? 1) / max(positive.min() ?? 1, 1e-300)
        // A range down to zero or below asks for a linear axis.
        let rangeAllowsLog = (plot.yLower ?? plot.yUpper ?? 1) > 0
        let logY = plot.yScale == .log || (plot.yScale == .auto && quantity != 1 && spread > 50 && rangeAllowsLog)
        let what = quantity == 1 ? "accuracy (%)" : quantity == 2 ? "learning rate η"
            : spec.data.lossName
        var title = curves == [.stepLoss] ? "Loss of every mini-batch" : quantity == 2 ? "Learning rate" : "Learning curves"
        if panelCount > 1 {
            title += curves.count == 1 && quantity == 0 && curves[0] != .stepLoss ? ": \(curves[0].words)" : ""
            if variants.count < plotted { title += " (" + panelWords(variants.map(label)) + ")" }
        }
        if !legend.common.isEmpty { title += " · every line: " + legend.common.joined(separator: ", ") }
        var chart = Chart(
            title: title, style: .line, xLabel: (bySteps ? "step" : "epoch") + (plot.xScale == .log ? " (log scale)" : ""),
            yLabel: what + (logY ? " (log scale)" : ""), xScale: plot.xScale == .log ? .log : .linear, yScale: logY ? .log : .linear,
            series: series, summary: curveSummary(spec, p, curves: curves, variants: variants, legend: legend, downsampled: downsampled),
            yFormat: quantity == 1 ? .percent : .plain)
        chart.yLower = plot.yLower
        chart.yUpper = plot.yUpper
        return p.chart(chart)
    }

    /// What a panel draws, in words: its lines, the settings the variants'
    /// names stand for, and how a long line was drawn.
    private static func curveSummary(_ spec: Spec, _ p: Presenter, curves: [Curve], variants: [Int], legend: Legend,
                                     downsampled: Bool) -> String {
        // The settings a name stands for, for readers of the text; the table above lists them too.
        let named = variants.map { spec.variants[$0] }.filter { legend.labels[$0.name] != $0.label && $0.label != $0.name }
        let settings = named.isEmpty ? "" : " The variants: " + named.map(\.label).joined(separator: "; ") + "."
        let resolution = downsampled ? " A line of more than \(Chart.Series.displayPoints) points is drawn at that "
            + "resolution: its first and last points as they are, the rest as the mean of runs of consecutive points, "
            + "with a band from the lowest to the highest point of each run." : ""
        guard curves != [.stepLoss] else {
            // Runs that stopped after different numbers of steps: the description reads the drawn means instead.
            let steps = p.shared { run in
                variants.map { "\(legend.labels[spec.variants[$0].name] ?? spec.variants[$0].label): \(integer(run, $0, "steps")) steps" }
                    .joined(separator: "; ")
            }
            return steps.map {
                "The training loss of each step's batch against the \(spec.plot?.x == .step ? "optimizer step" : "epoch"), one line per variant: "
                    + $0 + "." + settings + resolution
            } ?? ""
        }
        let described = curves.map(\.words).joined(separator: " and ")
        let lines = curves.count == 1 ? "one line per variant" : variants.count == 1 ? "one line per curve" : "one line per variant and curve"
        return "\(described.prefix(1).uppercased() + described.dropFirst())\(curves[0].quantity == 0 ? " loss" : "") after each epoch, \(lines)"
            + (curves.contains(.trainLoss) && curves.contains(.validationLoss) ? " (training dashed)." : ".") + settings + resolution
    }
}
