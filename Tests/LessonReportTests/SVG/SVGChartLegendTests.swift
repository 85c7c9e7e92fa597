import Experiments
import Testing
@testable import LessonReport

/// Every line of a chart has its legend entry, on a phone as on a wide screen:
/// a legend that does not fit makes the chart taller, never "+N more".
@Suite struct SVGChartLegendTests {
    @Test(arguments: [390, 1280])
    func everyLineIsInTheLegend(width: Int) throws {
        let names = (0..<12).map { "variant \($0), validation" }
        let chart = Chart(title: "Learning curves", series: names.enumerated().map { index, name in
            Chart.Series(name: name, x: [1, 2, 3], y: [Double(index), 1, 0.5])
        })
        let svg = SVGChart.render(chart, width: width, height: 360, idPrefix: "l")
        for name in names { #expect(svg.contains(">\(name)<"), "\(name) at \(width) px") }
        #expect(!svg.contains("more<"))
        // The legend's extra rows make the chart taller than asked.
        let viewBox = try #require(svg.firstMatch(of: /viewBox="0 0 ([0-9.]+) ([0-9.]+)"/))
        if width == 390 { #expect(Double(viewBox.2)! > 360) }
    }

    @Test func aLongLabelWrapsInsteadOfBeingCut() throws {
        let long = ["decayed (optimizer = rmsprop, lr_schedule = inverse_time, lr_decay = 0.02)",
                    "decayed (optimizer = rmsprop, lr_schedule = inverse_time, lr_decay = 0.05)"]
        let chart = Chart(title: "t", series: long.map { Chart.Series(name: $0, x: [1, 2], y: [1, 2]) })
        let svg = SVGChart.render(chart, width: 390, height: 300, idPrefix: "w")
        // Both endings, where the labels differ, are drawn (in a second line), not cut off.
        #expect(svg.contains("0.02)<") && svg.contains("0.05)<"), "\(svg)")
        #expect(!svg.contains("…"))
    }
}
