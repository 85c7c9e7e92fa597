import Testing
@testable import Experiments

/// The statistics over a block's seeds and how a mean ± sd is written.
@Suite struct SeedStatisticTests {
    @Test func meanAndSpreadFormatting() {
        #expect(SpreadFormat.meanSD(0.9321, 0.0043, style: .percent) == "93.21 ± 0.43 %")
        #expect(SpreadFormat.meanSD(0.4171, 0.031, style: .plain) == "0.417 ± 0.031")
        #expect(SpreadFormat.meanSD(12.5, 0, style: .plain, unit: "ms") == "12.50 ± 0.00 ms")
        #expect(SpreadFormat.meanSD(3.1e-11, 1e-12, style: .plain) == "3.1×10⁻¹¹ ± 1×10⁻¹²")
        #expect(SpreadFormat.meanSD(4.2, 0.5, style: .plain, unit: "×") == "4.20 ± 0.50×")
    }

    @Test func statistics() throws {
        #expect(try SeedStatistic.max.apply([.integer(3), .integer(5)]) == .integer(5))
        #expect(try SeedStatistic.mean.apply([.integer(3), .integer(4)]) == .number(3.5))
        #expect(throws: SeedStatisticError.self) { try SeedStatistic.mean.apply([.string("a"), .string("b")]) }
        #expect(try SeedStatistic.mean.apply([.string("a"), .string("a")]) == .string("a"))
        #expect(try SeedStatistic.sd.apply([.number(1)]) == .number(0))
        #expect(try SeedStatistic.max.apply([.number(.nan), .number(0.4), .number(0.5)]) == .number(0.5))
        #expect(try SeedStatistic.min.apply([.number(0.4), .number(.nan)]) == .number(0.4))
        #expect(try SeedStatistic.mean.apply([.number(0.4), .number(.nan)]).doubleValue!.isNaN)
        #expect(throws: SeedStatisticError.self) { try SeedStatistic.mean.apply([.numbers([1, 2]), .numbers([1])]) }
    }
}
