import Foundation

/// Turns a `hyperparameter-search` run into named values, tables and charts.
enum HyperparameterSearchReport {
    typealias Cell = ResultTable.Cell
    typealias Search = HyperparameterSearch

    static func format(_ x: Double) -> String { x.isNaN ? "–" : ResultValue.format(x, significant: 3) }
    static func percent(_ x: Double) -> String { x.isNaN ? "–" : String(format: "%.1f %%", x * 100) }
    static func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
    static func fraction(_ values: [Double], _ condition: (Double) -> Bool) -> Double {
        Double(values.filter(condition).count) / Double(max(values.count, 1))
    }

    // MARK: - Sampling

    static func sampling(_ spec: HyperparameterSearchKind.Spec, _ s: Search.Sampling) -> ExperimentOutcome {
        let uniform = Search.decadeFractions(s.uniform, decades: s.decades)
        let log = Search.decadeFractions(s.logUniform, decades: s.decades)
        var v = Record()
        v["draws"] = .integer(spec.draws)
        v["decades"] = .numbers(s.decades)
        func methodRecord(_ fractions: [Double], _ draws: [Double]) -> Record {
            var r = Record()
            r["decade_fractions"] = .numbers(fractions)
            r["top_decade"] = .number(fractions.last ?? .nan)
            r["min_decade_fraction"] = .number(fractions.min() ?? .nan)
            r["max_decade_fraction"] = .number(fractions.max() ?? .nan)
            r["median"] = .number(Search.median(draws))
            return r
        }
        v["uniform"] = .record(methodRecord(uniform, s.uniform))
        v["log"] = .record(methodRecord(log, s.logUniform))
        v["momentum"] = .record(Record([
            "uniform_above_0_99": .number(fraction(s.betaUniform) { $0 >= 0.99 }),
            "log_above_0_99": .number(fraction(s.betaLog) { $0 >= 0.99 }),
        ]))
        let labels = s.decades.map { "[\(ResultValue.format($0)), \(ResultValue.format($0 * 10)))" }
        let chart = Chart(
            title: "Learning rates drawn per decade", style: .bar, xLabel: "decade of the learning rate", yLabel: "fraction of the draws",
            categories: labels,
            series: [Chart.Series(name: "uniform on [\(format(spec.low)), \(format(spec.high))]", y: uniform),
                     Chart.Series(name: "log-uniform (uniform exponent)", y: log)],
            summary: "Fraction of \(spec.draws) draws in each decade: uniform " + uniform.map(percent).joined(separator: ", ")
                + "; log-uniform " + log.map(percent).joined(separator: ", ") + ".")
        let table = ResultTable(
            caption: "Momentum's β drawn \(spec.draws) times: uniformly on [0.9, 0.999], or as 1 − β = 10^u with u uniform on [−3, −1]. "
                + "β ≥ 0.99 averages over the last 100 steps or more (1/(1 − β)).",
            columns: [.init("method", numeric: false), .init("β in [0.9, 0.99)"), .init("β in [0.99, 0.999]")],
            rows: [("β uniform", s.betaUniform), ("1 − β log-uniform", s.betaLog)].map { name, draws in
                let high = fraction(draws) { $0 >= 0.99 }
                return [Cell(name), Cell(percent(1 - high), value: 1 - high, style: .percent), Cell(percent(high), value: high, style: .percent)]
            })
        return ExperimentOutcome(values: v, presentation: [.chart(chart), .table(table)])
    }

    // MARK: - Grid vs random

    static func gridVsRandom(_ spec: HyperparameterSearchKind.Spec, _ g: Search.GridVsRandom) -> ExperimentOutcome {
        let k = HyperparameterSearchKind.gridSide(spec.trials)
        func distinct(_ trials: [Search.Trial]) -> Int { Set(trials.map(\.important)).count }
        var v = Record()
        v["trials"] = .integer(spec.trials)
        v["grid_side"] = .integer(k)
        v["repeats"] = .integer(spec.repeats)
        func method(_ trials: [Search.Trial], _ best: [Double], _ gap: [Double]) -> Record {
            Record([
                "distinct_important": .integer(distinct(trials)),
                "best": .number(trials.map(\.objective).max() ?? .nan),
                "best_mean": .number(mean(best)),
                "gap_mean": .number(mean(gap)),
            ])
        }
        v["grid"] = .record(method(g.grid, g.gridBest, g.gridGap))
        v["random"] = .record(method(g.random, g.randomBest, g.randomGap))
        v["random_wins"] = .number(fraction(zip(g.randomBest, g.gridBest).map { $0 - $1 }) { $0 > 0 })

        let chart = Chart(
            title: "\(k) × \(k) grid and \(spec.trials) random trials", style: .scatter,
            xLabel: "important setting", yLabel: "unimportant setting",
            series: [Chart.Series(name: "grid", x: g.grid.map(\.important), y: g.grid.map(\.other)),
                     Chart.Series(name: "random", x: g.random.map(\.important), y: g.random.map(\.other)),
                     Chart.Series(name: "optimum", x: [g.optimum.important], y: [g.optimum.other])],
            summary: "The grid tries \(distinct(g.grid)) values of the important setting, random search \(distinct(g.random)); "
                + "the optimum is at \(format(g.optimum.important)), \(format(g.optimum.other)).")
        let rows: [[Cell]] = [("grid", g.grid, g.gridBest, g.gridGap), ("random", g.random, g.randomBest, g.randomGap)].map { name, trials, best, gap in
            [Cell(name), Cell(String(distinct(trials)), value: Double(distinct(trials)), style: .integer),
             Cell(format(mean(gap)), value: mean(gap)), Cell(format(mean(best)), value: mean(best))]
        }
        let table = ResultTable(
            caption: "Over \(spec.repeats) random objectives (a peak of width \(format(spec.width)) in the important setting, "
                + "a slight slope in the other, 1 at the optimum): values of the important setting tried, the mean distance from its best value "
                + "to the nearest one tried, and the mean best objective found. Random search found the higher best in "
                + "\(percent(fraction(zip(g.randomBest, g.gridBest).map { $0 - $1 }) { $0 > 0 })) of them.",
            columns: [.init("method", numeric: false), .init("values tried"), .init("mean gap"), .init("mean best")],
            rows: rows)
        return ExperimentOutcome(values: v, presentation: [.chart(chart), .table(table)])
    }

    // MARK: - Coarse to fine

    static func coarseToFine(_ spec: HyperparameterSearchKind.Spec, _ c: Search.CoarseToFine) -> ExperimentOutcome {
        let coarse = c.trials.filter { $0.stage == 0 }, fine = c.trials.filter { $0.stage == 1 }
        func stage(_ trials: [Search.SearchTrial]) -> Record {
            let best = trials.max { Search.score($0) < Search.score($1) }
            return Record([
                "best_lr": .number(best?.learningRate ?? .nan),
                "best_accuracy": .number(best.map(Search.score) ?? .nan),
                "median_accuracy": .number(Search.median(trials.map(Search.score))),
                "diverged": .integer(trials.filter(\.diverged).count),
                "low": .number(trials.map(\.learningRate).min() ?? .nan),
                "high": .number(trials.map(\.learningRate).max() ?? .nan),
            ])
        }
        var v = Record()
        v["train_examples"] = .integer(c.trainingExamples)
        v["validation_examples"] = .integer(c.validationExamples)
        v["coarse"] = .record(stage(coarse))
        var fineRecord = stage(fine)
        fineRecord["range_low"] = .number(c.fineLow)
        fineRecord["range_high"] = .number(c.fineHigh)
        v["fine"] = .record(fineRecord)
        let best = c.trials.max { Search.score($0) < Search.score($1) }
        v["best"] = .record(Record([
            "learning_rate": .number(best?.learningRate ?? .nan),
            "validation_accuracy": .number(best.map(Search.score) ?? .nan),
            "test_accuracy": .number(best?.testAccuracy ?? .nan),
        ]))
        v["trials"] = .list(c.trials.map { t in
            .record(Record([
                "stage": .integer(t.stage), "learning_rate": .number(t.learningRate),
                "validation_accuracy": .number(Search.score(t)), "test_accuracy": .number(t.testAccuracy),
                "diverged": .bool(t.diverged),
            ]))
        })
        let chart = Chart(
            title: "Validation accuracy of every trial", style: .scatter, xLabel: "learning rate (log scale)",
            yLabel: "validation accuracy", xScale: .log,
            series: [Chart.Series(name: "coarse: [\(format(spec.low)), \(format(spec.high))]",
                                  x: coarse.map(\.learningRate), y: coarse.map(Search.score)),
                     Chart.Series(name: "fine: [\(format(c.fineLow)), \(format(c.fineHigh))]",
                                  x: fine.map(\.learningRate), y: fine.map(Search.score))],
            summary: "Coarse trials: " + coarse.map { "\(format($0.learningRate)) → \(percent(Search.score($0)))" }.joined(separator: ", ")
                + ". Fine trials: " + fine.map { "\(format($0.learningRate)) → \(percent(Search.score($0)))" }.joined(separator: ", ") + ".")
        let rows: [[Cell]] = [("coarse", coarse), ("fine", fine)].map { name, trials in
            let b = trials.max { Search.score($0) < Search.score($1) }
            let med = Search.median(trials.map(Search.score))
            return [Cell(name), Cell(format(trials.map(\.learningRate).min() ?? .nan) + " – " + format(trials.map(\.learningRate).max() ?? .nan)),
                    Cell(format(b?.learningRate ?? .nan), value: b?.learningRate),
                    Cell(percent(b.map(Search.score) ?? .nan), value: b.map(Search.score), style: .percent),
                    Cell(percent(med), value: med, style: .percent),
                    Cell(String(trials.filter(\.diverged).count), value: Double(trials.filter(\.diverged).count), style: .integer)]
        }
        let hidden = spec.hidden.isEmpty ? "no hidden layer" : "hidden ReLU layers " + spec.hidden.map(String.init).joined(separator: "–")
        let table = ResultTable(
            caption: "Digits, \(c.trainingExamples.grouped) training and \(c.validationExamples.grouped) validation images; \(hidden), SGD, batches of 32, "
                + "\(spec.epochs) epochs, the same split, initial weights and batches for every trial; \(spec.trials) learning rates a stage drawn on a log scale. "
                + "The objective is the validation accuracy (0 for a trial that diverged).",
            columns: [.init("stage", numeric: false), .init("learning rates drawn", numeric: false), .init("best learning rate"),
                      .init("best accuracy"), .init("median accuracy"), .init("diverged")],
            rows: rows)
        var items: [PresentationItem] = [.chart(chart), .table(table)]
        if let b = best {
            items.append(.note("Best trial: learning rate \(format(b.learningRate)), validation accuracy \(percent(Search.score(b))), "
                + "test accuracy \(percent(b.testAccuracy)) (the test set was not used to choose)."))
        }
        return ExperimentOutcome(values: v, presentation: items)
    }
}
