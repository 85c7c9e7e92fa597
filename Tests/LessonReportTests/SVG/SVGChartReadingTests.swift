import Experiments
import Testing
@testable import LessonReport

/// What a reader of a chart needs: whole labels, lines that do not hide each
/// other, room above the tallest bar, the same units as the tables.
@Suite struct SVGChartReadingTests {
    let vectorizationLike = Chart(
        title: "Dot product of two 1,024-element vectors, ten million multiply-adds per run",
        style: .bar, yLabel: "time per run (milliseconds, log scale)", yScale: .log,
        categories: ["scalar loop", "4 accumulators", "SIMD8 × 2", "SIMD8 addProduct", "BLAS ddot"],
        series: [.init(name: "median", y: [60, 20, 300, 200, 2])])

    @Test(arguments: [(640, 360), (320, 340)])
    func longLabelsWrapInsteadOfBeingCut(width: Int, height: Int) {
        let svg = SVGChart.render(vectorizationLike, width: width, height: height, idPrefix: "v")
        #expect(!svg.contains("…"), "a label was shortened at \(width) px")
        for category in vectorizationLike.categories.map(SVGChart.XMLText.escaped) {
            #expect(svg.contains(category) || svg.contains(category.split(separator: " ").first.map(String.init) ?? ""))
        }
        #expect(svg.contains("<tspan"), "the title or the axis label should wrap at \(width) px")
    }

    @Test func theNarrowDrawingIsLaidOutForItsWidth() {
        let svg = SVGChart.render(vectorizationLike, width: SVGChart.narrowWidth, height: SVGChart.narrowHeight,
                                  idPrefix: "n", className: "chart-narrow")
        #expect(svg.contains("class=\"chart chart-bar chart-narrow\""))
        #expect(svg.contains("viewBox=\"0 0 320 340\""))
        // Rotated category labels start inside the drawing: the first one's
        // anchor leaves room for its whole width at 45°.
        var rest = svg[...]
        for name in vectorizationLike.categories {
            guard let rotate = rest.range(of: "rotate(-45)") else { break }
            let translate = rest[..<rotate.lowerBound].range(of: "translate(", options: .backwards)!
            let x = Double(rest[translate.upperBound...].prefix { $0 != " " })!
            let reach = SVGChart.TextMetrics.width(name, fontSize: 11) * 0.7071
            #expect(x - reach >= 0, "'\(name)' would start at \(x - reach)")
            rest = rest[rotate.upperBound...]
        }
    }

    @Test func aLineOnAnotherIsDrawnSoBothShow() {
        let chart = Chart(title: "t", series: [
            .init(name: "bias² + variance + noise", x: [1, 2, 3], y: [1, 0.5, 0.7], dashed: true),
            .init(name: "measured test MSE", x: [1, 2, 3], y: [1.001, 0.5, 0.7]),
            .init(name: "other", x: [1, 2, 3], y: [0.1, 0.2, 0.3]),
        ])
        let svg = SVGChart.render(chart, idPrefix: "c")
        #expect(svg.components(separatedBy: "class=\"line coincident\"").count == 3)  // the line and its legend swatch
        #expect(svg.contains("class=\"mk open\""))
        #expect(svg.components(separatedBy: "class=\"line dashed\"").count == 3)
    }

    @Test func theTallestBarHasRoomAboveIt() {
        let chart = Chart(title: "accuracy", style: .bar, categories: ["a", "b"],
                          series: [.init(name: "acc", y: [1.0, 0.5])])
        let svg = SVGChart.render(chart, idPrefix: "b")
        let layout = SVGChart.Layout(chart: chart, data: SVGChart.ChartData(chart), width: 640, height: 360)
        #expect(layout.yTicks.upper > 1.0)
        #expect(svg.contains(">1.2<") || svg.contains(">1.1<"))
    }

    @Test func percentChartsReadLikeTheTables() {
        let chart = Chart(title: "accuracy", xLabel: "K", yLabel: "test accuracy (%)",
                          series: [.init(name: "MC", x: [1, 10, 100], y: [0.95, 0.97, 0.975])],
                          referenceLines: [.init(label: "weight scaling", y: 0.974)], yFormat: .percent)
        let svg = SVGChart.render(chart, idPrefix: "p")
        #expect(svg.contains(">97<") || svg.contains(">96<") || svg.contains(">97.5<"))
        #expect(!svg.contains(">0.97<"))
        // The CSV too: percentages under the "(%)" label, not fractions.
        #expect(CSVExport.csv(chart).contains("MC,10.0,97\r\n"))
        #expect(CSVExport.csv(chart).contains("weight scaling,,97.4\r\n"))
    }
}
