import Testing
@testable import Experiments

/// The kinds' reports write numbers one way, through `NumberFormat`.
@Suite struct ReportFormatTests {
    @Test func numbersPercentagesAndTimes() {
        #expect(ReportFormat.number(0.41712) == "0.417")
        #expect(ReportFormat.number(.nan) == "–")
        #expect(ReportFormat.percent(0.9742) == "97.4 %")
        #expect(ReportFormat.percent(0.004512, decimals: 2) == "0.45 %")
        // A true minus sign, as in charts and prose (String(format:) wrote a hyphen).
        #expect(ReportFormat.percent(-0.25) == "\u{2212}25.0 %")
        #expect(ReportFormat.percent(.nan) == "–")
        #expect(ReportFormat.percent(.infinity) == "∞")
        #expect(ReportFormat.milliseconds(0.01234) == "12.3 ms")
        #expect(ReportFormat.milliseconds(0.01234, unit: false) == "12.3")
    }

    @Test func cellsKeepTheirValueUnlessThereIsNone() {
        let loss = ResultTable.Cell.number(0.41712)
        #expect(loss.text == "0.417" && loss.value == 0.41712 && loss.style == .plain)
        let accuracy = ResultTable.Cell.percent(0.9742)
        #expect(accuracy.text == "97.4 %" && accuracy.value == 0.9742 && accuracy.style == .percent)
        #expect(ResultTable.Cell.number(.nan).text == "–" && ResultTable.Cell.number(.nan).value == nil)
        #expect(ResultTable.Cell.number(.nan) == .missing && ResultTable.Cell.percent(.nan) == .missing)
        #expect(ResultTable.Cell.percent(.infinity).value == nil && !ResultTable.Cell.percent(.infinity).isMissing)
    }

    @Test func aDivergedRowFillsTheTable() {
        let row = ResultTable.Cell.divergedRow("lr = 10", count: 7)
        #expect(row.count == 7)
        #expect(row.map(\.text) == ["lr = 10", "diverged", "–", "–", "–", "–", "–"])
        #expect(row.map(\.isMissing) == [false, false, true, true, true, true, true])
        #expect(row[1].tone == .bad)
    }
}
