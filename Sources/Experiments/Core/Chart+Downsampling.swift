extension Chart.Series {
    /// The most points a series keeps for drawing: a chart is a few hundred
    /// pixels wide, so more points only add to the cache and the page.
    public static let displayPoints = 500

    /// The series at display resolution: at most `limit` points (at least 3).
    ///
    /// The first and last points stay as they are; the points between are cut
    /// into `limit − 2` runs of consecutive points (their sizes differ by at
    /// most one), each drawn as its mean x and mean y, with `yLow`/`yHigh` the
    /// lowest and highest value in the run (or the run's lowest `yLow` and
    /// highest `yHigh` when the series has them), so the band still spans
    /// every point and the series' minimum and maximum survive. A non-finite
    /// value (a diverged run) makes its run's mean non-finite, as it should;
    /// the band then spans the run's finite values. A series of `limit`
    /// points or fewer is returned unchanged. The runs depend only on the
    /// count, so series of the same length (the seeds of one block) stay
    /// aligned point for point.
    public func downsampled(to limit: Int = Chart.Series.displayPoints) -> Chart.Series {
        let count = y.count
        let limit = Swift.max(limit, 3)
        guard count > limit, x.count == count else { return self }
        // A spread of another length than `y` breaks the model's rule; it is ignored rather than trusted.
        let lows = yLow?.count == count ? yLow : nil, highs = yHigh?.count == count ? yHigh : nil
        var out = Chart.Series(name: name, x: [], y: [], yLow: [], yHigh: [], dashed: dashed)
        func keep(_ i: Int) {
            out.x.append(x[i])
            out.y.append(y[i])
            out.yLow!.append(lows?[i] ?? y[i])
            out.yHigh!.append(highs?[i] ?? y[i])
        }
        keep(0)
        let inner = count - 2, runs = limit - 2
        for run in 0..<runs {
            let start = 1 + run * inner / runs, end = 1 + (run + 1) * inner / runs
            var sumX = 0.0, sumY = 0.0
            var low = Double.infinity, high = -Double.infinity
            for i in start..<end {
                sumX += x[i]
                sumY += y[i]
                let lo = lows?[i] ?? y[i], hi = highs?[i] ?? y[i]
                if lo.isFinite { low = Swift.min(low, lo) }
                if hi.isFinite { high = Swift.max(high, hi) }
            }
            let n = Double(end - start)
            let meanY = sumY / n
            out.x.append(sumX / n)
            out.y.append(meanY)
            // Only non-finite values in the run: no band, the mean says why.
            out.yLow!.append(low <= high ? low : meanY)
            out.yHigh!.append(low <= high ? high : meanY)
        }
        keep(count - 1)
        return out
    }
}
