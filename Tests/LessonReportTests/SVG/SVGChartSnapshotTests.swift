import Experiments
import Foundation
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
        try Snapshot.assertMatches(svg, named: "\(name).svg")
    }

    /// With `SVG_PREVIEW_DIR` set, writes light and dark HTML pages with the
    /// snapshot charts (and some awkward ones) for screenshots.
    @Test func writePreviewPages() throws {
        guard let directory = ProcessInfo.processInfo.environment["SVG_PREVIEW_DIR"] else { return }
        var charts = [ChartFixtures.line, ChartFixtures.bar, ChartFixtures.scatter]
        charts += PreviewCharts.awkward
        let figures = charts.enumerated().map { index, chart in
            "<figure>\(SVGChart.render(chart, idPrefix: "fig\(index)"))</figure>"
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

enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    static func assertMatches(_ actual: String, named name: String,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("No snapshot \(name); run the tests with UPDATE_SNAPSHOTS=1 to record it.",
                         sourceLocation: sourceLocation)
            return
        }
        guard actual != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(actualLines, expectedLines)).firstIndex { $0.0 != $0.1 } ?? min(actualLines.count, expectedLines.count)
        let got = line < actualLines.count ? String(actualLines[line]) : "<end>"
        let wanted = line < expectedLines.count ? String(expectedLines[line]) : "<end>"
        Issue.record("""
            \(name) differs from its snapshot at line \(line + 1) (UPDATE_SNAPSHOTS=1 rewrites it):
              expected: \(wanted.prefix(300))
              actual:   \(got.prefix(300))
            """, sourceLocation: sourceLocation)
    }
}

/// Charts that stress the layout, for the preview page only.
enum PreviewCharts {
    static let awkward: [Chart] = [
        Chart(title: "Learning-rate sweep: final loss (log–log)", style: .line,
              xLabel: "learning rate", yLabel: "final training loss", xScale: .log, yScale: .log,
              series: [
                  .init(name: "SGD", x: [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1],
                        y: [2.1, 1.2, 0.31, 0.05, 0.09, 2.3], yLow: [1.9, 1.0, 0.25, 0.04, 0.06, 1.5],
                        yHigh: [2.3, 1.3, 0.4, 0.07, 0.15, 3.1]),
                  .init(name: "Adam", x: [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1],
                        y: [0.9, 0.12, 0.02, 0.04, 0.8, .nan], dashed: true),
              ]),
        Chart(title: "A very long chart title that goes on and on, well past the width of the figure it belongs to",
              style: .bar, yLabel: "count",
              categories: (1...24).map { "category number \($0) <b>&</b>" },
              series: [.init(name: "only series", y: (1...24).map { Double($0 * $0) - 100 })]),
        Chart(title: "Eight series, 2,000 points each", style: .line, xLabel: "step",
              series: (0..<8).map { k in
                  .init(name: "series \(k + 1) with a rather long name", x: (0..<2000).map(Double.init),
                        y: (0..<2000).map { sin(Double($0) / 150 + Double(k)) + Double(k) * 0.4 })
              }, referenceLines: [.init(label: "zero", y: 0)]),
        Chart(title: "Degenerate: one point, equal values, NaN", style: .line,
              series: [.init(name: "one", x: [3], y: [5]), .init(name: "flat", x: [1, 2, 3], y: [5, 5, .infinity])]),
        Chart(title: "Empty", style: .scatter, series: []),
    ]
}
