import Testing
@testable import Experiments

/// A block's presentation is built from its runs' values: one run's as it
/// is, several seeds' from their means and spreads.
@Suite struct PresenterTests {
    /// Runs whose `net` list has one record (accuracy, a label, a curve).
    func runs(_ accuracies: [Double], labels: [String]? = nil, curves: [[Double]]? = nil) -> RunValues {
        let records = accuracies.indices.map { i in
            Record(["net": .list([.record(Record([
                "label": .string("a"), "accuracy": .number(accuracies[i]),
                "note": .string(labels?[i] ?? "x"), "curve": .numbers(curves?[i] ?? [accuracies[i], accuracies[i] + 0.1]),
            ]))])])
        }
        return RunValues(records: records, seeds: accuracies.count > 1 ? (1...UInt64(accuracies.count)).map { $0 } : [])
    }

    func items(_ values: RunValues) -> [PresentationItem] {
        var p = Presenter(values)
        let table = p.table(caption: "", rows: p["net"], columns: [
            .text("net", "label"), .percent("acc", "accuracy", format: { "\($0 * 100) %" }), .text("note", "note"),
        ])
        let metric = p.metric("accuracy", p["net"][0]["accuracy"], style: .percent) { "\($0 * 100) %" }
        let chart = p.chart(Chart(title: "t", series: p.lines(rows: p["net"], x: [1, 2], y: "curve")))
        return p.finish([.metrics([metric]), table, chart])
    }

    @Test func oneRunIsShownAsItIs() throws {
        let shown = items(runs([0.9]))
        guard case .table(let table) = shown[1] else { Issue.record("no table"); return }
        #expect(table.rows[0].map(\.text) == ["a", "90.0 %", "x"])
        #expect(table.rows[0][1].spread == nil)
        guard case .chart(let chart) = shown[2] else { Issue.record("no chart"); return }
        #expect(chart.series[0].y == [0.9, 1.0] && chart.series[0].yLow == nil && chart.seedRuns == nil)
        #expect(shown.count == 3)
    }

    @Test func seedsShowMeanAndSpreadAndSayWhatDiffers() throws {
        let shown = items(runs([0.9, 0.92, 0.94], labels: ["x", "y", "x"]))
        guard case .table(let table) = shown[1] else { Issue.record("no table"); return }
        let cell = table.rows[0][1]
        #expect(cell.text == "92.0 ± 2.0 %")
        #expect(abs(cell.value! - 0.92) < 1e-12 && abs(cell.spread! - 0.02) < 1e-12)
        #expect(table.rows[0][0].text == "a")
        #expect(table.rows[0][2].text == "x (2 of 3)" && table.rows[0][2].seedsShown == 2)
        guard case .metrics(let metrics) = shown[0] else { Issue.record("no metrics"); return }
        #expect(metrics[0].value == "92.0 ± 2.0 %")
        guard case .chart(let chart) = shown[2] else { Issue.record("no chart"); return }
        #expect(chart.series[0].yLow == [0.9, 1.0] && chart.series[0].yHigh == [0.94, 1.04])
        #expect(abs(chart.series[0].y[0] - 0.92) < 1e-12)
        #expect(chart.seedRuns == 3)
        #expect(chart.summary.hasPrefix("Mean over 3 seeds"))
        guard case .note(let note) = shown.last else { Issue.record("no note"); return }
        #expect(note.hasPrefix("Over 3 seeds: numbers are the mean ± standard deviation"))
        #expect(note.hasSuffix(ExperimentOutcome.partialTextsSentence) && !note.contains(ExperimentOutcome.partialNumbersSentence))
    }

    @Test func aCellEveryRunWritesTheSameIsThatText() {
        var p = Presenter(runs([0.9001, 0.9002]))
        let cell = p.cell(p["net"][0]["accuracy"], style: .percent) { String(format: "%.1f %%", $0 * 100) }
        #expect(cell.text == "90.0 %")
        #expect(cell.spread != nil)
    }

    /// Seeds that diverged measured no number: the cell is the mean of the
    /// others and says for how many it stands, never one seed's figure.
    @Test func aCellSomeSeedsMeasuredIsTheirMeanAndSaysHowMany() {
        var p = Presenter(RunValues(records: [Record(), Record(), Record(), Record()], seeds: [1, 2, 3, 4]))
        let cells = [ResultTable.Cell("diverged", tone: .bad), .init("0.2", value: 0.2), .init("diverged", tone: .bad), .init("0.4", value: 0.4)]
        let cell = p.cell(eachRun: cells)
        #expect(cell.text == SpreadFormat.meanSD(0.3, SeedStatistic.standardDeviation([0.2, 0.4]), style: .plain, unit: "") + " (2 of 4)")
        #expect(cell.value == nil && cell.seedsShown == 2 && cell.tone == .plain)
        let texts = p.cell(eachRun: [.init("high bias"), .init("neither"), .init("neither"), .init("high bias"), .init("neither")])
        #expect(texts.text == "neither (3 of 5)")
        let tie = p.cell(eachRun: [.init("b"), .init("a"), .init("a"), .init("b")])
        #expect(tie.text == "b (2 of 4)")
    }

    /// A number written with significant digits says what it is when it
    /// is not finite: NaN is not "−∞".
    @Test func significantDigitsWriteNaNAndInfinityAsSuch() {
        let three = Presenter.significant(3)
        #expect(three(.nan) == "NaN")
        #expect(three(-.infinity) == "−∞" && three(.infinity) == "∞")
        #expect(three(0.012345) == "0.0123")
    }

    /// A number a run lacks, or could not measure (NaN), is the one missing
    /// cell in every column, whatever the column's format; over seeds it stays
    /// missing when every run lacks it, and a count of runs is a text.
    @Test func aNumberThatIsNotThereIsTheMissingCell() {
        let rows: [ResultValue] = [.record(Record(["name": .string("a"), "x": .number(.nan)])), .record(Record(["name": .string("b")]))]
        var p = Presenter(RunValues(records: [Record(["rows": .list(rows)])]))
        let table = p.table(caption: "", rows: p["rows"], columns: [
            .text("name", "name"), .number("x", "x"), .percent("x %", "x"), .count("n", "x"), .label("label", "x"), .text("text", "x"),
        ])
        guard case .table(let shown) = table else { Issue.record("no table"); return }
        for row in shown.rows {
            #expect(row.dropFirst().allSatisfy { $0 == .missing && $0.text == ReportFormat.missing })
        }
        var seeds = Presenter(RunValues(records: [Record(), Record(), Record()], seeds: [1, 2, 3]))
        #expect(seeds.cell(eachRun: [.missing, .missing, .missing]) == .missing)
        let some = seeds.cell(eachRun: [.missing, .missing, .init("not reached")])
        #expect(some.text == "– (2 of 3)" && !some.isMissing)
    }

    @Test func warningsNameTheSeedsThatRaisedThem() {
        let p = Presenter(RunValues(records: [Record(["step": .integer(3)]), Record(["step": .integer(5)]), Record(["step": .integer(3)])],
                                    seeds: [7, 8, 9]))
        let shown = p.warnings { run in ["diverged at step \(run["step"]!.formatted)"] }
        #expect(shown == [.warning("seeds 7, 9: diverged at step 3"), .warning("seed 8: diverged at step 5")])
        let every = p.warnings { _ in ["slow"] }
        #expect(every == [.warning("slow")])
    }

    @Test func aNoteThatDiffersBetweenSeedsIsWrittenFromTheMeans() {
        let p = Presenter(RunValues(records: [Record(["x": .number(1)]), Record(["x": .number(3)])], seeds: [1, 2]))
        #expect(p.note { "x is \($0["x"]!.formatted)." } == .note("x is 2. (Mean over 2 seeds.)"))
        #expect(p.note { _ in "Same words." } == .note("Same words."))
    }

    /// A run that stopped early has no points past its end: the mean goes on
    /// over the runs still running, and the chart's description says so.
    @Test func aMeanCurveGoesOnOverTheRunsStillRunning() throws {
        var p = Presenter(runs([0, 0, 0], curves: [[1, 0.5], [2, 1, 0.8, 0.6], [3, 1.5, 1.2]]))
        guard case .chart(let chart) = p.chart(Chart(title: "Learning curves", xLabel: "epoch", yLabel: "cross-entropy",
                                                     series: p.lines(rows: p["net"], x: [1, 2, 3, 4], y: "curve"))) else { return }
        let series = chart.series[0]
        #expect(series.y == [2, 1, 1, 0.6])
        #expect(series.yLow == [1, 0.5, 0.8, 0.6])
        #expect(series.yHigh == [3, 1.5, 1.2, 0.6])
        #expect(chart.summary.contains("from there a line is the mean of the runs still running: a from epoch 3 (down to 1 of 3 runs)."),
                "\(chart.summary)")
    }

    /// A seeded chart's text (its `<desc>` for screen readers) reads the
    /// numbers it draws — the mean and the lowest and highest run.
    @Test func aSeededChartsTextReadsTheMeanAndTheSpread() throws {
        let values = RunValues(records: [0.90, 0.92, 0.94].map { a in Record(["curve": .numbers([a + 0.01, a + 0.02])]) }, seeds: [1, 2, 3])
        var p = Presenter(values)
        let series = p.series("MC", x: [1, 2], y: p["curve"])
        guard case .chart(let chart) = p.chart(Chart(title: "accuracy against K", xLabel: "K", yLabel: "accuracy (%)", series: [series],
                                                     referenceLines: [.init(label: "weight scaling", y: 0.925)], yFormat: .percent)) else { return }
        #expect(chart.summary.hasPrefix("Mean over 3 seeds of accuracy (%) against K, in brackets the lowest to the highest run."))
        #expect(!chart.summary.contains("seeds 1"))
        #expect(chart.summary.contains("MC: 1: 93.0 % (91.0 % to 95.0 %), 2: 94.0 % (92.0 % to 96.0 %)."), "\(chart.summary)")
        #expect(chart.summary.contains("Reference lines (mean over 3 seeds): weight scaling at 92.5 %."))
        #expect(chart.seedRuns == 3)
    }

    /// Whiskers a run drew itself (the fastest and slowest of repeated
    /// timings) are spanned by the band over seeds, and the text says so.
    @Test func whiskersARunAlreadyDrewAreSaidToBeTheRuns() throws {
        let values = RunValues(records: [10.0, 20.0].map { m in Record([
            "median": .numbers([m, m / 10]), "low": .numbers([m * 0.9, m / 11]), "high": .numbers([m * 1.2, m / 9]),
        ]) }, seeds: [1, 2])
        var p = Presenter(values)
        let series = p.series("median of 5 runs", x: [], y: p["median"], low: p["low"], high: p["high"])
        guard case .chart(let chart) = p.chart(Chart(title: "time", style: .bar, categories: ["scalar", "BLAS"], series: [series])) else { return }
        #expect(chart.summary.hasPrefix("Mean over 2 seeds, in brackets the lowest to the highest of the runs' own whiskers or band."))
        #expect(chart.summary.contains("median of 5 runs: scalar: 15 (9 to 24), BLAS: 1.5 (0.909 to 2.22)."), "\(chart.summary)")
    }

    /// A key figure naming a choice shows, over seeds, the one most runs
    /// made and in how many; a number, the mean ± sd.
    @Test func keyFiguresOverSeedsShowMeansOrTheMostCommonChoice() {
        let values = RunValues(records: [("64 units", 1.0), ("256 units", 2.0), ("256 units", 3.0)].map { choice, ms in
            Record(["best": .string(choice), "ms": .number(ms)])
        }, seeds: [11, 12, 13])
        var p = Presenter(values)
        let best = p.choice("best") { run in (Presenter.plainText(run["best"]), "validation \(run["ms"]!.formatted) %") }
        #expect(best.value == "256 units")
        // The two seeds that chose it disagree on its detail: only how many chose it.
        #expect(best.detail == "in 2 of 3 seeds")
        // Every seed chose the same: its detail quotes the means, not the first seed.
        let agreed = p.choice("model") { run in ("a net", "validation \(run["ms"]!.formatted) %") }
        #expect(agreed.value == "a net" && agreed.detail == "validation 2 %")
        let time = p.metric("time", p["ms"], unit: "ms") { ResultValue.format($0) + " ms" }
        #expect(time.value == "2.0 ± 1.0 ms")
    }

    /// Three rows over three seeds: `a` diverged in one seed (NaN) and has
    /// the lowest mean of the two others; `b` and `c` have a number in every run.
    func rowsOneSeedDivergedIn() -> RunValues {
        let losses: [(a: Double, b: Double, c: Double)] = [(0.01, 0.3, 0.5), (.nan, 0.2, 0.4), (0.03, 0.4, 0.6)]
        let records = losses.map { run in
            Record(["rows": .list([("a", run.a), ("b", run.b), ("c", run.c)].map { name, loss in
                .record(Record(["name": .string(name), "loss": .number(loss)]))
            })])
        }
        return RunValues(records: records, seeds: [1, 2, 3])
    }

    /// A row some seeds diverged on is never the best, however good the mean
    /// of the seeds that survived: the best mark goes to the lowest mean among
    /// the rows with a number in every run, in every way a kind marks it.
    @Test func aRowMissingANumberInOneRunIsNeverMarkedBest() throws {
        var p = Presenter(rowsOneSeedDivergedIn())
        let rows = p["rows"]
        #expect(rows[0]["loss"].mean < rows[1]["loss"].mean)
        #expect(p.lowestMean(rows, "loss") == 1)
        let highlighted = Presenter.Column.number("loss", "loss").highlighted(p.lowestMean(rows, "loss"), in: rows, key: "name")
        guard case .table(let table) = p.table(caption: "", rows: rows, columns: [.text("name", "name"), highlighted]) else {
            Issue.record("no table")
            return
        }
        #expect(table.rows.map { $0[1].tone } == [.plain, .highlight, .plain])
        let marked = p.table(caption: "", rows: rows, columns: [.text("name", "name"), .number("loss", "loss")],
                             best: (column: "loss", better: .lower))
        guard case .table(let best) = marked else {
            Issue.record("no table")
            return
        }
        #expect(best.rows.map { $0[1].tone } == [.plain, .good, .plain])
        // With a number in every run, the row with the lowest mean is the best.
        let complete = try #require(Presenter(rowsOneSeedDivergedIn()).subset { $0.records("rows")[0].number("loss").isFinite })
        #expect(complete.lowestMean(complete["rows"], "loss") == 0)
        // No row with a number in every run: no best.
        let none = Presenter(RunValues(records: [Record(["rows": .list([.record(Record(["loss": .number(.nan)]))])]),
                                                 Record(["rows": .list([.record(Record(["loss": .number(1)]))])])], seeds: [1, 2]))
        #expect(none.lowestMean(none["rows"], "loss") == nil)
    }

    /// One rule for a best row: the first with the best number, a row
    /// without one worse than any number, and no mark when no row did
    /// worse (a lone row, rows that all tie).
    @Test func theBestRowIsTheFirstBestThatBeatsSomeRow() {
        #expect(TableBetter.lower.best(of: [2, nil, 1, 1]) == 2)
        #expect(TableBetter.higher.best(of: [1, 3, 3, .nan]) == 1)
        #expect(TableBetter.lower.best(of: [5, nil]) == 0)
        #expect(TableBetter.lower.best(of: [5, .nan]) == 0)
        #expect(TableBetter.lower.best(of: [3, 3]) == nil)
        #expect(TableBetter.higher.best(of: [4]) == nil)
        #expect(TableBetter.higher.best(of: [nil, nil]) == nil)

        // The plain winner, for a figure that must name one (the lowest
        // validation error, the fastest variant): the same first-best row,
        // but named even when it is alone or every row ties.
        #expect(TableBetter.lower.leader(of: [2, nil, 1, 1]) == 2)
        #expect(TableBetter.higher.leader(of: [1, 3, 3, .nan]) == 1)
        #expect(TableBetter.lower.leader(of: [.nan, 5]) == 1)
        #expect(TableBetter.lower.leader(of: [3, 3]) == 0)
        #expect(TableBetter.higher.leader(of: [4]) == 0)
        #expect(TableBetter.higher.leader(of: [nil, .nan]) == nil)

        // A kind's choice and a kind's mark follow it: rows that tie have no best.
        let tied = Record(["rows": .list([("a", 3.0), ("b", 3.0)].map { name, loss in
            .record(Record(["name": .string(name), "loss": .number(loss)]))
        })])
        var p = Presenter(RunValues(records: [tied]))
        #expect(p.lowestMean(p["rows"], "loss") == nil)
        let marked = p.table(caption: "", rows: p["rows"], columns: [.text("name", "name"), .number("loss", "loss")],
                             best: (column: "loss", better: .lower))
        guard case .table(let table) = marked else {
            Issue.record("no table")
            return
        }
        #expect(table.rows.map { $0[1].tone } == [.plain, .plain])
    }

    /// The plain lowest row names one even when no row is marked best: the
    /// only row, the first of rows that tie; a row missing a number in some
    /// run is never it.
    @Test func theLowestRowIsNamedForALoneRowAndForTies() {
        func presenter(_ losses: [Double]) -> Presenter {
            let rows = Record(["rows": .list(losses.map { .record(Record(["loss": .number($0)])) })])
            return Presenter(RunValues(records: [rows]))
        }
        let lone = presenter([4])
        #expect(lone.lowestMean(lone["rows"], "loss") == nil)
        #expect(lone.lowestRow(lone["rows"], "loss") == 0)
        let tied = presenter([5, 3, 3])
        #expect(tied.lowestRow(tied["rows"], "loss") == 1)
        let missing = presenter([.nan, 2])
        #expect(missing.lowestRow(missing["rows"], "loss") == 1)
        let diverged = Presenter(rowsOneSeedDivergedIn())
        #expect(diverged.lowestRow(diverged["rows"], "loss") == 1)
        #expect(presenter([.nan]).lowestRow(presenter([.nan])["rows"], "loss") == nil)
    }

    /// Lists of several runs, averaged index by index over the runs that
    /// have a number there: a run that stopped early counts until it stopped.
    @Test func listsAreAveragedIndexByIndexOverTheRunsThatHaveANumber() {
        #expect(SeedStatistic.meanByIndex([[1, 2, 3], [3, .nan], [5]]) == [3, 2, 3])
        #expect(SeedStatistic.meanByIndex([[.nan], []]).count == 1)
        #expect(SeedStatistic.meanByIndex([[.nan], []])[0].isNaN)
        #expect(SeedStatistic.meanByIndex([]) == [])
    }
}
