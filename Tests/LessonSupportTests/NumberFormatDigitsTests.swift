import Foundation
import Testing
@testable import LessonSupport

/// `NumberFormat.fixed` writes its digits as bytes; the text is what
/// inserting the point into `String(integer)` gave.
@Suite struct NumberFormatDigitsTests {
    /// The former way, on the same rounded integer: digits, zero padding, point.
    func reference(_ value: Double, maxDecimals: Int) -> String {
        var decimals = maxDecimals
        let magnitude = abs(value)
        var scaled = (magnitude * NumberFormat.power10(decimals)).rounded()
        while scaled >= 9e15, decimals > 0 {
            decimals -= 1
            scaled = (magnitude * NumberFormat.power10(decimals)).rounded()
        }
        var integer = UInt64(scaled)
        if integer == 0 { return "0" }
        while decimals > 0, integer % 10 == 0 {
            integer /= 10
            decimals -= 1
        }
        var digits = String(integer)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return value < 0 ? "-" + digits : digits
    }

    @Test func digitsAndPointAsBefore() {
        var values: [Double] = [0.05, 0.5, 5, 0.001, 0.0099, 1.005, 10.01, 99.999, 123.4, 1e-7, 7e14, 8.99e15, 1234.5678]
        var x = 0.000123
        while x < 1e16 { values.append(x); values.append(-x * 1.7); x *= 3.1 }
        for value in values {
            for decimals in [0, 1, 2, 3, 6, 12] {
                #expect(NumberFormat.fixed(value, maxDecimals: decimals) == reference(value, maxDecimals: decimals),
                        "\(value) with \(decimals) decimals")
            }
        }
        #expect(NumberFormat.fixed(0.05, maxDecimals: 2) == "0.05")
        #expect(NumberFormat.fixed(-0.5, maxDecimals: 3) == "-0.5")
        #expect(NumberFormat.fixed(1234.5678, maxDecimals: 2) == "1234.57")
    }
}
