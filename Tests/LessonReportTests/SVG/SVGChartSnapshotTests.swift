import Experiments
import Foundation
import LessonTestSupport
import Testing
@testable import LessonReport

/// Compares rendered charts with the SVG files in `Tests/LessonReportTests/Snapshots`.
/// Run with `UPDATE_SNAPSHOTS=1` to rewrite them after an intended change, then
/// look at the diff (and at the preview page, see `writePreviewPages`).
@Suite struct SVGChartSnapshotTests {
    static let fixtures: [String: Chart] = [
        "line-chart": ChartFixtures.line,
        "bar-chart-log-whiskers": ChartFixtures.bar,
        "scatter-chart": ChartFixtures.scatter,
    ]

    @Test(arguments: ["line-chart", "bar-chart-log-whiskers", "scatter-chart"])
    func matchesSnapshot(name: String) throws {
        let svg = SVGChart.render(Self.fixtures[name]!, idPrefix: name)
        try Snapshot.assertMatches(svg, named: "\(name).svg", in: ChartSnapshots.directory)
    }

    /// With `SVG_PREVIEW_DIR` set, writes light and dark HTML pages with the
    /// snapshot charts (and some awkward ones) for screenshots.
    @Test func writePreviewPages() throws {
        guard let directory = ProcessInfo.processInfo.environment["SVG_PREVIEW_DIR"] else { return }
        var charts = [ChartFixtures.line, ChartFixtures.bar, ChartFixtures.scatter]
        charts += PreviewCharts.awkward
        var figures = charts.enumerated().map { index, chart in
            "<figure>\(SVGChart.render(chart, idPrefix: "fig\(index)"))</figure>"
        }.joined(separator: "\n")
        figures += PreviewCharts.small.enumerated().map { index, chart in
            "<figure style=\"max-width: 340px\">\(SVGChart.render(chart, width: 340, height: 260, idPrefix: "small\(index)"))</figure>"
        }.joined(separator: "\n")
        for theme in ["light", "dark"] {
            let page = """
            <!doctype html>
            <html lang="en" data-theme="\(theme)"><head><meta charset="utf-8"><title>charts</title>
            <style>\(SVGChart.stylesheet)</style>
            <style>body { background: var(--chart-bg); color: var(--chart-text); margin: 24px auto; max-width: 720px;
            font-family: system-ui, sans-serif; } figure { margin: 0 0 28px; }</style></head>
            <body>\(figures)</body></html>
            """
            try page.write(toFile: "\(directory)/charts-\(theme).html", atomically: true, encoding: .utf8)
        }
    }
}

/// The SVG snapshots' folder.
enum ChartSnapshots {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots")
}

/// Charts that stress the layout, for the preview page only.
enum PreviewCharts {
    static let awkward: [Chart] = [
        learningRateSweep, longTitleAndCategories, eightDenseSeries, degenerate, empty,
        manyCategories, band, denseScatter, negativeBars, thirtySeries,
    ]

    /// Rendered small, to check the layout holds up in a narrow column.
    static let small: [Chart] = [ChartFixtures.line, ChartFixtures.bar]

    static let learningRateSweep = Chart(
        title: "Learning-rate sweep: final loss (log–log)", style: .line,
        xLabel: "learning rate", yLabel: "final training loss", xScale: .log, yScale: .log,
        series: [
            .init(name: "SGD", x: [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1],
                  y: [2.1, 1.2, 0.31, 0.05, 0.09, 2.3], yLow: [1.9, 1.0, 0.25, 0.04, 0.06, 1.5],
                  yHigh: [2.3, 1.3, 0.4, 0.07, 0.15, 3.1]),
            .init(name: "Adam", x: [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1],
                  y: [0.9, 0.12, 0.02, 0.04, 0.8, .nan], dashed: true),
        ])

    static let longTitleAndCategories: Chart = {
        let categories: [String] = (1...24).map { "category number \($0) <b>&</b>" }
        let values: [Double] = (1...24).map { Double($0 * $0) - 100 }
        return Chart(title: "A very long chart title that goes on and on, well past the width of the figure it belongs to",
                     style: .bar, yLabel: "count", categories: categories, series: [.init(name: "only series", y: values)])
    }()

    static let eightDenseSeries: Chart = {
        let x: [Double] = (0..<2000).map(Double.init)
        let series: [Chart.Series] = (0..<8).map { k in
            let y: [Double] = x.map { sin($0 / 150 + Double(k)) + Double(k) * 0.4 }
            return Chart.Series(name: "series \(k + 1) with a rather long name", x: x, y: y)
        }
        return Chart(title: "Eight series, 2,000 points each", style: .line, xLabel: "step", series: series,
                     referenceLines: [.init(label: "zero", y: 0)])
    }()

    static let degenerate = Chart(
        title: "Degenerate: one point, equal values, NaN", style: .line,
        series: [.init(name: "one", x: [3], y: [5]), .init(name: "flat", x: [1, 2, 3], y: [5, 5, .infinity])])

    static let empty = Chart(title: "Empty", style: .scatter, series: [])

    static let manyCategories: Chart = {
        let values: [Double] = (0..<500).map { 50 + 40 * sin(Double($0) / 30) }
        return Chart(title: "500 categories", style: .bar, categories: (0..<500).map { "c\($0)" },
                     series: [.init(name: "a", y: values)])
    }()

    static let band: Chart = {
        let steps: [Double] = (0..<400).map(Double.init)
        let mean: [Double] = steps.map { 2 * exp(-$0 / 80) + 0.05 }
        let low: [Double] = steps.map { 1.6 * exp(-$0 / 80) + 0.03 }
        let high: [Double] = steps.map { 2.6 * exp(-$0 / 80) + 0.08 }
        let single: [Double] = steps.map { 2 * exp(-$0 / 60) * (1 + 0.2 * sin($0)) + 0.04 }
        return Chart(title: "Mean ± spread over 5 seeds (band)", style: .line, xLabel: "step", yLabel: "loss", yScale: .log,
                     series: [.init(name: "mean of 5 seeds", x: steps, y: mean, yLow: low, yHigh: high),
                              .init(name: "single run", x: steps, y: single, dashed: true)],
                     referenceLines: [.init(label: "Bayes error", y: 0.05)])
    }()

    static let denseScatter: Chart = {
        let indices: [Double] = (0..<10_000).map(Double.init)
        let x: [Double] = indices.map { sin($0 * 0.7) * $0.truncatingRemainder(dividingBy: 97) / 97 }
        let y: [Double] = indices.map { cos($0 * 1.3) * $0.truncatingRemainder(dividingBy: 89) / 89 }
        return Chart(title: "10,000 points", style: .scatter, series: [.init(name: "a", x: x, y: y)])
    }()

    static let negativeBars = Chart(
        title: "Linear bars, negative values, whiskers", style: .bar, yLabel: "Δ accuracy (pp)",
        categories: ["ReLU", "leaky ReLU", "tanh", "sigmoid"],
        series: [
            .init(name: "batch norm", y: [1.2, 0.8, -0.4, 2.5], yLow: [0.9, 0.5, -0.9, 1.8], yHigh: [1.6, 1.1, 0.1, 3.1]),
            .init(name: "layer norm", y: [0.6, 0.7, 0.3, 1.1], yLow: [0.2, 0.4, -0.1, 0.7], yHigh: [0.9, 1.0, 0.6, 1.4]),
        ])

    static let thirtySeries: Chart = {
        let series: [Chart.Series] = (0..<30).map { k in
            let level = Double(k)
            return Chart.Series(name: "run \(k)", x: [0, 1, 2], y: [level, level / 2, 1])
        }
        return Chart(title: "30 series", style: .line, series: series)
    }()
}
