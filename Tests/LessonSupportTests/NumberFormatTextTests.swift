import Testing
@testable import LessonSupport

@Suite struct NumberFormatTextTests {
    let minus = "\u{2212}"

    @Test func significantUsesTheTrueMinusAndSuperscripts() {
        #expect(NumberFormat.significant(-0.5) == "\(minus)0.5")
        #expect(NumberFormat.significant(9.552e-12) == "9.552×10⁻¹²")
        #expect(NumberFormat.significant(9.552e-12, digits: 2) == "9.6×10⁻¹²")
        #expect(NumberFormat.significant(0.0009999) == "9.999×10⁻⁴")
        #expect(NumberFormat.significant(0.001234) == "0.001234")
        #expect(NumberFormat.significant(123_456.7) == "123500")
        #expect(NumberFormat.significant(-42) == "\(minus)42")
    }

    @Test func notANumberIsNeverNan() {
        for text in [NumberFormat.significant(.nan), NumberFormat.significant(-Double.nan),
                     NumberFormat.decimal(-.nan, decimals: 2), NumberFormat.percent(.nan),
                     NumberFormat.scientific(-.nan, decimals: 1)] {
            #expect(text == "NaN")
        }
        #expect(NumberFormat.percent(-.infinity) == "\(minus)∞")
    }

    @Test func decimalKeepsItsZerosAndNeverShowsMinusZero() {
        #expect(NumberFormat.decimal(0.25, decimals: 3) == "0.250")
        #expect(NumberFormat.decimal(-1, decimals: 2) == "\(minus)1.00")
        #expect(NumberFormat.decimal(-0.0004, decimals: 3) == "0.000")
        #expect(NumberFormat.decimal(12.5, decimals: 0) == "13")
        #expect(NumberFormat.percent(0.97419, decimals: 1) == "97.4 %")
        #expect(NumberFormat.scientific(12_345, decimals: 2) == "1.23×10⁴")
        #expect(NumberFormat.scientific(-0.000_099_96, decimals: 2) == "\(minus)1.00×10⁻⁴")
    }

    @Test func aColumnGetsOnePrecision() {
        // The example: three cells, three precisions.
        let column = ColumnFormat(fitting: [0.659, 0.2424, 0.09857])
        #expect([0.659, 0.2424, 0.09857].map(column.format) == ["0.6590", "0.2424", "0.0986"])
        let whole = ColumnFormat(fitting: [1, 5, 20, 100])
        #expect([1, 5, 20, 100].map(whole.format) == ["1", "5", "20", "100"])
        let mixed = ColumnFormat(fitting: [1, 0.25, -0.5])
        #expect([1, 0.25, -0.5].map(mixed.format) == ["1.000", "0.250", "\(minus)0.500"])
        #expect(ColumnFormat(fitting: [0.3165, 0.000102]).format(0.000102) == "1.02×10⁻⁴")
        let wide = ColumnFormat(fitting: [3.1e-9, 0.5])
        #expect(wide.style == .scientific(decimals: 2))
        #expect(ColumnFormat(fitting: [0.974, 0.9812], percent: true).format(0.974) == "97.4 %")
    }
}

/// Found by the release-configuration fuzzer: `=99990925555555555555555555555555555555:%`
/// crashed `decimal` with a negative repeat count, because values beyond 2⁵³
/// were written as "9.99e+39".
@Suite struct HugeNumberFormatTests {
    @Test func hugeValuesKeepAllTheirDigits() {
        #expect(NumberFormat.decimal(1e16, decimals: 2) == "10000000000000000.00")
        #expect(NumberFormat.decimal(1e39, decimals: 1) == "999999999999999939709166371603178586112.0")
        #expect(NumberFormat.decimal(-Double(1 << 60), decimals: 0) == "\u{2212}1152921504606846976")
        #expect(NumberFormat.percent(9.999092555555556e37).hasSuffix(".0 %"))
        #expect(NumberFormat.fixed(Double.greatestFiniteMagnitude, maxDecimals: 3).count == 309)
    }

    @Test func integerDigitsMatchTheIntegerBelowTwoToThe64() {
        for value: UInt64 in [1, 9, 1 << 53, (1 << 53) + 2, 1 << 63, UInt64.max - 2047] {
            #expect(NumberFormat.integerDigits(Double(value)) == String(value))
        }
    }
}
