extension Chart {
    /// A series of a seeded chart whose mean, from point ``from`` on, is over
    /// fewer runs than the block's (runs that stopped early have no point there).
    struct ThinnedMean: Hashable {
        var series: Int
        var from: Int
        var fewestRuns: Int
    }

    /// At most this many points of a series are read out one by one in a
    /// seeded chart's description; a longer series is described by its first
    /// and last points and where its mean is lowest and highest.
    static let pointsReadOut = 12

    /// The screen-reader description of a chart that stands for several runs
    /// (see ``seedRuns``), written from what it draws (and against what): each series' mean at
    /// every point with the lowest and highest run in brackets, and the
    /// reference lines' means.
    ///
    /// - Parameters:
    ///   - runsPhrase: "8 seeds" (which seeds is with the block's source: a
    ///     screen reader is not made to read out 16-digit numbers).
    ///   - ownSpread: whether a single run's chart already had whiskers or a
    ///     band (e.g. the fastest and slowest of repeated timings): the
    ///     brackets then span the runs' own whiskers.
    ///   - thinned: the series whose mean is, from some point on, over fewer
    ///     runs than the block's, because runs stopped early.
    func seedDescription(runsPhrase: String, ownSpread: Bool,
                         thinned: [ThinnedMean] = []) -> String {
        let bracket = ownSpread
            ? "in brackets the lowest to the highest of the runs' own whiskers or band"
            : "in brackets the lowest to the highest run"
        var what = "Mean over \(runsPhrase)"
        if !yLabel.isEmpty { what += " of \(yLabel)" }
        if !xLabel.isEmpty { what += " against \(xLabel)" }
        var sentences = [what + ", \(bracket)."]
        for series in series {
            sentences.append(describe(series))
        }
        if !thinned.isEmpty {
            let runs = seedRuns.map { " of \($0)" } ?? ""
            sentences.append("Some runs stopped early (diverged or stopped by patience); from there a line is the mean of the runs still running: "
                + thinned.map { "\(series[$0.series].name) from \(xLabel.isEmpty ? "" : xLabel + " ")\(position(series[$0.series], $0.from)) (down to \($0.fewestRuns)\(runs) runs)" }
                    .joined(separator: "; ") + ".")
        }
        if !referenceLines.isEmpty {
            let lines = referenceLines.map { "\($0.label) at \(value($0.y))" }.joined(separator: ", ")
            sentences.append("Reference lines (mean over \(runsPhrase)): \(lines).")
        }
        return sentences.joined(separator: " ")
    }

    /// "test accuracy: 1: 90.1 % (89.0 % to 91.2 %), 10: …."
    private func describe(_ series: Series) -> String {
        let points = series.y.indices.map { point(series, $0) }
        guard points.count > Self.pointsReadOut else {
            return "\(series.name): " + (points.isEmpty ? "no points" : points.joined(separator: ", ")) + "."
        }
        let finite = series.y.map { $0.isFinite ? $0 : nil }
        var parts = ["\(points.count.grouped) points", "first \(points[0])", "last \(points[points.count - 1])"]
        if let lowest = TableBetter.lower.leader(of: finite), let highest = TableBetter.higher.leader(of: finite) {
            parts.append("lowest mean \(point(series, lowest))")
            parts.append("highest mean \(point(series, highest))")
        }
        return "\(series.name): " + parts.joined(separator: "; ") + "."
    }

    /// "10: 90.1 % (89.0 % to 91.2 %)": where, the mean, and the spread drawn.
    private func point(_ series: Series, _ i: Int) -> String {
        var text = "\(position(series, i)): \(value(series.y[i]))"
        if let low = series.yLow, let high = series.yHigh, low.indices.contains(i), high.indices.contains(i) {
            text += " (\(value(low[i])) to \(value(high[i])))"
        }
        return text
    }

    private func position(_ series: Series, _ i: Int) -> String {
        if style == .bar { return categories.indices.contains(i) ? categories[i] : String(i + 1) }
        return series.x.indices.contains(i) ? ResultValue.format(series.x[i]) : String(i)
    }

    /// A y value as the axis reads it: a percentage for `.percent` charts.
    private func value(_ y: Double) -> String {
        yFormat == .percent ? ReportFormat.percent(y) : ReportFormat.number(y)
    }
}
