import Foundation
import Testing
@testable import LessonReport

@Suite struct AxisTicksTests {
    typealias Ticks = SVGChart.AxisTicks

    func values(_ ticks: Ticks) -> [Double] { ticks.ticks.map(\.value) }
    func labels(_ ticks: Ticks) -> [String] { ticks.labelled.map { $0.label! } }

    @Test func unitRange() {
        let ticks = Ticks.linear(minimum: 0, maximum: 1, maxCount: 7)
        #expect(labels(ticks) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        #expect(ticks.lower == 0 && ticks.upper == 1)
    }

    @Test func extendsToRoundNumbers() {
        let ticks = Ticks.linear(minimum: 0.52, maximum: 0.97, maxCount: 7)
        #expect(labels(ticks) == ["0.5", "0.6", "0.7", "0.8", "0.9", "1"])
    }

    @Test func crossesZeroWithoutNegativeZero() {
        let ticks = Ticks.linear(minimum: -3, maximum: 7, maxCount: 6)
        #expect(labels(ticks) == ["\u{2212}5", "0", "5", "10"])
    }

    @Test func largeValuesGetSuffixes() {
        let ticks = Ticks.linear(minimum: 0, maximum: 2000, maxCount: 9)
        #expect(labels(ticks) == ["0", "250", "500", "750", "1k", "1.25k", "1.5k", "1.75k", "2k"] ||
                labels(ticks) == ["0", "500", "1k", "1.5k", "2k"])
    }

    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        var state: UInt64 = 42
        func random() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<500 {
            let a = (random() - 0.5) * pow(10, random() * 12 - 6)
            let b = a + random() * pow(10, random() * 12 - 6)
            let maxCount = 2 + Int(random() * 10)
            let ticks = Ticks.linear(minimum: a, maximum: b, maxCount: maxCount)
            let v = values(ticks)
            #expect(v.count >= 2 && v.count <= max(3, maxCount))
            let step = v[1] - v[0]
            #expect(ticks.lower <= a + step * 1e-6 && ticks.upper >= b - step * 1e-6, "\(a)...\(b) → \(v)")
            let mantissa = step / pow(10, floor(log10(step) + 1e-6))
            #expect([1.0, 2.0, 5.0].contains { abs($0 - mantissa) < 1e-6 }, "step \(step) for \(a)...\(b)")
            for (x, y) in zip(v, v.dropFirst()) { #expect(abs((y - x) - step) <= step * 1e-6) }
        }
    }

    @Test func equalValuesArePadded() {
        let ticks = Ticks.linear(minimum: 5, maximum: 5, maxCount: 7)
        #expect(ticks.lower < 5 && ticks.upper > 5)
        let zero = Ticks.linear(minimum: 0, maximum: 0, maxCount: 5)
        #expect(zero.lower < 0 && zero.upper > 0)
    }

    @Test func nonFiniteBoundsFallBack() {
        for (a, b) in [(Double.nan, Double.nan), (-.infinity, .infinity), (.nan, 3), (1e308, -1e308)] {
            let ticks = Ticks.linear(minimum: a, maximum: b, maxCount: 6)
            #expect(ticks.lower.isFinite && ticks.upper.isFinite && ticks.lower < ticks.upper)
            #expect(ticks.ticks.count >= 2)
        }
    }

    @Test func logDecadesWithMinorTicks() {
        let ticks = Ticks.log(minimum: 0.003, maximum: 700, maxLabels: 10)
        #expect(ticks.lower == 0.001 && ticks.upper == 1000)
        #expect(labels(ticks) == ["0.001", "0.01", "0.1", "1", "10", "100", "1k"])
        #expect(ticks.ticks.filter { !$0.isMajor }.count == 6 * 8)
    }

    @Test func logLabelsBecomePowersOutsideTheReadableRange() {
        let ticks = Ticks.log(minimum: 1e-5, maximum: 1, maxLabels: 10)
        #expect(labels(ticks) == ["10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"])
    }

    @Test func logWithinOneDecadeLabelsTwoAndFive() {
        let ticks = Ticks.log(minimum: 2, maximum: 8, maxLabels: 10)
        #expect(labels(ticks) == ["1", "2", "5", "10"])
    }

    @Test func logThinsManyDecades() {
        let ticks = Ticks.log(minimum: 1e-10, maximum: 1e10, maxLabels: 6)
        #expect(labels(ticks).count <= 6)
        #expect(labels(ticks).first == "10⁻¹⁰" && labels(ticks).last == "10¹⁰")
    }

    @Test func logOfASingleValueStillHasASpan() {
        let ticks = Ticks.log(minimum: 100, maximum: 100, maxLabels: 6)
        #expect(ticks.lower < 100 && ticks.upper > 100)
    }

    @Test func logIgnoresNonPositiveBounds() {
        for (a, b) in [(0.0, -1.0), (-5, 10), (.nan, .infinity)] {
            let ticks = Ticks.log(minimum: a, maximum: b, maxLabels: 6)
            #expect(ticks.lower > 0 && ticks.upper > ticks.lower && ticks.upper.isFinite)
        }
    }
}
