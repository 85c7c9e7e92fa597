import Testing
@testable import Experiments

/// What a seeded chart's text (its `<desc>` for screen readers) says: the
/// numbers the chart draws — the mean and the lowest and highest run — not
/// the first seed's.
@Suite struct SeedChartTextTests {
    /// One run's chart whose summary, as the kinds write it, quotes that run's numbers.
    func run(_ accuracy: Double, points: Int = 2, reference: String = "weight scaling") -> ExperimentOutcome {
        let x = (0..<points).map { Double($0 + 1) }
        let y = x.map { accuracy + 0.01 * $0 }
        let chart = Chart(title: "accuracy against K", xLabel: "K", yLabel: "accuracy (%)", series: [Chart.Series(name: "MC", x: x, y: y)],
                          referenceLines: [.init(label: reference, y: accuracy + 0.005)],
                          summary: "Accuracy against K: " + y.map { ReportFormat.percent($0) }.joined(separator: ", ") + ".",
                          yFormat: .percent)
        return ExperimentOutcome(values: Record(["accuracy": .number(accuracy)]), presentation: [.chart(chart)])
    }

    func chart(_ outcome: ExperimentOutcome) -> Chart? {
        outcome.presentation.lazy.compactMap { if case .chart(let c) = $0 { return c } else { return nil } }.first
    }

    @Test func theTextReadsTheMeanAndTheSpreadNotTheFirstSeed() throws {
        let combined = ExperimentOutcome(summarizing: [run(0.90), run(0.92), run(0.94)], seeds: [1, 2, 3])
        let summary = try #require(chart(combined)).summary
        #expect(summary.hasPrefix("Mean over 3 seeds of accuracy (%) against K, in brackets the lowest to the highest run."))
        // Which seeds is with the block's source, not read out by a screen reader.
        #expect(!summary.contains("seeds 1"))
        // Means 93 % and 94 %; the runs span 91–95 % and 92–96 %.
        #expect(summary.contains("MC: 1: 93.0 % (91.0 % to 95.0 %), 2: 94.0 % (92.0 % to 96.0 %)."))
        #expect(summary.contains("Reference lines (mean over 3 seeds): weight scaling at 92.5 %."))
        // The first seed's sentence ("91.0 %, 92.0 %" from 0.90 + 0.01 …) is gone.
        #expect(!summary.contains("Accuracy against K"))
        #expect(try #require(chart(combined)).seedRuns == 3)
    }

    @Test func wordsThatNameNoRunsNumbersAreKept() throws {
        var runs = [run(0.90), run(0.94)]
        for i in runs.indices {
            guard case .chart(var c) = runs[i].presentation[0] else { continue }
            c.summary = "One line per network."
            runs[i].presentation[0] = .chart(c)
        }
        let summary = try #require(chart(ExperimentOutcome(summarizing: runs, seeds: [4, 9]))).summary
        #expect(summary.hasPrefix("One line per network. Mean over 2 seeds of accuracy (%) against K, "
            + "in brackets the lowest to the highest run. MC: 1: 93.0 % (91.0 % to 95.0 %), 2: 94.0 % (92.0 % to 96.0 %)."))
    }

    @Test func referenceLinesThatDifferBetweenSeedsAreNamedAsTheFirstSeeds() throws {
        let combined = ExperimentOutcome(summarizing: [run(0.90), run(0.92, reference: "no dropout")], seeds: [5, 6])
        let summary = try #require(chart(combined)).summary
        #expect(summary.contains("Reference lines of the first seed (they differ between the seeds): weight scaling at 90.5 %."))
    }

    @Test func aLongSeriesIsReadByItsEndsAndExtremes() throws {
        let combined = ExperimentOutcome(summarizing: [run(0.5, points: 20), run(0.7, points: 20)], seeds: [1, 2])
        let summary = try #require(chart(combined)).summary
        #expect(summary.contains("MC: 20 points; first 1: 61.0 % (51.0 % to 71.0 %); last 20: 80.0 % (70.0 % to 90.0 %); "
            + "lowest mean 1: 61.0 % (51.0 % to 71.0 %); highest mean 20: 80.0 % (70.0 % to 90.0 %)."))
    }

    @Test func whiskersARunAlreadyDrewAreSaidToBeTheRuns() throws {
        func timed(_ median: Double) -> ExperimentOutcome {
            let chart = Chart(title: "time", style: .bar, categories: ["scalar", "BLAS"],
                              series: [Chart.Series(name: "median of 5 runs", y: [median, median / 10],
                                                    yLow: [median * 0.9, median / 11], yHigh: [median * 1.2, median / 9])],
                              summary: "scalar \(median) ms")
            return ExperimentOutcome(values: Record(["n": .number(0)]), presentation: [.chart(chart)])
        }
        let summary = try #require(chart(ExperimentOutcome(summarizing: [timed(10), timed(20)], seeds: [1, 2]))).summary
        #expect(summary.hasPrefix("Mean over 2 seeds, in brackets the lowest to the highest of the runs' own whiskers or band."))
        #expect(summary.contains("median of 5 runs: scalar: 15 (9 to 24), BLAS: 1.5 (0.909 to 2.22)."))
    }

    @Test func aTableCaptionThatDiffersBetweenSeedsSaysWhoseItIs() throws {
        func run(_ n: Int) -> ExperimentOutcome {
            let table = ResultTable(caption: "After \(n) steps.", columns: [.init("loss")],
                                    rows: [[ResultTable.Cell("0.5", value: 0.5)]])
            return ExperimentOutcome(values: Record(["n": .number(0)]), presentation: [.table(table)])
        }
        let combined = ExperimentOutcome(summarizing: [run(10), run(12)], seeds: [3, 4])
        guard case .table(let table) = combined.presentation[0] else { Issue.record("no table"); return }
        #expect(table.caption == "After 10 steps. (The first seed's; the numbers differ for the other seeds.)")
        let same = ExperimentOutcome(summarizing: [run(10), run(10)], seeds: [3, 4])
        guard case .table(let kept) = same.presentation[0] else { Issue.record("no table"); return }
        #expect(kept.caption == "After 10 steps.")
    }
}
