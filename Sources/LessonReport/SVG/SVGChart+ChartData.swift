import Foundation
import Experiments

extension SVGChart {
    /// A chart's values cleaned for drawing: anything an axis cannot show (NaN,
    /// ±∞, non-positive values on a log axis) is dropped here, once, so the
    /// drawing code never meets it. Nothing in here can fail.
    struct ChartData {
        /// A point of a line or scatter series; `nil` in a list marks a gap.
        struct Point: Equatable {
            var x: Double
            var y: Double
        }

        /// A whisker from `low` to `high` at `x` (a category index for bars).
        struct Whisker: Equatable {
            var x: Double
            var low: Double
            var high: Double
        }

        struct Series {
            /// Position in `Chart.series`; picks the colour and marker.
            var index: Int
            var name: String
            var dashed: Bool
            /// Line and scatter charts: points in the author's order, `nil` where
            /// a value was dropped (a line breaks there).
            var points: [Point?]
            /// Bar charts: one value per category, `nil` where there is none.
            var bars: [Double?]
            var whiskers: [Whisker]
            /// How many of `points` are not gaps.
            var drawablePointCount: Int
            /// The index of an earlier series this one lies on (within half a
            /// percent of the y range at every point): drawn so both show.
            var coincidesWith: Int? = nil
        }

        var style: Chart.Style
        var xScale: ScaleKind
        var yScale: ScaleKind
        var series: [Series]
        /// Bar charts: the category names (numbered "1", "2", … when the author
        /// gave none).
        var categories: [String]
        var referenceLines: [Chart.ReferenceLine]
        /// The author's y bounds the axis can show (a bound it cannot, or an
        /// empty range, is dropped here: the planner has reported it already).
        var yLower: Double?
        var yUpper: Double?

        /// Smallest and largest x over everything drawn (nil if nothing is).
        var xExtent: (Double, Double)?
        /// Smallest and largest y over points, bars, whiskers and reference lines.
        var yExtent: (Double, Double)?

        var isEmpty: Bool {
            series.allSatisfy { $0.drawablePointCount == 0 && !$0.bars.contains { $0 != nil } }
        }

        init(_ chart: Chart) {
            func element(_ values: [Double]?, _ index: Int) -> Double? {
                guard let values, values.indices.contains(index) else { return nil }
                return values[index]
            }
            style = chart.style
            // Fractions drawn as percentages, so the axis reads like the tables.
            let factor = chart.yFormat == .percent ? 100.0 : 1.0
            xScale = chart.style == .bar ? .linear : ScaleKind(chart.xScale)
            yScale = ScaleKind(chart.yScale)
            let yScale = yScale, xScale = xScale
            func usable(_ value: Double, _ scale: ScaleKind) -> Bool {
                value.isFinite && abs(value) <= 1e300 && (scale == .linear || value > 0)
            }

            var categoryCount = chart.categories.count
            if chart.style == .bar, categoryCount == 0 {
                categoryCount = chart.series.map(\.y.count).max() ?? 0
            }
            categories = chart.style != .bar ? [] :
                chart.categories.isEmpty ? (0..<categoryCount).map { String($0 + 1) } : chart.categories

            var xs: [Double] = [], ys: [Double] = []
            series = chart.series.enumerated().map { index, source in
                var points: [Point?] = []
                var bars: [Double?] = []
                var whiskers: [Whisker] = []
                // x is optional for line and scatter series: plain y values are
                // plotted against their index 0, 1, 2, …
                let count: Int
                switch chart.style {
                case .bar: count = min(source.y.count, categoryCount)
                case .line, .scatter: count = source.x.isEmpty ? source.y.count : min(source.x.count, source.y.count)
                }
                func xValue(_ i: Int) -> Double {
                    chart.style == .bar || source.x.isEmpty ? Double(i) : source.x[i]
                }
                for i in 0..<count {
                    let x = xValue(i), y = source.y[i] * factor
                    let xOK = chart.style == .bar || usable(x, xScale)
                    let yOK = usable(y, yScale)
                    if chart.style == .bar {
                        bars.append(yOK ? y : nil)
                    } else {
                        points.append(xOK && yOK ? Point(x: x, y: y) : nil)
                    }
                    if xOK, yOK {
                        if chart.style != .bar { xs.append(x) }
                        ys.append(y)
                    }
                    if xOK, let low = element(source.yLow, i).map({ $0 * factor }), let high = element(source.yHigh, i).map({ $0 * factor }),
                       usable(low, yScale), usable(high, yScale) {
                        whiskers.append(Whisker(x: x, low: min(low, high), high: max(low, high)))
                        ys.append(low)
                        ys.append(high)
                    }
                }
                if chart.style == .bar, bars.count < categoryCount {
                    bars += Array(repeating: nil, count: categoryCount - bars.count)
                }
                return Series(index: index, name: source.name, dashed: source.dashed, points: points, bars: bars,
                              whiskers: whiskers, drawablePointCount: points.reduce(0) { $0 + ($1 == nil ? 0 : 1) })
            }
            var lower = chart.yLower.flatMap { usable($0, yScale) ? $0 : nil }
            var upper = chart.yUpper.flatMap { usable($0, yScale) ? $0 : nil }
            if let low = lower, let high = upper, low >= high { (lower, upper) = (nil, nil) }
            yLower = lower
            yUpper = upper
            let inRange = { (y: Double) in y >= (lower ?? -.infinity) && y <= (upper ?? .infinity) }
            referenceLines = chart.referenceLines.map { Chart.ReferenceLine(label: $0.label, y: $0.y * factor) }
                .filter { usable($0.y, yScale) && inRange($0.y) }
            ys += referenceLines.map(\.y)
            if chart.style == .bar, yScale == .linear, !ys.isEmpty { ys.append(0) }

            xExtent = xs.min().map { ($0, xs.max()!) }
            yExtent = Self.extent(ys.filter(inRange), lower: lower, upper: upper, log: yScale == .log)
            if chart.style == .line, let (low, high) = yExtent {
                Self.markCoincident(&series, low: low, high: high, log: yScale == .log)
            }
        }
    }
}

extension SVGChart.ChartData {
    /// The y extent with the author's bounds in place of the data's; a side
    /// left to the data that falls beyond the other (every value above the
    /// author's upper bound) gets a span of its own, so the axis stays ordered.
    static func extent(_ ys: [Double], lower: Double?, upper: Double?, log: Bool) -> (Double, Double)? {
        guard lower != nil || upper != nil else { return ys.min().map { ($0, ys.max()!) } }
        if let lower, let upper { return (lower, upper) }
        if let upper {
            let low = ys.min() ?? upper
            return low < upper ? (low, upper) : (log ? upper / 10 : upper - max(abs(upper), 1), upper)
        }
        let lower = lower!, high = ys.max() ?? lower
        return high > lower ? (lower, high) : (lower, log ? lower * 10 : lower + max(abs(lower), 1))
    }

    /// Marks each line that lies on an earlier one ("bias² + variance +
    /// noise" exactly under "measured test MSE"), so it can be drawn dashed
    /// over it with open markers and both stay visible.
    static func markCoincident(_ series: inout [Series], low: Double, high: Double, log: Bool) {
        func position(_ y: Double) -> Double { log ? Foundation.log10(max(y, 1e-300)) : y }
        let range = max(position(high) - position(low), 1e-300)
        for i in series.indices where series[i].drawablePointCount > 0 {
            for j in 0..<i where series[j].points.count == series[i].points.count {
                let same = zip(series[i].points, series[j].points).allSatisfy { a, b in
                    switch (a, b) {
                    case (nil, nil): return true
                    case let (a?, b?): return a.x == b.x && abs(position(a.y) - position(b.y)) <= 0.005 * range
                    default: return false
                    }
                }
                if same {
                    series[i].coincidesWith = j
                    break
                }
            }
        }
    }
}

extension SVGChart.ScaleKind {
    init(_ scale: Chart.Scale) {
        switch scale {
        case .linear: self = .linear
        case .log: self = .log
        }
    }
}
