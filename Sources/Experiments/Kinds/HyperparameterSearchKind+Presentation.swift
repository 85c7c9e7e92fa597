import Foundation

extension HyperparameterSearchKind {
    /// Each mode's chart and table, built from its values. The scatter
    /// charts of trials stay one seed's: each seed draws its own trials, and
    /// points drawn at different places have no mean.
    public static func present(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        switch spec.mode {
        case .sampling: sampling(spec, &p)
        case .gridVsRandom: gridVsRandom(spec, &p)
        case .coarseToFine: coarseToFine(spec, &p)
        }
    }

    /// A learning rate, a width: three significant digits, as
    /// ``Presenter/significant(_:)`` writes them. A number the run does not
    /// have (NaN, as ``Record/number(_:)`` gives it) is the mark for a
    /// missing number in the prose too, as in a table's cell.
    static func format(_ x: Double) -> String {
        x.isNaN ? ReportFormat.missing : ResultValue.format(x, significant: 3)
    }

    /// A fraction as a percentage with one decimal, "12.3 %"; a number the
    /// run does not have is the mark for a missing number; an infinite one
    /// as ``ResultValue/format(_:significant:)`` writes it.
    static func percent(_ x: Double) -> String {
        if x.isNaN { return ReportFormat.missing }
        return x.isFinite ? String(format: "%.1f %%", x * 100) : ResultValue.format(x)
    }

    /// Over seeds, what a chart of one seed's trials says of itself.
    private static func firstSeedNote(_ p: Presenter) -> [PresentationItem] {
        p.isSeeded ? [.note("The chart shows the first of the \(p.runs.runsPhrase): each seed draws its own trials.")] : []
    }

    private static func sampling(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let labels = p.first.numbers("decades").map { "[\(ResultValue.format($0)), \(ResultValue.format($0 * 10)))" }
        let summary = p.shared { r in
            "Fraction of \(spec.draws.grouped) draws in each decade: uniform " + r.numbers("uniform", "decade_fractions").map(percent).joined(separator: ", ")
                + "; log-uniform " + r.numbers("log", "decade_fractions").map(percent).joined(separator: ", ") + "."
        }
        let chart = p.chart(Chart(
            title: "Learning rates drawn per decade", style: .bar, xLabel: "decade of the learning rate", yLabel: "fraction of the draws",
            categories: labels,
            series: [p.series("uniform on [\(format(spec.low)), \(format(spec.high))]", x: [], y: p["uniform"]["decade_fractions"]),
                     p.series("log-uniform (uniform exponent)", x: [], y: p["log"]["decade_fractions"])],
            summary: summary ?? ""))
        let rows = [("β uniform", "uniform_above_0_99"), ("1 − β log-uniform", "log_above_0_99")].map { name, high in
            [ResultTable.Cell(name),
             p.cell { r in
                 let below = 1 - r.number("momentum", high)
                 return ResultTable.Cell(percent(below), value: below, style: .percent)
             },
             p.cell(p["momentum"][high], style: .percent, format: percent)]
        }
        let table = p.table(ResultTable(
            caption: "Momentum's β drawn \(spec.draws.grouped) times: uniformly on [0.9, 0.999], or as 1 − β = 10^u with u uniform on [−3, −1]. "
                + "β ≥ 0.99 averages over the last 100 steps or more (1/(1 − β)).",
            columns: [.init("method", numeric: false), .init("β in [0.9, 0.99)"), .init("β in [0.99, 0.999]")],
            rows: rows))
        return [chart, table]
    }

    private static func gridVsRandom(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let k = gridSide(spec.trials)
        let first = p.first
        func trials(_ method: String) -> Chart.Series {
            Chart.Series(name: method, x: first.numbers(method, "important"), y: first.numbers(method, "other"))
        }
        func distinct(_ method: String) -> String { Presenter.plainText(first.at(method, "distinct_important")) }
        let optimum = (first.number("optimum", "important"), first.number("optimum", "other"))
        let chart = Chart(
            title: "\(k) × \(k) grid and \(spec.trials.grouped) random trials", style: .scatter,
            xLabel: "important setting", yLabel: "unimportant setting",
            series: [trials("grid"), trials("random"), Chart.Series(name: "optimum", x: [optimum.0], y: [optimum.1])],
            summary: "The grid tries \(distinct("grid")) values of the important setting, random search \(distinct("random")); "
                + "the optimum is at \(format(optimum.0)), \(format(optimum.1)).")
        let caption = p.text { r in
            "Over \(spec.repeats.grouped) random objectives (a peak of width \(format(spec.width)) in the important setting, "
                + "a slight slope in the other, 1 at the optimum): values of the important setting tried, the mean distance from its best value "
                + "to the nearest one tried, and the mean best objective found. Random search found the higher best in "
                + "\(percent(r.number("random_wins"))) of them."
        }
        let table = p.table(caption: caption, rows: p.whole.namedRows([("grid", "grid"), ("random", "random")]), columns: [
            .text("method", "name"), .count("values tried", "distinct_important"),
            .number("mean gap", "gap_mean", format: format), .number("mean best", "best_mean", format: format),
        ])
        return [.chart(chart)] + firstSeedNote(p) + [table]
    }

    private static func coarseToFine(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let trials = p.first.records("trials")
        func stage(_ index: Int) -> [Record] { trials.filter { $0["stage"]?.doubleValue == Double(index) } }
        func listed(_ stage: [Record]) -> String {
            stage.map { "\(format($0.number("learning_rate"))) → \(percent($0.number("validation_accuracy")))" }.joined(separator: ", ")
        }
        func series(_ name: String, _ stage: [Record]) -> Chart.Series {
            Chart.Series(name: name, x: stage.map { $0.number("learning_rate") }, y: stage.map { $0.number("validation_accuracy") })
        }
        let fineRange = "[\(format(p.first.number("fine", "range_low"))), \(format(p.first.number("fine", "range_high")))]"
        let chart = Chart(
            title: "Validation accuracy of every trial", style: .scatter, xLabel: "learning rate (log scale)",
            yLabel: "validation accuracy", xScale: .log,
            series: [series("coarse: [\(format(spec.low)), \(format(spec.high))]", stage(0)), series("fine: \(fineRange)", stage(1))],
            summary: "Coarse trials: " + listed(stage(0)) + ". Fine trials: " + listed(stage(1)) + ".")
        // Each seed draws its own learning rates: over seeds, the range they all
        // drew together, from the lowest to the highest (one seed's range, the
        // most common text, would be true of that seed alone).
        let drawn = Presenter.Column("learning rates drawn", numeric: false) { _, row in
            let low = row["low"].min, high = row["high"].max
            guard !low.isNaN, !high.isNaN else { return .missing }
            return ResultTable.Cell(format(low) + " – " + format(high))
        }
        let hidden = spec.hidden.isEmpty ? "no hidden layer" : "hidden ReLU layers " + spec.hidden.map(String.init).joined(separator: "–")
        func examples(_ name: String) -> String { Int(p.first[name]?.doubleValue ?? 0).grouped }
        let caption = "Digits, \(examples("train_examples")) training and \(examples("validation_examples")) validation images; \(hidden), SGD, "
            + "batches of 32, \(spec.epochs.grouped) epochs, the same split, initial weights and batches for every trial; "
            + "\(spec.trials.grouped) learning rates a stage drawn on a log scale. "
            + "The objective is the validation accuracy (0 for a trial that diverged)."
            + (p.isSeeded ? " Over the \(p.runs.runsPhrase), the learning rates drawn span the lowest to the highest that any of them drew." : "")
        let table = p.table(caption: caption, rows: p.whole.namedRows([("coarse", "coarse"), ("fine", "fine")]), columns: [
            .text("stage", "name"), drawn, .number("best learning rate", "best_lr", format: format),
            .percent("best accuracy", "best_accuracy", format: percent), .percent("median accuracy", "median_accuracy", format: percent),
            .count("diverged", "diverged"),
        ])
        let best = p.note { r in
            "Best trial: learning rate \(format(r.number("best", "learning_rate"))), validation accuracy "
                + "\(percent(r.number("best", "validation_accuracy"))), test accuracy \(percent(r.number("best", "test_accuracy"))) "
                + "(the test set was not used to choose)."
        }
        return [.chart(chart)] + firstSeedNote(p) + [table, best]
    }
}
