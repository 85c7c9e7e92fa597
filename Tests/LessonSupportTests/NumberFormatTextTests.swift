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
        let wide = ColumnFormat(fitting: [3.1e-9, 0.5])
        #expect(wide.style == .scientific(decimals: 2))
        #expect(ColumnFormat(fitting: [0.974, 0.9812], percent: true).format(0.974) == "97.4 %")
    }
}
