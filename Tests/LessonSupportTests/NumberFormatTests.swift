import Testing
@testable import LessonSupport

@Suite struct NumberFormatTests {
    @Test(arguments: [
        (12.3456, "12.35"), (1.5, "1.5"), (2.0, "2"), (-1.25, "-1.25"), (-0.001, "0"), (-0.0, "0"),
        (0.005, "0.01"), (100.0, "100"), (0.1 + 0.2, "0.3"), (123_456.789, "123456.79"),
    ])
    func fixedCoordinates(value: Double, expected: String) {
        #expect(NumberFormat.fixed(value, maxDecimals: 2) == expected)
    }

    @Test func fixedHandlesExtremes() {
        #expect(NumberFormat.fixed(.nan, maxDecimals: 2) == "NaN")
        #expect(NumberFormat.fixed(1e20, maxDecimals: 2) == "100000000000000000000")
        #expect(NumberFormat.fixed(0.000_123, maxDecimals: 6) == "0.000123")
    }

    @Test func tickLabelsUseJustEnoughDecimals() {
        #expect(NumberFormat.tickLabels([0, 0.25, 0.5, 0.75, 1], stepExponent: -2) == ["0", "0.25", "0.5", "0.75", "1"])
        #expect(NumberFormat.tickLabels([0.4, 0.6, 0.8], stepExponent: -1) == ["0.4", "0.6", "0.8"])
        #expect(NumberFormat.tickLabels([0, 0.001, 0.002], stepExponent: -3) == ["0", "0.001", "0.002"])
    }

    @Test func tickLabelsUseSuffixesFromAThousand() {
        #expect(NumberFormat.tickLabels([0, 500, 1000, 1500, 2000], stepExponent: 2) == ["0", "500", "1k", "1.5k", "2k"])
        #expect(NumberFormat.tickLabels([2e6, 2.5e6, 3e6], stepExponent: 5) == ["2M", "2.5M", "3M"])
        #expect(NumberFormat.tickLabels([1e9, 1e12], stepExponent: 9) == ["1G", "1T"])
    }

    @Test func tickLabelsNeverShowNegativeZero() {
        let labels = NumberFormat.tickLabels([-0.5, -1e-17, 0.5], stepExponent: -1)
        #expect(labels == ["\u{2212}0.5", "0", "0.5"])
        #expect(!labels.contains { $0.contains("-") })
    }

    @Test func tinyAndHugeAxesUseScientificNotation() {
        #expect(NumberFormat.tickLabels([0, 2e-5, 4e-5, 1e-4], stepExponent: -5) == ["0", "2×10⁻⁵", "4×10⁻⁵", "1×10⁻⁴"])
        #expect(NumberFormat.tickLabels([0, 5e15, 1e16], stepExponent: 15) == ["0", "5×10¹⁵", "1×10¹⁶"])
    }

    @Test func decades() {
        #expect(NumberFormat.decade(-3, superscript: false) == "0.001")
        #expect(NumberFormat.decade(0, superscript: false) == "1")
        #expect(NumberFormat.decade(2, superscript: false) == "100")
        #expect(NumberFormat.decade(3, superscript: false) == "1k")
        #expect(NumberFormat.decade(7, superscript: false) == "10M")
        #expect(NumberFormat.decade(-5, superscript: true) == "10⁻⁵")
        #expect(NumberFormat.decade(12, superscript: true) == "10¹²")
    }

    @Test(arguments: [
        (0.001_234_5, "0.00123"), (0.25, "0.25"), (12.345, "12.3"), (1234.0, "1.23k"), (999.7, "1k"),
        (2_500_000.0, "2.5M"), (-0.5, "\u{2212}0.5"), (0.0, "0"), (3e-7, "3×10⁻⁷"), (1.0, "1"),
    ])
    func compact(value: Double, expected: String) {
        #expect(NumberFormat.compact(value) == expected)
    }

    @Test func compactNonFinite() {
        #expect(NumberFormat.compact(.nan) == "NaN")
        #expect(NumberFormat.compact(.infinity) == "∞")
        #expect(NumberFormat.compact(-.infinity) == "\u{2212}∞")
    }

    @Test func exponentIsExactAtPowersOfTen() {
        for k in -20...20 {
            #expect(NumberFormat.exponent10(NumberFormat.power10(k)) == k)
            #expect(NumberFormat.exponent10(NumberFormat.power10(k) * 0.999_999) == k - 1)
        }
    }
}
