import Foundation
import NeuralEngine

/// The computations of the `hyperparameter-search` kind.
enum HyperparameterSearch {
    // MARK: - Sampling

    struct Sampling: Sendable {
        /// The decades [10^d, 10^(d+1)) covering [low, high], as their lower ends.
        var decades: [Double]
        var uniform: [Double]
        var logUniform: [Double]
        /// β drawn uniformly on [0.9, 0.999], and as 1 − β log-uniformly on [0.001, 0.1].
        var betaUniform: [Double]
        var betaLog: [Double]
    }

    /// The draws of `sampling`, in the order: uniform rates, log-uniform rates,
    /// uniform β, log-scale β, each `draws` values from one generator
    /// (Swift evaluates the arguments of `Sampling` in that order).
    static func sampling(_ spec: HyperparameterSearchKind.Spec, seed: UInt64) -> Sampling {
        var generator = RandomGenerator(seed: seed)
        func draws(_ draw: (inout RandomGenerator) -> Double) -> [Double] { (0..<spec.draws).map { _ in draw(&generator) } }
        let (a, b) = (log10(spec.low), log10(spec.high))
        let first = Int(floor(a + 1e-9)), last = Int(ceil(b - 1e-9))
        return Sampling(decades: (first..<max(last, first + 1)).map { pow(10, Double($0)) },
                        uniform: draws { $0.uniform(spec.low, spec.high) }, logUniform: draws { pow(10, $0.uniform(a, b)) },
                        betaUniform: draws { $0.uniform(0.9, 0.999) }, betaLog: draws { 1 - pow(10, $0.uniform(-3, -1)) })
    }

    /// The fraction of `values` in each decade [d, 10d).
    static func decadeFractions(_ values: [Double], decades: [Double]) -> [Double] {
        decades.map { d in Double(values.filter { $0 >= d && $0 < d * 10 }.count) / Double(max(values.count, 1)) }
    }

    // MARK: - Grid vs random

    struct Trial: Sendable {
        var important: Double
        var other: Double
        var objective: Double
    }

    struct GridVsRandom: Sendable {
        /// The first objective's optimum and both methods' trials on it.
        var optimum: (important: Double, other: Double)
        var grid: [Trial]
        var random: [Trial]
        /// Per repeat: the best objective and the distance from the optimum's
        /// important setting to the nearest one tried.
        var gridBest: [Double], randomBest: [Double]
        var gridGap: [Double], randomGap: [Double]
    }

    /// The objective: a peak of width `width` in the important setting, a
    /// slight slope in the other; 1 at the optimum.
    static func objective(_ important: Double, _ other: Double, optimum: (Double, Double), width: Double) -> Double {
        let d = important - optimum.0
        return exp(-d * d / (2 * width * width)) - 0.02 * (other - optimum.1) * (other - optimum.1)
    }

    /// The grid's values of each setting: the centres of k equal cells of [0, 1].
    static func gridValues(_ k: Int) -> [Double] {
        (0..<k).map { (Double($0) + 0.5) / Double(k) }
    }

    static func gridVsRandom(_ spec: HyperparameterSearchKind.Spec, seed: UInt64) -> GridVsRandom {
        var generator = RandomGenerator(seed: seed)
        let k = HyperparameterSearchKind.gridSide(spec.trials)
        let values = gridValues(k)
        var out = GridVsRandom(optimum: (0, 0), grid: [], random: [], gridBest: [], randomBest: [], gridGap: [], randomGap: [])
        for repeatIndex in 0..<spec.repeats {
            let optimum = (generator.uniform(), generator.uniform())
            let points = (0..<(k * k)).map { _ in (generator.uniform(), generator.uniform()) }
            func trial(_ p: (Double, Double)) -> Trial {
                Trial(important: p.0, other: p.1, objective: objective(p.0, p.1, optimum: optimum, width: spec.width))
            }
            let grid = values.flatMap { a in values.map { b in trial((a, b)) } }
            let random = points.map(trial)
            out.gridBest.append(grid.map(\.objective).max() ?? .nan)
            out.randomBest.append(random.map(\.objective).max() ?? .nan)
            out.gridGap.append(grid.map { abs($0.important - optimum.0) }.min() ?? .nan)
            out.randomGap.append(random.map { abs($0.important - optimum.0) }.min() ?? .nan)
            if repeatIndex == 0 {
                out.optimum = optimum
                out.grid = grid
                out.random = random
            }
        }
        return out
    }

    // MARK: - Coarse to fine

    struct SearchTrial: Sendable {
        var stage: Int
        var learningRate: Double
        var validationAccuracy: Double
        var testAccuracy: Double
        var diverged: Bool
    }

    struct CoarseToFine: Sendable {
        var trainingExamples: Int
        var validationExamples: Int
        var fineLow: Double, fineHigh: Double
        var trials: [SearchTrial]
    }

    /// The objective of a trial: its validation accuracy, 0 if it diverged.
    static func score(_ trial: SearchTrial) -> Double {
        trial.validationAccuracy.isNaN ? 0 : trial.validationAccuracy
    }

    static func coarseToFine(_ spec: HyperparameterSearchKind.Spec, context: DecodeContext, seed: UInt64) throws -> CoarseToFine {
        var generator = RandomGenerator(seed: seed)
        var draws = generator.split()
        let trainSeed = generator.next()
        func stage(_ index: Int, _ low: Double, _ high: Double) throws -> (TrainExperiment.Result, [SearchTrial]) {
            let rates = (0..<spec.trials).map { _ in pow(10, draws.uniform(log10(low), log10(high))) }
            let result = try TrainExperiment(spec: spec.trainSpec(learningRates: rates)).run(context: context, seed: trainSeed)
            let trials = zip(rates, result.variants).map { rate, r in
                SearchTrial(stage: index, learningRate: rate, validationAccuracy: r.validationAccuracy,
                            testAccuracy: r.testAccuracy, diverged: r.divergence != nil)
            }
            return (result, trials)
        }
        let (coarseResult, coarse) = try stage(0, spec.low, spec.high)
        let best = TableBetter.higher.leader(of: coarse.map(score)).map { coarse[$0].learningRate } ?? spec.low
        let half = spec.zoom.squareRoot()
        let fineLow = best / half, fineHigh = min(best * half, 100)
        let (_, fine) = try stage(1, fineLow, fineHigh)
        return CoarseToFine(trainingExamples: coarseResult.trainingExamples, validationExamples: coarseResult.validationExamples,
                            fineLow: fineLow, fineHigh: fineHigh, trials: coarse + fine)
    }
}
