import Foundation

/// A `train` block as the page shows it, built from its runs' values: a
/// warning per diverged variant, the table of final figures, the learning
/// curves (``TrainPlot``), the final figures against a swept number, and
/// with `layers: true` a table of every layer.
extension TrainKind {
    typealias Cell = ResultTable.Cell

    public static func present(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem]? {
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
