import Experiments
import Foundation

/// The charts the snapshot tests and the preview page draw: one of each
/// style, built from fixed formulas and a fixed generator so they never change.
enum ChartFixtures {
    /// Two accuracy curves over 30 epochs, one dashed, with a reference line.
    static let line: Chart = {
        let epochs = (1...30).map(Double.init)
        let plain = epochs.map { 0.97 - 0.55 * exp(-$0 / 4) - ($0 > 12 ? 0.004 * ($0 - 12) : 0) }
        let dropout = epochs.map { 0.985 - 0.6 * exp(-$0 / 6) }
        return Chart(
            title: "Test accuracy with and without dropout",
            style: .line, xLabel: "epoch", yLabel: "test accuracy",
            series: [
                .init(name: "no dropout", x: epochs, y: plain),
                .init(name: "dropout p = 0.5", x: epochs, y: dropout, dashed: true),
            ],
            referenceLines: [.init(label: "ensemble of 100 nets", y: 0.975)],
            summary: "Without dropout, accuracy peaks near epoch 12 and then declines; with dropout it keeps rising.")
    }()

    /// Median run time per matrix size on a log axis, with min–max whiskers.
    static let bar: Chart = {
        let sizes = ["64", "128", "256", "512", "1024"]
        func series(_ name: String, base: Double, exponent: Double) -> Chart.Series {
            let medians = (0..<sizes.count).map { base * pow(2, exponent * Double($0)) }
            return .init(name: name, y: medians,
                         yLow: medians.map { $0 * 0.82 }, yHigh: medians.map { $0 * 1.3 })
        }
        return Chart(
            title: "Matrix product time by size",
            style: .bar, xLabel: "matrix size n (n × n)", yLabel: "time (ms)", yScale: .log,
            categories: sizes,
            series: [
                series("naive loops", base: 0.3, exponent: 3),
                series("blocked", base: 0.12, exponent: 2.85),
                series("BLAS (OpenBLAS)", base: 0.02, exponent: 2.7),
            ],
            summary: "BLAS is one to two orders of magnitude faster than naive loops at every size.")
    }()

    /// Two interleaved half-moons, as a classifier's training set.
    static let scatter: Chart = {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        func moon(_ upper: Bool) -> Chart.Series {
            var x: [Double] = [], y: [Double] = []
            for _ in 0..<120 {
                let angle = uniform() * .pi
                let noise = (uniform() - 0.5) * 0.3, noise2 = (uniform() - 0.5) * 0.3
                if upper {
                    x.append(cos(angle) + noise)
                    y.append(sin(angle) + noise2)
                } else {
                    x.append(1 - cos(angle) + noise)
                    y.append(0.5 - sin(angle) + noise2)
                }
            }
            return .init(name: upper ? "class 0" : "class 1", x: x, y: y)
        }
        return Chart(
            title: "Two moons training set",
            style: .scatter, xLabel: "x₁", yLabel: "x₂",
            series: [moon(true), moon(false)],
            summary: "Two interleaved crescent-shaped classes that no straight line separates.")
    }()
}
