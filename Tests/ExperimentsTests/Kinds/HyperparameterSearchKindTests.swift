import Foundation
import NeuralEngine
import Testing
@testable import Experiments

@Suite struct HyperparameterSearchKindTests {
    func prepare(_ body: String) -> (PreparedExperiment?, [SpecIssue]) {
        KindTesting.prepare(HyperparameterSearchKind.self, body)
    }

    func run(_ body: String, seed: UInt64 = 1) throws -> Record {
        let (prepared, issues) = prepare(body)
        #expect(issues.isEmpty, "\(issues)")
        return try #require(prepared).presented(RunContext(seed: seed, decode: KindTesting.context)).values
    }

    func number(_ r: Record, _ path: String) -> Double { KindTesting.number(r, path) }

    /// A percentage of the prose has one decimal; a number the run does not
    /// have is the mark for a missing number, never "NaN" or "nan %".
    @Test func aPercentageHasOneDecimal() {
        #expect(HyperparameterSearchKind.percent(0.1234) == "12.3 %")
        #expect(HyperparameterSearchKind.percent(.nan) == ReportFormat.missing)
        #expect(HyperparameterSearchKind.format(0.012345) == "0.0123")
        #expect(HyperparameterSearchKind.format(.nan) == ReportFormat.missing)
    }

    /// The prose of a run without the numbers it speaks of (an older cache,
    /// a run that stopped) shows the missing mark where a number was.
    @Test func proseWithoutItsNumbersShowsTheMissingMark() throws {
        let spec = try #require(try KindTesting.spec(HyperparameterSearchKind.self, "mode: grid_vs_random"))
        var p = Presenter(RunValues(Record([:])))
        let items = HyperparameterSearchKind.present(spec, &p)
        var texts: [String] = []
        for item in items {
            if case .chart(let chart) = item { texts.append(chart.summary) }
            if case .table(let table) = item { texts.append(table.caption) }
        }
        #expect(texts.contains { $0.contains("the optimum is at –, –.") }, "\(texts)")
        #expect(texts.contains { $0.contains("found the higher best in – of them") }, "\(texts)")
        #expect(!texts.contains { $0.contains("NaN") }, "\(texts)")
    }

    @Test func isRegistered() {
        #expect(KindRegistry.kind(named: "hyperparameter-search") != nil)
    }

    /// The decade fractions, recomputed here from the same seeded draws: the
    /// first 1000 draws of the generator are the uniform ones, the next 1000
    /// the exponents of the log-uniform ones.
    @Test func decadeFractionsMatchTheDraws() throws {
        let values = try run("mode: sampling\ndraws: 1000", seed: 5)
        var generator = RandomGenerator(seed: 5)
        let uniform = (0..<1000).map { _ in generator.uniform(1e-4, 1) }
        let exponents = (0..<1000).map { _ in generator.uniform(-4, 0) }
        for d in 0..<4 {
            let lo = Double(d - 4)
            let u = Double(uniform.filter { log10($0) >= lo && log10($0) < lo + 1 }.count) / 1000
            let l = Double(exponents.filter { $0 >= lo && $0 < lo + 1 }.count) / 1000
            #expect(abs(number(values, "uniform.decade_fractions[\(d)]") - u) < 1e-12, "decade \(d)")
            #expect(abs(number(values, "log.decade_fractions[\(d)]") - l) < 1e-12, "decade \(d)")
        }
        // Uniform puts about 90 % in the top decade, log-uniform about 25 % in each.
        #expect(number(values, "uniform.top_decade") > 0.85)
        #expect(number(values, "log.min_decade_fraction") > 0.18 && number(values, "log.max_decade_fraction") < 0.32)
        // β ≥ 0.99: 0.009 / 0.099 ≈ 9 % uniformly, half on a log scale of 1 − β.
        #expect(number(values, "momentum.uniform_above_0_99") < 0.15)
        #expect(abs(number(values, "momentum.log_above_0_99") - 0.5) < 0.06)
    }

    @Test func gridTriesKValuesRandomTriesAll() throws {
        let values = try run("mode: grid_vs_random\ntrials: 9\nrepeats: 50")
        #expect(number(values, "grid.distinct_important") == 3)
        #expect(number(values, "random.distinct_important") == 9)
        let expected: [Double] = [1.0 / 6, 3.0 / 6, 5.0 / 6]
        let grid = HyperparameterSearch.gridValues(3)
        for i in 0..<3 {
            let difference = abs(grid[i] - expected[i])
            #expect(difference < 1e-12)
        }
        // A grid's gap is at most half a cell (1/6), its mean 1/12 for a uniform optimum.
        #expect(number(values, "grid.gap_mean") <= 1.0 / 6)
        #expect(number(values, "random.gap_mean") < number(values, "grid.gap_mean"))
        #expect(number(values, "random.best_mean") > number(values, "grid.best_mean"))
        let four = try run("mode: grid_vs_random\ntrials: 16\nrepeats: 5")
        #expect(number(four, "grid.distinct_important") == 4 && number(four, "random.distinct_important") == 16)
    }

    @Test func coarseToFineZoomsAroundTheBestCoarseTrial() throws {
        let values = try run("mode: coarse_to_fine\ntrials: 4\nepochs: 1\nhidden: [8]")
        let coarse = (0..<4).map { number(values, "trials[\($0)].validation_accuracy") }
        let rates = (0..<4).map { number(values, "trials[\($0)].learning_rate") }
        let best = rates[coarse.firstIndex(of: coarse.max()!)!]
        #expect(abs(number(values, "coarse.best_lr") - best) < 1e-12)
        let expectedLow: Double = best / 10.0.squareRoot()
        let lowError: Double = abs(number(values, "fine.range_low") - expectedLow)
        #expect(lowError < 1e-9 * best)
        for i in 4..<8 {
            let rate = number(values, "trials[\(i)].learning_rate")
            let low: Double = number(values, "fine.range_low") * (1 - 1e-12)
            let high: Double = number(values, "fine.range_high") * (1 + 1e-12)
            #expect(rate >= low)
            #expect(rate <= high)
            #expect(number(values, "trials[\(i)].stage") == 1)
        }
        for r in rates { #expect(r >= 1e-4 && r <= 1) }
    }

    @Test func errorsNameTheKey() throws {
        let (_, square) = prepare("mode: grid_vs_random\ntrials: 10")
        #expect(square.contains { $0.message.contains("must be a square") }, "\(square)")
        let (_, wrongMode) = prepare("mode: sampling\nepochs: 3")
        let epochs = try #require(wrongMode.first { $0.message == "'epochs' applies to mode: coarse_to_fine, not sampling" }, "\(wrongMode)")
        #expect(epochs.line == 2 && epochs.column == 9)
        #expect(epochs.notes == ["with mode: sampling the block reads draws, low, high"])
        let (_, order) = prepare("mode: sampling\nlow: 1\nhigh: 0.1")
        #expect(order.contains { $0.message.contains("must be below 'high'") }, "\(order)")
        let (_, budget) = prepare("mode: coarse_to_fine\ntrials: 64\nepochs: 100\nhidden: [256, 256]")
        #expect(budget.contains { $0.message.contains("more than the budget") }, "\(budget)")
    }

    /// Over seeds the momentum table is the mean of each seed's fractions,
    /// and the scatter of trials is the first seed's, saying so.
    @Test func overSeedsTablesAreMeansAndTheTrialsTheFirstSeeds() throws {
        func outcome(_ body: String, seeds: [UInt64]) throws -> (ExperimentOutcome, [ExperimentOutcome]) {
            let (prepared, issues) = KindTesting.prepare(HyperparameterSearchKind.self, body, seeds: seeds.count)
            #expect(issues.isEmpty, "\(issues)")
            let experiment = try #require(prepared)
            let runs = try seeds.map { try experiment.run(RunContext(seed: $0, decode: KindTesting.context)) }
            return (experiment.outcome(of: runs, seeds: seeds), runs)
        }
        let (sampling, samplingRuns) = try outcome("mode: sampling\ndraws: 200", seeds: [1, 2, 3])
        let table = try #require(sampling.presentation.lazy.compactMap { if case .table(let t) = $0 { return t } else { return nil } }.first)
        let high: Double = samplingRuns.map { number($0.values, "momentum.uniform_above_0_99") }.reduce(0, +) / 3
        let shownHigh = try #require(table.rows[0][2].value), shownBelow = try #require(table.rows[0][1].value)
        #expect(abs(shownHigh - high) < 1e-12)
        #expect(abs(shownBelow - (1 - high)) < 1e-12)

        let (grid, gridRuns) = try outcome("mode: grid_vs_random\ntrials: 4\nrepeats: 20", seeds: [1, 2])
        let chart = try #require(grid.presentation.lazy.compactMap { if case .chart(let c) = $0 { return c } else { return nil } }.first)
        #expect(chart.series[1].x.count == 4)
        #expect(chart.series[1].x == KindTesting.value(gridRuns[0].values, "random.important")?.listItems.map { $0.doubleValue ?? .nan })
        #expect(chart.seedRuns == nil)
        #expect(grid.presentation.contains { if case .note(let n) = $0 { return n.hasPrefix("The chart shows the first of the 2 seeds") } else { return false } })
    }

    /// Each seed draws its own learning rates, so over seeds the stage's
    /// "learning rates drawn" is the range they all drew (lowest low to
    /// highest high), not one seed's range with "(1 of 3)".
    @Test func overSeedsTheRatesDrawnSpanEverySeed() throws {
        let seeds: [UInt64] = [1, 2, 3]
        let (prepared, issues) = KindTesting.prepare(HyperparameterSearchKind.self, "mode: coarse_to_fine\ntrials: 4\nepochs: 1\nhidden: [8]", seeds: 3)
        #expect(issues.isEmpty, "\(issues)")
        let experiment = try #require(prepared)
        let runs = try seeds.map { try experiment.run(RunContext(seed: $0, decode: KindTesting.context)) }
        let shown = experiment.outcome(of: runs, seeds: seeds).presentation
        let table = try #require(shown.lazy.compactMap { if case .table(let t) = $0 { return t } else { return nil } }.first)
        let column = try #require(table.columns.firstIndex { $0.title == "learning rates drawn" })
        for (row, stage) in ["coarse", "fine"].enumerated() {
            let low = runs.map { number($0.values, "\(stage).low") }.min()!
            let high = runs.map { number($0.values, "\(stage).high") }.max()!
            let each = runs.map { ResultValue.format(number($0.values, "\(stage).low"), significant: 3) }
            #expect(Set(each).count > 1, "the seeds drew the same lowest rate: the test shows nothing")
            let expected = ResultValue.format(low, significant: 3) + " – " + ResultValue.format(high, significant: 3)
            #expect(table.rows[row][column].text == expected && table.rows[row][column].seedsShown == nil)
        }
        #expect(table.caption.hasSuffix("the learning rates drawn span the lowest to the highest that any of them drew."))
    }
}
