import LessonSupport
import Experiments

extension SVGChart {
    /// Where everything goes: margins, the plot rectangle, both axes with
    /// their ticks, the legend. Measured with `TextMetrics`, so the plot
    /// grows or shrinks to make room for the labels it actually has.
    struct Layout {
        static let padding = 12.0
        static let titleFont = 15.0
        static let axisLabelFont = 12.0
        static let tickFont = 11.0
        static let legendFont = 12.0
        static let legendRowHeight = 18.0
        /// Legend rows a chart of the asked height has room for; more make it taller.
        static let usualLegendRows = 3
        static let tickLength = 5.0
        static let minorTickLength = 3.0

        /// A label, wrapped onto up to `maxLines` lines; only when those do
        /// not suffice is it shortened, and `full` goes into a `<title>`.
        struct Label {
            var lines: [String]
            var full: String
            var truncated: Bool
            /// The widest line (what a single-line label measures).
            var text: String { lines.max { $0.count < $1.count } ?? "" }

            init(_ full: String, maxWidth: Double, fontSize: Double, bold: Bool = false, maxLines: Int = 1) {
                self.full = full
                (lines, truncated) = TextMetrics.wrap(full, maxWidth: max(maxWidth, 12), fontSize: fontSize,
                                                      bold: bold, maxLines: maxLines)
            }

            func width(fontSize: Double, bold: Bool = false) -> Double {
                lines.map { TextMetrics.width($0, fontSize: fontSize, bold: bold) }.max() ?? 0
            }
        }

        static let titleLineHeight = titleFont + 4
        static let axisLineHeight = axisLabelFont + 3
        static let tickLineHeight = tickFont + 2

        struct LegendItem {
            enum Swatch { case series(ChartData.Series), reference }
            var swatch: Swatch
            var label: Label
            var x: Double
            var y: Double
        }

        /// The x axis: numbers, or one band per category for bar charts.
        enum XAxis {
            case numeric(AxisScale, AxisTicks)
            case bands(Bands)
        }

        struct Bands {
            var count: Int
            var left: Double
            var bandWidth: Double
            var labels: [Label]
            /// Draw every `labelStep`-th label (1 = all).
            var labelStep: Int
            var rotated: Bool

            func center(_ index: Int) -> Double { left + (Double(index) + 0.5) * bandWidth }
        }

        var width: Double
        var height: Double
        var title: Label?
        var legend: [LegendItem] = []
        var plotLeft = 0.0, plotTop = 0.0, plotRight = 0.0, plotBottom = 0.0
        var x: XAxis = .bands(Bands(count: 0, left: 0, bandWidth: 0, labels: [], labelStep: 1, rotated: false))
        var y = AxisScale(scale: .linear, lower: 0, upper: 1, start: 0, end: 0)
        var yTicks = AxisTicks(lower: 0, upper: 1, ticks: [])
        var xLabel: Label?
        var yLabel: Label?

        var plotWidth: Double { plotRight - plotLeft }
        var plotHeight: Double { plotBottom - plotTop }

        init(chart: Chart, data: ChartData, width: Int, height: Int) {
            let pad = Self.padding
            self.width = Double(min(max(width, 200), 8000))
            self.height = Double(min(max(height, 150), 8000))
            var top = pad

            let titleText = XMLText.singleLine(chart.title)
            if !titleText.isEmpty {
                title = Label(titleText, maxWidth: self.width - 2 * pad, fontSize: Self.titleFont, bold: true, maxLines: 3)
                top += Self.titleFont + 10 + Double(title!.lines.count - 1) * Self.titleLineHeight
            }

            let legendHeight = placeLegend(data: data, top: top)
            if legendHeight > 0 { top += legendHeight + 4 }
            // Every line keeps its whole entry: a legend taller than the usual
            // few rows makes the chart taller instead of the plot smaller (or a "+N more").
            let usual = Double(Self.usualLegendRows) * Self.legendRowHeight
            if legendHeight > usual { self.height += legendHeight - usual }
            top += 8

            let xText = XMLText.singleLine(chart.xLabel), yText = XMLText.singleLine(chart.yLabel)
            // Axis labels wrap onto two lines rather than lose their end
            // ("time per run (ms, log sc…"); measured against a first guess
            // of the plot size, which the labels barely change.
            // The y guess is on the small side (rotated category labels can
            // take half the height), so the final label needs no more lines.
            let xLines = xText.isEmpty ? 0 : Label(xText, maxWidth: self.width - 2 * pad - 60, fontSize: Self.axisLabelFont, maxLines: 3).lines.count
            let yLines = yText.isEmpty ? 0 : Label(yText, maxWidth: (self.height - top) * 0.5, fontSize: Self.axisLabelFont, maxLines: 3).lines.count
            let bottomFixed = pad + (xText.isEmpty ? 0 : Self.axisLabelFont + 8 + Double(xLines - 1) * Self.axisLineHeight)
            let leftFixed = pad + (yText.isEmpty ? 0 : Self.axisLabelFont + 8 + Double(yLines - 1) * Self.axisLineHeight)
            var xTickArea = Self.tickLength + Self.tickFont + 4
            var rightMargin = pad
            var leftNeeded = 0.0

            // Two passes: the y labels set the left margin, which sets the
            // width of the x axis, whose labels set the bottom margin, which
            // sets the height of the y axis.
            for _ in 0..<2 {
                plotTop = top
                plotBottom = max(self.height - bottomFixed - xTickArea, plotTop + 40)
                yTicks = Self.yTicks(data: data, plotHeight: plotBottom - plotTop)
                let yLabelWidth = yTicks.labelled.map { TextMetrics.width($0.label!, fontSize: Self.tickFont) }.max() ?? 0
                plotLeft = max(leftFixed + yLabelWidth + Self.tickLength + 4, leftNeeded)
                plotRight = max(self.width - rightMargin, plotLeft + 60)
                (x, xTickArea, rightMargin, leftNeeded) = Self.xAxis(data: data, left: plotLeft, right: plotRight)
            }
            plotRight = max(self.width - rightMargin, plotLeft + 60)
            if case .numeric(var scale, let ticks) = x {
                scale.end = plotRight
                x = .numeric(scale, ticks)
            }
            y = AxisScale(scale: data.yScale, lower: yTicks.lower, upper: yTicks.upper, start: plotBottom, end: plotTop)

            if !xText.isEmpty { xLabel = Label(xText, maxWidth: plotWidth, fontSize: Self.axisLabelFont, maxLines: max(xLines, 1)) }
            if !yText.isEmpty { yLabel = Label(yText, maxWidth: plotHeight, fontSize: Self.axisLabelFont, maxLines: max(yLines, 1)) }
        }

        // MARK: Legend

        /// Lays the legend out in rows under the title; returns its height.
        /// A label too long for the width wraps onto up to three lines (so that
        /// labels that differ only at their end are not cut where they differ).
        private mutating func placeLegend(data: ChartData, top: Double) -> Double {
            guard data.series.count > 1 || !data.referenceLines.isEmpty else { return 0 }
            let pad = Self.padding
            var entries: [(LegendItem.Swatch, String)] = data.series.map { (.series($0), $0.name) }
            entries += data.referenceLines.map { (.reference, $0.label) }
            var x = pad, rowTop = top, rowHeight = Self.legendRowHeight
            for (swatch, name) in entries {
                let label = Label(XMLText.singleLine(name), maxWidth: width - 2 * pad - Self.legendSwatchWidth - 6,
                                  fontSize: Self.legendFont, maxLines: 3)
                let itemWidth = Self.legendSwatchWidth + 6 + label.width(fontSize: Self.legendFont)
                if x > pad, x + itemWidth > width - pad {
                    rowTop += rowHeight
                    rowHeight = Self.legendRowHeight
                    x = pad
                }
                rowHeight = max(rowHeight, Self.legendRowHeight + Double(label.lines.count - 1) * Self.legendLineHeight)
                legend.append(LegendItem(swatch: swatch, label: label, x: x, y: rowTop + Self.legendRowHeight / 2))
                x += itemWidth + 14
            }
            return rowTop + rowHeight - top
        }

        static let legendLineHeight = legendFont + 3
        static let legendSwatchWidth = 22.0

        // MARK: Axes

        private static func yTicks(data: ChartData, plotHeight: Double) -> AxisTicks {
            let (low, high) = withMargin(data.yExtent, data: data, scale: data.yScale)
            var ticks: AxisTicks
            switch data.yScale {
            case .linear:
                ticks = AxisTicks.linear(minimum: low, maximum: high, maxCount: max(2, Int(plotHeight / 40) + 1))
            case .log:
                ticks = AxisTicks.log(minimum: low, maximum: high, maxLabels: max(2, Int(plotHeight / 26) + 1))
            }
            guard data.yLower != nil || data.yUpper != nil else { return ticks }
            // The author's bounds are the axis's ends, not rounded outwards.
            if let lower = data.yLower { ticks.lower = lower }
            if let upper = data.yUpper { ticks.upper = upper }
            let slack = (ticks.upper - ticks.lower) * 1e-9
            ticks.ticks = ticks.ticks.filter { $0.value >= ticks.lower - slack && $0.value <= ticks.upper + slack }
            if ticks.labelled.isEmpty {
                // A narrow log range between round values: label its ends.
                ticks.ticks += [ticks.lower, ticks.upper].map {
                    AxisTick(value: $0, label: NumberFormat.compact($0, significantDigits: 3), isMajor: true)
                }
            }
            return ticks
        }

        /// The x axis for a plot spanning `left ... right`, the height its tick
        /// labels need below the plot, the right margin its last label needs,
        /// and the smallest plot left edge its first label needs.
        private static func xAxis(data: ChartData, left: Double, right: Double) -> (XAxis, Double, Double, Double) {
            let plotWidth = right - left
            let defaultArea = tickLength + tickFont + 4
            if data.style == .bar {
                let count = data.categories.count
                let bandWidth = plotWidth / Double(max(count, 1))
                let names = data.categories.map { XMLText.singleLine($0) }
                // Horizontal, wrapped under each band when every word fits.
                let room = bandWidth - 4
                let wrapped = names.map { Label($0, maxWidth: room, fontSize: tickFont, maxLines: 3) }
                let wordsFit = names.allSatisfy { name in
                    name.split(separator: " ").allSatisfy { TextMetrics.width(String($0), fontSize: tickFont) <= room }
                }
                if wordsFit, !wrapped.contains(where: \.truncated) {
                    let lines = wrapped.map(\.lines.count).max() ?? 1
                    let area = defaultArea + Double(lines - 1) * tickLineHeight
                    return (.bands(Bands(count: count, left: left, bandWidth: bandWidth, labels: wrapped,
                                         labelStep: 1, rotated: false)), area, padding, 0)
                }
                // Otherwise at 45°, whole up to 160 px (then shortened, with a <title>).
                let labels = names.map { Label($0, maxWidth: 160, fontSize: tickFont) }
                let widths = labels.map { $0.width(fontSize: tickFont) }
                let longest = widths.max() ?? 0
                // Neighbouring labels at 45° sit bandWidth·sin 45° apart.
                let needed = (tickFont + 2) / max(bandWidth * 0.7071, 0.01)
                let step = max(1, Int(needed.rounded(.up)))
                let area = tickLength + 6 + (longest + tickFont) * 0.7071
                // A label reaches left of its band's centre by its width·cos 45°:
                // the plot starts far enough right for every one of them.
                let firstReach = widths.enumerated().map { i, w in w * 0.7071 - 4 - bandWidth * (Double(i) + 0.5) }.max() ?? 0
                return (.bands(Bands(count: count, left: left, bandWidth: bandWidth, labels: labels,
                                     labelStep: step, rotated: true)), area, padding, padding + max(0, firstReach))
            }

            let (low, high) = withMargin(data.xExtent, data: data, scale: data.xScale)
            var maxCount = max(2, Int(plotWidth / 64) + 1)
            while true {
                let ticks: AxisTicks
                switch data.xScale {
                case .linear: ticks = AxisTicks.linear(minimum: low, maximum: high, maxCount: maxCount)
                case .log: ticks = AxisTicks.log(minimum: low, maximum: high, maxLabels: maxCount)
                }
                let scale = AxisScale(scale: data.xScale, lower: ticks.lower, upper: ticks.upper, start: left, end: right)
                var fitted = ticks
                if !labelsFit(fitted, scale: scale) {
                    // On a log axis, the 2× and 5× labels go first.
                    fitted.ticks = fitted.ticks.map { $0.isMajor ? $0 : AxisTick(value: $0.value, label: nil, isMajor: false) }
                }
                if labelsFit(fitted, scale: scale) || maxCount == 2 {
                    let lastWidth = fitted.labelled.last.map { TextMetrics.width($0.label!, fontSize: tickFont) } ?? 0
                    return (.numeric(scale, fitted), defaultArea, max(padding, lastWidth / 2 + 4), 0)
                }
                maxCount -= 1
            }
        }

        /// The data extent (or a unit range when there is none), widened a
        /// little for scatter plots so points do not sit on the axis lines.
        /// Log axes already end on whole decades, which leaves room enough.
        private static func withMargin(_ extent: (Double, Double)?, data: ChartData, scale: ScaleKind) -> (Double, Double) {
            guard let (low, high) = extent else { return scale == .log ? (1, 10) : (0, 1) }
            if data.style == .bar, scale == .linear, high > low, high > 0 {
                // Headroom: the tallest bar (and its whisker) never touches the frame.
                return (low, high + (high - low) * 0.05)
            }
            guard data.style == .scatter, scale == .linear, high > low else { return (low, high) }
            let margin = (high - low) * 0.03
            return (low - margin, high + margin)
        }

        private static func labelsFit(_ ticks: AxisTicks, scale: AxisScale) -> Bool {
            var previousEnd = -Double.infinity
            for tick in ticks.labelled {
                guard let center = scale.position(tick.value) else { continue }
                let half = TextMetrics.width(tick.label!, fontSize: tickFont) / 2
                if center - half < previousEnd + 8 { return false }
                previousEnd = center + half
            }
            return true
        }
    }
}
