import Testing
@testable import Experiments

/// Long series drawn at display resolution (``Chart/Series/downsampled(to:)``).
@Suite struct ChartDownsamplingTests {
    /// A noisy decreasing curve, the same on every run: a loss per step.
    func noisyCurve(_ count: Int) -> Chart.Series {
        var state: UInt64 = 12345
        var y: [Double] = []
        for i in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Double(state >> 11) / Double(1 << 53) - 0.5
            y.append(2 / (1 + Double(i) / 500) + noise)
        }
        return Chart.Series(name: "loss", x: (0..<count).map { Double($0 + 1) / 100 }, y: y)
    }

    @Test func keepsFirstLastMinimumAndMaximum() throws {
        let series = noisyCurve(4_505)
        let shown = series.downsampled()
        #expect(shown.y.count == Chart.Series.displayPoints)
        #expect(shown.x.count == shown.y.count)
        #expect(shown.x.first == series.x.first && shown.y.first == series.y.first)
        #expect(shown.x.last == series.x.last && shown.y.last == series.y.last)
        let low = try #require(shown.yLow), high = try #require(shown.yHigh)
        #expect(low.count == shown.y.count && high.count == shown.y.count)
        #expect(low.min() == series.y.min())
        #expect(high.max() == series.y.max())
        #expect(zip(shown.x, shown.x.dropFirst()).allSatisfy { $0 < $1 })
        for i in shown.y.indices { #expect(low[i] <= shown.y[i] && shown.y[i] <= high[i]) }
        #expect(shown.name == series.name && shown.dashed == series.dashed)
    }

    /// Every original point lies inside the band of the run it belongs to,
    /// and each run's mean is the mean of its points.
    @Test func everyPointIsInsideItsRunsBand() throws {
        let series = noisyCurve(1_003)
        let shown = series.downsampled(to: 10)
        #expect(shown.y.count == 10)
        let low = try #require(shown.yLow), high = try #require(shown.yHigh)
        // 1,001 inner points in 8 runs of 125 or 126.
        var start = 1
        for run in 0..<8 {
            let end = 1 + (run + 1) * 1_001 / 8
            #expect((125...126).contains(end - start))
            let points = series.y[start..<end]
            #expect(points.allSatisfy { low[run + 1] <= $0 && $0 <= high[run + 1] })
            #expect(points.min() == low[run + 1] && points.max() == high[run + 1])
            let mean = points.reduce(0, +) / Double(points.count)
            #expect(abs(shown.y[run + 1] - mean) <= 1e-12)
            start = end
        }
        #expect(start == 1_002)
    }

    @Test func shortSeriesAreUnchanged() {
        let series = noisyCurve(Chart.Series.displayPoints)
        #expect(series.downsampled() == series)
        #expect(noisyCurve(2).downsampled(to: 1) == noisyCurve(2))
    }

    /// Seeds of one block make series of one length: their points stay aligned.
    @Test func seriesOfOneLengthShareTheirX() {
        var other = noisyCurve(2_000)
        other.y = other.y.map { $0 * 3 }
        #expect(other.downsampled().x == noisyCurve(2_000).downsampled().x)
    }

    @Test func anExistingSpreadIsKeptAndNonFiniteValuesShow() throws {
        var series = noisyCurve(1_000)
        series.yLow = series.y.map { $0 - 1 }
        series.yHigh = series.y.map { $0 + 1 }
        series.y[500] = .infinity
        let shown = series.downsampled(to: 100)
        let low = try #require(shown.yLow), high = try #require(shown.yHigh)
        #expect(low.min() == series.yLow?.min())
        #expect(high.max() == series.yHigh?.max())
        // The run holding the infinite loss has an infinite mean; its band stays finite.
        let diverged = try #require(shown.y.firstIndex { !$0.isFinite })
        #expect(low[diverged].isFinite && high[diverged].isFinite)
        #expect(shown.y.filter { !$0.isFinite }.count == 1)
    }

    /// The `train` kind's per-step chart: at most ``Chart/Series/displayPoints`` points a line, and the page says so.
    @Test func stepCurvesOfTheTrainKindAreDrawnAtDisplayResolution() throws {
        let (prepared, issues) = KindTesting.prepare(TrainKind.self, "hidden: []\nepochs: 2\nbatch_size: 1\ncurve: step\ntrain_fraction: 0.4\n")
        #expect(issues.isEmpty, "\(issues)")
        let outcome = try #require(prepared).presented(RunContext(seed: 1, decode: KindTesting.context))
        let steps = KindTesting.number(outcome.values, "variants[0].steps")
        #expect(steps > Double(Chart.Series.displayPoints))
        let chart = try #require(outcome.presentation.lazy.compactMap { item -> Chart? in
            if case .chart(let c) = item { c } else { nil } }.first)
        let line = try #require(chart.series.first)
        #expect(line.y.count == Chart.Series.displayPoints)
        #expect(line.yLow != nil && line.yHigh != nil)
        #expect(chart.summary.contains("drawn at that resolution"))
    }
}
