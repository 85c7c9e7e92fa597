import Foundation

/// A `train` block as the page shows it, built from its runs' values: a
/// warning per diverged variant, the table of final figures, the learning
/// curves (``TrainPlot``), the final figures against a swept number, and
/// with `layers: true` a table of every layer.
extension TrainKind {
    typealias Cell = ResultTable.Cell

    public static func present(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let warnings = p.warnings { run in
            spec.variants.indices.compactMap { i in
                guard case .string(let divergence)? = variant(run, i)["divergence"] else { return nil }
                let variant = spec.variants[i]
                return "Variant \(variant.label) \(divergence): its final losses and accuracies cannot be measured. "
                    + "A smaller learning rate (now \(ReportFormat.number(variant.settings.resolvedLearningRate))) would keep it finite."
            }
        }
        var items = warnings + [metricsTable(spec, &p)]
        items += curveCharts(spec, &p)
        if let chart = sweepChart(spec, &p) { items.append(chart) }
        if spec.showLayers { items.append(layerTable(spec, &p)) }
        return items
    }

    /// Variant `i`'s record in one run's values (in the order of the spec's variants; empty when it has none).
    static func variant(_ run: Record, _ i: Int) -> Record {
        guard case .list(let items)? = run["variants"], items.indices.contains(i), case .record(let r) = items[i] else { return Record() }
        return r
    }

    /// A number of variant `i`'s record (NaN when it has none).
    static func number(_ run: Record, _ i: Int, _ field: String) -> Double {
        variant(run, i)[field]?.doubleValue ?? .nan
    }

    /// A count of variant `i`'s record (0 when it has none).
    static func integer(_ run: Record, _ i: Int, _ field: String) -> Int {
        let x = number(run, i, field)
        return x.isFinite ? Int(x) : 0
    }

    /// The cell each run's values write for variant `i`, combined over the
    /// runs; its tone the first run's (a "diverged" cell is marked bad).
    static func cell(_ p: inout Presenter, _ i: Int, _ build: (Record) -> Cell) -> Cell {
        p.cell(eachRun: p.runs.records.map { build(variant($0, i)) })
    }

    /// Each run's numbers as a list value: what ``Presenter/series(_:x:y:low:high:dashed:)`` reads.
    static func lists(_ p: Presenter, _ numbers: (Record) -> [Double]) -> Runs {
        Runs(p.runs.records.map { .numbers(numbers($0)) })
    }

    private static func integerCell(_ x: Double) -> Cell {
        x.isFinite ? Cell(Int(x).grouped, value: x, style: .integer) : Cell(ReportFormat.missing)
    }

    private static func metricsTable(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let isRegression = spec.data.source.isRegression
        var columns: [ResultTable.Column] = [.init("variant", numeric: false)]
        columns += isRegression
            ? [.init("training loss"), .init("validation loss"), .init("test loss")]
            : [.init("training loss"), .init("test loss"), .init("training acc."), .init("validation acc."), .init("test acc.")]
        columns += [.init("steps"), .init("steps / epoch"), .init("ms / epoch"), .init("‖W‖"), .init("‖W − W₀‖ / ‖W₀‖"), .init("dead ReLUs")]
        if spec.targetLoss != nil { columns.append(.init("steps to target")) }
        let scores: [(field: String, cell: (Double) -> Cell)] = isRegression
            ? [("train_loss", Cell.number), ("validation_loss", Cell.number), ("test_loss", Cell.number)]
            : [("train_loss", Cell.number), ("test_loss", Cell.number), ("train_accuracy", Cell.percent),
               ("validation_accuracy", Cell.percent), ("test_accuracy", Cell.percent)]
        var rows: [[Cell]] = []
        for (i, variant) in spec.variants.enumerated() {
            var row = [Cell(variant.label)]
            for (c, score) in scores.enumerated() {
                row.append(cell(&p, i) { r in
                    guard r["diverged"] != .bool(true) else { return c == 0 ? Cell("diverged", tone: .bad) : Cell(ReportFormat.missing) }
                    return score.cell(r[score.field]?.doubleValue ?? .nan)
                })
            }
            row += [cell(&p, i) { integerCell($0["steps"]?.doubleValue ?? .nan) },
                    cell(&p, i) { integerCell($0["steps_per_epoch"]?.doubleValue ?? .nan) },
                    cell(&p, i) { Cell.number($0["ms_per_epoch"]?.doubleValue ?? .nan) },
                    cell(&p, i) { Cell.number($0["weight_norm"]?.doubleValue ?? .nan) },
                    cell(&p, i) { Cell.percent($0["relative_change"]?.doubleValue ?? .nan) },
                    cell(&p, i) { Cell.percent($0["dead_fraction"]?.doubleValue ?? .nan) }]
            if spec.targetLoss != nil {
                row.append(cell(&p, i) { r in
                    r["reached_target"] == .bool(true) ? integerCell(r["steps_to_target"]?.doubleValue ?? .nan) : Cell("not reached")
                })
            }
            rows.append(row)
        }
        // Tone the best test figure: over seeds, the row with the best mean.
        let column = isRegression ? 3 : 5
        let best = rows.indices.compactMap { r in rows[r][column].value.map { (r, isRegression ? -$0 : $0) } }.filter { !$0.1.isNaN }
            .max { $0.1 < $1.1 }
        if rows.count > 1, let best {
            for r in rows.indices where rows[r][column].tone == .good { rows[r][column].tone = .plain }
            rows[best.0][column].tone = .good
        }
        let first = spec.variants.first?.settings ?? TrainSettings()
        let architecture = first.explicitLayers.map { ModelDescriptionText.stack($0) }
            ?? (first.hidden.isEmpty ? "no hidden layer" : "hidden layers " + first.hidden.map(String.init).joined(separator: "–"))
        let caption = p.text { run in
            func examples(_ name: String) -> String { Int(run[name]?.doubleValue ?? 0).grouped }
            return "\(spec.data.label): \(examples("train_examples")) training, \(examples("validation_examples")) validation and "
                + "\(examples("test_examples")) test examples\(spec.labelNoise > 0 ? " (\(ReportFormat.percent(spec.labelNoise)) of the training labels replaced at random)" : ""). "
                + "Unless a variant says otherwise: \(architecture), \(first.recipe.label.replacingOccurrences(of: "batches of \(Int.max)", with: "the whole training set")). "
                + "Every variant starts from the same data, batches and (for the same architecture) initial weights. "
                + "Losses and accuracies are measured after training in evaluation mode; ‖W‖ is the norm of all weight matrices together, "
                + "its change relative to the initial weights; dead ReLUs never fire on the training set; times are CPU time on one core (the wall time on an idle machine)."
        }
        return p.table(ResultTable(caption: caption, columns: columns, rows: rows))
    }

    /// With a numeric sweep of 3 values or more: the final figures against the swept value.
    private static func sweepChart(_ spec: Spec, _ p: inout Presenter) -> PresentationItem? {
        guard let varied = spec.varied, spec.variants.count >= 3 else { return nil }
        let x = spec.variants.compactMap(\.value)
        guard x.count == spec.variants.count else { return nil }
        let isRegression = spec.data.source.isRegression
        let positive = x.filter { $0 > 0 }
        let logX = positive.count >= 2 && (positive.max() ?? 1) / (positive.min() ?? 1) >= 50
        // Zero cannot sit on a log axis: draw it at a tenth of the smallest positive value.
        let shown = logX ? x.map { $0 > 0 ? $0 : (positive.min() ?? 1) / 10 } : x
        // One pair of lines per named variant when `variants:` and `vary:` are
        // both used: a single line through every point would join them.
        let groups = spec.variants.map(\.group)
        var order: [String?] = []
        for group in groups where !order.contains(group) { order.append(group) }
        let (train, test) = isRegression ? ("train_loss", "test_loss") : ("train_accuracy", "test_accuracy")
        var series: [Chart.Series] = []
        for group in order {
            let members = spec.variants.indices.filter { groups[$0] == group }
            let xs = members.map { shown[$0] }
            // A group is named by the name its author gave it, not its settings (the table lists those).
            let title = members.first.flatMap { spec.variants[$0].title }.flatMap { TrainKind.isGeneratedName($0) ? nil : $0 }
            let prefix = (title ?? group).map { $0 + ": " } ?? ""
            func line(_ field: String) -> Runs { lists(p) { run in members.map { number(run, $0, field) } } }
            series += [p.series(prefix + (isRegression ? "training loss" : "training accuracy"), x: xs, y: line(train), dashed: !isRegression),
                       p.series(prefix + (isRegression ? "test loss" : "test accuracy"), x: xs, y: line(test))]
        }
        // Each run's figures; over seeds the chart's description reads the means instead.
        let summaries = p.runs.records.map { run in
            "Training and test \(isRegression ? "loss" : "accuracy") after training for each value of \(varied): "
                + x.indices.map { i in
                    let score = number(run, i, test)
                    return "\(ResultValue.format(x[i])): \(isRegression ? ReportFormat.number(score) : ReportFormat.percent(score))"
                }.joined(separator: ", ") + "."
        }
        let chart = Chart(
            title: "Final \(isRegression ? "losses" : "accuracies") against \(varied)", style: .line,
            xLabel: varied + (logX ? " (log scale\(x.contains(0) ? "; 0 drawn at a tenth of the smallest value" : ""))" : ""),
            yLabel: isRegression ? "loss" : "accuracy (%)", xScale: logX ? .log : .linear, series: series,
            summary: summaries.allSatisfy { $0 == summaries[0] } ? summaries[0] : "",
            yFormat: isRegression ? .plain : .percent)
        return p.chart(chart)
    }

    private static func layerTable(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        var rows: [[Cell]] = []
        for (i, variant) in spec.variants.enumerated() {
            let layers = Self.variant(p.first, i)["layers"]?.listItems.count ?? 0
            for l in 0..<layers {
                func layer(_ r: Record) -> Record {
                    let items = r["layers"]?.listItems ?? []
                    guard items.indices.contains(l), case .record(let layer) = items[l] else { return Record() }
                    return layer
                }
                func numberCell(_ field: String, _ make: (Double) -> Cell) -> Cell {
                    cell(&p, i) { make(layer($0)[field]?.doubleValue ?? .nan) }
                }
                rows.append([
                    Cell(variant.name), Cell(String(l + 1)),
                    cell(&p, i) { Cell(Presenter.plainText(layer($0)["name"])) },
                    numberCell("activation_mean", Cell.number), numberCell("activation_sd", Cell.number),
                    numberCell("weight_norm", Cell.number), numberCell("relative_change", Cell.percent),
                    numberCell("dead_fraction", Cell.percent),
                ])
            }
        }
        return p.table(ResultTable(
            caption: "Every layer after training, on the training set in evaluation mode: the mean and standard deviation of its outputs, "
                + "the norm of its weights and their change since initialization, and for ReLUs the fraction of units that never fire.",
            columns: [.init("variant", numeric: false), .init("#"), .init("layer", numeric: false), .init("output mean"),
                      .init("output sd"), .init("‖W‖"), .init("change"), .init("dead")],
            rows: rows))
    }
}

// MARK: - Learning curves

/// The learning-curve charts of a `train` block, as ``TrainPlot`` asks,
/// from the curves in its runs' values.
extension TrainKind {
    typealias Curve = TrainPlot.Curve

    private static func defaultCurves(_ spec: Spec) -> [Curve] {
        if spec.curve == .step { return [.stepLoss] }
        return spec.validationFraction > 0 ? [.validationLoss, .trainLoss] : [.trainLoss]
    }

    /// One chart per panel: the author's curves and variants, grouped so that a
    /// panel holds one quantity and (unless the author says otherwise) at most
    /// ``TrainPlot/maximumLines`` lines.
    static func curveCharts(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let plot = spec.plot ?? TrainPlot()
        let curves = plot.curves ?? defaultCurves(spec)
        // A variant is drawn when a run has a point of it (not one that diverged at its first step).
        let shown = spec.variants.indices.filter { i in
            (plot.variants?.contains(spec.variants[i].name) ?? true)
                && p.runs.records.contains { !curve($0, i, .trainLoss).isEmpty || !curve($0, i, .stepLoss).isEmpty }
        }
        guard !shown.isEmpty, !curves.isEmpty else { return [] }
        // Quantities never share a panel (their axes differ).
        var quantities: [[Curve]] = []
        for curve in curves {
            if let index = quantities.firstIndex(where: { $0[0].quantity == curve.quantity }) {
                quantities[index].append(curve)
            } else {
                quantities.append([curve])
            }
        }
        var panels: [(curves: [Curve], variants: [Int])] = []
        for group in quantities {
            switch plot.facets {
            case .none:
                panels.append((group, shown))
            case .curve:
                panels += group.map { ([$0], shown) }
            case .variant:
                panels += shown.map { (group, [$0]) }
            case .auto:
                if group.count * shown.count <= TrainPlot.maximumLines {
                    panels.append((group, shown))
                } else {
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
        }
        let legend = legendLabels(shown.map { spec.variants[$0] }, plot: plot)
        return panels.map { chart(spec, &p, curves: $0.curves, variants: $0.variants, of: panels.count, plotted: shown.count, legend: legend) }
    }

    /// Each plotted variant's legend label, by name, and the settings every
    /// line shares (named once, in the title). A label says what differs
    /// between the lines: the name the author gave the variant (with the
    /// swept value, for a named variant that `vary:` sweeps), else the
    /// settings it changes that not every line shares; `plot: labels:` wins.
    static func legendLabels(_ variants: [Variant], plot: TrainPlot) -> (labels: [String: String], common: [String]) {
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
        guard case .record(let curves)? = variant(run, i)["curve"] else { return [] }
        return (curves[curve.rawValue]?.listItems ?? []).map { $0.doubleValue ?? .nan }
    }

    private static func chart(_ spec: Spec, _ p: inout Presenter, curves: [Curve], variants: [Int], of panelCount: Int, plotted: Int,
                              legend: (labels: [String: String], common: [String])) -> PresentationItem {
        var series: [Chart.Series] = []
        var all: [Double] = []
        var downsampled = false
        let bySteps = spec.plot?.x == .step
        for i in variants {
            let variant = spec.variants[i]
            let stepsPerEpoch = Double(max(integer(p.first, i, "steps_per_epoch"), 1))
            for curve in curves {
                // A run that stopped early (diverged, or early stopping) keeps the
                // planned length with gaps, so that seeds' runs combine point by point.
                let planned = variant.settings.epochs * (curve == .stepLoss ? Int(stepsPerEpoch) : 1)
                let ys = p.runs.records.map { run in
                    let y = Self.curve(run, i, curve)
                    return y.count < planned ? y + Array(repeating: .nan, count: planned - y.count) : y
                }
                // The axis suits the lines drawn: over seeds, the means (a single run's points as they are).
                all += (0..<(ys.map(\.count).max() ?? 0)).map { k in SeedStatistic.mean(ys.compactMap { k < $0.count && !$0[k].isNaN ? $0[k] : nil }) }
                var x = (0..<(ys.map(\.count).max() ?? 0)).map { Double($0 + 1) }
                // Epoch curves on a step axis sit at each epoch's last step.
                if curve == .stepLoss, !bySteps { x = x.map { $0 / stepsPerEpoch } }
                if curve != .stepLoss, bySteps { x = x.map { $0 * stepsPerEpoch } }
                let label = legend.labels[variant.name] ?? variant.label
                let name = curves.count == 1 ? label
                    : variants.count == 1 ? curve.words : "\(label), \(curve.words)"
                let dashed = curve == .trainLoss && curves.contains(.validationLoss)
                // Display resolution: each run's runs of points as their mean, a band spanning their lowest to highest.
                let drawn = ys.map { Chart.Series(name: name, x: x, y: $0, dashed: dashed).downsampled() }
                let banded = drawn.first?.yLow != nil
                downsampled = downsampled || banded
                series.append(p.series(name, x: drawn.first?.x ?? x, y: Runs(drawn.map { .numbers($0.y) }),
                                       low: banded ? Runs(drawn.map { .numbers($0.yLow ?? []) }) : nil,
                                       high: banded ? Runs(drawn.map { .numbers($0.yHigh ?? []) }) : nil, dashed: dashed))
            }
        }
        let quantity = curves[0].quantity
        let positive = all.filter { $0 > 0 && $0.isFinite }
        let spread = (positive.max() ?? 1) / max(positive.min() ?? 1, 1e-300)
        let plot = spec.plot ?? TrainPlot()
        // A range down to zero or below asks for a linear axis.
        let rangeAllowsLog = (plot.yLower ?? plot.yUpper ?? 1) > 0
        let logY = plot.yScale == .log || (plot.yScale == .auto && quantity != 1 && spread > 50 && rangeAllowsLog)
        let what = quantity == 1 ? "accuracy (%)" : quantity == 2 ? "learning rate η"
            : spec.data.source.isRegression ? "mean squared error" : "cross-entropy"
        var title = curves == [.stepLoss] ? "Loss of every mini-batch" : quantity == 2 ? "Learning rate" : "Learning curves"
        func legendLabel(_ i: Int) -> String { legend.labels[spec.variants[i].name] ?? spec.variants[i].label }
        if panelCount > 1 {
            title += curves.count == 1 && quantity == 0 && curves[0] != .stepLoss ? ": \(curves[0].words)" : ""
            if variants.count < plotted {
                title += " (" + panelWords(variants.map(legendLabel)) + ")"
            }
        }
        if !legend.common.isEmpty { title += " · every line: " + legend.common.joined(separator: ", ") }
        // The settings a name stands for, for readers of the text; the table above lists them too.
        let named = variants.map { spec.variants[$0] }.filter { legend.labels[$0.name] != $0.label && $0.label != $0.name }
        let settings = named.isEmpty ? "" : " The variants: " + named.map(\.label).joined(separator: "; ") + "."
        let lines = curves.count == 1
            ? "one line per variant" : variants.count == 1 ? "one line per curve" : "one line per variant and curve"
        let described = curves.map(\.words).joined(separator: " and ")
        let steps = variants.map { "\(legendLabel($0)): \(integer(p.first, $0, "steps")) steps" }
        // Runs that stopped after different numbers of steps: the description reads the drawn means instead.
        let stepsAgree = variants.allSatisfy { i in p.runs.records.allSatisfy { integer($0, i, "steps") == integer(p.first, i, "steps") } }
        var chart = Chart(
            title: title, style: .line, xLabel: (bySteps ? "step" : "epoch") + (plot.xScale == .log ? " (log scale)" : ""),
            yLabel: what + (logY ? " (log scale)" : ""),
            xScale: plot.xScale == .log ? .log : .linear, yScale: logY ? .log : .linear, series: series,
            summary: curves == [.stepLoss] && !stepsAgree ? "" : (curves == [.stepLoss]
                ? "The training loss of each step's batch against the \(bySteps ? "optimizer step" : "epoch"), one line per variant: "
                    + steps.joined(separator: "; ") + "."
                : "\(described.prefix(1).uppercased() + described.dropFirst())\(quantity == 0 ? " loss" : "") after each epoch, \(lines)"
                    + (curves.contains(.trainLoss) && curves.contains(.validationLoss) ? " (training dashed)." : ".")) + settings
                + (downsampled ? " A line of more than \(Chart.Series.displayPoints) points is drawn at that "
                    + "resolution: its first and last points as they are, the rest as the mean of runs of consecutive points, "
                    + "with a band from the lowest to the highest point of each run." : ""),
            yFormat: quantity == 1 ? .percent : .plain)
        chart.yLower = plot.yLower
        chart.yUpper = plot.yUpper
        return p.chart(chart)
    }
}
