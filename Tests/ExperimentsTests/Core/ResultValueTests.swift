import Testing
@testable import Experiments

@Suite struct ResultValueTests {
    @Test(arguments: [
        (0.41703, "0.417"), (0.6590011, "0.659"), (1234.5678, "1235"), (3.0, "3"), (1e-7, "1×10⁻⁷"),
        (1.23456e-5, "1.235×10⁻⁵"), (2.5e8, "2.5×10⁸"), (-0.5, "\u{2212}0.5"), (0.0, "0"), (99.99, "99.99"),
        (.nan, "NaN"), (-.infinity, "\u{2212}∞"), (999.97, "1000"), (-1.391e-11, "\u{2212}1.391×10⁻¹¹"),
    ])
    func formatsNumbers(value: Double, text: String) {
        #expect(ResultValue.format(value) == text)
    }

    @Test func looksUpPaths() {
        var inner = Record()
        inner["accuracy"] = .number(0.9)
        var row = Record()
        row["key"] = .string("100")
        row["accuracy"] = .number(0.95)
        var record = Record()
        record["mc"] = .record(inner)
        record["rows"] = .list([.record(row)])
        let value = ResultValue.record(record)
        #expect(value.lookup([.key("mc"), .key("accuracy")]) == .number(0.9))
        #expect(value.lookup([.key("rows"), .index(0), .key("accuracy")]) == .number(0.95))
        #expect(value.lookup([.key("rows"), .key("100"), .key("accuracy")]) == .number(0.95))
        #expect(value.lookup([.key("rows"), .index(-1), .key("accuracy")]) == .number(0.95))
        #expect(value.lookup([.key("rows"), .index(3)]) == nil)
        #expect(value.lookup([.key("nope")]) == nil)
    }
}
