import Experiments
import Foundation
import Testing
@testable import LessonReport

/// A line whose x turns back (an optimizer's path in the (w1, w2) plane, as
/// `optimizer-path` draws it) is drawn point by point in the order of its
/// data: the renderer neither sorts x nor thins such a line by pixel column.
@Suite struct SVGChartPathTests {
    func coordinates(_ svg: String) throws -> [(x: Double, y: Double)] {
        let d = try #require(svg.firstMatch(of: /class="line" d="([^"]+)"/)).1
        let numbers = d.matches(of: /-?\d+(\.\d+)?/).compactMap { Double($0.0) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }

    @Test func aZigZagKeepsItsOrder() throws {
        let chart = Chart(title: "z", series: [.init(name: "path", x: [0, 2, 1, 3, 0], y: [0, 1, 2, 3, 4])])
        let points = try coordinates(SVGChart.render(chart, idPrefix: "z"))
        #expect(points.count == 5)
        #expect(points[0].x < points[1].x && points[1].x > points[2].x && points[2].x < points[3].x && points[3].x > points[4].x)
        // y grows upwards on the page: every point is higher than the one before.
        #expect(zip(points, points.dropFirst()).allSatisfy { $0.y > $1.y })
    }

    /// A long spiral, which a sorted line would thin to a few points per
    /// pixel column, keeps every point that lands on its own pixel.
    @Test func aLongSpiralIsNotThinned() throws {
        let t = (0..<1_000).map { Double($0) / 40 }
        let chart = Chart(title: "s", series: [.init(name: "spiral", x: t.map { cos($0) * (30 - $0) }, y: t.map { sin($0) * (30 - $0) })])
        let points = try coordinates(SVGChart.render(chart, idPrefix: "s"))
        #expect(points.count > 900)
        let turns = zip(zip(points, points.dropFirst()), points.dropFirst(2)).filter { pair, next in
            (pair.1.x - pair.0.x) * (next.x - pair.1.x) < 0
        }
        #expect(turns.count >= 6)  // x turns back twice per loop, and t covers four loops
    }
}
