import Experiments
import Foundation
import Testing
@testable import LessonReport

/// An author's y range (`plot: {y_range: [low, high]}`): the axis spans it
/// exactly, and nothing drawn leaves the plot.
@Suite struct SVGChartRangeTests {
    func ranged(_ lower: Double?, _ upper: Double?, scale: Chart.Scale = .linear) -> Chart {
        var chart = Chart(title: "loss", yScale: scale, series: [
            .init(name: "diverges", x: [1, 2, 3, 4, 5], y: [0.5, 0.3, 40, 0.2, 0.1]),
            .init(name: "steady", x: [1, 2, 3, 4, 5], y: [0.6, 0.5, 0.4, 0.35, 0.3]),
        ], referenceLines: [.init(label: "far away", y: 100)])
        chart.yLower = lower
        chart.yUpper = upper
        return chart
    }

    func layout(_ chart: Chart) -> SVGChart.Layout {
        SVGChart.Layout(chart: chart, data: SVGChart.ChartData(chart), width: 640, height: 360)
    }

    /// Every coordinate pair of every line's path data (not the legend's swatches).
    func linePoints(_ svg: String) -> [(x: Double, y: Double)] {
        svg.matches(of: /<path class="line[^"]*" d="([^"]+)" stroke-width="2" stroke-linejoin/).flatMap { match in
            let numbers = String(match.1).split(whereSeparator: { "MLh ".contains($0) }).compactMap { Double($0) }
            return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
        }
    }

    @Test func theAxisSpansExactlyTheAuthorsRange() {
        let both = layout(ranged(0, 1))
        #expect(both.yTicks.lower == 0 && both.yTicks.upper == 1)
        #expect(both.yTicks.ticks.allSatisfy { (0...1).contains($0.value) })
        // Without a range the spike at 40 sets the axis.
        #expect(layout(ranged(nil, nil)).yTicks.upper >= 40)
        // One bound: the other still comes from the data inside the range.
        let upperOnly = layout(ranged(nil, 0.8))
        #expect(upperOnly.yTicks.upper == 0.8 && upperOnly.yTicks.lower <= 0.1)
        let log = layout(ranged(0.05, 2, scale: .log))
        #expect(log.yTicks.lower == 0.05 && log.yTicks.upper == 2 && !log.yTicks.labelled.isEmpty)
    }

    @Test func aLineLeavingTheRangeIsCutAtTheFrame() throws {
        let chart = ranged(0, 1)
        let frame = layout(chart)
        let svg = SVGChart.render(chart, idPrefix: "r")
        let points = linePoints(svg)
        #expect(points.count > 8)
        for point in points {
            #expect(point.y >= frame.plotTop - 0.01 && point.y <= frame.plotBottom + 0.01, "\(point) outside \(frame.plotTop)…\(frame.plotBottom)")
        }
        // The spike is cut, not dropped: the line reaches the top edge and comes back down.
        #expect(points.filter { abs($0.y - frame.plotTop) < 0.01 }.count == 2)
        // The diverging line becomes two runs; the ends at the frame carry no data markers.
        let diverging = try #require(svg.matches(of: /<path class="line" d="([^"]+)" stroke-width="2" stroke-linejoin/).first)
        #expect(diverging.1.filter { $0 == "M" }.count == 2)
        #expect(svg.contains("class=\"points\""))
        // A reference line outside the range is left out rather than drawn on the frame.
        #expect(!svg.contains("far away"))
    }

    @Test func withoutARangeNothingIsClipped() {
        let svg = SVGChart.render(ranged(nil, nil), idPrefix: "r")
        #expect(!svg.contains("class=\"points\""))
        #expect(svg.contains("far away"))
    }

    @Test func boundsTheAxisCannotShowAreIgnored() {
        // The planner reports these; the renderer draws from the data and never fails.
        #expect(SVGChart.ChartData(ranged(0, 2, scale: .log)).yLower == nil)
        let inverted = SVGChart.ChartData(ranged(2, 1))
        #expect(inverted.yLower == nil && inverted.yUpper == nil)
    }

    @Test func anAutomaticSideBeyondTheFixedOneStillGivesAnOrderedAxis() {
        let extent = SVGChart.ChartData.extent([5, 6], lower: nil, upper: 1, log: false)
        #expect(extent.map { $0.0 < $0.1 } == true)
        let logExtent = SVGChart.ChartData.extent([0.01], lower: 1, upper: nil, log: true)
        #expect(logExtent.map { $0.0 == 1 && $0.1 == 10 } == true)
    }

    @Test func barsStopAtTheFrame() {
        var chart = Chart(title: "t", style: .bar, categories: ["a", "b"], series: [.init(name: "s", y: [5, 0.5])])
        chart.yUpper = 1
        let frame = layout(chart)
        let svg = SVGChart.render(chart, idPrefix: "b")
        let tops = svg.matches(of: /<rect x="[^"]+" y="([^"]+)"/).compactMap { Double(String($0.1)) }
        #expect(tops.count == 2 && tops.allSatisfy { $0 >= frame.plotTop - 0.01 })
    }
}
