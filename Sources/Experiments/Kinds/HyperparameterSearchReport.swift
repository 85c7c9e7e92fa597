/// Turns a `hyperparameter-search` run into the named values
/// ``HyperparameterSearchKind/values`` lists, for each mode the ones it has
/// (``HyperparameterSearchKind/present(_:_:)`` draws them).
enum HyperparameterSearchReport {
    typealias Search = HyperparameterSearch

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
    static func fraction(_ values: [Double], _ condition: (Double) -> Bool) -> Double {
        Double(values.filter(condition).count) / Double(max(values.count, 1))
    }

    static func sampling(_ spec: HyperparameterSearchKind.Spec, _ s: Search.Sampling) -> ExperimentOutcome {
        func method(_ draws: [Double]) -> Record {
            let fractions = Search.decadeFractions(draws, decades: s.decades)
            return Record(fields: [
                "decade_fractions": fractions, "top_decade": fractions.last ?? .nan,
                "min_decade_fraction": fractions.min() ?? .nan, "max_decade_fraction": fractions.max() ?? .nan,
                "median": draws.median,
            ])
        }
        let values = Record(fields: [
            "draws": spec.draws, "decades": s.decades, "uniform": method(s.uniform), "log": method(s.logUniform),
            "momentum": Record(fields: [
                "uniform_above_0_99": fraction(s.betaUniform) { $0 >= 0.99 }, "log_above_0_99": fraction(s.betaLog) { $0 >= 0.99 },
            ]),
        ])
        return ExperimentOutcome(values: values)
    }

    static func gridVsRandom(_ spec: HyperparameterSearchKind.Spec, _ g: Search.GridVsRandom) -> ExperimentOutcome {
        func method(_ trials: [Search.Trial], _ best: [Double], _ gap: [Double]) -> Record {
            Record(fields: [
                "distinct_important": Set(trials.map(\.important)).count,
                "important": trials.map(\.important), "other": trials.map(\.other),
                "best": trials.map(\.objective).max() ?? .nan, "best_mean": mean(best), "gap_mean": mean(gap),
            ])
        }
        let values = Record(fields: [
            "trials": spec.trials, "grid_side": HyperparameterSearchKind.gridSide(spec.trials), "repeats": spec.repeats,
            "grid": method(g.grid, g.gridBest, g.gridGap), "random": method(g.random, g.randomBest, g.randomGap),
            "random_wins": fraction(zip(g.randomBest, g.gridBest).map { $0 - $1 }) { $0 > 0 },
            "optimum": Record(fields: ["important": g.optimum.important, "other": g.optimum.other]),
        ])
        return ExperimentOutcome(values: values)
    }

    static func coarseToFine(_ spec: HyperparameterSearchKind.Spec, _ c: Search.CoarseToFine) -> ExperimentOutcome {
        func stage(_ trials: [Search.SearchTrial]) -> Record {
            let best = trials.max { Search.score($0) < Search.score($1) }
            return Record(fields: [
                "best_lr": best?.learningRate ?? .nan, "best_accuracy": best.map(Search.score) ?? .nan,
                "median_accuracy": trials.map(Search.score).median, "diverged": trials.filter(\.diverged).count,
                "low": trials.map(\.learningRate).min() ?? .nan, "high": trials.map(\.learningRate).max() ?? .nan,
            ])
        }
        var fine = stage(c.trials.filter { $0.stage == 1 })
        fine.add(fields: ["range_low": c.fineLow, "range_high": c.fineHigh])
        let best = c.trials.max { Search.score($0) < Search.score($1) }
        let values = Record(fields: [
            "train_examples": c.trainingExamples, "validation_examples": c.validationExamples,
            "coarse": stage(c.trials.filter { $0.stage == 0 }), "fine": fine,
            "best": Record(fields: [
                "learning_rate": best?.learningRate ?? .nan, "validation_accuracy": best.map(Search.score) ?? .nan,
                "test_accuracy": best?.testAccuracy ?? .nan,
            ]),
            "trials": c.trials.map { t in
                Record(fields: [
                    "stage": t.stage, "learning_rate": t.learningRate, "validation_accuracy": Search.score(t),
                    "test_accuracy": t.testAccuracy, "diverged": t.diverged,
                ])
            },
        ])
        return ExperimentOutcome(values: values)
    }
}
