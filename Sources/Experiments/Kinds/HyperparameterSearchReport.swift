import Foundation

/// Turns a `hyperparameter-search` run into named values
/// (``HyperparameterSearchKind/present(_:_:)`` draws them).
enum HyperparameterSearchReport {
    typealias Search = HyperparameterSearch

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
        return ExperimentOutcome(values: v, presentation: [])
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
                "important": .numbers(trials.map(\.important)), "other": .numbers(trials.map(\.other)),
                "best": .number(trials.map(\.objective).max() ?? .nan),
                "best_mean": .number(mean(best)),
                "gap_mean": .number(mean(gap)),
            ])
        }
        v["grid"] = .record(method(g.grid, g.gridBest, g.gridGap))
        v["random"] = .record(method(g.random, g.randomBest, g.randomGap))
        v["random_wins"] = .number(fraction(zip(g.randomBest, g.gridBest).map { $0 - $1 }) { $0 > 0 })

        v["optimum"] = .record(Record(["important": .number(g.optimum.important), "other": .number(g.optimum.other)]))
        return ExperimentOutcome(values: v, presentation: [])
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
        return ExperimentOutcome(values: v, presentation: [])
    }
}
