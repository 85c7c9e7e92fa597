import Testing
@testable import Experiments

/// How runs over several seeds are combined for the page.
@Suite struct SeedSummaryTests {
    typealias Cell = ResultTable.Cell

    func outcome(_ accuracy: Double, _ label: String, warning: String? = nil) -> ExperimentOutcome {
        var items: [PresentationItem] = [
            .metrics([Metric(label: "accuracy", value: "\(accuracy * 100) %", number: accuracy, style: .percent)]),
            .table(ResultTable(columns: [.init("net", numeric: false), .init("acc"), .init("note", numeric: false)], rows: [
                [Cell("a"), Cell("\(accuracy)", value: accuracy, style: .percent), Cell(label)],
            ])),
            .chart(Chart(title: "t", series: [Chart.Series(name: "s", x: [1, 2], y: [accuracy, accuracy + 0.1])])),
        ]
        if let warning { items.append(.warning(warning)) }
        return ExperimentOutcome(values: Record(["accuracy": .number(accuracy), "label": .string(label)]), presentation: items)
    }

    @Test func tablesShowMeanAndSpreadAndSayWhatDiffers() throws {
        let combined = ExperimentOutcome(summarizing: [outcome(0.9, "x"), outcome(0.92, "y"), outcome(0.94, "x")], seeds: [1, 2, 3])
        guard case .table(let table) = combined.presentation[1] else { Issue.record("no table"); return }
        let cell = table.rows[0][1]
        #expect(cell.text == "92.0 ± 2.0 %")
        #expect(abs(cell.value! - 0.92) < 1e-12 && abs(cell.spread! - 0.02) < 1e-12)
        #expect(table.rows[0][0].text == "a")
        #expect(table.rows[0][2].text == "x *")
        guard case .metrics(let metrics) = combined.presentation[0] else { Issue.record("no metrics"); return }
        #expect(metrics[0].value == "92.0 ± 2.0 %")
        guard case .chart(let chart) = combined.presentation[2] else { Issue.record("no chart"); return }
        #expect(chart.series[0].yLow == [0.9, 1.0] && chart.series[0].yHigh == [0.94, 1.04])
        #expect(abs(chart.series[0].y[0] - 0.92) < 1e-12)
        guard case .note(let note) = combined.presentation.last else { Issue.record("no note"); return }
        #expect(note.hasPrefix("Over 3 seeds: numbers are the mean ± standard deviation"))
        #expect(note.contains("Cells marked * differ between seeds"))
        #expect(combined.values["accuracy"] == .number((0.9 + 0.92 + 0.94) / 3))
        #expect(combined.values["label"] == .string("x"))
    }

    @Test func differingWarningsNameTheirSeeds() {
        let combined = ExperimentOutcome(summarizing: [outcome(0.5, "x", warning: "diverged at step 3"),
                                                       outcome(0.5, "x", warning: "diverged at step 5")], seeds: [7, 8])
        #expect(combined.presentation.contains(.warning("seed 7: diverged at step 3")))
        #expect(combined.presentation.contains(.warning("seed 8: diverged at step 5")))
    }

    @Test func meanAndSpreadFormatting() {
        #expect(SpreadFormat.meanSD(0.9321, 0.0043, style: .percent) == "93.21 ± 0.43 %")
        #expect(SpreadFormat.meanSD(0.4171, 0.031, style: .plain) == "0.417 ± 0.031")
        #expect(SpreadFormat.meanSD(12.5, 0, style: .plain, unit: "ms") == "12.50 ± 0.00 ms")
        #expect(SpreadFormat.meanSD(3.1e-11, 1e-12, style: .plain) == "3.1×10⁻¹¹ ± 1×10⁻¹²")
        #expect(SpreadFormat.meanSD(4.2, 0.5, style: .plain, unit: "×") == "4.20 ± 0.50×")
    }

    @Test func statistics() throws {
        #expect(try SeedStatistic.max.apply([.integer(3), .integer(5)]) == .integer(5))
        #expect(try SeedStatistic.mean.apply([.integer(3), .integer(4)]) == .number(3.5))
        #expect(throws: SeedStatisticError.self) { try SeedStatistic.mean.apply([.string("a"), .string("b")]) }
        #expect(try SeedStatistic.mean.apply([.string("a"), .string("a")]) == .string("a"))
        #expect(try SeedStatistic.sd.apply([.number(1)]) == .number(0))
        #expect(try SeedStatistic.max.apply([.number(.nan), .number(0.4), .number(0.5)]) == .number(0.5))
        #expect(try SeedStatistic.min.apply([.number(0.4), .number(.nan)]) == .number(0.4))
        #expect(try SeedStatistic.mean.apply([.number(0.4), .number(.nan)]).doubleValue!.isNaN)
        #expect(throws: SeedStatisticError.self) { try SeedStatistic.mean.apply([.numbers([1, 2]), .numbers([1])]) }
    }

    /// A table whose first seed marks row `a` better in a column, and whose
    /// other seeds make row `b` better on average.
    @Test func theBetterMarkFollowsTheMeansNotTheFirstSeed() throws {
        func table(_ a: Double, _ b: Double, lowerIsBetter: Bool = false) -> ExperimentOutcome {
            let best = lowerIsBetter ? (a < b ? 0 : 1) : (a > b ? 0 : 1)
            var rows = [[ResultTable.Cell("a"), ResultTable.Cell(String(a), value: a)],
                        [ResultTable.Cell("b"), ResultTable.Cell(String(b), value: b)]]
            rows[best][1].tone = .good
            let t = ResultTable(columns: [.init("variant", numeric: false), .init("score")], rows: rows)
            return ExperimentOutcome(values: Record(["a": .number(a)]), presentation: [.table(t)])
        }
        func marked(_ outcome: ExperimentOutcome) -> [String] {
            outcome.presentation.flatMap { item -> [String] in
                guard case .table(let t) = item else { return [] }
                return t.rows.filter { $0[1].tone == .good }.map { $0[0].text }
            }
        }
        // Seed 1: a 0.945 > b 0.94; seeds 2, 3: b ahead; means a 0.93 < b 0.9463.
        let higher = ExperimentOutcome(summarizing: [table(0.945, 0.94), table(0.92, 0.95), table(0.925, 0.949)], seeds: [1, 2, 3])
        #expect(marked(higher) == ["b"])
        // A loss, lower is better: seed 1 marks a (0.138 < 0.145), the means favour b.
        let lower = ExperimentOutcome(summarizing: [table(0.138, 0.145, lowerIsBetter: true), table(0.16, 0.13, lowerIsBetter: true),
                                                    table(0.155, 0.14, lowerIsBetter: true)], seeds: [1, 2, 3])
        #expect(marked(lower) == ["b"])
        // When the first seed agrees with the means nothing moves.
        let agreeing = ExperimentOutcome(summarizing: [table(0.9, 0.8), table(0.8, 0.7)], seeds: [1, 2])
        #expect(marked(agreeing) == ["a"])
    }

    /// A run that stopped early has no points past its end: the mean goes on
    /// over the runs still running (no gap where the first seed stopped), and
    /// the chart's description says from where and over how few.
    @Test func aMeanCurveGoesOnOverTheRunsStillRunning() throws {
        func run(_ y: [Double]) -> ExperimentOutcome {
            ExperimentOutcome(values: Record(), presentation: [.chart(Chart(
                title: "Learning curves", xLabel: "epoch", yLabel: "cross-entropy",
                series: [Chart.Series(name: "sgd", x: [1, 2, 3, 4], y: y)]))])
        }
        let summary = ExperimentOutcome(summarizing: [run([1, 0.5, .nan, .nan]), run([2, 1, 0.8, 0.6]), run([3, 1.5, 1.2, .nan])],
                                        seeds: [1, 2, 3])
        guard case .chart(let chart)? = summary.presentation.first else {
            Issue.record("no chart")
            return
        }
        let series = chart.series[0]
        #expect(series.y == [2, 1, 1, 0.6])
        #expect(series.yLow == [1, 0.5, 0.8, 0.6])
        #expect(series.yHigh == [3, 1.5, 1.2, 0.6])
        #expect(chart.summary.contains("Some runs stopped early (diverged or stopped by patience); from there a line is the mean of the runs still running: sgd from epoch 3 (down to 1 of 3 runs)."),
                "\(chart.summary)")
        // Where no run has a point, there is none to draw.
        let none = ExperimentOutcome(summarizing: [run([1, .nan, .nan, .nan]), run([2, .nan, .nan, .nan])], seeds: [1, 2])
        guard case .chart(let gap)? = none.presentation.first else { return }
        #expect(gap.series[0].y[0] == 1.5 && gap.series[0].y[1...].allSatisfy(\.isNaN))
        #expect(!gap.summary.contains("stopped early"))
    }
}
